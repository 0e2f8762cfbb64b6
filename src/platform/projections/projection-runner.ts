import Database from 'better-sqlite3';
import { DomainEvent, RecordedEvent } from '../../events/envelope';
import { EventCatalogue } from '../kernel/event-catalogue';
import {
  EventStore,
  LOG_START,
  LogPosition,
  LogStart,
  Subscription,
  compareLogPositions,
} from '../event-store/event-store.port';
import { Projection, statement } from '../kernel/projection';
import { READERS_DDL, clearReaders, withoutReadersIndex } from './readers-table';

interface Waiter {
  position: LogPosition;
  names: readonly string[];
  resolve: () => void;
}

export interface RebuildProgress {
  projection: string;
  events: number;
  position: LogPosition | LogStart;
}

export interface ProjectionLog {
  info(message: string): void;
  error(message: string, error: unknown): void;
}

const silent: ProjectionLog = { info: () => undefined, error: () => undefined };
/** While a projection catches up from zero, progress is logged every this many events. */
const PROGRESS_EVERY = 50_000;

/**
 * Runs projections over the global log in order. Each projection keeps its own checkpoint and
 * schema version in `projection_checkpoints`, written in the same SQLite transaction as the
 * read-model changes of each batch, so after a crash it resumes exactly where its read model
 * stands. A projection whose declared version differs from the stored one is emptied at start-up
 * and catches up from the beginning of the log while the others keep serving.
 */
export class ProjectionRunner {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly positions = new Map<string, LogPosition | LogStart>();
  private readonly catchingUp = new Map<string, number>();
  private waiters: Waiter[] = [];
  private failure: unknown = null;
  /** Projections whose subscription stopped on an error: waiting for them is pointless. */
  private readonly failed = new Set<string>();
  private readonly byName: Map<string, Projection>;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database.Database,
    readonly projections: readonly Projection[],
    private readonly catalogue: EventCatalogue,
    private readonly log: ProjectionLog = silent,
  ) {
    this.byName = new Map(projections.map((p) => [p.name, p]));
    db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY, position TEXT NOT NULL, events INTEGER NOT NULL, updated_at TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 0)`);
    db.exec(READERS_DDL);
    for (const projection of projections) {
      const stored = this.storedVersion(projection.name);
      if (stored !== null && stored !== projection.version) {
        this.log.info(
          `Projection ${projection.name}: schema version ${stored} → ${projection.version}; rebuilding from the log`,
        );
        this.reset(projection);
      }
      projection.setUp(db);
    }
  }

  private storedVersion(name: string): number | null {
    const row = this.db
      .prepare<[string], { version: number }>(
        'SELECT version FROM projection_checkpoints WHERE name = ?',
      )
      .get(name);
    return row ? row.version : null;
  }

  checkpoint(name: string): { position: LogPosition | LogStart; events: number } {
    const row = this.db
      .prepare<[string], { position: string; events: number }>(
        'SELECT position, events FROM projection_checkpoints WHERE name = ?',
      )
      .get(name);
    return row ?? { position: LOG_START, events: 0 };
  }

  /**
   * Subscribes every projection from its checkpoint; they then follow the log live. Projections
   * that stand at the same position (all of them, usually) share one subscription: the log is
   * read and parsed once, and each batch is applied to all of them in one transaction. One
   * catching up from another position (a rebuilt one) follows the log on its own, so the
   * others keep serving.
   */
  start(): void {
    const groups = new Map<LogPosition | LogStart, Projection[]>();
    for (const projection of this.projections) {
      const from = this.checkpoint(projection.name).position;
      this.positions.set(projection.name, from);
      if (from === LOG_START) this.catchingUp.set(projection.name, 0);
      const group = groups.get(from);
      if (group) group.push(projection);
      else groups.set(from, [projection]);
    }
    for (const [from, members] of groups) {
      this.subscriptions.set(
        members.map((p) => p.name).join(','),
        this.store.subscribeToAll({
          from,
          onEvents: (events) => this.applyBatch(members, events),
          onError: (error) => {
            for (const projection of members) {
              if (!this.failed.has(projection.name)) this.stopped(projection, error);
            }
          },
        }),
      );
    }
  }

  /** A projection whose batch failed stops where it stands; the others go on. */
  private stopped(projection: Projection, error: unknown): void {
    this.failure = error;
    this.failed.add(projection.name);
    this.log.error(`Projection ${projection.name} stopped`, error);
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

  /** Events applied so far by a projection still catching up from the start; null once live. */
  rebuilding(name: string): number | null {
    return this.catchingUp.get(name) ?? null;
  }

  /**
   * Resolves true once the named projections (all when none are named) have applied
   * `position`, false on timeout.
   */
  async waitFor(
    position: LogPosition,
    timeoutMs: number,
    names: readonly string[] = this.projections.map((p) => p.name),
  ): Promise<boolean> {
    // Only the named projections matter: one failed elsewhere must not cut the wait short.
    const hopeless = this.subscriptions.size === 0 || names.some((name) => this.failed.has(name));
    if (hopeless || this.caughtUp(position, names)) return this.caughtUp(position, names);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      const waiter: Waiter = {
        position,
        names,
        resolve: () => {
          clearTimeout(timer);
          resolve(this.caughtUp(position, names));
        },
      };
      this.waiters.push(waiter);
    });
  }

  private caughtUp(position: LogPosition, names: readonly string[]): boolean {
    return names.every(
      (name) => compareLogPositions(this.positions.get(name) ?? LOG_START, position) >= 0,
    );
  }

  private applyBatch(members: readonly Projection[], events: RecordedEvent[]): void {
    const live = members.filter((p) => !this.failed.has(p.name));
    if (events.length === 0 || live.length === 0) return;
    const last = events[events.length - 1].position;
    const failures = new Map<Projection, unknown>();
    if (live.length === 1) {
      this.transaction(live[0], events, last);
    } else {
      // One commit for all; each projection in a savepoint of its own, so one that fails rolls
      // back alone and stops while the others' changes and checkpoints commit.
      this.db.transaction(() => {
        for (const projection of live) {
          try {
            this.transaction(projection, events, last);
          } catch (error) {
            failures.set(projection, error);
          }
        }
      })();
    }
    for (const projection of live) {
      if (failures.has(projection)) {
        this.stopped(projection, failures.get(projection));
        continue;
      }
      this.positions.set(projection.name, last);
      void this.reportCatchUp(projection.name, events.length);
    }
    const ready = this.waiters.filter((w) => this.caughtUp(w.position, w.names));
    const stuck = this.waiters.filter((w) => w.names.some((name) => this.failed.has(name)));
    this.waiters = this.waiters.filter((w) => !ready.includes(w) && !stuck.includes(w));
    for (const waiter of [...ready, ...stuck]) waiter.resolve();
    // Nothing left to apply to: the subscription ends, as a lone projection's did.
    if (failures.size === live.length) throw failures.get(live[0]);
  }

  /** Logs progress while a projection catches up from zero, and when it has caught up. */
  private async reportCatchUp(name: string, applied: number): Promise<void> {
    const before = this.catchingUp.get(name);
    if (before === undefined) return;
    const now = before + applied;
    this.catchingUp.set(name, now);
    if (Math.floor(now / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) {
      this.log.info(`Projection ${name}: ${now} events applied`);
    }
    const [next] = await this.store.readAll({ from: this.positions.get(name)!, maxCount: 1 });
    if (!next && this.catchingUp.has(name)) {
      this.catchingUp.delete(name);
      if (now > 0) this.log.info(`Projection ${name}: caught up after ${now} events`);
    }
  }

  private transaction(projection: Projection, events: RecordedEvent[], last: LogPosition): void {
    const handles = this.handled(projection);
    this.db.transaction(() => {
      for (const recorded of events) {
        if (!handles.has(recorded.type)) continue;
        const event: DomainEvent = this.catalogue.upcast(recorded);
        projection.apply(this.db, event, recorded);
      }
      projection.flush?.(this.db);
      statement(
        this.db,
        `INSERT INTO projection_checkpoints (name, position, events, updated_at, version)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET position = excluded.position,
             events = projection_checkpoints.events + excluded.events,
             updated_at = excluded.updated_at, version = excluded.version`,
      ).run(projection.name, last, events.length, new Date().toISOString(), projection.version);
    })();
  }

  private readonly handledTypes = new Map<Projection, Set<string>>();

  private handled(projection: Projection): Set<string> {
    let types = this.handledTypes.get(projection);
    if (!types) this.handledTypes.set(projection, (types = new Set(projection.handles)));
    return types;
  }

  /** Drops a projection's tables, readers and checkpoint, then creates its tables again. */
  private reset(projection: Projection): void {
    this.db.transaction(() => {
      for (const table of projection.tables) this.db.exec(`DROP TABLE IF EXISTS ${table}`);
      clearReaders(this.db, projection.recordTypes ?? []);
      this.db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(projection.name);
      projection.setUp(this.db);
    })();
  }

  /**
   * Empties a projection and replays the whole log into it, page by page, one transaction a
   * page. Run it with the projection stopped (the CLI does, in its own process, against a
   * stopped service). Large pages write each touched page of the read model to the WAL once
   * per page rather than once per few thousand events.
   */
  async rebuild(
    name: string,
    onProgress: (progress: RebuildProgress) => void = () => undefined,
    pageSize = 20_000,
  ): Promise<RebuildProgress> {
    const projection = this.byName.get(name);
    if (!projection) throw new Error(`Unknown projection ${name}`);
    const restoreIndex = projection.recordTypes?.length ? withoutReadersIndex(this.db) : null;
    this.reset(projection);
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
    restoreIndex?.();
    this.positions.set(name, from);
    return { projection: name, events, position: from };
  }
}
