import Database from 'better-sqlite3';
import { DomainEvent, RecordedEvent } from '../../events/envelope';

/**
 * A read model fed from the global log. `apply` runs inside the runner's transaction together
 * with the checkpoint update, so a read model never gets ahead of or behind its checkpoint; a
 * projection may hold changes in memory during a batch and write them in `flush`, called before
 * that transaction commits.
 */
export interface Projection<Event extends DomainEvent = DomainEvent> {
  readonly name: string;
  /** Raised whenever the tables or what goes into them change: start-up then rebuilds it. */
  readonly version: number;
  /** The tables it owns: dropped and created again when the version changes. */
  readonly tables: readonly string[];
  /** The record types whose rows in `readers` it writes; cleared with its tables. */
  readonly recordTypes?: readonly string[];
  /** The event types it reads; others are not passed to `apply`. */
  readonly handles: readonly Event['type'][];
  /** Creates its tables (CREATE … IF NOT EXISTS). */
  setUp(db: Database.Database): void;
  apply(db: Database.Database, event: Event, recorded: RecordedEvent): void;
  flush?(db: Database.Database): void;
}

const cache = new WeakMap<Database.Database, Map<string, Database.Statement<unknown[], unknown>>>();

/** A prepared statement, prepared once per connection: projections run the same few SQL often. */
export function statement<Params extends unknown[] = unknown[], Row = unknown>(
  db: Database.Database,
  sql: string,
): Database.Statement<Params, Row> {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let prepared = statements.get(sql);
  if (!prepared) statements.set(sql, (prepared = db.prepare(sql)));
  return prepared as unknown as Database.Statement<Params, Row>;
}

/** The id in a stream named `<aggregate>-<id>`; null for another aggregate's stream. */
export function idInStream(aggregate: string, streamId: string): string | null {
  const prefix = `${aggregate}-`;
  return streamId.length > prefix.length && streamId.startsWith(prefix)
    ? streamId.slice(prefix.length)
    : null;
}

/**
 * Updates the row an event is about: `set` with its values (none just touches it), and the
 * `revision` and `updated_at` every list row keeps, from the recorded event.
 */
export function rowUpdater(
  db: Database.Database,
  table: string,
  key: string,
  id: string,
  recorded: RecordedEvent,
): (set?: string, ...values: unknown[]) => void {
  return (set, ...values) => {
    statement(
      db,
      `UPDATE ${table} SET ${set ? `${set}, ` : ''}revision = ?, updated_at = ? WHERE ${key} = ?`,
    ).run(...values, recorded.revision, recorded.metadata.occurredAt, id);
  };
}
