import Database from 'better-sqlite3';
import { RecordedEvent } from '../../events/envelope';
import { beijingDate } from './beijing-time';
import { Projection, statement } from './projection';

/** Each batch's days, written once per transaction rather than once per event. */
const pending = new WeakMap<Database.Database, Map<string, [number, number]>>();

/**
 * Which log positions each Beijing day spans, over every event in the log: what turns "as of
 * 2025-03-01" into a position that every time-travelling read model (linkage, dashboards)
 * answers from alike.
 */
export const logCalendarProjection = (eventTypes: readonly string[]): Projection => ({
  name: 'log-calendar',
  version: 1,
  tables: ['log_days'],
  handles: eventTypes,
  setUp(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS log_days (
      day TEXT PRIMARY KEY, first_position INTEGER NOT NULL, last_position INTEGER NOT NULL)
      WITHOUT ROWID`);
  },
  apply(db, _event, recorded: RecordedEvent) {
    let days = pending.get(db);
    if (!days) pending.set(db, (days = new Map()));
    // `commit/prepare`: the temporal tables number a position by its commit.
    const position = Number(recorded.position.split('/')[0]);
    const day = beijingDate(new Date(recorded.recordedAt));
    const seen = days.get(day);
    if (seen) seen[1] = position;
    else days.set(day, [position, position]);
  },
  flush(db) {
    const days = pending.get(db);
    if (!days) return;
    const upsert = statement(
      db,
      `INSERT INTO log_days (day, first_position, last_position) VALUES (?, ?, ?)
       ON CONFLICT (day) DO UPDATE SET last_position = max(last_position, excluded.last_position)`,
    );
    for (const [day, [first, last]] of days) upsert.run(day, first, last);
    days.clear();
  },
});
