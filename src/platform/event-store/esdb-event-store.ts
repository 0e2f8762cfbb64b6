import { createHash } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  ANY,
  StreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
} from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  AppendResult as EsdbAppendResult,
  AppendToStreamOptions,
  JSONEventData,
  JSONType,
  Position,
  ReadAllOptions as EsdbReadAllOptions,
  ReadPosition,
  ReadStreamOptions,
  ResolvedEvent,
  SubscribeToAllOptions,
} from '@eventstore/db-client';
import { EventMetadata, NewEvent, RecordedEvent } from '../../events/envelope';
import {
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  ExpectedRevision,
  LOG_START,
  LogPosition,
  LogStart,
  ReadAllOptions,
  StreamNotFoundError,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
  compareLogPositions,
  formatLogPosition,
  parseLogPosition,
} from './event-store.port';
import { GENESIS_HASH, chainHash } from './hash-chain';

/*
 * EventStoreDB adapter (gRPC client `@eventstore/db-client` v6, server 22.10 or later).
 *
 * Storage layout: one ESDB stream per Legislink stream, one JSON event per envelope, the ESDB
 * event id is the envelope's `eventId`, and the custom metadata is the envelope metadata plus
 * `schemaVersion`, `previousHash` and `hash` (the per-stream SHA-256 chain of `hash-chain.ts`).
 *
 * What the adapter guarantees beyond what EventStoreDB does by itself:
 * - The hash chain cannot fork. Every append is sent with an exact expected revision (the one the
 *   chain was computed against); `any` / `stream_exists` are resolved by reading the stream's last
 *   event and retried (bounded) when another writer got in between.
 * - A retried append returns the first append's result and writes nothing when its first event id
 *   already sits at the place the append expects (`no_stream`: revision 0; `n`: revision n+1;
 *   `any`/`stream_exists`: among the stream's last `events.length` events). A partial match is a
 *   `DuplicateEventIdError`. EventStoreDB's own idempotence only covers exact expected revisions
 *   (server IndexWriter.CheckCommit), so this check is what makes `any` retries idempotent here.
 * - An event id already used in *another* stream is refused (`DuplicateEventIdError`) through
 *   "claim" streams: before appending, each event id is claimed by appending one small event to
 *   `legislink-event-id-<eventId>` with expected revision NO_STREAM. EventStoreDB cannot look an
 *   event up by id across streams (its idempotence check is per stream), so without the claims a
 *   cross-stream reuse would be written silently. Claims cost one extra (parallel) append per
 *   event; they can be switched off with `eventIdClaims: false`, which gives up that check.
 *   A claim written for an append that then failed stays behind: the id stays bound to that
 *   stream (reusing it for the same stream is fine).
 * What it does not guarantee: an id reused in the *same* stream far from its original place (not
 *   within the tail window above) is not detected; soft-deleted streams are not supported (the
 *   server would continue their revision numbers, which the adapter detects and reports).
 */

/** Streams holding event-id claims; skipped by reads (their events lack the envelope shape). */
export const EVENT_ID_CLAIM_STREAM_PREFIX = 'legislink-event-id-';
export const EVENT_ID_CLAIM_TYPE = 'EventIdClaimed';

/** The subset of `EventStoreDBClient` the adapter calls; unit tests inject a fake of it. */
export interface EsdbSubscriptionLike extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
  /** Events already buffered (Node readable streams); used to micro-batch without waiting. */
  readonly readableLength?: number;
}

export interface EsdbClient {
  appendToStream(
    streamName: string,
    events: JSONEventData[],
    options: AppendToStreamOptions,
  ): Promise<EsdbAppendResult>;
  readStream(streamName: string, options: ReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options: EsdbReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options: SubscribeToAllOptions): EsdbSubscriptionLike;
  dispose(): Promise<void>;
}

export interface EsdbLogger {
  warn(message: string, context?: Record<string, unknown>): void;
}

export interface EsdbEventStoreOptions {
  /** First delay before resubscribing after a dropped subscription. Default 100 ms. */
  resubscribeMinBackoffMs?: number;
  /** Cap of the exponential resubscribe backoff. Default 10 000 ms. */
  resubscribeMaxBackoffMs?: number;
  /** Page size of `readAll` reads and largest batch handed to a subscription handler. */
  batchSize?: number;
  /** Attempts for `any` / `stream_exists` appends that lose a race. Default 10. */
  maxAppendAttempts?: number;
  /** Refuse event ids already used in another stream (see above). Default true. */
  eventIdClaims?: boolean;
  logger?: EsdbLogger;
}

interface ResolvedOptions {
  resubscribeMinBackoffMs: number;
  resubscribeMaxBackoffMs: number;
  batchSize: number;
  maxAppendAttempts: number;
  eventIdClaims: boolean;
  logger?: EsdbLogger;
}

/** A stream holds an event this adapter did not write (no envelope metadata or hash chain). */
export class ForeignEventError extends Error {
  constructor(
    readonly streamId: string,
    readonly revision: number,
  ) {
    super(`Stream ${streamId} revision ${revision} was not written by Legislink (no hash chain)`);
    this.name = 'ForeignEventError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Clients before v5 gave `created` as 100 ns ticks since the Unix epoch. */
const TICKS_PER_MS = 10_000;

/** The port's expected revision in the client's terms. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      if (!Number.isSafeInteger(expected) || expected < 0) {
        throw new RangeError(`Expected revision must be a non-negative integer, got ${expected}`);
      }
      return BigInt(expected);
  }
}

/** The client's "current revision" (bigint or `no_stream`) in the port's terms. */
export function fromEsdbCurrentRevision(current: unknown): number | 'no_stream' {
  if (typeof current === 'bigint') return current < 0n ? 'no_stream' : Number(current);
  if (typeof current === 'number') return current < 0 ? 'no_stream' : current;
  return 'no_stream';
}

export function formatEsdbPosition(position: Position): LogPosition {
  return formatLogPosition(position.commit, position.prepare);
}

function toReadPosition(from: LogPosition | LogStart): ReadPosition {
  if (from === LOG_START) return START;
  const { commit, prepare } = parseLogPosition(from);
  return { commit, prepare };
}

/** `eventstoredb:<hosts>` from a connection string, without credentials or options. */
export function describeConnectionString(connectionString: string): string {
  const schemeEnd = connectionString.indexOf('://');
  if (schemeEnd === -1) return 'eventstoredb:unknown';
  let authority = connectionString.slice(schemeEnd + 3).split(/[?#]/, 1)[0];
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);
  authority = authority.split('/', 1)[0];
  return `eventstoredb:${authority || 'unknown'}`;
}

/** A stable UUID for "event id E is claimed by stream S", so a retried claim is idempotent. */
export function claimEventId(eventId: string, streamId: string): string {
  const bytes = createHash('sha256')
    .update(`legislink-event-id-claim\u0000${eventId}\u0000${streamId}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8 (RFC 9562 custom)
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type StoredMetadata = EventMetadata & {
  schemaVersion: number;
  previousHash: string;
  hash: string;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStoredMetadata(value: unknown): value is StoredMetadata {
  return (
    isRecord(value) &&
    typeof value.schemaVersion === 'number' &&
    typeof value.previousHash === 'string' &&
    SHA256_HEX.test(value.previousHash) &&
    typeof value.hash === 'string' &&
    SHA256_HEX.test(value.hash) &&
    typeof value.occurredAt === 'string' &&
    isRecord(value.actor) &&
    typeof value.correlationId === 'string' &&
    (value.causationId === null || typeof value.causationId === 'string')
  );
}

function isSystem(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

/** `created` is a Date since client v5 (its CHANGELOG); earlier ones gave ticks. */
function toIsoTimestamp(created: unknown): string {
  if (created instanceof Date) return created.toISOString();
  if (typeof created === 'number' || typeof created === 'bigint') {
    const value = Number(created);
    return new Date(value > 1e14 ? value / TICKS_PER_MS : value).toISOString();
  }
  return new Date(String(created)).toISOString();
}

/** The fields of a client recorded event the mapping reads. */
export interface EsdbRecordedEventLike {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date | number;
  data: unknown;
  metadata: unknown;
  isJson: boolean;
  position?: Position;
}

/**
 * A client event as a port event, or null when it is not ours: system events (stream or type
 * starting with `$`), binary events, or events without the envelope metadata and hash chain.
 */
export function toRecordedEvent(event: EsdbRecordedEventLike): RecordedEvent | null {
  if (isSystem(event.streamId, event.type)) return null;
  if (!event.isJson || !isStoredMetadata(event.metadata) || !event.position) return null;
  const { schemaVersion, previousHash, hash, ...metadata } = event.metadata;
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: formatEsdbPosition(event.position),
    eventId: event.id,
    type: event.type,
    schemaVersion,
    data: event.data,
    metadata: metadata as EventMetadata,
    recordedAt: toIsoTimestamp(event.created),
    previousHash,
    hash,
  };
}

function normaliseBatch(events: NewEvent[]): NewEvent[] {
  const seen = new Set<string>();
  return events.map((event) => {
    if (!UUID.test(event.eventId)) {
      throw new TypeError(`EventStoreDB needs UUID event ids, got "${event.eventId}"`);
    }
    const eventId = event.eventId.toLowerCase();
    if (seen.has(eventId)) throw new DuplicateEventIdError(eventId);
    seen.add(eventId);
    return eventId === event.eventId ? event : { ...event, eventId };
  });
}

function satisfies(expected: ExpectedRevision, actual: number | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}

/** Proposed ESDB events with the hash chain continued from `previousHash`. */
function chainEvents(
  streamId: string,
  events: NewEvent[],
  firstRevision: number,
  previousHash: string,
): JSONEventData[] {
  let previous = previousHash;
  return events.map((event, i) => {
    const hash = chainHash(streamId, firstRevision + i, event, previous);
    const metadata: Record<string, unknown> = {
      ...event.metadata,
      schemaVersion: event.schemaVersion,
      previousHash: previous,
      hash,
    };
    previous = hash;
    return {
      id: event.eventId,
      contentType: 'application/json',
      type: event.type,
      data: event.data as JSONType,
      metadata,
    };
  });
}

export class EsdbEventStore implements EventStore {
  private readonly client: EsdbClient;
  private readonly options: ResolvedOptions;
  private readonly subscriptions = new Set<EsdbCatchUpSubscription>();

  constructor(
    private readonly connectionString: string,
    options: EsdbEventStoreOptions = {},
    client?: EsdbClient,
  ) {
    this.options = {
      resubscribeMinBackoffMs: options.resubscribeMinBackoffMs ?? 100,
      resubscribeMaxBackoffMs: options.resubscribeMaxBackoffMs ?? 10_000,
      batchSize: options.batchSize ?? 500,
      maxAppendAttempts: options.maxAppendAttempts ?? 10,
      eventIdClaims: options.eventIdClaims ?? true,
      logger: options.logger,
    };
    const o = this.options;
    if (o.resubscribeMinBackoffMs < 0 || o.resubscribeMaxBackoffMs < o.resubscribeMinBackoffMs) {
      throw new RangeError('Resubscribe backoff needs 0 <= min <= max');
    }
    if (!Number.isSafeInteger(o.batchSize) || o.batchSize < 1) {
      throw new RangeError('batchSize must be a positive integer');
    }
    if (!Number.isSafeInteger(o.maxAppendAttempts) || o.maxAppendAttempts < 1) {
      throw new RangeError('maxAppendAttempts must be a positive integer');
    }
    this.client = client ?? EventStoreDBClient.connectionString(connectionString);
  }

  describe(): string {
    return describeConnectionString(this.connectionString);
  }

  async ping(): Promise<void> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    for await (const resolved of read) void resolved;
  }

  async append(
    streamId: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const exact = expectedRevision === 'no_stream' || typeof expectedRevision === 'number';
    const exactOnWire = exact ? toEsdbExpectedRevision(expectedRevision) : null;
    const batch = normaliseBatch(events);

    for (let attempt = 1; ; attempt += 1) {
      const tail = await this.readTail(streamId, batch.length);
      const replay = await this.replayedAppend(streamId, batch, expectedRevision, tail);
      if (replay) return replay;

      const last = tail.length > 0 ? tail[0] : null;
      const actual = last ? last.revision : 'no_stream';
      if (!satisfies(expectedRevision, actual)) {
        throw new WrongExpectedRevisionError(streamId, expectedRevision, actual);
      }
      if (this.options.eventIdClaims) await this.claimEventIds(streamId, batch);

      const firstRevision = last ? last.revision + 1 : 0;
      const proposed = chainEvents(streamId, batch, firstRevision, last ? last.hash : GENESIS_HASH);
      // Always an exact revision on the wire: the chain above is only valid right after `last`.
      const onWire = exactOnWire ?? (last ? BigInt(last.revision) : NO_STREAM);
      try {
        const result = await this.appendOrThrow(streamId, proposed, onWire);
        return await this.toAppendResult(streamId, firstRevision + batch.length - 1, result);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const actualNow = fromEsdbCurrentRevision(error.actualVersion);
        if (exact || attempt >= this.options.maxAppendAttempts) {
          throw new WrongExpectedRevisionError(streamId, expectedRevision, actualNow);
        }
        // `any` / `stream_exists`: another writer appended after our read; re-read and rechain.
      }
    }
  }

  private async appendOrThrow(
    streamId: string,
    events: JSONEventData[],
    expectedRevision: AppendExpectedRevision,
  ): Promise<EsdbAppendResult> {
    const result = await this.client.appendToStream(streamId, events, { expectedRevision });
    if (result.success === false) {
      // Only when a client was built with throwOnAppendFailure=false.
      throw new WrongExpectedVersionError(undefined, {
        streamName: streamId,
        expected: expectedRevision,
        current: result.nextExpectedRevision < 0n ? NO_STREAM : result.nextExpectedRevision,
      });
    }
    return result;
  }

  private async toAppendResult(
    streamId: string,
    expectedLastRevision: number,
    result: EsdbAppendResult,
  ): Promise<AppendResult> {
    const next = Number(result.nextExpectedRevision);
    if (next !== expectedLastRevision) {
      throw new Error(
        `EventStoreDB stored ${streamId} up to revision ${next}, not ${expectedLastRevision}; ` +
          'the hash chain of this stream is broken (was it soft-deleted?)',
      );
    }
    // On servers >= 22.6 the append position is the last event's (commit, prepare) position,
    // the same the reads report; older servers may leave it out, so read it back then.
    if (result.position) {
      return { nextExpectedRevision: next, position: formatEsdbPosition(result.position) };
    }
    const [written] = (await this.readRange(streamId, next, 1)) ?? [];
    if (!written) throw new Error(`Appended ${streamId}@${next} but could not read it back`);
    return { nextExpectedRevision: next, position: written.position };
  }

  /**
   * The original result when this append already happened: its first event id sits where the
   * append expects it. A partial match (some ids there, some not) is a DuplicateEventIdError.
   */
  private async replayedAppend(
    streamId: string,
    batch: NewEvent[],
    expected: ExpectedRevision,
    tail: RecordedEvent[],
  ): Promise<AppendResult | null> {
    if (tail.length === 0) return null;
    const firstId = batch[0].eventId;
    let stored: RecordedEvent[];
    if (expected === 'no_stream' || typeof expected === 'number') {
      const place = expected === 'no_stream' ? 0 : expected + 1;
      if (tail[0].revision < place) return null;
      stored = (await this.readRange(streamId, place, batch.length)) ?? [];
      if (stored.length === 0 || stored[0].eventId !== firstId) return null;
    } else {
      const index = tail.findIndex((event) => event.eventId === firstId);
      if (index === -1) return null;
      stored = tail.slice(0, index + 1).reverse();
    }
    const same =
      stored.length === batch.length &&
      stored.every(
        (event, i) => event.eventId === batch[i].eventId && event.type === batch[i].type,
      );
    if (!same) throw new DuplicateEventIdError(firstId);
    const last = stored[stored.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  private async claimEventIds(streamId: string, batch: NewEvent[]): Promise<void> {
    await Promise.all(batch.map((event) => this.claimEventId(streamId, event.eventId)));
  }

  private async claimEventId(streamId: string, eventId: string): Promise<void> {
    const claimStream = `${EVENT_ID_CLAIM_STREAM_PREFIX}${eventId}`;
    const claim: JSONEventData = {
      id: claimEventId(eventId, streamId),
      contentType: 'application/json',
      type: EVENT_ID_CLAIM_TYPE,
      data: { eventId, streamId },
      metadata: undefined,
    };
    try {
      // A retried claim for the same stream has the same claim id: ESDB answers it idempotently.
      await this.appendOrThrow(claimStream, [claim], NO_STREAM);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if ((await this.claimOwner(claimStream)) !== streamId) {
        throw new DuplicateEventIdError(eventId);
      }
    }
  }

  private async claimOwner(claimStream: string): Promise<string | null> {
    try {
      const read = this.client.readStream(claimStream, {
        direction: FORWARDS,
        fromRevision: START,
        maxCount: 1,
      });
      for await (const resolved of read) {
        const data = resolved.event?.data;
        if (isRecord(data) && typeof data.streamId === 'string') return data.streamId;
      }
    } catch (error) {
      if (!isMissingStream(error)) throw error;
    }
    return null;
  }

  /** The stream's last `count` events, newest first; empty when the stream does not exist. */
  private async readTail(streamId: string, count: number): Promise<RecordedEvent[]> {
    const events = await this.collectStream(streamId, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: count,
    });
    return events ?? [];
  }

  private readRange(streamId: string, from: number, count: number) {
    return this.collectStream(streamId, {
      direction: FORWARDS,
      fromRevision: BigInt(from),
      maxCount: count,
    });
  }

  /** Events of one stream, or null when it does not exist. */
  private async collectStream(
    streamId: string,
    options: ReadStreamOptions,
  ): Promise<RecordedEvent[] | null> {
    const events: RecordedEvent[] = [];
    try {
      // The client reports a missing stream while iterating, not when readStream is called.
      const read = this.client.readStream(streamId, { ...options, resolveLinkTos: false });
      for await (const resolved of read) {
        const event = resolved.event;
        if (!event) continue;
        const recorded = toRecordedEvent(event);
        if (!recorded) throw new ForeignEventError(streamId, Number(event.revision));
        events.push(recorded);
      }
    } catch (error) {
      if (isMissingStream(error)) return null;
      throw error;
    }
    return events;
  }

  async readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    if (!Number.isSafeInteger(fromRevision) || fromRevision < 0) {
      throw new RangeError(`fromRevision must be a non-negative integer, got ${fromRevision}`);
    }
    const events = await this.collectStream(streamId, {
      direction: FORWARDS,
      fromRevision: BigInt(fromRevision),
    });
    if (events === null) throw new StreamNotFoundError(streamId);
    return events;
  }

  /**
   * ESDB's readAll includes the event at `fromPosition`; the port's `from` is exclusive, so that
   * event is skipped (one extra is requested to make up for it). System events, claims and other
   * foreign events are skipped too, reading on until `maxCount` of ours or the end of the log.
   */
  async readAll({ from, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    let cursor = from;
    while (found.length < maxCount) {
      const inclusiveStart = cursor === LOG_START ? 0 : 1;
      const requested = Math.min(maxCount - found.length, this.options.batchSize) + inclusiveStart;
      let received = 0;
      let lastSeen: LogPosition | null = null;
      const read = this.client.readAll({
        direction: FORWARDS,
        fromPosition: toReadPosition(cursor),
        maxCount: requested,
        resolveLinkTos: false,
      });
      for await (const resolved of read) {
        received += 1;
        const event = resolved.event;
        if (!event?.position) continue;
        const position = formatEsdbPosition(event.position);
        if (cursor !== LOG_START && compareLogPositions(position, cursor) <= 0) continue;
        lastSeen = position;
        const recorded = toRecordedEvent(event);
        if (recorded && found.length < maxCount) found.push(recorded);
      }
      if (received < requested || lastSeen === null) break;
      cursor = lastSeen;
    }
    return found;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const subscription = new EsdbCatchUpSubscription(this.client, options, this.options, () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }
}

function isMissingStream(error: unknown): boolean {
  return error instanceof EsdbStreamNotFoundError || error instanceof StreamDeletedError;
}

const STOPPED = Symbol('stopped');

type Outcome =
  | { kind: 'stopped' }
  | { kind: 'handler_failed'; error: unknown }
  | { kind: 'dropped'; error: unknown; delivered: boolean };

/**
 * A catch-up subscription to $all that survives dropped connections: the client does not resume
 * a dropped subscription, so on an error or an unexpected end it subscribes again from the last
 * position handed to the handler (ESDB subscriptions start after that position), with
 * exponential backoff. Events are read through the async iterator, so while the handler runs
 * nothing more is pulled from the server (back-pressure); what is already buffered is handed over
 * as one batch.
 */
class EsdbCatchUpSubscription implements Subscription {
  private cursor: LogPosition | LogStart;
  private stopped = false;
  private signalStop!: () => void;
  private readonly stopSignal = new Promise<typeof STOPPED>((resolve) => {
    this.signalStop = () => resolve(STOPPED);
  });
  private readonly done: Promise<void>;

  constructor(
    private readonly client: EsdbClient,
    private readonly options: SubscribeOptions,
    private readonly config: ResolvedOptions,
    onFinished: () => void,
  ) {
    this.cursor = options.from;
    this.done = this.run().finally(onFinished);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.signalStop();
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const outcome = await this.consumeOnce();
      if (outcome.kind === 'stopped') return;
      if (outcome.kind === 'handler_failed') {
        this.stopped = true;
        try {
          this.options.onError?.(outcome.error);
        } catch {
          // an onError that throws has nowhere to report to
        }
        return;
      }
      if (this.stopped) return;
      if (outcome.delivered) failures = 0;
      const delayMs = Math.min(
        this.config.resubscribeMaxBackoffMs,
        this.config.resubscribeMinBackoffMs * 2 ** Math.min(failures, 30),
      );
      failures += 1;
      this.config.logger?.warn('EventStoreDB subscription dropped; resubscribing', {
        error: outcome.error instanceof Error ? outcome.error.message : outcome.error,
        delayMs,
        from: this.cursor,
      });
      await this.sleep(delayMs);
    }
  }

  private async sleep(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
      this.stopSignal,
    ]);
    clearTimeout(timer);
  }

  private async consumeOnce(): Promise<Outcome> {
    let delivered = false;
    let subscription: EsdbSubscriptionLike;
    try {
      subscription = this.client.subscribeToAll({
        fromPosition: toReadPosition(this.cursor),
        filter: excludeSystemEvents(),
        resolveLinkTos: false,
      });
    } catch (error) {
      return { kind: 'dropped', error, delivered };
    }
    const iterator = subscription[Symbol.asyncIterator]();
    try {
      for (;;) {
        const pending = iterator.next();
        const first = await Promise.race([pending, this.stopSignal]);
        if (first === STOPPED || this.stopped) return { kind: 'stopped' };
        if (first.done)
          return { kind: 'dropped', error: new Error('subscription ended'), delivered };
        const raw = [first.value];
        let ended = false;
        while (raw.length < this.config.batchSize && (subscription.readableLength ?? 0) > 0) {
          const more = await iterator.next();
          if (more.done) {
            ended = true;
            break;
          }
          raw.push(more.value);
        }
        const { events, lastPosition } = this.convert(raw);
        if (events.length > 0) {
          if (this.stopped) return { kind: 'stopped' };
          try {
            await this.options.onEvents(events);
          } catch (error) {
            return { kind: 'handler_failed', error };
          }
          delivered = true;
        }
        if (lastPosition) this.cursor = lastPosition;
        if (ended) return { kind: 'dropped', error: new Error('subscription ended'), delivered };
      }
    } catch (error) {
      if (this.stopped) return { kind: 'stopped' };
      return { kind: 'dropped', error, delivered };
    } finally {
      await this.release(subscription, iterator);
    }
  }

  /** Ours among the raw events, and the position of the last raw event after the cursor. */
  private convert(raw: AllStreamResolvedEvent[]) {
    const events: RecordedEvent[] = [];
    let lastPosition: LogPosition | null = null;
    for (const resolved of raw) {
      const event = resolved.event;
      if (!event?.position) continue;
      const position = formatEsdbPosition(event.position);
      const after = lastPosition ?? this.cursor;
      if (after !== LOG_START && compareLogPositions(position, after) <= 0) continue;
      lastPosition = position;
      const recorded = toRecordedEvent(event);
      if (recorded) events.push(recorded);
    }
    return { events, lastPosition };
  }

  private async release(
    subscription: EsdbSubscriptionLike,
    iterator: AsyncIterator<AllStreamResolvedEvent>,
  ): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      subscription.unsubscribe().catch(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 1000);
      }),
    ]);
    clearTimeout(timer);
    // Not awaited: an async generator queues return() behind a pending next().
    iterator.return?.().catch(() => undefined);
  }
}
