import { Partitioners } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadDatabase } from '../../src/platform/event-store/read-database';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite-event-store';
import { topicNames } from '../../src/platform/integration/kafka';
import { KafkaCheckpoint, Relay, relayTransactionalId } from '../../src/platform/integration/relay';
import { newRelay, seed } from './fixtures';
import { relayCaughtUp } from './relay.cases';
import { collect, dedupe, eventually, testKafka, uniquePrefix } from './support';

export function leaseCases(brokers: string): void {
  describe('Relay lease: one publisher at a time', () => {
    const prefix = uniquePrefix('lease');
    const topics = topicNames(prefix);
    const kafka = testKafka(brokers);
    const dir = mkdtempSync(join(tmpdir(), 'legislink-lease-'));
    const path = join(dir, 'legislink.sqlite');
    // Two relays as two processes would run them: one database file, a connection each.
    const stores = [
      new SqliteEventStore(path, { pollIntervalMs: 20 }),
      new SqliteEventStore(path, { pollIntervalMs: 20 }),
    ];
    const reads = [new ReadDatabase(path), new ReadDatabase(path)];
    const [first, second] = [0, 1].map((i) =>
      newRelay({
        brokers,
        topicPrefix: prefix,
        store: stores[i],
        read: reads[i],
        name: `Relay ${i + 1}`,
      }),
    );
    const relays: Relay[] = [first, second];

    afterAll(async () => {
      for (const relay of relays) await relay.stop();
      for (const store of stores) await store.close();
      for (const read of reads) read.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('fences an earlier holder of the transactional id: its open transaction never commits', async () => {
      await seed(stores[0], 5, 4);
      const zombie = kafka.producer({
        transactionalId: relayTransactionalId(prefix),
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await zombie.connect();
      const transaction = await zombie.transaction();
      await transaction.send({
        topic: `${prefix}submissions`,
        messages: [{ key: 'zombie', value: '{}', headers: { ce_id: 'zombie' } }],
      });

      first.start();
      await relayCaughtUp(first, stores[0]);
      expect(first.status().role).toBe('leader');
      await expect(transaction.commit()).rejects.toThrow(/epoch|fenced/i);
      await zombie.disconnect();

      const received = await collect(kafka, [`${prefix}submissions`], (r) => r.length >= 20);
      expect(received.map((r) => r.key)).not.toContain('zombie');
    });

    it('lets a second relay only wait while the first holds the lease, and take over when it stops', async () => {
      second.start();
      const admin = kafka.admin();
      await admin.connect();
      const members = async () =>
        (await admin.describeGroups([topics.relayLease])).groups[0].members.length;
      await eventually(async () => (await members()) === 2, 'both relays in the lease group');
      await admin.disconnect();

      await seed(stores[1], 10, 3);
      await relayCaughtUp(first, stores[0]);
      expect(first.status()).toMatchObject({ role: 'leader', publishedEvents: 50 });
      expect(second.status()).toMatchObject({ role: 'follower', publishedEvents: 0 });

      await first.stop();
      await eventually(() => second.status().role === 'leader', 'the second relay to lead', 15_000);
      await seed(stores[1], 10, 3);
      const events = await relayCaughtUp(second, stores[1]);
      expect(second.status().publishedEvents).toBeGreaterThanOrEqual(30);

      const received = await collect(
        kafka,
        [`${prefix}submissions`],
        (r) => dedupe(r).length >= events.length,
      );
      expect(new Set(received.map((r) => r.headers.ce_id))).toEqual(
        new Set(events.map((e) => e.eventId)),
      );
    }, 40_000);
  });

  describe('Relay checkpoint: kept in Kafka, shared by every relay that may lead', () => {
    const prefix = uniquePrefix('checkpoint');
    const topic = `${prefix}submissions`;
    const kafka = testKafka(brokers);
    const dir = mkdtempSync(join(tmpdir(), 'legislink-checkpoint-'));
    const path = join(dir, 'legislink.sqlite');
    const store = new SqliteEventStore(path, { pollIntervalMs: 20 });
    // Each relay has a read database of its own: nothing is shared but the log and Kafka.
    const reads = [
      new ReadDatabase(join(dir, 'a.sqlite')),
      new ReadDatabase(join(dir, 'b.sqlite')),
    ];
    const [a, b] = reads.map((read, i) =>
      newRelay({ brokers, topicPrefix: prefix, store, read, name: `Relay ${'AB'[i]}` }),
    );

    afterAll(async () => {
      await a.stop();
      await b.stop();
      await store.close();
      for (const read of reads) read.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('lets a leader with an empty read database resume where the last one stopped', async () => {
      const first = await seed(store, 4, 5);
      a.start();
      await relayCaughtUp(a, store);
      await a.stop();
      expect(a.status().publishedEvents).toBe(first);
      const stored = await new KafkaCheckpoint(kafka, prefix).read();
      expect(stored).toEqual({ position: a.status().checkpoint, events: first });

      const second = await seed(store, 2, 3);
      b.start();
      await relayCaughtUp(b, store);
      expect(b.status().publishedEvents).toBe(second);
      const received = await collect(kafka, [topic], (r) => r.length >= first + second);
      expect(received).toHaveLength(first + second);
      expect(dedupe(received)).toHaveLength(first + second);
      expect(await new KafkaCheckpoint(kafka, prefix).read()).toEqual({
        position: b.status().checkpoint,
        events: first + second,
      });
    });

    it('commits a checkpoint that opens its transaction right after the last commit', async () => {
      // The coordinator may still be writing the last transaction's markers then; the relay
      // meets that after a refused batch, for batches without public events, and when idle.
      const own = uniquePrefix('checkpoint-first');
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({
        topics: [{ topic: `${own}submissions` }, { topic: topicNames(own).relayLease }],
        waitForLeaders: true,
      });
      await admin.disconnect();
      const producer = kafka.producer({
        transactionalId: relayTransactionalId(own),
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      const checkpoint = new KafkaCheckpoint(kafka, own);
      try {
        for (let i = 1; i <= 100; i++) {
          const publishing = await producer.transaction();
          await publishing.send({ topic: `${own}submissions`, messages: [{ value: `${i}` }] });
          await publishing.commit();
          const checkpointing = await producer.transaction();
          await checkpoint.write(checkpointing, { position: `${i}/${i}`, events: i });
          await checkpointing.commit();
        }
      } finally {
        await producer.disconnect();
      }
      expect(await checkpoint.read()).toEqual({ position: '100/100', events: 100 });
    });
  });
}
