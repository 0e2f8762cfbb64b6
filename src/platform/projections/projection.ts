import Database from 'better-sqlite3';
import { LegislinkEvent, RecordedEvent } from '../../events';

/**
 * A read model fed from the global log. `apply` runs inside the runner's transaction together
 * with the checkpoint update, so a read model never gets ahead of or behind its checkpoint.
 */
export interface Projection {
  readonly name: string;
  /** Creates the read model's tables if missing. */
  setUp(db: Database.Database): void;
  /** Empties the read model before a rebuild. */
  reset(db: Database.Database): void;
  apply(db: Database.Database, event: LegislinkEvent, recorded: RecordedEvent): void;
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
