import Database from 'better-sqlite3';
import { statement } from '../platform/kernel/projection';

/** Every version of a temporal row carries these two, besides its own columns. */
export interface Versioned {
  /** The global position (commit) from which this version holds. */
  valid_from: number;
  /** The position from which the next version (or the removal) holds; null while current. */
  valid_to: number | null;
}

/** What a temporal table keeps per key during a batch. */
interface Entry<Row> {
  /** The current version's values; null when the key has none (never had, or removed). */
  row: Row | null;
  /** `valid_from` of the current version. */
  from: number;
  /** The current version is stored in the table as the open one (valid_to NULL). */
  stored: boolean;
  /** The current version changed since it was loaded. */
  changed: boolean;
}

/**
 * A table whose rows are versioned by global log position: a change at position P closes the
 * current version (valid_to = P) and opens a new one (valid_from = P), so the table "as of P"
 * is the versions with valid_from <= P < coalesce(valid_to, ∞). Changes are buffered for a
 * batch and written when it is flushed; two changes at the same position make one version.
 */
export class TemporalTable<Row extends object> {
  private readonly entries = new Map<string, Entry<Row>>();
  /** Versions that ended within the batch: stored ones closed, unstored ones inserted closed. */
  private readonly closed: { row: Row; from: number; to: number; stored: boolean }[] = [];
  private readonly where: string;

  constructor(
    readonly table: string,
    private readonly keys: readonly (keyof Row & string)[],
    private readonly columns: readonly (keyof Row & string)[],
  ) {
    this.where = keys.map((k) => `${k} = ?`).join(' AND ');
  }

  private keyOf(values: readonly unknown[]): string {
    return values.length === 1 ? String(values[0]) : JSON.stringify(values);
  }

  private entry(db: Database.Database, keyValues: readonly unknown[]): Entry<Row> {
    const key = this.keyOf(keyValues);
    let entry = this.entries.get(key);
    if (!entry) {
      const stored = statement<unknown[], Row & Versioned>(
        db,
        `SELECT * FROM ${this.table} WHERE ${this.where} AND valid_to IS NULL`,
      ).get(...keyValues);
      entry = stored
        ? { row: stripVersion(stored), from: stored.valid_from, stored: true, changed: false }
        : { row: null, from: 0, stored: false, changed: false };
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** The current values of a key (a copy to change and `put` back), or undefined. */
  get(db: Database.Database, ...keyValues: unknown[]): Row | undefined {
    const row = this.entry(db, keyValues).row;
    return row ? { ...row } : undefined;
  }

  /** The row as of `position` becomes `row`. */
  put(db: Database.Database, row: Row, position: number): void {
    const keyValues = this.keys.map((k) => row[k]);
    const entry = this.entry(db, keyValues);
    if (entry.row && entry.from === position) {
      entry.row = row;
      entry.changed = true;
      return;
    }
    this.end(entry, position);
    entry.row = row;
    entry.from = position;
    entry.stored = false;
    entry.changed = true;
  }

  /** The key has no row from `position` on. */
  remove(db: Database.Database, position: number, ...keyValues: unknown[]): void {
    const entry = this.entry(db, keyValues);
    if (!entry.row) return;
    if (entry.from === position && !entry.stored) {
      entry.row = null;
      return;
    }
    this.end(entry, position);
    entry.row = null;
    entry.stored = false;
    entry.changed = false;
  }

  private end(entry: Entry<Row>, position: number): void {
    if (!entry.row) return;
    this.closed.push({ row: entry.row, from: entry.from, to: position, stored: entry.stored });
  }

  flush(db: Database.Database): void {
    const insert = statement(
      db,
      `INSERT OR REPLACE INTO ${this.table} (${this.columns.join(', ')}, valid_from, valid_to)
       VALUES (${this.columns.map(() => '?').join(', ')}, ?, ?)`,
    );
    const close = statement(
      db,
      `UPDATE ${this.table} SET valid_to = ? WHERE ${this.where} AND valid_from = ?`,
    );
    for (const version of this.closed) {
      if (version.stored) {
        close.run(version.to, ...this.keys.map((k) => version.row[k]), version.from);
      } else {
        insert.run(...this.columns.map((c) => version.row[c]), version.from, version.to);
      }
    }
    for (const entry of this.entries.values()) {
      if (entry.row && entry.changed) {
        insert.run(...this.columns.map((c) => entry.row![c]), entry.from, null);
      }
    }
    this.entries.clear();
    this.closed.length = 0;
  }
}

function stripVersion<Row>(stored: Row & Versioned): Row {
  const { valid_from: _from, valid_to: _to, ...row } = stored;
  return row as Row;
}

/** The SQL condition "this version holds at @at" (as of a position), or "current" when live. */
export function holds(alias: string, asOf: boolean): string {
  return asOf
    ? `(${alias}.valid_from <= @at AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > @at))`
    : `${alias}.valid_to IS NULL`;
}
