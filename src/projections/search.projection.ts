import Database from 'better-sqlite3';
import { RecordedEvent } from '../events/envelope';
import { DecisionEvent } from '../events/decision-events';
import { ItemEvent } from '../events/item-events';
import { SubmissionEvent } from '../events/submission-events';
import { Projection, idInStream, statement } from '../platform/kernel/projection';
import { readableBy } from '../platform/projections/readers-table';

/** The records search finds; each kind is also the `record_type` of its readers. */
export const SEARCH_KINDS = ['submission', 'decision', 'item'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** A row of `search_records`, as the DDL below defines it: the text `search_fts` indexes. */
export interface SearchRecordRow {
  rowid: number;
  kind: SearchKind;
  record_id: string;
  /** When the record was created: results of one tier come newest first. */
  recorded_at: string;
  classification: string | null;
  /** The number the record is known by (文号, or an item's announcement number). */
  document_number: string | null;
  /** JSON object of every number it carries, by name: `numbers` is built from it. */
  number_parts: string;
  title: string;
  /** Every number, one a line. */
  numbers: string;
  summary: string;
  body: string;
  /** An opinion's numbered points, one a line. */
  points: string;
}

/**
 * `search_fts` indexes `search_records` (external content, so the text is stored once) with the
 * trigram tokenizer: any substring of three or more characters is found, Chinese included,
 * without word segmentation. `search_bigrams` (contentless: tokens only) finds the shorter
 * terms of letters and digits; any other short term (`〔2`) is matched over the text (`instr`)
 * of the records the caller reads.
 */
const DDL = `
  CREATE TABLE IF NOT EXISTS search_records (
    rowid INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    classification TEXT,
    document_number TEXT,
    number_parts TEXT NOT NULL,
    title TEXT NOT NULL,
    numbers TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    points TEXT NOT NULL,
    UNIQUE (kind, record_id));
  CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    title, numbers, summary, body, points,
    content = 'search_records', content_rowid = 'rowid', tokenize = 'trigram');
  CREATE VIRTUAL TABLE IF NOT EXISTS search_bigrams USING fts5(
    grams, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0');`;

/**
 * The same text as tokens of two characters, for the terms trigram cannot look up: every run
 * of letters and digits as its overlapping pairs, then its last character alone, so every
 * character starts a token. A two-character term is then one token (立法), a one-character term
 * a prefix query (法*), and both find exactly the substrings `instr` would.
 */
export function bigramsOf(text: string): string {
  const tokens: string[] = [];
  for (const run of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = Array.from(run);
    for (let i = 0; i < chars.length - 1; i++) tokens.push(chars[i] + chars[i + 1]);
    tokens.push(chars[chars.length - 1]);
  }
  return tokens.join(' ');
}

const gramsOf = (row: SearchRecordRow) => bigramsOf(TEXT_COLUMNS.map((c) => row[c]).join('\n'));

const TEXT_COLUMNS = ['title', 'numbers', 'summary', 'body', 'points'] as const;

/**
 * A `secret` (机密) submission is indexed by its title and numbers only, which every list shows
 * its readers anyway: its summary, body and opinion points are kept out of the index and so out
 * of every snippet, whoever searches.
 */
export function textIndexed(classification: string | null): boolean {
  return classification !== 'secret';
}

type Handled = SubmissionEvent | DecisionEvent | ItemEvent;

/** The row as stored (for the index's delete) and as it is now. */
interface Buffered {
  stored: SearchRecordRow | null;
  row: SearchRecordRow;
}

/** Rows touched in one batch, written once at the flush: a draft and its amendments, one write. */
class SearchBuffer {
  readonly rows = new Map<string, Buffered>();

  get(db: Database.Database, kind: SearchKind, id: string): SearchRecordRow | undefined {
    const key = `${kind}:${id}`;
    let buffered = this.rows.get(key);
    if (!buffered) {
      const stored = statement<[string, string], SearchRecordRow>(
        db,
        'SELECT * FROM search_records WHERE kind = ? AND record_id = ?',
      ).get(kind, id);
      if (!stored) return undefined;
      buffered = { stored, row: { ...stored } };
      this.rows.set(key, buffered);
    }
    return buffered.row;
  }

  create(row: Omit<SearchRecordRow, 'rowid'>, db: Database.Database): void {
    const existing = this.get(db, row.kind, row.record_id);
    if (existing) Object.assign(existing, row);
    else this.rows.set(`${row.kind}:${row.record_id}`, { stored: null, row: { rowid: 0, ...row } });
  }

  flush(db: Database.Database): void {
    const remove = statement(
      db,
      `INSERT INTO search_fts (search_fts, rowid, ${TEXT_COLUMNS.join(', ')})
       VALUES ('delete', ?, ?, ?, ?, ?, ?)`,
    );
    const index = statement(
      db,
      `INSERT INTO search_fts (rowid, ${TEXT_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const removeGrams = statement(db, 'DELETE FROM search_bigrams WHERE rowid = ?');
    const indexGrams = statement(db, 'INSERT INTO search_bigrams (rowid, grams) VALUES (?, ?)');
    const upsert = statement<unknown[], { rowid: number }>(
      db,
      `INSERT INTO search_records (kind, record_id, recorded_at, classification, document_number,
         number_parts, title, numbers, summary, body, points)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, record_id) DO UPDATE SET recorded_at = excluded.recorded_at,
         classification = excluded.classification, document_number = excluded.document_number,
         number_parts = excluded.number_parts, title = excluded.title, numbers = excluded.numbers,
         summary = excluded.summary, body = excluded.body, points = excluded.points
       RETURNING rowid`,
    );
    for (const { stored, row } of this.rows.values()) {
      const unchanged =
        stored && TEXT_COLUMNS.every((c) => stored[c] === row[c]) && sameMeta(stored, row);
      if (unchanged) continue;
      if (stored) {
        remove.run(stored.rowid, ...TEXT_COLUMNS.map((c) => stored[c]));
        removeGrams.run(stored.rowid);
      }
      const { rowid } = upsert.get(
        row.kind,
        row.record_id,
        row.recorded_at,
        row.classification,
        row.document_number,
        row.number_parts,
        ...TEXT_COLUMNS.map((c) => row[c]),
      )!;
      index.run(rowid, ...TEXT_COLUMNS.map((c) => row[c]));
      indexGrams.run(rowid, gramsOf(row));
    }
    this.rows.clear();
  }
}

const sameMeta = (a: SearchRecordRow, b: SearchRecordRow) =>
  a.classification === b.classification && a.document_number === b.document_number;

const buffers = new WeakMap<Database.Database, SearchBuffer>();
const bufferOf = (db: Database.Database) => {
  let buffer = buffers.get(db);
  if (!buffer) buffers.set(db, (buffer = new SearchBuffer()));
  return buffer;
};

/** Sets one of a record's numbers (null removes it) and the `numbers` text built from them. */
function setNumber(row: SearchRecordRow, name: string, value: string | null): void {
  const parts = JSON.parse(row.number_parts) as Record<string, string>;
  if (value) parts[name] = value;
  else delete parts[name];
  row.number_parts = JSON.stringify(parts);
  row.numbers = Object.values(parts).join('\n');
}

const HANDLED: Handled['type'][] = [
  'SubmissionDrafted',
  'SubmissionDraftAmended',
  'SubmissionSubmitted',
  'SubmissionReceived',
  'OpinionIssued',
  'CommitteeDecisionRecorded',
  'LegislativeItemProposed',
  'ItemPromulgated',
];

/**
 * The search index over submissions, committee decisions and legislative items: titles, every
 * document number (文号, office log number, the opinion's number, an item's announcement
 * number), summaries, bodies and opinion points — the text of a `secret` submission excepted.
 * Who finds a record is not stored here: queries join the owners' `readers` rows
 * (`searchableBy`), so a record is found exactly when its detail is readable.
 */
export const searchProjection = (): Projection<Handled> => ({
  name: 'search',
  version: 2,
  tables: ['search_fts', 'search_bigrams', 'search_records'],
  handles: HANDLED,

  setUp(db) {
    db.exec(DDL);
  },

  apply(db, event, recorded) {
    applyToIndex(db, bufferOf(db), event, recorded);
  },

  flush(db) {
    bufferOf(db).flush(db);
  },
});

function applyToIndex(
  db: Database.Database,
  buffer: SearchBuffer,
  event: Handled,
  recorded: RecordedEvent,
): void {
  const at = recorded.metadata.occurredAt;
  const blank = { number_parts: '{}', numbers: '', summary: '', body: '', points: '' };
  switch (event.type) {
    case 'SubmissionDrafted': {
      const id = idInStream('submission', recorded.streamId);
      if (!id) return;
      const d = event.data;
      const withText = textIndexed(d.classification);
      buffer.create(
        {
          ...blank,
          kind: 'submission',
          record_id: id,
          recorded_at: at,
          classification: d.classification,
          document_number: d.documentNumber,
          title: d.title,
          summary: withText ? d.summary : '',
          body: withText ? d.body : '',
        },
        db,
      );
      setNumber(buffer.get(db, 'submission', id)!, 'document', d.documentNumber);
      return;
    }
    case 'SubmissionDraftAmended': {
      const row = submissionRow(db, buffer, recorded);
      if (!row) return;
      const d = event.data;
      if (d.classification !== undefined) {
        row.classification = d.classification;
        // Made secret: what was indexed of its text goes; made less than secret, its text comes
        // back as the next amendment carries it (the index keeps no copy of secret text).
        if (!textIndexed(d.classification)) Object.assign(row, { summary: '', body: '' });
      }
      if (d.title !== undefined) row.title = d.title;
      if (d.documentNumber !== undefined) {
        row.document_number = d.documentNumber;
        setNumber(row, 'document', d.documentNumber);
      }
      if (textIndexed(row.classification)) {
        if (d.summary !== undefined) row.summary = d.summary;
        if (d.body !== undefined) row.body = d.body;
      }
      return;
    }
    case 'SubmissionSubmitted': {
      const row = submissionRow(db, buffer, recorded);
      if (!row) return;
      row.document_number = event.data.documentNumber;
      setNumber(row, 'document', event.data.documentNumber);
      return;
    }
    case 'SubmissionReceived': {
      const row = submissionRow(db, buffer, recorded);
      if (row) setNumber(row, 'officeLog', event.data.officeLogNumber);
      return;
    }
    case 'OpinionIssued': {
      const row = submissionRow(db, buffer, recorded);
      if (!row) return;
      setNumber(row, 'opinion', event.data.documentNumber);
      if (textIndexed(row.classification)) {
        row.points = event.data.points.map((p) => `${p.number}. ${p.text}`).join('\n');
      }
      return;
    }
    case 'CommitteeDecisionRecorded': {
      const id = idInStream('decision', recorded.streamId);
      if (!id) return;
      const d = event.data;
      buffer.create(
        {
          ...blank,
          kind: 'decision',
          record_id: id,
          recorded_at: at,
          classification: null,
          document_number: d.documentNumber,
          title: d.title,
          summary: d.summary,
        },
        db,
      );
      setNumber(buffer.get(db, 'decision', id)!, 'document', d.documentNumber);
      return;
    }
    case 'LegislativeItemProposed': {
      const id = idInStream('item', recorded.streamId);
      if (!id) return;
      buffer.create(
        {
          ...blank,
          kind: 'item',
          record_id: id,
          recorded_at: at,
          classification: null,
          document_number: null,
          title: event.data.title,
          summary: event.data.summary,
        },
        db,
      );
      return;
    }
    case 'ItemPromulgated': {
      const id = idInStream('item', recorded.streamId);
      const row = id ? buffer.get(db, 'item', id) : undefined;
      if (!row) return;
      row.document_number = event.data.announcementNumber;
      setNumber(row, 'announcement', event.data.announcementNumber);
      return;
    }
  }
}

function submissionRow(
  db: Database.Database,
  buffer: SearchBuffer,
  recorded: RecordedEvent,
): SearchRecordRow | undefined {
  const id = idInStream('submission', recorded.streamId);
  return id ? buffer.get(db, 'submission', id) : undefined;
}

/** A search as the query runs it, among the records the caller reads. */
export interface SearchQuery {
  /** An FTS5 expression of quoted phrases (terms of three or more characters), or null. */
  match: string | null;
  /** An FTS5 expression over `search_bigrams` (shorter terms of letters and digits), or null. */
  bigrams: string | null;
  /** JSON array of the terms shorter than three characters, matched as substrings. */
  short: string;
  /** JSON array of every term: a record whose title or numbers hold them all ranks first. */
  terms: string;
  kind: SearchKind | null;
  principals: string;
  reasons: string | null;
  /** Keyset params of `keysetParams(…, 4)`: tier, recorded_at, kind, record_id. */
  after: 1 | null;
  k0: string | number | null;
  k1: string | number | null;
  k2: string | number | null;
  k3: string | number | null;
  limit: number;
}

export interface SearchHitRow extends SearchRecordRow {
  /** 0 when every term is in the title or a number, else 1. */
  tier: number;
}

/**
 * The caller reads the record: the owner's readers rows, by the record's kind (`s`, as
 * `readableBy` names the readers `r`).
 */
const SEARCHABLE = `(${SEARCH_KINDS.map(
  (kind) => `(s.kind = '${kind}' AND ${readableBy(kind, 's.record_id')})`,
).join(' OR ')})`;

const everyTermIn = (list: string, text: string) =>
  `NOT EXISTS (SELECT 1 FROM json_each(${list}) t WHERE instr(lower(${text}), lower(t.value)) = 0)`;

const ALL_TEXT = `s.title || char(10) || s.numbers || char(10) || s.summary || char(10) || s.body || char(10) || s.points`;

/**
 * Matches are ranked on their keys alone (the title and numbers, which come first in the row),
 * and only the page's rows are read whole: a common term's thousands of bodies are not sorted.
 */
export function searchSql(withMatch: boolean, withBigrams: boolean): string {
  // The index drives (CROSS JOIN keeps it the outer loop): the planner would otherwise scan the
  // records of each kind and test them against the matches.
  const driver = withMatch ? 'search_fts' : withBigrams ? 'search_bigrams' : null;
  const from = driver
    ? `${driver} CROSS JOIN search_records s ON s.rowid = ${driver}.rowid`
    : 'search_records s';
  const matches = [
    withMatch ? 'search_fts MATCH @match AND ' : '',
    withBigrams && !withMatch ? 'search_bigrams MATCH @bigrams AND ' : '',
    withBigrams && withMatch
      ? 's.rowid IN (SELECT rowid FROM search_bigrams WHERE search_bigrams MATCH @bigrams) AND '
      : '',
  ].join('');
  return `
  SELECT s.*, page.tier FROM (
    SELECT * FROM (
      SELECT s.rowid AS hit, s.recorded_at, s.kind, s.record_id,
        CASE WHEN ${everyTermIn('@terms', `s.title || char(10) || s.numbers`)} THEN 0 ELSE 1 END AS tier
      FROM ${from}
      WHERE ${matches}(@kind IS NULL OR s.kind = @kind)
        AND ${everyTermIn('@short', ALL_TEXT)}
        AND ${SEARCHABLE})
    WHERE @after IS NULL OR tier > @k0 OR (tier = @k0 AND (recorded_at < @k1
      OR (recorded_at = @k1 AND (kind, record_id) > (@k2, @k3))))
    ORDER BY tier, recorded_at DESC, kind, record_id
    LIMIT @limit) page
  JOIN search_records s ON s.rowid = page.hit
  ORDER BY page.tier, page.recorded_at DESC, page.kind, page.record_id`;
}

/** The records the caller reads that hold every term, title and number hits first. */
export function searchRecords(db: Database.Database, query: SearchQuery): SearchHitRow[] {
  return statement<[SearchQuery], SearchHitRow>(
    db,
    searchSql(query.match !== null, query.bigrams !== null),
  ).all(query);
}
