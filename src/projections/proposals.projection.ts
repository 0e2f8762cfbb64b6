import Database from 'better-sqlite3';
import { ProposalEvent } from '../events/decision-events';
import { ReadPolicy } from '../platform/access/readers';
import { Projection, idInStream, rowUpdater, statement } from '../platform/kernel/projection';
import { readableIds, replaceReaders } from '../platform/projections/readers-table';

/** A row of `rm_proposals`, as the DDL below defines it. */
export interface ProposalRow {
  proposal_id: string;
  committee_id: string;
  receiver_id: string;
  /** JSON array: every receiver it has had. */
  receiver_ids: string;
  route: string;
  item_kind: string;
  title: string;
  decision_id: string | null;
  status: string;
  answer: string | null;
  transferred_at: string;
  answered_at: string | null;
  revision: number;
  updated_at: string;
}

const DDL = `
  CREATE TABLE IF NOT EXISTS rm_proposals (
    proposal_id TEXT PRIMARY KEY,
    committee_id TEXT NOT NULL,
    receiver_id TEXT NOT NULL,
    receiver_ids TEXT NOT NULL,
    route TEXT NOT NULL,
    item_kind TEXT NOT NULL,
    title TEXT NOT NULL,
    decision_id TEXT,
    status TEXT NOT NULL,
    answer TEXT,
    transferred_at TEXT NOT NULL,
    answered_at TEXT,
    revision INTEGER NOT NULL,
    updated_at TEXT NOT NULL);`;

/** The facts of the read policy: the committee and every receiver. */
export interface ProposalReaders {
  committeeId: string;
  receiverIds: readonly string[];
}

/** Committee-initiated proposals as the list shows them, with who reads them. */
export const proposalsProjection = (
  policy: ReadPolicy<ProposalReaders>,
): Projection<ProposalEvent> => ({
  name: 'proposals',
  version: 1,
  tables: ['rm_proposals'],
  recordTypes: [policy.recordType],
  handles: [
    'LegislativeProposalTransferred',
    'ProposalArgued',
    'ProposalAnswered',
    'ProposalRerouted',
  ],

  setUp(db) {
    db.exec(DDL);
  },

  apply(db, event, recorded) {
    const id = idInStream('proposal', recorded.streamId);
    if (id === null) return;
    const at = recorded.metadata.occurredAt;
    const update = rowUpdater(db, 'rm_proposals', 'proposal_id', id, recorded);
    switch (event.type) {
      case 'LegislativeProposalTransferred': {
        const d = event.data;
        statement(
          db,
          `INSERT OR REPLACE INTO rm_proposals VALUES
             (?, ?, ?, ?, ?, ?, ?, ?, 'transferred', NULL, ?, NULL, ?, ?)`,
        ).run(
          id,
          d.committeeId,
          d.receiverId,
          JSON.stringify([d.receiverId]),
          d.route,
          d.itemKind,
          d.title,
          d.decisionId,
          d.transferredAt,
          recorded.revision,
          at,
        );
        replaceReaders(
          db,
          policy.recordType,
          id,
          policy.readers({ committeeId: d.committeeId, receiverIds: [d.receiverId] }),
          true,
        );
        break;
      }
      case 'ProposalArgued':
        update("status = 'argued'");
        break;
      case 'ProposalAnswered':
        update(
          "status = 'answered', answer = ?, answered_at = ?",
          event.data.answer,
          event.data.answeredAt,
        );
        break;
      case 'ProposalRerouted': {
        const row = statement<[string], ProposalRow>(
          db,
          'SELECT * FROM rm_proposals WHERE proposal_id = ?',
        ).get(id);
        if (!row) return;
        const receiverIds = [...(JSON.parse(row.receiver_ids) as string[]), event.data.receiverId];
        update(
          "status = 'transferred', receiver_id = ?, receiver_ids = ?, route = ?",
          event.data.receiverId,
          JSON.stringify(receiverIds),
          event.data.route,
        );
        replaceReaders(
          db,
          policy.recordType,
          id,
          policy.readers({ committeeId: row.committee_id, receiverIds }),
        );
        break;
      }
    }
  },
});

export interface ProposalFilter {
  status: string | null;
  route: string | null;
  /** Keyset: after this (transferred_at, proposal_id), newest first. */
  after: [string, string] | null;
  limit: number;
  principals: string;
  reasons: string | null;
}

const LIST_SQL = `
  SELECT p.* FROM rm_proposals p
  WHERE p.proposal_id IN (${readableIds('proposal')})
    AND (@status IS NULL OR p.status = @status)
    AND (@route IS NULL OR p.route = @route)
    AND (@after IS NULL OR (p.transferred_at, p.proposal_id) < (@k0, @k1))
  ORDER BY p.transferred_at DESC, p.proposal_id DESC
  LIMIT @limit`;

/** The proposals the caller reads, newest first. */
export function readProposals(db: Database.Database, filter: ProposalFilter): ProposalRow[] {
  return statement<[Record<string, unknown>], ProposalRow>(db, LIST_SQL).all({
    principals: filter.principals,
    reasons: filter.reasons,
    status: filter.status,
    route: filter.route,
    after: filter.after ? 1 : null,
    k0: filter.after?.[0] ?? null,
    k1: filter.after?.[1] ?? null,
    limit: filter.limit,
  });
}
