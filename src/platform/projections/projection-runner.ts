import Database from 'better-sqlite3';
import { isLegislinkEvent, RecordedEvent, upcast } from '../../events';
import {
  EventStore,
  LOG_START,
  LogPosition,
  LogStart,
  Subscription,
  compareLogPositions,
} from '../event-store/event-store.port';
import { Projection, statement } from './projection';

interface Waiter {
  position: LogPosition;
  resolve: () => void;
}

export interface RebuildProgress {
  projection: string;
  events: number;
  position: LogPosition | LogStart;
}

/**
 * Runs projections over the global log in order. Each projection keeps its own checkpoint in
 * `projection_checkpoints`, written in the same SQLite transaction as the read-model changes
 * of each batch, so after a crash it resumes exactly where its read model stands.
 */
export class ProjectionRunner {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly positions = new Map<string, LogPosition | LogStart>();
  private waiters: Waiter[] = [];
  private failure: unknown = null;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database.Database,
    readonly projections: Projection[],
    private readonly onFailure: (projection: string, error: unknown) => void = () => undefined,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY, position TEXT NOT NULL, events INTEGER NOT NULL, updated_at TEXT NOT NULL)`);
    for (const projection of projections) projection.setUp(db);
  }

  checkpoint(name: string): { position: LogPosition | LogStart; events: number } {
    const row = this.db
      .prepare<[string], { position: string; events: number }>(
        'SELECT position, events FROM projection_checkpoints WHERE name = ?',
      )
      .get(name);
    return row ?? { position: LOG_START, events: 0 };
  }

  /** Subscribes every projection from its checkpoint; they then follow the log live. */
  start(): void {
    for (const projection of this.projections) {
      const from = this.checkpoint(projection.name).position;
      this.positions.set(projection.name, from);
      this.subscriptions.set(
        projection.name,
        this.store.subscribeToAll({
          from,
          onEvents: (events) => this.applyBatch(projection, events),
          onError: (error) => {
            this.failure = error;
            this.onFailure(projection.name, error);
          },
        }),
      );
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((s) => s.stop()));
    this.subscriptions.clear();
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
  }

  get running(): boolean {
    return this.subscriptions.size > 0 && this.failure === null;
  }

  get lastFailure(): unknown {
    return this.failure;
  }

  /** Resolves true once every running projection has applied `position`, false on timeout. */
  async waitFor(position: LogPosition, timeoutMs: number): Promise<boolean> {
    if (!this.running || this.caughtUp(position)) return this.caughtUp(position);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve(this.caughtUp(position));
        },
      };
      this.waiters.push(waiter);
    });
  }

  private caughtUp(position: LogPosition): boolean {
    return this.projections.every(
      (p) => compareLogPositions(this.positions.get(p.name) ?? LOG_START, position) >= 0,
    );
  }

  private applyBatch(projection: Projection, events: RecordedEvent[]): void {
    if (events.length === 0) return;
    const last = events[events.length - 1].position;
    this.transaction(projection, events, last);
    this.positions.set(projection.name, last);
    const ready = this.waiters.filter((w) => this.caughtUp(w.position));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve();
  }

  private transaction(projection: Projection, events: RecordedEvent[], last: LogPosition): void {
    this.db.transaction(() => {
      for (const recorded of events) {
        const event = upcast(recorded);
        if (isLegislinkEvent(event)) projection.apply(this.db, event, recorded);
      }
      statement(
        this.db,
        `INSERT INTO projection_checkpoints (name, position, events, updated_at)
           VALUES (?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET position = excluded.position,
             events = projection_checkpoints.events + excluded.events, updated_at = excluded.updated_at`,
      ).run(projection.name, last, events.length, new Date().toISOString());
    })();
  }

  /**
   * Empties a projection and replays the whole log into it, page by page. Run it with the
   * projection stopped (the CLI does, in its own process, against a stopped service).
   */
  async rebuild(
    name: string,
    onProgress: (progress: RebuildProgress) => void = () => undefined,
    pageSize = 5000,
  ): Promise<RebuildProgress> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`Unknown projection ${name}`);
    this.db.transaction(() => {
      projection.reset(this.db);
      this.db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(name);
    })();
    let from: LogPosition | LogStart = LOG_START;
    let events = 0;
    for (;;) {
      const page = await this.store.readAll({ from, maxCount: pageSize });
      if (page.length === 0) break;
      from = page[page.length - 1].position;
      this.transaction(projection, page, from);
      events += page.length;
      onProgress({ projection: name, events, position: from });
    }
    this.positions.set(name, from);
    return { projection: name, events, position: from };
  }
}
