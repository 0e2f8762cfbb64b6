import Database from 'better-sqlite3';
import { LinkEvent } from '../events/link-events';
import { ReadPolicy } from '../platform/access/readers';
import { Projection, idInStream, statement } from '../platform/kernel/projection';
import { readableIds, replaceReaders } from '../platform/projections/readers-table';

/** A row of `rm_links`, as the DDL below defines it. */
export interface LinkRow {
  link_id: string;
  type: string;
  from_kind: string;
  from_id: string;
  from_point: number | null;
  to_kind: string;
  to_id: string;
  to_point: number | null;
  rationale: string;
  active: number;
  established_at: string;
  removed_at: string | null;
  removal_reason: string | null;
  legislature_id: string;
  committee_id: string;
  revision: number;
}

const DDL = `
  CREATE TABLE IF NOT EXISTS rm_links (
    link_id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    from_kind TEXT NOT NULL,
    from_id TEXT NOT NULL,
    from_point INTEGER,
    to_kind TEXT NOT NULL,
    to_id TEXT NOT NULL,
    to_point INTEGER,
    rationale TEXT NOT NULL,
    active INTEGER NOT NULL,
    established_at TEXT NOT NULL,
    removed_at TEXT,
    removal_reason TEXT,
    legislature_id TEXT NOT NULL,
    committee_id TEXT NOT NULL,
    revision INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS rm_links_from ON rm_links (from_id, from_kind);
  CREATE INDEX IF NOT EXISTS rm_links_to ON rm_links (to_id, to_kind);`;

/**
 * Typed links, one row per link with both ends, active or removed, readable by the legislature
 * and the committee of their level (the feature's read policy).
 */
export const linksProjection = (
  policy: ReadPolicy<{ legislatureId: string; committeeId: string }>,
): Projection<LinkEvent> => ({
  name: 'links',
  version: 1,
  tables: ['rm_links'],
  recordTypes: [policy.recordType],
  handles: ['LinkEstablished', 'LinkRemoved'],

  setUp(db) {
    db.exec(DDL);
  },

  apply(db, event, recorded) {
    const id = idInStream('link', recorded.streamId);
    if (id === null) return;
    if (event.type === 'LinkEstablished') {
      const d = event.data;
      statement(
        db,
        `INSERT OR REPLACE INTO rm_links VALUES
           (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, NULL, NULL, ?, ?, ?)`,
      ).run(
        id,
        d.type,
        d.from.kind,
        d.from.id,
        d.from.point,
        d.to.kind,
        d.to.id,
        d.to.point,
        d.rationale,
        d.establishedAt,
        d.legislatureId,
        d.committeeId,
        recorded.revision,
      );
      replaceReaders(db, policy.recordType, id, policy.readers(d), recorded.revision === 0);
      return;
    }
    statement(
      db,
      `UPDATE rm_links SET active = 0, removed_at = ?, removal_reason = ?, revision = ?
         WHERE link_id = ?`,
    ).run(event.data.removedAt, event.data.reason, recorded.revision, id);
  },
});

/** What a links query selects by; every one only among the links the caller reads. */
export interface LinkFilter {
  /** Either end of this record (a submission's kind also matches its opinion points). */
  recordKind: string | null;
  recordId: string | null;
  type: string | null;
  active: boolean | null;
  /** Keyset: after this (established_at, link_id). */
  after: [string, string] | null;
  limit: number;
  principals: string;
  reasons: string | null;
}

const KIND_MATCH = (side: 'from' | 'to') =>
  `(@kind IS NULL OR l.${side}_kind = @kind
     OR (@kind = 'submission' AND l.${side}_kind = 'opinion_point'))`;

/**
 * The record types whose readers a link's end must also have the caller among: a link shows a
 * committee decision, a proposal or a submission only to those who read it (a link between two
 * decisions not yet transmitted stays the committee's). Ends of other kinds are read as the link
 * is, by the legislature and the committee of its level.
 */
const GUARDED_KINDS = `('decision', 'proposal', 'submission', 'opinion_point')`;
const END_READABLE = (side: 'from' | 'to') =>
  `(l.${side}_kind NOT IN ${GUARDED_KINDS} OR EXISTS (SELECT 1 FROM readers e
     WHERE e.principal IN (SELECT value FROM json_each(@principals))
       AND e.record_type = CASE l.${side}_kind WHEN 'opinion_point' THEN 'submission'
                                               ELSE l.${side}_kind END
       AND e.record_id = l.${side}_id))`;
const ENDS_READABLE = `${END_READABLE('from')} AND ${END_READABLE('to')}`;

const LINKS_SQL = `
  SELECT l.* FROM rm_links l
  WHERE l.link_id IN (${readableIds('link')})
    AND (@id IS NULL
         OR (l.from_id = @id AND ${KIND_MATCH('from')})
         OR (l.to_id = @id AND ${KIND_MATCH('to')}))
    AND (@id IS NOT NULL OR @kind IS NULL OR ${KIND_MATCH('from')} OR ${KIND_MATCH('to')})
    AND (@type IS NULL OR l.type = @type)
    AND (@active IS NULL OR l.active = @active)
    AND ${ENDS_READABLE}
    AND (@after IS NULL OR (l.established_at, l.link_id) > (@k0, @k1))
  ORDER BY l.established_at, l.link_id
  LIMIT @limit`;

/**
 * The links the caller reads (and whose guarded ends it reads), at either end of a record or all
 * of them, oldest first.
 */
export function readLinks(db: Database.Database, filter: LinkFilter): LinkRow[] {
  return statement<[Record<string, unknown>], LinkRow>(db, LINKS_SQL).all({
    principals: filter.principals,
    reasons: filter.reasons,
    kind: filter.recordKind,
    id: filter.recordId,
    type: filter.type,
    active: filter.active === null ? null : filter.active ? 1 : 0,
    after: filter.after ? 1 : null,
    k0: filter.after?.[0] ?? null,
    k1: filter.after?.[1] ?? null,
    limit: filter.limit,
  });
}

/** One link, if the caller reads it. */
export function readLink(
  db: Database.Database,
  linkId: string,
  principals: string,
): LinkRow | undefined {
  return statement<[Record<string, unknown>], LinkRow>(
    db,
    `SELECT l.* FROM rm_links l
      WHERE l.link_id = @id AND l.link_id IN (${readableIds('link')}) AND ${ENDS_READABLE}`,
  ).get({ id: linkId, principals, reasons: null });
}
