import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Actor } from '../../src/events/envelope';
import { FEATURES } from '../../src/features';
import { LogPosition } from '../../src/platform/event-store/event-store.port';
import { ReadDatabase } from '../../src/platform/event-store/read-database';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite-event-store';
import { FeatureRegistry } from '../../src/platform/kernel/feature-registry';
import { ProjectionRunner } from '../../src/platform/projections/projection-runner';

export const registry = new FeatureRegistry(FEATURES);

/** A row of `readers`, as the read policies write them. */
export interface ReaderRow {
  record_type: string;
  record_id: string;
  principal: string;
  reason: string;
}

/** Every row of a table, ordered by its primary key, so two databases compare with toEqual. */
export function snapshot(db: Database.Database, table: string): Record<string, unknown>[] {
  const keys = db
    .prepare<[], { name: string; pk: number }>(`SELECT name, pk FROM pragma_table_info('${table}')`)
    .all()
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  if (keys.length === 0) throw new Error(`${table} has no primary key`);
  return db.prepare<[], Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${keys}`).all();
}

/**
 * A real event log in a temp SQLite file, written event by event with full envelopes, and a
 * read database of its own that projections are rebuilt into.
 */
export class LogFixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'legislink-projection-'));
  readonly store = new SqliteEventStore(join(this.dir, 'events.sqlite'));
  private readonly reads: ReadDatabase[] = [];
  /** The read database of the last `rebuild`. */
  db!: Database.Database;

  async append(
    streamId: string,
    type: string,
    data: object,
    occurredAt: string,
    actor: Actor,
    schemaVersion = 1,
  ): Promise<LogPosition> {
    const eventId = randomUUID();
    const { position } = await this.store.append(
      streamId,
      [
        {
          eventId,
          type,
          schemaVersion,
          data,
          metadata: { occurredAt, actor, correlationId: `c-${eventId}`, causationId: null },
        },
      ],
      'any',
    );
    return position;
  }

  /** Replays the whole log into a fresh read database, `pageSize` events per transaction. */
  async rebuild(name: string, pageSize?: number): Promise<Database.Database> {
    const read = new ReadDatabase(join(this.dir, `read-${this.reads.length}.sqlite`));
    this.reads.push(read);
    const runner = new ProjectionRunner(
      this.store,
      read.db,
      registry.projections,
      registry.catalogue,
    );
    // Every time-travelling read model answers "as of a day" through the log calendar.
    await runner.rebuild('log-calendar', undefined, pageSize);
    await runner.rebuild(name, undefined, pageSize);
    this.db = read.db;
    return read.db;
  }

  rows<Row>(table: string): Row[] {
    return snapshot(this.db, table) as Row[];
  }

  /** `[record id, principal, reason]` of one record type, sorted. */
  readers(recordType: string): [string, string, string][] {
    return this.rows<ReaderRow>('readers')
      .filter((r) => r.record_type === recordType)
      .map((r) => [r.record_id, r.principal, r.reason]);
  }

  async close(): Promise<void> {
    for (const read of this.reads) read.close();
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
