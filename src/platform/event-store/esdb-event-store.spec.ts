import { describeEventStoreContract } from '../../../test/event-store.contract';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError as EsdbStreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  AppendResult as EsdbAppendResult,
  AppendToStreamOptions,
  JSONEventData,
  Position,
  ReadAllOptions as EsdbReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
  SubscribeToAllOptions,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { NewEvent, RecordedEvent } from '../../events/envelope';
import {
  DuplicateEventIdError,
  LOG_START,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from './event-store.port';
import {
  EVENT_ID_CLAIM_STREAM_PREFIX,
  EsdbClient,
  EsdbEventStore,
  EsdbSubscriptionLike,
  ForeignEventError,
  claimEventId,
  describeConnectionString,
  toEsdbExpectedRevision,
} from './esdb-event-store';
import { ChainVerifier, GENESIS_HASH } from './hash-chain';
import { HeadSigningKey } from './head-signing-key';
import { LogHeadSigner } from './log-head-signer';
import { LogHeadStore } from './log-head-store';
import { ReadDatabase } from './read-database';
import { verifyStore } from './verify-store';

/* ------------------------------------------------------------------------------------------ */
/* A fake EventStoreDB client: the calls the adapter makes, with the server semantics the      */
/* adapter relies on (checked against the client and server sources, see the adapter header). */
/* ------------------------------------------------------------------------------------------ */

interface StoredEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata: unknown;
  isJson: true;
  position: Position;
}

interface AppendCall {
  streamName: string;
  ids: string[];
  expectedRevision: AppendExpectedRevision | undefined;
}

class FakeSubscription extends PassThrough implements EsdbSubscriptionLike {
  unsubscribed = false;
  constructor(readonly options: SubscribeToAllOptions) {
    super({ objectMode: true });
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    if (!this.destroyed) this.end();
  }
  get live(): boolean {
    return !this.unsubscribed && !this.destroyed && !this.writableEnded;
  }
  override [Symbol.asyncIterator](): AsyncIterableIterator<AllStreamResolvedEvent> {
    return super[Symbol.asyncIterator]() as AsyncIterableIterator<AllStreamResolvedEvent>;
  }
}

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

class FakeEsdb implements EsdbClient {
  readonly log: StoredEvent[] = [];
  readonly appends: AppendCall[] = [];
  readonly subscriptions: FakeSubscription[] = [];
  readonly readAllCalls: EsdbReadAllOptions[] = [];
  disposed = false;
  /** Runs before an append is checked, to let "another writer" get in first. */
  beforeAppend?: (streamName: string) => Promise<void> | void;
  private nextCommit = 1000n;

  stream(name: string): StoredEvent[] {
    return this.log.filter((e) => e.streamId === name);
  }

  /** Writes without checks, as another client or the server itself would. */
  rawWrite(streamId: string, type: string, data: unknown, metadata: unknown = {}): StoredEvent {
    const revision = BigInt(this.stream(streamId).length);
    const commit = this.nextCommit;
    this.nextCommit += 100n;
    const event: StoredEvent = {
      streamId,
      id: randomUUID(),
      revision,
      type,
      created: new Date('2025-03-01T09:30:00.123Z'),
      data: json(data),
      metadata: json(metadata),
      isJson: true,
      position: { commit, prepare: commit - 37n },
    };
    this.log.push(event);
    this.publish(event);
    return event;
  }

  private publish(event: StoredEvent) {
    for (const subscription of this.subscriptions) {
      if (subscription.live && this.passes(subscription.options, event)) {
        subscription.write({ event } as AllStreamResolvedEvent);
      }
    }
  }

  private passes(options: SubscribeToAllOptions, event: StoredEvent): boolean {
    const filter = options.filter;
    if (!filter || !('regex' in filter)) return true;
    const subject = filter.filterOn === 'eventType' ? event.type : event.streamId;
    return new RegExp(filter.regex).test(subject);
  }

  async appendToStream(
    streamName: string,
    events: JSONEventData[],
    options: AppendToStreamOptions,
  ): Promise<EsdbAppendResult> {
    await this.beforeAppend?.(streamName);
    const expected = options.expectedRevision ?? ANY;
    this.appends.push({ streamName, ids: events.map((e) => e.id), expectedRevision: expected });
    const stream = this.stream(streamName);
    const current = stream.length - 1;
    const wrong = () =>
      new WrongExpectedVersionError(undefined, {
        streamName,
        expected,
        current: current < 0 ? NO_STREAM : BigInt(current),
      });
    const done = (last: StoredEvent): EsdbAppendResult => ({
      success: true,
      nextExpectedRevision: last.revision,
      position: last.position,
    });
    if (expected === STREAM_EXISTS && current < 0) throw wrong();
    if (expected === ANY || expected === STREAM_EXISTS) {
      const first = stream.find((e) => e.id === events[0].id);
      if (first) return done(stream[Number(first.revision) + events.length - 1] ?? first);
    } else {
      const expectedNumber = expected === NO_STREAM ? -1 : Number(expected);
      if (expectedNumber < current) {
        // Server idempotence for exact expected revisions (IndexWriter.CheckCommit).
        const same = events.every((e, i) => stream[expectedNumber + 1 + i]?.id === e.id);
        if (!same) throw wrong();
        return done(stream[expectedNumber + events.length]);
      }
      if (expectedNumber > current) throw wrong();
    }
    let last: StoredEvent | undefined;
    for (const e of events) {
      last = this.rawWrite(streamName, e.type, e.data, e.metadata);
      last.id = e.id;
    }
    return done(last as StoredEvent);
  }

  readStream(streamName: string, options: ReadStreamOptions): AsyncIterable<ResolvedEvent> {
    // Like the real client: nothing happens until iteration, which reports a missing stream.
    const log = this.log;
    return (async function* () {
      await Promise.resolve();
      let events = log.filter((e) => e.streamId === streamName);
      if (events.length === 0) throw new EsdbStreamNotFoundError(undefined, streamName);
      const from = options.fromRevision ?? START;
      if (options.direction === BACKWARDS) {
        events = events.reverse();
        if (typeof from === 'bigint') events = events.filter((e) => e.revision <= from);
      } else if (typeof from === 'bigint') {
        events = events.filter((e) => e.revision >= from);
      }
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      for (const event of events.slice(0, max)) {
        yield { event: { ...event } } as ResolvedEvent;
      }
    })();
  }

  readAll(options: EsdbReadAllOptions): AsyncIterable<AllStreamResolvedEvent> {
    this.readAllCalls.push(options);
    const log = this.log;
    return (async function* () {
      await Promise.resolve();
      const from = options.fromPosition ?? START;
      let events = [...log];
      if (options.direction === BACKWARDS) {
        events.reverse();
        if (from !== END && from !== START) events = events.filter((e) => !after(e.position, from));
      } else if (from !== START && from !== END) {
        // ESDB readAll is inclusive of fromPosition.
        events = events.filter((e) => !after(from, e.position));
      }
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      for (const event of events.slice(0, max)) {
        yield { event: { ...event } } as AllStreamResolvedEvent;
      }
    })();
  }

  subscribeToAll(options: SubscribeToAllOptions): FakeSubscription {
    const subscription = new FakeSubscription(options);
    this.subscriptions.push(subscription);
    const from = options.fromPosition ?? START;
    for (const event of this.log) {
      // ESDB subscriptions start strictly after fromPosition.
      const isAfter = from === START || (from !== END && after(event.position, from));
      if (isAfter && this.passes(options, event)) {
        subscription.write({ event: { ...event } } as AllStreamResolvedEvent);
      }
    }
    return subscription;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

function after(a: Position, b: Position): boolean {
  return a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);
}

/* ------------------------------------------------------------------------------------------ */

const event = (n: number, type = 'ThingHappened'): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data: { n, text: 'Ausschuss – “quoted”', nested: { b: 2, a: [1, 'x'] } },
  metadata: {
    occurredAt: '2025-03-01T02:00:00.000Z',
    actor: { userId: 'u1', organisationId: 'org-1', role: 'legislature' },
    correlationId: 'corr-1',
    causationId: null,
  },
});
const n = (e: RecordedEvent) => (e.data as { n: number }).n;
const streamName = () => `unit_${randomUUID().replace(/-/g, '')}`;

async function waitFor(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('EsdbEventStore (unit, fake client)', () => {
  let fake: FakeEsdb;
  let store: EsdbEventStore;
  const open = (options = {}) =>
    new EsdbEventStore(
      'esdb://admin:changeit@localhost:2113?tls=false',
      { resubscribeMinBackoffMs: 5, resubscribeMaxBackoffMs: 20, ...options },
      fake,
    );
  const targetAppends = (stream: string) => fake.appends.filter((a) => a.streamName === stream);

  beforeEach(() => {
    fake = new FakeEsdb();
    store = open();
  });
  afterEach(async () => {
    await store.close();
  });

  describe('expected revisions', () => {
    it('maps every port expectation to the client constant or a bigint', () => {
      expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
      expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
      expect(toEsdbExpectedRevision('any')).toBe(ANY);
      expect(toEsdbExpectedRevision(7)).toBe(7n);
      expect(() => toEsdbExpectedRevision(-1)).toThrow(RangeError);
      expect(() => toEsdbExpectedRevision(1.5)).toThrow(RangeError);
    });

    it('sends exact expectations as given and resolves any / stream_exists to the read revision', async () => {
      const id = streamName();
      await store.append(id, [event(1)], 'no_stream');
      await store.append(id, [event(2)], 0);
      await store.append(id, [event(3)], 'any');
      await store.append(id, [event(4)], 'stream_exists');
      const other = streamName();
      await store.append(other, [event(5)], 'any');
      expect(targetAppends(id).map((a) => a.expectedRevision)).toEqual([NO_STREAM, 0n, 1n, 2n]);
      expect(targetAppends(other).map((a) => a.expectedRevision)).toEqual([NO_STREAM]);
      expect((await store.readStream(id)).map(n)).toEqual([1, 2, 3, 4]);
    });

    it('refuses locally what cannot match, naming the actual revision, without writing', async () => {
      const id = streamName();
      const missing = await store.append(id, [event(1)], 'stream_exists').catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(WrongExpectedRevisionError);
      expect((missing as WrongExpectedRevisionError).actual).toBe('no_stream');
      await store.append(id, [event(1), event(2)], 'no_stream');
      const stale = await store.append(id, [event(3)], 0).catch((e: unknown) => e);
      expect(stale).toMatchObject({ expected: 0, actual: 1 });
      expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
      expect(targetAppends(id)).toHaveLength(1);
    });

    it("maps the client's WrongExpectedVersionError to WrongExpectedRevisionError with the actual revision", async () => {
      const id = streamName();
      await store.append(id, [event(1)], 'no_stream');
      let once = true;
      fake.beforeAppend = (name) => {
        if (name === id && once) {
          once = false;
          fake.rawWrite(id, 'Sneaked', {}); // another writer wins the race
        }
      };
      const error = await store.append(id, [event(2)], 0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: id, expected: 0, actual: 1 });
    });

    it("maps a WrongExpectedVersionError whose current revision is 'no_stream'", async () => {
      const failing: EsdbClient = {
        readStream: fake.readStream.bind(fake),
        readAll: fake.readAll.bind(fake),
        subscribeToAll: fake.subscribeToAll.bind(fake),
        dispose: fake.dispose.bind(fake),
        appendToStream: async (streamName) => {
          throw new WrongExpectedVersionError(undefined, {
            streamName,
            expected: NO_STREAM,
            current: NO_STREAM,
          });
        },
      };
      const local = new EsdbEventStore('esdb://localhost:2113', { eventIdClaims: false }, failing);
      const error = await local.append(streamName(), [event(1)], 'no_stream').catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((error as WrongExpectedRevisionError).actual).toBe('no_stream');
    });

    it('lets exactly one of several concurrent appends at the same revision win', async () => {
      const id = streamName();
      await store.append(id, [event(0)], 'no_stream');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) => store.append(id, [event(i + 1)], 0)),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes.filter((x) => x.status === 'rejected')) {
        expect((o as PromiseRejectedResult).reason).toMatchObject({ expected: 0, actual: 1 });
      }
      expect(fake.stream(id)).toHaveLength(2);
    });

    it("retries an 'any' append that lost a race and keeps one unforked chain", async () => {
      const id = streamName();
      const rival = open();
      await store.append(id, [event(1)], 'no_stream');
      let raced = false;
      fake.beforeAppend = async (name) => {
        if (name === id && !raced) {
          raced = true;
          await rival.append(id, [event(2)], 'any');
        }
      };
      const mine = event(3);
      const result = await store.append(id, [mine], 'any');
      expect(result.nextExpectedRevision).toBe(2);
      const read = await store.readStream(id);
      expect(read.map(n)).toEqual([1, 2, 3]);
      const verifier = new ChainVerifier();
      read.forEach((e) => verifier.check(e));
      expect(verifier.result()).toMatchObject({ valid: true, events: 3 });
      // sent at the revision it read (0), lost to the rival, re-read and sent again at 1
      const attempts = targetAppends(id).filter((a) => a.ids.includes(mine.eventId));
      expect(attempts.map((a) => a.expectedRevision)).toEqual([0n, 1n]);
    });

    it("gives up an 'any' append after maxAppendAttempts lost races", async () => {
      store = open({ maxAppendAttempts: 3 });
      const id = streamName();
      await store.append(id, [event(1)], 'no_stream');
      const rival = open();
      const mine = event(2);
      let racing = false;
      fake.beforeAppend = async (name) => {
        if (name !== id || racing) return;
        racing = true;
        await rival.append(id, [event(99)], 'any'); // always one step ahead
        racing = false;
      };
      const error = await store.append(id, [mine], 'any').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      const attempts = targetAppends(id).filter((a) => a.ids.includes(mine.eventId));
      expect(attempts.map((a) => a.expectedRevision)).toEqual([0n, 1n, 2n]);
      expect(fake.stream(id).map((e) => e.id)).not.toContain(mine.eventId);
    });
  });

  describe('idempotent retries and event ids', () => {
    it('returns the first result and writes nothing when a no_stream append is retried', async () => {
      const id = streamName();
      const events = [event(1), event(2)];
      const first = await store.append(id, events, 'no_stream');
      const again = await store.append(id, events, 'no_stream');
      expect(again).toEqual(first);
      expect(fake.stream(id)).toHaveLength(2);
      expect(targetAppends(id)).toHaveLength(1);
    });

    it("returns the first result when an 'any' append is retried", async () => {
      const id = streamName();
      await store.append(id, [event(1)], 'no_stream');
      const events = [event(2), event(3)];
      const first = await store.append(id, events, 'any');
      const again = await store.append(id, events, 'any');
      expect(again).toEqual(first);
      expect(fake.stream(id)).toHaveLength(3);
    });

    it('refuses a retry that only partly matches what is stored', async () => {
      const id = streamName();
      const [a, b] = [event(1), event(2)];
      await store.append(id, [a, b], 'no_stream');
      await expect(store.append(id, [a, event(3)], 'no_stream')).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect(fake.stream(id)).toHaveLength(2);
    });

    it('refuses an event id already claimed by another stream, writing nothing there', async () => {
      const shared = event(1);
      const first = streamName();
      const second = streamName();
      await store.append(first, [shared], 'no_stream');
      await expect(store.append(second, [shared], 'no_stream')).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect(fake.stream(second)).toHaveLength(0);
      const claim = fake.stream(`${EVENT_ID_CLAIM_STREAM_PREFIX}${shared.eventId}`);
      expect(claim).toHaveLength(1);
      expect(claim[0]).toMatchObject({
        id: claimEventId(shared.eventId, first),
        data: { eventId: shared.eventId, streamId: first },
      });
    });

    it('without claims, EventStoreDB itself would accept the cross-stream reuse', async () => {
      store = open({ eventIdClaims: false });
      const shared = event(1);
      await store.append(streamName(), [shared], 'no_stream');
      const second = streamName();
      await store.append(second, [shared], 'no_stream');
      expect(fake.stream(second)).toHaveLength(1);
    });

    it('refuses duplicate ids within one batch and non-UUID ids', async () => {
      const e = event(1);
      await expect(store.append(streamName(), [e, { ...e }], 'no_stream')).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      await expect(
        store.append(streamName(), [{ ...event(1), eventId: 'not-a-uuid' }], 'no_stream'),
      ).rejects.toThrow(/UUID/);
      expect(fake.appends).toHaveLength(0);
    });

    it('uses the envelope eventId as the EventStoreDB event id', async () => {
      const id = streamName();
      const events = [event(1), event(2)];
      await store.append(id, events, 'no_stream');
      expect(fake.stream(id).map((e) => e.id)).toEqual(events.map((e) => e.eventId));
    });
  });

  describe('reading streams', () => {
    it('turns StreamNotFoundError raised during iteration into the port error', async () => {
      const id = streamName();
      // the client call itself does not throw; the error comes out of the iteration
      const iterable = fake.readStream(id, {});
      await expect(
        (async () => {
          for await (const x of iterable) void x;
        })(),
      ).rejects.toBeInstanceOf(EsdbStreamNotFoundError);
      const error = await store.readStream(id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect((error as StreamNotFoundError).streamId).toBe(id);
    });

    it('passes other client errors through unchanged', async () => {
      const broken: EsdbClient = {
        appendToStream: fake.appendToStream.bind(fake),
        readAll: fake.readAll.bind(fake),
        subscribeToAll: fake.subscribeToAll.bind(fake),
        dispose: fake.dispose.bind(fake),
        readStream: () => ({
          [Symbol.asyncIterator]: () => ({
            next: () => Promise.reject(new UnavailableError()),
          }),
        }),
      };
      const local = new EsdbEventStore('esdb://localhost:2113', {}, broken);
      await expect(local.readStream('s')).rejects.toBeInstanceOf(UnavailableError);
    });

    it('reads from a revision and round-trips payload, metadata and created time', async () => {
      const id = streamName();
      const written = [event(1), event(2), event(3)];
      await store.append(id, written, 'no_stream');
      const read = await store.readStream(id, 1);
      expect(read.map((e) => e.revision)).toEqual([1, 2]);
      expect(read[0]).toMatchObject({
        streamId: id,
        eventId: written[1].eventId,
        type: 'ThingHappened',
        schemaVersion: 1,
        data: written[1].data,
        metadata: written[1].metadata,
        recordedAt: '2025-03-01T09:30:00.123Z',
      });
      expect(Object.keys(read[0].metadata).sort()).toEqual(Object.keys(written[1].metadata).sort());
    });

    it('refuses a stream holding an event that was not written by the adapter', async () => {
      const id = streamName();
      fake.rawWrite(id, 'Foreign', { x: 1 }, { some: 'thing' });
      await expect(store.readStream(id)).rejects.toBeInstanceOf(ForeignEventError);
      await expect(store.append(id, [event(1)], 'any')).rejects.toBeInstanceOf(ForeignEventError);
    });
  });

  describe('hash chain', () => {
    it('stores previousHash and hash in the event metadata and reads a verifiable chain', async () => {
      const id = streamName();
      await store.append(id, [event(1), event(2)], 'no_stream');
      await store.append(id, [event(3)], 1);
      const stored = fake.stream(id).map((e) => e.metadata as Record<string, unknown>);
      expect(stored[0]).toMatchObject({
        schemaVersion: 1,
        previousHash: GENESIS_HASH,
        correlationId: 'corr-1',
        causationId: null,
        actor: { userId: 'u1', organisationId: 'org-1', role: 'legislature' },
      });
      expect(stored[1].previousHash).toBe(stored[0].hash);
      expect(stored[2].previousHash).toBe(stored[1].hash);
      const read = await store.readStream(id);
      expect(read.map((e) => e.hash)).toEqual(stored.map((m) => m.hash));
      const verifier = new ChainVerifier();
      read.forEach((e) => verifier.check(e));
      expect(verifier.result()).toMatchObject({ valid: true, events: 3, streams: 1 });
    });

    it('lets the verifier find a payload altered inside EventStoreDB', async () => {
      const id = streamName();
      await store.append(id, [event(1), event(2)], 'no_stream');
      fake.stream(id)[1].data = { n: 99 };
      const verifier = new ChainVerifier();
      (await store.readStream(id)).forEach((e) => verifier.check(e));
      expect(verifier.result().firstBrokenLink).toMatchObject({
        streamId: id,
        revision: 1,
        problem: 'hash_mismatch',
      });
    });
  });

  describe('given log heads signed through the port', () => {
    const key = HeadSigningKey.generate();
    let read: ReadDatabase;
    let heads: LogHeadStore;
    const verify = () => verifyStore(store, { heads, trustedKeyId: key.keyId });

    beforeEach(async () => {
      read = new ReadDatabase(':memory:');
      heads = new LogHeadStore(read.db);
      const signer = new LogHeadSigner(store, heads, key, { everyEvents: 1000, intervalMs: 5 });
      signer.start();
      await store.append('x', [event(1), event(2)], 'no_stream');
      await store.append('y', [event(3)], 'no_stream');
      await store.append('z', [event(4)], 'no_stream');
      await waitFor(() => heads.latest()?.events === 4, 'a head over four events');
      await signer.stop();
    });
    afterEach(() => read.close());

    it('when nothing was touched, then the log EventStoreDB holds verifies against them', async () => {
      expect(heads.latest()).toMatchObject({ events: 4, streams: 3 });
      expect(await verify()).toMatchObject({ valid: true, events: 4, problems: [] });
    });

    it('when a stream is deleted inside EventStoreDB, then verify names it', async () => {
      fake.log.splice(
        fake.log.findIndex((e) => e.streamId === 'y'),
        1,
      );
      expect((await verify()).firstProblem).toMatchObject({
        kind: 'stream_deleted',
        streamId: 'y',
      });
    });

    it("when the tail of EventStoreDB's log is cut, then verify names the cut", async () => {
      const last = fake.log.filter((e) => e.streamId === 'z')[0];
      fake.log.splice(fake.log.indexOf(last), 1);
      expect((await verify()).firstProblem).toMatchObject({
        kind: 'log_truncated',
        position: `${last.position.commit}/${last.position.prepare}`,
      });
    });
  });

  describe('readAll', () => {
    it('formats positions as commit/prepare', async () => {
      const id = streamName();
      const result = await store.append(id, [event(1)], 'no_stream');
      const stored = fake.stream(id)[0].position;
      expect(stored.commit).not.toBe(stored.prepare);
      const expected = `${stored.commit}/${stored.prepare}`;
      expect(result.position).toBe(expected);
      expect((await store.readStream(id))[0].position).toBe(expected);
      expect((await store.readAll({ from: LOG_START, maxCount: 10 }))[0].position).toBe(expected);
    });

    it('skips system events, claims and foreign events, and is exclusive of from', async () => {
      const a = streamName();
      const b = streamName();
      fake.rawWrite('$stats-127.0.0.1:2113', '$statsCollected', {});
      await store.append(a, [event(1)], 'no_stream');
      fake.rawWrite('$$' + a, '$metadata', {});
      fake.rawWrite('someone-else', 'NotOurs', { x: 1 }, { foreign: true });
      await store.append(b, [event(2), event(3)], 'no_stream');
      fake.rawWrite('$et-ThingHappened', '$>', '0@x');
      await store.append(a, [event(4)], 0);

      const all = await store.readAll({ from: LOG_START, maxCount: 100 });
      expect(all.map(n)).toEqual([1, 2, 3, 4]);
      expect(all.every((e) => !e.streamId.startsWith('$') && !e.type.startsWith('$'))).toBe(true);

      const afterSecond = await store.readAll({ from: all[1].position, maxCount: 1 });
      expect(afterSecond.map(n)).toEqual([3]);
      const rest = await store.readAll({ from: all[1].position, maxCount: 10 });
      expect(rest.map(n)).toEqual([3, 4]);
      expect(await store.readAll({ from: all[3].position, maxCount: 10 })).toEqual([]);
    });

    it('skips events in $ streams or with $ types even when they carry an envelope', async () => {
      const id = streamName();
      await store.append(id, [event(1)], 'no_stream');
      const original = fake.stream(id)[0];
      fake.rawWrite(`$ce-${id}`, original.type, original.data, original.metadata);
      fake.rawWrite(id + '-copy', '$copied', original.data, original.metadata);
      const all = await store.readAll({ from: LOG_START, maxCount: 100 });
      expect(all.map((e) => e.streamId)).toEqual([id]);
      const seen: string[] = [];
      const subscription = store.subscribeToAll({
        from: LOG_START,
        onEvents: (events) => {
          seen.push(...events.map((e) => `${e.streamId}:${e.type}`));
        },
      });
      await store.append(id, [event(2)], 0);
      await waitFor(() => seen.length >= 2, 'own events');
      await subscription.stop();
      expect(seen).toEqual([`${id}:ThingHappened`, `${id}:ThingHappened`]);
    });

    it('keeps reading past pages of skipped events until maxCount of its own', async () => {
      store = open({ batchSize: 2, eventIdClaims: false });
      const id = streamName();
      await store.append(id, [event(1)], 'no_stream');
      for (let i = 0; i < 7; i++) fake.rawWrite(`$stats-${i}`, '$statsCollected', {});
      await store.append(id, [event(2)], 0);
      await store.append(id, [event(3)], 1);
      const page = await store.readAll({ from: LOG_START, maxCount: 2 });
      expect(page.map(n)).toEqual([1, 2]);
      const next = await store.readAll({ from: page[1].position, maxCount: 2 });
      expect(next.map(n)).toEqual([3]);
      expect(fake.readAllCalls.length).toBeGreaterThan(3);
    });
  });

  describe('subscribeToAll', () => {
    it('delivers history after from (exclusive) and then live events, in order', async () => {
      const id = streamName();
      const first = await store.append(id, [event(1)], 'no_stream');
      await store.append(id, [event(2)], 0);
      fake.rawWrite('$stats-x', '$statsCollected', {});
      const seen: number[] = [];
      const subscription = store.subscribeToAll({
        from: first.position,
        onEvents: (events) => {
          seen.push(...events.map(n));
        },
      });
      await waitFor(() => seen.length >= 1, 'history');
      await store.append(id, [event(3), event(4)], 1);
      await waitFor(() => seen.length >= 3, 'live events');
      await subscription.stop();
      expect(seen).toEqual([2, 3, 4]);
      expect(fake.subscriptions[0].options.fromPosition).toEqual(fake.stream(id)[0].position);
      expect(fake.subscriptions[0].unsubscribed).toBe(true);
    });

    it('hands over what is already buffered as one batch and never runs the handler twice at once', async () => {
      store = open({ eventIdClaims: false });
      const id = streamName();
      await store.append(id, [event(1), event(2), event(3), event(4), event(5)], 'no_stream');
      const batches: number[][] = [];
      let running = 0;
      let overlapped = false;
      const subscription = store.subscribeToAll({
        from: LOG_START,
        onEvents: async (events) => {
          running += 1;
          overlapped ||= running > 1;
          batches.push(events.map(n));
          await new Promise((r) => setTimeout(r, 5));
          running -= 1;
        },
      });
      await waitFor(() => batches.flat().length >= 5, 'all events');
      await subscription.stop();
      expect(batches.flat()).toEqual([1, 2, 3, 4, 5]);
      expect(batches.length).toBeLessThan(5);
      expect(overlapped).toBe(false);
    });

    it('resubscribes after a dropped subscription from the last delivered position, without duplicates or gaps', async () => {
      const id = streamName();
      await store.append(id, [event(1)], 'no_stream');
      const seen: number[] = [];
      const gate = deferred();
      const subscription = store.subscribeToAll({
        from: LOG_START,
        onEvents: async (events) => {
          seen.push(...events.map(n));
          if (seen.includes(1) && seen.length === 1) await gate.promise;
        },
      });
      await waitFor(() => seen.length === 1, 'first event');
      // While the handler is busy, more events reach the client buffer, then the connection drops.
      await store.append(id, [event(2), event(3)], 0);
      fake.subscriptions[0].destroy(new UnavailableError());
      gate.resolve();
      await waitFor(() => fake.subscriptions.length === 2, 'resubscription');
      await store.append(id, [event(4)], 2);
      await waitFor(() => seen.length >= 4, 'events after resubscribing');
      await subscription.stop();
      expect(seen).toEqual([1, 2, 3, 4]);
      expect(fake.subscriptions[1].options.fromPosition).toEqual(fake.stream(id)[0].position);
    });

    it('resubscribes when the subscription ends unexpectedly, from the last delivered event', async () => {
      const id = streamName();
      await store.append(id, [event(1), event(2)], 'no_stream');
      const seen: number[] = [];
      const subscription = store.subscribeToAll({
        from: LOG_START,
        onEvents: (events) => {
          seen.push(...events.map(n));
        },
      });
      await waitFor(() => seen.length === 2, 'history');
      fake.subscriptions[0].end();
      await waitFor(() => fake.subscriptions.length === 2, 'resubscription');
      await store.append(id, [event(3)], 1);
      await waitFor(() => seen.length === 3, 'live event');
      await subscription.stop();
      expect(seen).toEqual([1, 2, 3]);
      expect(fake.subscriptions[1].options.fromPosition).toEqual(fake.stream(id)[1].position);
    });

    it('drops anything at or before its position should a server ever repeat it', async () => {
      const id = streamName();
      const first = await store.append(id, [event(1)], 'no_stream');
      await store.append(id, [event(2)], 0);
      const subscribe = fake.subscribeToAll.bind(fake);
      fake.subscribeToAll = (options) => {
        const s = subscribe({ ...options, fromPosition: START }); // replays everything
        return s;
      };
      const seen: number[] = [];
      const subscription = store.subscribeToAll({
        from: first.position,
        onEvents: (events) => {
          seen.push(...events.map(n));
        },
      });
      await waitFor(() => seen.length >= 1, 'history');
      await new Promise((r) => setTimeout(r, 20));
      await subscription.stop();
      expect(seen).toEqual([2]);
    });

    it('backs off exponentially between failed resubscriptions, up to the maximum', async () => {
      store = open({ resubscribeMinBackoffMs: 10, resubscribeMaxBackoffMs: 40 });
      const times: number[] = [];
      const subscribe = fake.subscribeToAll.bind(fake);
      fake.subscribeToAll = (options) => {
        times.push(Date.now());
        const s = subscribe(options);
        setImmediate(() => s.destroy(new UnavailableError()));
        return s;
      };
      const subscription = store.subscribeToAll({ from: LOG_START, onEvents: () => undefined });
      await waitFor(() => times.length >= 5, 'five attempts');
      await subscription.stop();
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      expect(gaps[0]).toBeGreaterThanOrEqual(9);
      expect(gaps[1]).toBeGreaterThanOrEqual(19);
      expect(gaps[2]).toBeGreaterThanOrEqual(39);
      expect(gaps[3]).toBeGreaterThanOrEqual(39);
      expect(gaps[3]).toBeLessThan(200);
    });

    it('stops for good on a handler error, reports it and does not resubscribe', async () => {
      const id = streamName();
      await store.append(id, [event(1)], 'no_stream');
      const errors: unknown[] = [];
      let calls = 0;
      store.subscribeToAll({
        from: LOG_START,
        onEvents: () => {
          calls += 1;
          throw new Error('handler broke');
        },
        onError: (error) => errors.push(error),
      });
      await waitFor(() => errors.length === 1, 'onError');
      await store.append(id, [event(2)], 0);
      await new Promise((r) => setTimeout(r, 60));
      expect(errors[0]).toMatchObject({ message: 'handler broke' });
      expect(calls).toBe(1);
      expect(fake.subscriptions).toHaveLength(1);
      expect(fake.subscriptions[0].unsubscribed).toBe(true);
    });

    it('stop() resolves only once the running handler has finished', async () => {
      const id = streamName();
      await store.append(id, [event(1)], 'no_stream');
      const gate = deferred();
      let entered = false;
      let finished = false;
      const subscription = store.subscribeToAll({
        from: LOG_START,
        onEvents: async () => {
          entered = true;
          await gate.promise;
          finished = true;
        },
      });
      await waitFor(() => entered, 'handler start');
      let stopped = false;
      const stopping = subscription.stop().then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 20));
      expect(stopped).toBe(false);
      gate.resolve();
      await stopping;
      expect(finished).toBe(true);
    });

    it('delivers nothing after stop()', async () => {
      const id = streamName();
      let delivered = 0;
      const subscription = store.subscribeToAll({
        from: LOG_START,
        onEvents: (events) => {
          delivered += events.length;
        },
      });
      await subscription.stop();
      await store.append(id, [event(1)], 'no_stream');
      await new Promise((r) => setTimeout(r, 30));
      expect(delivered).toBe(0);
    });
  });

  describe('describe, ping and close', () => {
    it('describes the hosts without credentials', () => {
      expect(store.describe()).toBe('eventstoredb:localhost:2113');
      expect(
        describeConnectionString('esdb+discover://u:p%40ss@cluster.example:2113/?tls=true'),
      ).toBe('eventstoredb:cluster.example:2113');
      expect(describeConnectionString('esdb://a:2113,b:2113,c:2113?nodePreference=leader')).toBe(
        'eventstoredb:a:2113,b:2113,c:2113',
      );
    });

    it('pings by reading the last event of $all', async () => {
      await store.ping();
      expect(fake.readAllCalls).toEqual([{ direction: BACKWARDS, fromPosition: END, maxCount: 1 }]);
    });

    it('close() stops subscriptions and disposes the client', async () => {
      store.subscribeToAll({ from: LOG_START, onEvents: () => undefined });
      await waitFor(() => fake.subscriptions.length === 1, 'subscription');
      await store.close();
      expect(fake.subscriptions[0].unsubscribed).toBe(true);
      expect(fake.disposed).toBe(true);
    });
  });
});

// The shared contract, over a fake client that follows the server's rules: what the adapter adds
// on top of the client (expected revisions, the chain, exclusive reads, resubscription) must
// give the same behaviour as the embedded store. A real server runs it in test/esdb-*.spec.ts.
describeEventStoreContract(
  'EventStoreDB adapter over a fake client',
  async () =>
    new EsdbEventStore(
      'esdb://localhost:2113?tls=false',
      { resubscribeMinBackoffMs: 5, resubscribeMaxBackoffMs: 20 },
      new FakeEsdb(),
    ),
);
