import { randomUUID } from 'node:crypto';
import { NewEvent } from '../src/events/envelope';
import {
  DuplicateEventIdError,
  EventStore,
  LOG_START,
  LogEntry,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  compareLogPositions,
  readLogEntries,
} from '../src/platform/event-store/event-store.port';
import { ChainVerifier, GENESIS_HASH } from '../src/platform/event-store/hash-chain';

/**
 * The behaviour every EventStore adapter must show. Streams get unique names per test so the
 * suite can run against a shared server that holds other data.
 */
export function describeEventStoreContract(
  adapterName: string,
  open: () => Promise<EventStore>,
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    const stream = () => `contract_${randomUUID().replace(/-/g, '')}`;
    const event = (n: number, type = 'ThingHappened'): NewEvent => ({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      data: { n, text: '立法项目 — “quoted”', nested: { b: 2, a: [1, 'x'] } },
      metadata: {
        occurredAt: '2025-03-01T02:00:00.000Z',
        actor: { userId: 'u1', organisationId: 'org-1', role: 'legislature' },
        correlationId: 'corr-1',
        causationId: null,
      },
    });
    const ownEvents = async (streams: string[]) => {
      const found = [];
      let from: string = LOG_START;
      for (;;) {
        const page = await store.readAll({ from, maxCount: 500 });
        if (page.length === 0) return found;
        found.push(...page.filter((e) => streams.includes(e.streamId)));
        from = page[page.length - 1].position;
      }
    };

    describe('append with an expected revision', () => {
      it('creates a stream with no_stream and numbers its events from 0', async () => {
        const id = stream();
        const result = await store.append(id, [event(1), event(2)], 'no_stream');
        expect(result.nextExpectedRevision).toBe(1);
        const read = await store.readStream(id);
        expect(read.map((e) => [e.revision, (e.data as { n: number }).n])).toEqual([
          [0, 1],
          [1, 2],
        ]);
        expect(read[1].position).toBe(result.position);
      });

      it('refuses no_stream when the stream exists, writing nothing', async () => {
        const id = stream();
        await store.append(id, [event(1)], 'no_stream');
        await expect(store.append(id, [event(2)], 'no_stream')).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('refuses stream_exists on a missing stream and accepts it on an existing one', async () => {
        const id = stream();
        await expect(store.append(id, [event(1)], 'stream_exists')).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        await store.append(id, [event(1)], 'any');
        const result = await store.append(id, [event(2)], 'stream_exists');
        expect(result.nextExpectedRevision).toBe(1);
      });

      it('accepts the exact current revision and refuses a stale one with both revisions named', async () => {
        const id = stream();
        await store.append(id, [event(1), event(2)], 'no_stream');
        await store.append(id, [event(3)], 1);
        const error = await store.append(id, [event(4)], 1).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect((error as WrongExpectedRevisionError).expected).toBe(1);
        expect((error as WrongExpectedRevisionError).actual).toBe(2);
        expect(await store.readStream(id)).toHaveLength(3);
      });

      it('refuses an exact revision on a missing stream', async () => {
        await expect(store.append(stream(), [event(1)], 0)).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
      });

      it('lets exactly one of several concurrent appends at the same revision win', async () => {
        const id = stream();
        await store.append(id, [event(0)], 'no_stream');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => store.append(id, [event(i + 1)], 0)),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o) => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(7);
        for (const o of lost) {
          expect((o as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
        }
        expect(await store.readStream(id)).toHaveLength(2);
      });
    });

    describe('appends in flight together', () => {
      it('writes each on its own merits: a refused one leaves the others written', async () => {
        const [a, b, c] = [stream(), stream(), stream()];
        await store.append(b, [event(0)], 'no_stream');
        const outcomes = await Promise.allSettled([
          store.append(a, [event(1)], 'no_stream'),
          store.append(b, [event(2)], 5),
          store.append(c, [event(3), event(4)], 'no_stream'),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        expect(await store.readStream(a)).toHaveLength(1);
        expect(await store.readStream(b)).toHaveLength(1);
        expect(await store.readStream(c)).toHaveLength(2);
      });
    });

    describe('idempotent retries', () => {
      it('returns the first result and writes nothing when the same events are appended again', async () => {
        const id = stream();
        const events = [event(1), event(2)];
        const first = await store.append(id, events, 'no_stream');
        const again = await store.append(id, events, 'no_stream');
        expect(again).toEqual(first);
        expect(await store.readStream(id)).toHaveLength(2);
      });

      it('refuses an event id that already belongs to another stream', async () => {
        const shared = event(1);
        await store.append(stream(), [shared], 'no_stream');
        await expect(store.append(stream(), [shared], 'no_stream')).rejects.toBeInstanceOf(
          DuplicateEventIdError,
        );
      });
    });

    describe('reading', () => {
      it('throws StreamNotFoundError for a stream without events', async () => {
        await expect(store.readStream(stream())).rejects.toBeInstanceOf(StreamNotFoundError);
      });

      it('reads a stream from a revision and round-trips payload and metadata', async () => {
        const id = stream();
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
        });
        expect(Number.isNaN(Date.parse(read[0].recordedAt))).toBe(false);
      });

      it('reads the global log in append order, exclusive of the starting position, in pages', async () => {
        const a = stream();
        const b = stream();
        await store.append(a, [event(1)], 'no_stream');
        await store.append(b, [event(2), event(3)], 'no_stream');
        await store.append(a, [event(4)], 0);
        const mine = await ownEvents([a, b]);
        expect(mine.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4]);
        for (let i = 1; i < mine.length; i++) {
          expect(compareLogPositions(mine[i - 1].position, mine[i].position)).toBe(-1);
        }
        const after = await store.readAll({ from: mine[1].position, maxCount: 1 });
        expect(after).toHaveLength(1);
        expect(compareLogPositions(after[0].position, mine[1].position)).toBe(1);
      });

      it('lists the log through readLogEntries as readAll does, whether the adapter offers it or not', async () => {
        await store.append(stream(), [event(1), event(2)], 'no_stream');
        const options = { from: LOG_START, maxCount: 100_000 };
        const where = (e: LogEntry) => [e.position, e.streamId, e.revision, e.hash];
        const entries = await readLogEntries(store, options);
        expect(entries.length).toBeGreaterThanOrEqual(2);
        expect(entries.map(where)).toEqual((await store.readAll(options)).map(where));
      });
    });

    describe('hash chain', () => {
      it('links each event to the previous one of its stream and verifies', async () => {
        const id = stream();
        await store.append(id, [event(1), event(2)], 'no_stream');
        await store.append(id, [event(3)], 1);
        const read = await store.readStream(id);
        expect(read[0].previousHash).toBe(GENESIS_HASH);
        expect(read[1].previousHash).toBe(read[0].hash);
        expect(read[2].previousHash).toBe(read[1].hash);
        const verifier = new ChainVerifier();
        read.forEach((e) => verifier.check(e));
        expect(verifier.result()).toMatchObject({ valid: true, events: 3, streams: 1 });
      });

      it('names the first broken link when a payload was altered', async () => {
        const id = stream();
        await store.append(id, [event(1), event(2)], 'no_stream');
        const read = await store.readStream(id);
        const verifier = new ChainVerifier();
        verifier.check(read[0]);
        verifier.check({ ...read[1], data: { n: 99 } });
        expect(verifier.result().firstBrokenLink).toMatchObject({
          streamId: id,
          revision: 1,
          problem: 'hash_mismatch',
        });
      });
    });

    describe('catch-up subscription', () => {
      it('delivers history after the starting position, then live appends, in order', async () => {
        const id = stream();
        const first = await store.append(id, [event(1)], 'no_stream');
        await store.append(id, [event(2)], 0);
        const seen: number[] = [];
        let resolveDone: () => void = () => undefined;
        const done = new Promise<void>((r) => (resolveDone = r));
        const subscription = store.subscribeToAll({
          from: first.position,
          onEvents: (events) => {
            for (const e of events.filter((x) => x.streamId === id)) {
              seen.push((e.data as { n: number }).n);
            }
            if (seen.length >= 2) resolveDone();
          },
        });
        await store.append(id, [event(3)], 1);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          done,
          new Promise(
            (_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), 10000)),
          ),
        ]).finally(() => clearTimeout(timer));
        await subscription.stop();
        expect(seen).toEqual([2, 3]);
      });

      it('stops delivering after stop()', async () => {
        const id = stream();
        let delivered = 0;
        const subscription = store.subscribeToAll({
          from: LOG_START,
          onEvents: (events) => {
            delivered += events.filter((e) => e.streamId === id).length;
          },
        });
        await subscription.stop();
        await store.append(id, [event(1)], 'no_stream');
        await new Promise((r) => setTimeout(r, 500));
        expect(delivered).toBe(0);
      });

      it('reports a failing handler through onError and stops', async () => {
        const id = stream();
        await store.append(id, [event(1)], 'no_stream');
        const failure = new Promise<unknown>((resolve) => {
          store.subscribeToAll({
            from: LOG_START,
            onEvents: (events) => {
              if (events.some((e) => e.streamId === id)) throw new Error('handler broke');
            },
            onError: resolve,
          });
        });
        await expect(failure).resolves.toMatchObject({ message: 'handler broke' });
      });
    });
  });
}
