import Database from 'better-sqlite3';
import { ActorContext } from '../access/actor';
import { Reader, principalsOf } from '../access/readers';
import { statement } from '../kernel/projection';

/** Finds a caller's records: every list starts from it. */
export const READERS_INDEX_DDL = `CREATE INDEX IF NOT EXISTS readers_by_principal
  ON readers (principal, record_type, reason, record_id)`;

/** Who may read each record, written by the projections, joined by every query. */
export const READERS_DDL = `
  CREATE TABLE IF NOT EXISTS readers (
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    principal TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (record_type, record_id, principal, reason)) WITHOUT ROWID;
  ${READERS_INDEX_DDL};`;

/**
 * While a replay writes readers in bulk, the principal index is left out and built once at the
 * end: one sorted build instead of an index insertion per row.
 */
export function withoutReadersIndex(db: Database.Database): () => void {
  db.exec('DROP INDEX IF EXISTS readers_by_principal');
  return () => db.exec(READERS_INDEX_DDL);
}

/** Replaces a record's readers with those its policy names now (`isNew`: none stored yet). */
export function replaceReaders(
  db: Database.Database,
  recordType: string,
  recordId: string,
  readers: readonly Reader[],
  isNew = false,
): void {
  if (!isNew) {
    statement(db, 'DELETE FROM readers WHERE record_type = ? AND record_id = ?').run(
      recordType,
      recordId,
    );
  }
  const insert = statement(db, 'INSERT OR IGNORE INTO readers VALUES (?, ?, ?, ?)');
  for (const reader of readers) insert.run(recordType, recordId, reader.principal, reader.reason);
}

export function clearReaders(db: Database.Database, recordTypes: readonly string[]): void {
  for (const type of recordTypes) {
    db.prepare('DELETE FROM readers WHERE record_type = ?').run(type);
  }
}

/**
 * The one SQL condition every list, detail, search, export and dashboard query uses: the record
 * in `idColumn` is readable by the caller (for one of `reasons`, when given). Its parameters are
 * `@principals` (JSON array) and `@reasons` (JSON array or null); `readerParams` supplies them.
 */
export function readableBy(recordType: string, idColumn: string, reason?: string): string {
  if (!/^[a-z_]+$/.test(recordType) || !/^[\w.]+$/.test(idColumn)) {
    throw new Error(`Not a record type or column: ${recordType} ${idColumn}`);
  }
  if (reason !== undefined && !/^([\w.]+|'[a-z_]+')$/.test(reason)) {
    throw new Error(`Not a reason column or value: ${reason}`);
  }
  // With `reason` (a column or a quoted value), for that one reason row by row, not @reasons.
  const why =
    reason === undefined
      ? '(@reasons IS NULL OR r.reason IN (SELECT value FROM json_each(@reasons)))'
      : `r.reason = ${reason}`;
  return `EXISTS (SELECT 1 FROM readers r
    WHERE r.principal IN (SELECT value FROM json_each(@principals))
      AND r.record_type = '${recordType}' AND r.record_id = ${idColumn}
      AND ${why})`;
}

export function readerParams(
  actor: ActorContext,
  reasons: readonly string[] | null = null,
): { principals: string; reasons: string | null } {
  return {
    principals: JSON.stringify(principalsOf(actor)),
    reasons: reasons ? JSON.stringify(reasons) : null,
  };
}

/**
 * The ids of the records of `recordType` the caller reads (for one of `reasons`, when given):
 * lists select from it, so the principal index finds a caller's records without a scan.
 * Same parameters as `readableBy`.
 */
export function readableIds(recordType: string): string {
  if (!/^[a-z_]+$/.test(recordType)) throw new Error(`Not a record type: ${recordType}`);
  return `SELECT DISTINCT r.record_id FROM readers r
    WHERE r.principal IN (SELECT value FROM json_each(@principals))
      AND r.record_type = '${recordType}'
      AND (@reasons IS NULL OR r.reason IN (SELECT value FROM json_each(@reasons)))`;
}
