import { NewEvent, RecordedEvent } from '../../events/envelope';

/**
 * What an append expects of the stream:
 * - `no_stream`: the stream must not exist yet;
 * - `stream_exists`: it must exist, at any revision;
 * - `any`: no check;
 * - a number: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

/**
 * A place in the global log, opaque to callers but totally ordered by `compareLogPositions`.
 * Written `commit/prepare` (EventStoreDB's two coordinates; the embedded store uses its
 * global sequence number for both).
 */
export type LogPosition = string;

export const LOG_START = 'start' as const;
export type LogStart = typeof LOG_START;

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  nextExpectedRevision: number;
  /** Position of the last event appended. */
  position: LogPosition;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. */
  from: LogPosition | LogStart;
  maxCount: number;
}

/** Where an event stands in the log, without its payload. */
export type LogEntry = Pick<RecordedEvent, 'position' | 'streamId' | 'revision' | 'hash'>;

export interface Subscription {
  /** Stops delivery; resolves once no handler call is running. */
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  /** Exclusive, as in `readAll`. */
  from: LogPosition | LogStart;
  /** Called with events in log order; the next batch waits for the returned promise. */
  onEvents(events: RecordedEvent[]): void | Promise<void>;
  /** Called when delivery stops for good because a handler failed. */
  onError?(error: unknown): void;
}

/** The port every event store adapter implements; `test/event-store.contract.ts` checks it. */
export interface EventStore {
  append(
    streamId: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;
  /** Throws `StreamNotFoundError` when the stream has no events. */
  readStream(streamId: string, fromRevision?: number): Promise<RecordedEvent[]>;
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * `readAll` without payloads, for a reader that only needs where each event stands (the log
   * head signer). Optional: an adapter that cannot read less leaves it out and `readLogEntries`
   * below falls back to `readAll`.
   */
  readLogEntries?(options: ReadAllOptions): Promise<LogEntry[]>;
  /** Catch-up subscription: delivers history after `from`, then continues live. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  /** A short description of the adapter and where it stores, for logs and readiness. */
  describe(): string;
  /** Throws if the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class StreamNotFoundError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} not found`);
    this.name = 'StreamNotFoundError';
  }
}

/** An append reused event ids that already belong to different events or another stream. */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventId: string) {
    super(`Event id ${eventId} is already used by a different event`);
    this.name = 'DuplicateEventIdError';
  }
}

export function formatLogPosition(commit: bigint | number, prepare: bigint | number = commit) {
  return `${commit}/${prepare}`;
}

export function parseLogPosition(position: LogPosition): { commit: bigint; prepare: bigint } {
  const match = /^(\d+)\/(\d+)$/.exec(position);
  if (!match) throw new Error(`Not a log position: ${position}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

export function compareLogPositions(a: LogPosition | LogStart, b: LogPosition | LogStart): number {
  if (a === b) return 0;
  if (a === LOG_START) return -1;
  if (b === LOG_START) return 1;
  const pa = parseLogPosition(a);
  const pb = parseLogPosition(b);
  if (pa.commit !== pb.commit) return pa.commit < pb.commit ? -1 : 1;
  if (pa.prepare !== pb.prepare) return pa.prepare < pb.prepare ? -1 : 1;
  return 0;
}

export function readLogEntries(store: EventStore, options: ReadAllOptions): Promise<LogEntry[]> {
  return store.readLogEntries ? store.readLogEntries(options) : store.readAll(options);
}
