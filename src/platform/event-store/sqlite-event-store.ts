import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { NewEvent, RecordedEvent } from '../../events/envelope';
import {
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  ExpectedRevision,
  LOG_START,
  LogEntry,
  LogPosition,
  LogStart,
  ReadAllOptions,
  StreamNotFoundError,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
  formatLogPosition,
  parseLogPosition,
} from './event-store.port';
import { GENESIS_HASH, canonicalJson, chainHashOfSerialised, serialise } from './hash-chain';

interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  previous_hash: string;
  hash: string;
}

interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type AppendFn = (streamId: string, events: NewEvent[], expected: ExpectedRevision) => AppendResult;

type Outcome = { result: AppendResult; error?: undefined } | { result?: undefined; error: unknown };

export interface SqliteEventStoreOptions {
  /** How often a live subscription looks for events appended by other processes. */
  pollIntervalMs?: number;
  /** Page size of catch-up reads. */
  batchSize?: number;
}

/**
 * Pragmas shared by the store and by the benchmark's raw baseline. WAL lets readers run
 * beside the writer; `synchronous=FULL` fsyncs the WAL on every commit, so an append the API
 * acknowledged survives a power cut, not only a process crash.
 */
export function applyDurablePragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  // 64 MiB of page cache (SQLite's default is 2 MiB): past a few hundred thousand events the
  // unique indexes no longer fit the default, and each insert rereads its b-tree pages.
  db.pragma('cache_size = -65536');
}

export const EVENTS_TABLE_DDL = `
  CREATE TABLE IF NOT EXISTS events (
    position       INTEGER PRIMARY KEY,
    stream_id      TEXT    NOT NULL,
    revision       INTEGER NOT NULL,
    event_id       TEXT    NOT NULL UNIQUE,
    type           TEXT    NOT NULL,
    schema_version INTEGER NOT NULL,
    data           TEXT    NOT NULL,
    metadata       TEXT    NOT NULL,
    recorded_at    TEXT    NOT NULL,
    previous_hash  TEXT    NOT NULL,
    hash           TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  )`;

function positionNumber(from: LogPosition | LogStart): number {
  return from === LOG_START ? 0 : Number(parseLogPosition(from).commit);
}

/** The embedded event store: one SQLite file through better-sqlite3. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new Set<Subscription>();
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly statements: ReturnType<SqliteEventStore['prepare']>;
  /** Appends waiting for the next group commit. */
  private queue: PendingAppend[] = [];
  private readonly groupCommit: (batch: PendingAppend[]) => Outcome[];

  constructor(
    readonly path: string,
    options: SqliteEventStoreOptions = {},
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    applyDurablePragmas(this.db);
    this.db.exec(EVENTS_TABLE_DDL);
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.batchSize = options.batchSize ?? 1000;
    this.appended.setMaxListeners(0);
    this.statements = this.prepare();
    // Nested inside the group's transaction, each append runs in a savepoint of its own, so a
    // refused append rolls back alone while the others in the group commit. A group of one (the
    // common case without concurrency) needs no savepoint.
    const appendInSavepoint = this.db.transaction(this.appendInTransaction.bind(this));
    const attempt = (append: AppendFn, item: PendingAppend): Outcome => {
      try {
        return { result: append(item.streamId, item.events, item.expected) };
      } catch (error) {
        return { error };
      }
    };
    const alone = appendInSavepoint.immediate;
    this.groupCommit = (batch) =>
      batch.length === 1
        ? [attempt(alone, batch[0])]
        : this.db
            .transaction(() => batch.map((item) => attempt(appendInSavepoint, item)))
            .immediate();
  }

  private prepare() {
    return {
      last: this.db.prepare<[string], { revision: number; hash: string }>(
        'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      byEventId: this.db.prepare<[string], EventRow>('SELECT * FROM events WHERE event_id = ?'),
      insert: this.db.prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata,
                             recorded_at, previous_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      stream: this.db.prepare<[string, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision',
      ),
      all: this.db.prepare<[number, number], EventRow>(
        'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
      ),
      entries: this.db.prepare<
        [number, number],
        Pick<EventRow, 'position' | 'stream_id' | 'revision' | 'hash'>
      >(
        'SELECT position, stream_id, revision, hash FROM events WHERE position > ? ORDER BY position LIMIT ?',
      ),
    };
  }

  describe(): string {
    return `sqlite:${this.path}`;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  /**
   * Group commit: appends that arrive while the event loop is busy are written in one
   * transaction with one fsync, each still checked against its own expected revision. The
   * promise settles only after that commit, so an acknowledged append is durable.
   */
  append(
    streamId: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expected: expectedRevision, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  private commitQueued(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.groupCommit(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const { result, error } = outcomes[i];
      if (result) item.resolve(result);
      // A reused id past the first trips the UNIQUE constraint; its savepoint rolled back.
      else if (error instanceof Error && error.message.includes('events.event_id')) {
        item.reject(new DuplicateEventIdError(item.events[0].eventId));
      } else item.reject(error);
    });
    if (outcomes.some((o) => o.result)) this.appended.emit('appended');
  }

  private appendInTransaction(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): AppendResult {
    const replay = this.replayedAppend(streamId, events);
    if (replay) return replay;
    const last = this.statements.last.get(streamId);
    const actual = last ? last.revision : 'no_stream';
    const matches =
      expected === 'any' ||
      (expected === 'no_stream' && !last) ||
      (expected === 'stream_exists' && !!last) ||
      (typeof expected === 'number' && actual === expected);
    if (!matches) throw new WrongExpectedRevisionError(streamId, expected, actual);

    let revision = last ? last.revision : -1;
    let previousHash = last ? last.hash : GENESIS_HASH;
    const recordedAt = new Date().toISOString();
    let lastRowId: number | bigint = 0;
    // A command's events share one metadata object: serialised once.
    let metadata: NewEvent['metadata'] | null = null;
    let metadataJson = '';
    for (const event of events) {
      revision += 1;
      if (event.metadata !== metadata) {
        metadata = event.metadata;
        metadataJson = canonicalJson(metadata);
      }
      const serialised = serialise(event, metadataJson);
      const hash = chainHashOfSerialised(streamId, revision, serialised, previousHash);
      lastRowId = this.statements.insert.run(
        streamId,
        revision,
        event.eventId,
        event.type,
        event.schemaVersion,
        serialised.dataJson,
        serialised.metadataJson,
        recordedAt,
        previousHash,
        hash,
      ).lastInsertRowid;
      previousHash = hash;
    }
    return { nextExpectedRevision: revision, position: formatLogPosition(lastRowId) };
  }

  /**
   * A retried append whose event ids are all stored already, in this stream and in this order,
   * succeeds again without writing; a partial or foreign match is an error. Only the first id is
   * looked up in the common case: a later reused id trips the UNIQUE constraint instead.
   */
  private replayedAppend(streamId: string, events: NewEvent[]): AppendResult | null {
    const first = this.statements.byEventId.get(events[0].eventId);
    if (!first) return null;
    const rows = events.map((e) => this.statements.byEventId.get(e.eventId));
    const sameAppend = rows.every(
      (row, i) =>
        row !== undefined &&
        row.stream_id === streamId &&
        row.revision === first.revision + i &&
        row.type === events[i].type,
    );
    if (!sameAppend) throw new DuplicateEventIdError(events[0].eventId);
    const lastRow = rows[rows.length - 1] as EventRow;
    return {
      nextExpectedRevision: lastRow.revision,
      position: formatLogPosition(lastRow.position),
    };
  }

  async readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    const rows = this.statements.stream.all(streamId, fromRevision);
    if (rows.length === 0 && !this.statements.last.get(streamId)) {
      throw new StreamNotFoundError(streamId);
    }
    return rows.map(toRecordedEvent);
  }

  async readAll({ from, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.statements.all.all(positionNumber(from), maxCount).map(toRecordedEvent);
  }

  /** Four columns instead of whole rows: a fraction of the cost of `readAll` per event. */
  async readLogEntries({ from, maxCount }: ReadAllOptions): Promise<LogEntry[]> {
    return this.statements.entries.all(positionNumber(from), maxCount).map((row) => ({
      position: formatLogPosition(row.position),
      streamId: row.stream_id,
      revision: row.revision,
      hash: row.hash,
    }));
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    let cursor = positionNumber(options.from);
    let stopped = false;
    let wake: (() => void) | null = null;
    const onAppended = () => wake?.();
    this.appended.on('appended', onAppended);

    const loop = (async () => {
      while (!stopped) {
        const rows = this.statements.all.all(cursor, this.batchSize);
        if (rows.length > 0) {
          cursor = rows[rows.length - 1].position;
          await options.onEvents(rows.map(toRecordedEvent));
          continue;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.pollIntervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    })().catch((error: unknown) => {
      stopped = true;
      options.onError?.(error);
    });

    const subscription: Subscription = {
      stop: async () => {
        stopped = true;
        wake?.();
        this.appended.off('appended', onAppended);
        this.subscriptions.delete(subscription);
        await loop;
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    this.commitQueued();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.db.open) this.db.close();
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: row.revision,
    position: formatLogPosition(row.position),
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    recordedAt: row.recorded_at,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
