import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadDatabase } from '../../src/platform/event-store/read-database';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite-event-store';
import { topicNames } from '../../src/platform/integration/kafka';
import { Relay } from '../../src/platform/integration/relay';
import { newRelay, submissionHistory } from './fixtures';
import { allEvents, relayCaughtUp } from './relay.cases';
import { collect, dedupe, testKafka, uniquePrefix } from './support';

const TEXT = { category: 'legislative_plan' as const };

export function limitsCases(brokers: string): void {
  describe('Relay limits: an event too large never blocks the ones after it', () => {
    const kafka = testKafka(brokers);
    const dir = mkdtempSync(join(tmpdir(), 'legislink-limits-'));
    const cleanup: (() => Promise<void> | void)[] = [];

    afterAll(async () => {
      for (const step of cleanup.reverse()) await step();
      rmSync(dir, { recursive: true, force: true });
    });

    /** A relay of its own over a fresh store, publishing submission text. */
    function setUp(name: string, maxEventBytes?: number) {
      const prefix = uniquePrefix(name);
      const path = join(dir, `${name}.sqlite`);
      const store = new SqliteEventStore(path, { pollIntervalMs: 20 });
      const read = new ReadDatabase(path);
      const relay: Relay = newRelay({
        brokers,
        topicPrefix: prefix,
        store,
        read,
        textCategories: ['legislative_plan'],
        maxEventBytes,
      });
      cleanup.push(
        () => read.close(),
        () => store.close(),
        () => relay.stop(),
      );
      return { prefix, store, relay };
    }

    async function append(store: SqliteEventStore, history: ReturnType<typeof submissionHistory>) {
      await store.append(history.streamId, history.events, 'no_stream');
      return history;
    }

    it('parks an event the broker refuses as too large, and publishes the ones after it', async () => {
      const { prefix, store, relay } = setUp('park');
      const topic = `${prefix}submissions`;
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({
        topics: [{ topic, configEntries: [{ name: 'max.message.bytes', value: '20000' }] }],
        waitForLeaders: true,
      });
      await admin.disconnect();
      await append(store, submissionHistory(2, TEXT));
      const large = await append(
        store,
        submissionHistory(1, { ...TEXT, body: '长'.repeat(10_000) }),
      );
      await append(store, submissionHistory(2, TEXT));
      relay.start();

      const events = await relayCaughtUp(relay, store);
      const parkedId = large.events[0].eventId;
      // At least once: a batch retried after the refusal may arrive twice.
      const received = dedupe(
        await collect(kafka, [topic], (r) => dedupe(r).length >= events.length - 1),
      );
      expect(received.map((r) => r.headers.ce_id).sort()).toEqual(
        events
          .map((e) => e.eventId)
          .filter((id) => id !== parkedId)
          .sort(),
      );
      const parkings = await collect(kafka, [topicNames(prefix).relayParking], (r) => r.length > 0);
      // Parking is at least once too: a batch retried after a transient error parks again.
      expect(new Set(parkings.map((r) => r.key))).toEqual(new Set([parkedId]));
      const [parked] = parkings;
      const recorded = events.find((e) => e.eventId === parkedId)!;
      expect(parked.key).toBe(parkedId);
      expect(parked.value).toEqual({
        eventId: parkedId,
        type: 'cn.legislink.submission.drafted.v1',
        streamId: large.streamId,
        revision: 0,
        position: recorded.position,
        size: expect.any(Number),
        reason: expect.stringMatching(/^refused by the broker: /),
        parkedAt: expect.any(String),
      });
      expect((parked.value as { size: number }).size).toBeGreaterThan(30_000);
      expect(parked.raw!.toString('utf8')).not.toContain('长长');
      expect(relay.status()).toMatchObject({ failing: null, lastParked: { eventId: parkedId } });
      expect(relay.status().parked).toBeGreaterThanOrEqual(1);
    });

    it('cuts long text to fit the configured limit, saying so and how long it was', async () => {
      const maxEventBytes = 20_000;
      const { prefix, store, relay } = setUp('bound', maxEventBytes);
      const body = '长'.repeat(30_000);
      const large = await append(store, submissionHistory(1, { ...TEXT, body }));
      relay.start();
      const events = await relayCaughtUp(relay, store);
      expect(events).toHaveLength((await allEvents(store)).length);

      const received = await collect(kafka, [`${prefix}submissions`], (r) => r.length >= 2);
      const drafted = received.find((r) => r.headers.ce_id === large.events[0].eventId)!;
      const { title, summary } = large.events[0].data as { title: string; summary: string };
      expect(drafted.value).toMatchObject({
        text: {
          title,
          summary,
          body: expect.stringMatching(/^长+…$/),
          truncated: true,
          originalBytes: Buffer.byteLength(JSON.stringify({ title, summary, body })),
        },
      });
      expect(drafted.raw!.length).toBeLessThan(maxEventBytes);
      expect(relay.status().parked).toBe(0);
    });
  });
}
