/**
 * The relay: follows the global log from its checkpoint and publishes each event's public
 * counterpart to Kafka. Delivery is at least once: the checkpoint moves only after the broker
 * committed the batch, so a crash or an outage republishes, never skips.
 *
 * The checkpoint lives in Kafka, where every relay that may lead reads it: a transaction that
 * publishes a batch may also commit, as the offset metadata of a consumer group of its own, the
 * log position it reached (`KafkaCheckpoint`). Publishing and moving the checkpoint are therefore
 * one atomic step, and a fenced former leader cannot move it either. Not every transaction
 * carries it (see CHECKPOINT_INTERVAL_MS): a leader that dies between two checkpoints leaves its
 * successor to publish again what it published after the last one, the same events with the
 * same `ce_id`, in the same order per key.
 *
 * Exactly one relay publishes at a time. The lease (relay-lease.ts) elects the leader; the
 * leader's producer is transactional with an id shared by every relay of the deployment, and
 * initialising it bumps the producer epoch at the broker. A former leader that has not yet
 * noticed it lost the lease (paused, partitioned) is fenced: the broker refuses its writes and
 * aborts its open transaction, so consumers reading committed records never see them.
 */
import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { Kafka, Message, Partitioners, Producer, TopicMessages, Transaction } from 'kafkajs';
import { RecordedEvent } from '../../events/envelope';
import { FeatureRegistry } from '../kernel/feature-registry';
import {
  EventStore,
  LOG_START,
  LogPosition,
  LogStart,
  compareLogPositions,
} from '../event-store/event-store.port';
import {
  IntegrationMessage,
  IntegrationOptions,
  messageBytes,
  toIntegrationMessages,
} from './integration-events';
import {
  Wakeup,
  backoffMs,
  ensureTopics,
  errorMessage,
  isConcurrentTransactions,
  isTooLarge,
  topicNames,
} from './kafka';
import { RelayLease } from './relay-lease';

/** Shared by every relay of a deployment (same topic prefix): that is what fences. */
export const relayTransactionalId = (topicPrefix: string) => `${topicPrefix}relay`;

/**
 * Kafka refuses record batches above `message.max.bytes` (1 MB by default) per partition, so a
 * transaction sends the batch in chunks of at most this many bytes, in order.
 */
const MAX_CHUNK_BYTES = 512 * 1024;
const LAG_CAP = 1000;

/**
 * How often a busy leader commits the checkpoint, and how long an idle one waits before it
 * commits it alone. Committing it in every transaction cost each one two more requests
 * (AddOffsetsToTxn, TxnOffsetCommit, each after a FindCoordinator) and a commit marker on
 * `__consumer_offsets`, which the next transaction waits for (CONCURRENT_TRANSACTIONS): that was
 * most of the live lag. The price: after a crash or a lost lease, up to this long's worth of
 * events (plus the batch in flight) is published again; a graceful stop commits it first.
 */
export const CHECKPOINT_INTERVAL_MS = 250;

/**
 * A copy of the checkpoint in the local read database. Kafka holds the real one; this copy only
 * lets a relay that was upgraded from a version keeping it here resume where it was instead of
 * republishing everything, the first time it leads.
 */
export class RelayCheckpoints {
  constructor(
    private readonly db: Database.Database,
    private readonly name: string,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS integration_relay_checkpoints (
      name TEXT PRIMARY KEY, position TEXT NOT NULL, events INTEGER NOT NULL, updated_at TEXT NOT NULL)`);
  }

  position(): LogPosition | LogStart {
    const row = this.db
      .prepare<[string], { position: string }>(
        'SELECT position FROM integration_relay_checkpoints WHERE name = ?',
      )
      .get(this.name);
    return row?.position ?? LOG_START;
  }

  /**
   * Moves forward only: a fenced former leader finishing late must not drag the checkpoint
   * back behind what the current leader published (that would cause needless duplicates).
   */
  advance(position: LogPosition, events: number): void {
    this.db
      .transaction(() => {
        if (compareLogPositions(position, this.position()) <= 0) return;
        this.db
          .prepare(
            `INSERT INTO integration_relay_checkpoints (name, position, events, updated_at)
           VALUES (?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET position = excluded.position,
             events = integration_relay_checkpoints.events + excluded.events,
             updated_at = excluded.updated_at`,
          )
          .run(this.name, position, events, new Date().toISOString());
      })
      .immediate();
  }
}

/**
 * Right after a commit the coordinator is still writing the transaction markers and answers the
 * next transaction's first request with CONCURRENT_TRANSACTIONS for a few milliseconds; retrying
 * that after 20 ms rather than 100 ms is what keeps live latency low (the Java client does the
 * same). The retries still add up to a few seconds before our own backoff takes over.
 */
const PRODUCER_RETRY = { retries: 8, initialRetryTime: 20, maxRetryTime: 2000 };

export interface Checkpoint {
  position: LogPosition | LogStart;
  /** Events relayed up to the position, over every leader's terms. */
  events: number;
}

/**
 * The checkpoint in Kafka: the committed offset of the group `${prefix}relay-checkpoint` on the
 * lease topic's single partition, with the log position as the offset's metadata and the count
 * of relayed events as the offset. A transactional producer commits it inside the transaction
 * (TxnOffsetCommit), so readers see it exactly when the batch it follows is visible.
 */
export class KafkaCheckpoint {
  private readonly topics: ReturnType<typeof topicNames>;

  constructor(
    private readonly kafka: Kafka,
    topicPrefix: string,
  ) {
    this.topics = topicNames(topicPrefix);
  }

  /** The committed checkpoint, or null when no relay of this prefix ever committed one. */
  async read(): Promise<Checkpoint | null> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({
        groupId: this.topics.relayCheckpoint,
        topics: [this.topics.relayLease],
      });
      const partition = offsets?.partitions.find((p) => p.partition === 0);
      if (!partition?.metadata || Number(partition.offset) < 0) return null;
      return { position: partition.metadata, events: Number(partition.offset) };
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Commits `checkpoint` with the transaction, which must also hold what it checkpoints.
   *
   * When the checkpoint is the transaction's first request (a batch without public events, an
   * idle checkpoint, the last step after a refused batch), it can reach the coordinator while
   * the previous transaction's markers are still being written. The coordinator then answers
   * CONCURRENT_TRANSACTIONS, which KafkaJS retries for AddPartitionsToTxn but not for the
   * AddOffsetsToTxn of `sendOffsets` (about one time in ten on an idle machine, more under
   * load): without the retry here the whole batch failed and was published again.
   */
  async write(transaction: Transaction, checkpoint: Checkpoint): Promise<void> {
    // KafkaJS passes the partitions through to TxnOffsetCommit, metadata included, though its
    // types leave the field out.
    const partitions = [
      { partition: 0, offset: String(checkpoint.events), metadata: checkpoint.position },
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        await transaction.sendOffsets({
          consumerGroupId: this.topics.relayCheckpoint,
          topics: [{ topic: this.topics.relayLease, partitions }],
        });
        return;
      } catch (error) {
        if (!isConcurrentTransactions(error) || attempt > PRODUCER_RETRY.retries) throw error;
        const ms = Math.min(
          PRODUCER_RETRY.maxRetryTime,
          PRODUCER_RETRY.initialRetryTime * 2 ** (attempt - 1),
        );
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
    }
  }
}

/**
 * The state of the aggregate each event belongs to, after that event, which the public
 * mappings read (a submission's category and classification decide whether text may leave).
 * Remembered per stream as the relay passes; after a restart, folded from the stream.
 */
class AggregateStates {
  private readonly cache = new Map<string, { revision: number; state: unknown }>();

  constructor(
    private readonly store: EventStore,
    private readonly registry: FeatureRegistry,
    private readonly capacity = 10_000,
  ) {}

  async after(recorded: RecordedEvent): Promise<unknown> {
    const owner = this.registry.aggregateOf(recorded.streamId);
    if (!owner) return null;
    const { decider } = owner.aggregate;
    const evolve = (state: unknown, event: RecordedEvent) =>
      decider.evolve(state as never, this.registry.catalogue.upcast(event) as never);
    const cached = this.cache.get(recorded.streamId);
    let state: unknown;
    if (cached && cached.revision === recorded.revision - 1) {
      state = evolve(cached.state, recorded);
    } else {
      const history = await this.store.readStream(recorded.streamId);
      state = history
        .filter((e) => e.revision <= recorded.revision)
        .reduce(evolve, decider.initialState as unknown);
    }
    this.cache.delete(recorded.streamId);
    this.cache.set(recorded.streamId, { revision: recorded.revision, state });
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
    return state;
  }
}

/** An integration message with the recorded event it stands for. */
interface Outgoing {
  recorded: RecordedEvent;
  message: IntegrationMessage;
}

/** What the parking topic records of an event that could not be published: never its data. */
export interface ParkedEvent {
  eventId: string;
  type: string;
  streamId: string;
  revision: number;
  position: LogPosition;
  /** Value and headers, in bytes. */
  size: number;
  reason: string;
  parkedAt: string;
}

/** Consecutive messages in chunks of bounded size, grouped by topic with their order kept. */
function chunked(messages: readonly IntegrationMessage[]): TopicMessages[][] {
  const chunks: Map<string, Message[]>[] = [];
  let current = new Map<string, Message[]>();
  let bytes = 0;
  for (const { topic, key, headers, value } of messages) {
    const size = messageBytes({ key, headers, value });
    if (bytes > 0 && bytes + size > MAX_CHUNK_BYTES) {
      chunks.push(current);
      current = new Map();
      bytes = 0;
    }
    const list = current.get(topic) ?? [];
    list.push({ key, headers, value });
    current.set(topic, list);
    bytes += size;
  }
  if (bytes > 0) chunks.push(current);
  return chunks.map((chunk) => [...chunk].map(([topic, list]) => ({ topic, messages: list })));
}

/** The leader's producer, replaced when a refused record left it unusable. */
interface Session {
  producer: Producer | null;
}

const OVER_OUR_LIMIT = 'larger than INTEGRATION_MAX_EVENT_BYTES';

/** Thrown inside a batch when the lease went away: stop without counting it as a failure. */
class LeaseLostError extends Error {}

export interface RelayOptions {
  store: EventStore;
  db: Database.Database;
  kafka: Kafka;
  topicPrefix: string;
  /** The CloudEvents `source` of published events. */
  source: string;
  textCategories: readonly string[];
  /** Larger events are parked unsent (after their text was cut to fit, if it could be). */
  maxEventBytes: number;
  registry: FeatureRegistry;
  sessionTimeoutMs: number;
  logger: Logger;
  /** CHECKPOINT_INTERVAL_MS unless given; 0 commits it in every transaction (the benchmark's A). */
  checkpointIntervalMs?: number;
}

export interface RelayStatus {
  /** `leader` while this instance holds the lease and publishes. */
  role: 'leader' | 'follower' | 'stopped';
  checkpoint: LogPosition | LogStart;
  /** Events this instance published since it started. */
  publishedEvents: number;
  lastPublishedAt: string | null;
  /** The last error while it keeps retrying; null once it reaches the broker again. */
  failing: string | null;
  /** Events this instance parked (too large to publish) since it started, and the last one. */
  parked: number;
  lastParked: ParkedEvent | null;
}

export interface RelayLag {
  /** Events after the checkpoint, counted up to a cap. */
  events: number;
  capped: boolean;
  /** When the oldest unpublished event was recorded. */
  oldestPendingAt: string | null;
}

export class Relay {
  private readonly lease: RelayLease;
  private readonly cache: RelayCheckpoints;
  private readonly kafkaCheckpoint: KafkaCheckpoint;
  /** As last read from Kafka or committed there by this instance. */
  private checkpoint: Checkpoint;
  /** Where this leader's committed transactions reached: at or after the checkpoint. */
  private relayed: Checkpoint;
  /** `performance.now()` when this leader last committed the checkpoint. */
  private checkpointedAt = -Infinity;
  private readonly states: AggregateStates;
  private readonly mapping: IntegrationOptions;
  private readonly transactionalId: string;
  private readonly checkpointIntervalMs: number;
  private readonly wakeup = new Wakeup();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private leading = false;
  private endSession: (() => void) | null = null;
  private published = 0;
  private lastPublishedAt: string | null = null;
  private failure: string | null = null;
  private parked = 0;
  private lastParked: ParkedEvent | null = null;

  constructor(private readonly options: RelayOptions) {
    const topics = topicNames(options.topicPrefix);
    this.transactionalId = relayTransactionalId(options.topicPrefix);
    this.checkpointIntervalMs = options.checkpointIntervalMs ?? CHECKPOINT_INTERVAL_MS;
    this.cache = new RelayCheckpoints(options.db, this.transactionalId);
    this.kafkaCheckpoint = new KafkaCheckpoint(options.kafka, options.topicPrefix);
    this.checkpoint = { position: this.cache.position(), events: 0 };
    this.relayed = this.checkpoint;
    this.states = new AggregateStates(options.store, options.registry);
    this.mapping = {
      topicPrefix: options.topicPrefix,
      source: options.source,
      textCategories: options.textCategories,
      maxEventBytes: options.maxEventBytes,
    };
    this.lease = new RelayLease(
      options.kafka,
      {
        topic: topics.relayLease,
        groupId: topics.relayLease,
        sessionTimeoutMs: options.sessionTimeoutMs,
      },
      options.logger,
      () => this.onLeaseChange(),
    );
  }

  start(): void {
    this.stopping = false;
    this.loop ??= this.supervise();
  }

  /** Finishes or abandons the batch in flight, then leaves the lease to another relay. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.endSession?.();
    this.wakeup.notify();
    await this.loop;
    this.loop = null;
    await this.lease.stop();
  }

  status(): RelayStatus {
    return {
      role: this.loop === null ? 'stopped' : this.leading ? 'leader' : 'follower',
      checkpoint: this.checkpoint.position,
      publishedEvents: this.published,
      lastPublishedAt: this.lastPublishedAt,
      failing: this.failure,
      parked: this.parked,
      lastParked: this.lastParked,
    };
  }

  /**
   * Events not yet published: after what the leader published, or for a follower after the
   * leader's checkpoint, if it can read it.
   */
  async lag(): Promise<RelayLag> {
    if (!this.leading) {
      const stored = await this.kafkaCheckpoint.read().catch(() => null);
      if (stored) this.checkpoint = this.relayed = stored;
    }
    const pending = await this.options.store.readAll({
      from: this.relayed.position,
      maxCount: LAG_CAP,
    });
    return {
      events: pending.length,
      capped: pending.length >= LAG_CAP,
      oldestPendingAt: pending[0]?.recordedAt ?? null,
    };
  }

  private onLeaseChange(): void {
    if (!this.lease.held) this.endSession?.();
    this.wakeup.notify();
  }

  private async supervise(): Promise<void> {
    const topics = topicNames(this.options.topicPrefix);
    let failures = 0;
    let publishedBefore = 0;
    let leaseStarted = false;
    while (!this.stopping) {
      try {
        if (!leaseStarted) {
          await ensureTopics(this.options.kafka, [
            ...this.options.registry.topics.map((topic) => ({
              topic: `${this.options.topicPrefix}${topic}`,
            })),
            { topic: topics.relayLease, numPartitions: 1 },
            { topic: topics.relayParking },
          ]);
          this.lease.start();
          leaseStarted = true;
        }
        if (!this.lease.held) {
          await this.wakeup.wait();
          continue;
        }
        publishedBefore = this.published;
        await this.lead();
        failures = 0;
      } catch (error) {
        if (error instanceof LeaseLostError) {
          failures = 0;
          continue;
        }
        // The backoff grows while nothing gets through, not over errors hours apart.
        if (this.published > publishedBefore) failures = 0;
        failures += 1;
        this.failure = errorMessage(error);
        this.options.logger.warn({ msg: `Relay: ${this.failure}; retrying`, failures });
        await this.wakeup.wait(backoffMs(failures));
      }
    }
  }

  /**
   * A connected producer of the transactional id. Its first transaction runs InitProducerId,
   * which bumps the epoch: any earlier producer is fenced and its open transaction aborted.
   */
  private async newProducer(): Promise<Producer> {
    const producer = this.options.kafka.producer({
      transactionalId: this.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: PRODUCER_RETRY,
    });
    try {
      await producer.connect();
      await (await producer.transaction()).abort();
      return producer;
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /** One term as leader: from the checkpoint, live, until the lease goes, a stop, or an error. */
  private async lead(): Promise<void> {
    this.leading = true;
    const session: Session = { producer: null };
    try {
      session.producer = await this.newProducer();
      this.failure = null;
      // After the new epoch fenced any former leader: its last checkpoint is final.
      this.checkpoint = (await this.kafkaCheckpoint.read()) ?? {
        position: this.cache.position(),
        events: 0,
      };
      this.relayed = this.checkpoint;
      // The term's first transaction commits the checkpoint: the new epoch shows there at once.
      this.checkpointedAt = -Infinity;
      const from = this.checkpoint.position;
      this.options.logger.log({ msg: `Relay leads, publishing from ${from}` });
      await new Promise<void>((resolve, reject) => {
        let failure: unknown = null;
        let ended = false;
        let idle: NodeJS.Timeout | undefined;
        // Batches and idle checkpoints share the producer: one transaction at a time, in order.
        let queue = Promise.resolve();
        const serially = (work: () => Promise<void>) => {
          const run = queue.then(work);
          queue = run.catch(() => undefined);
          return run;
        };
        const commitWhenIdle = () =>
          serially(async () => {
            if (this.lease.held && !this.stopping) await this.commitCheckpoint(session);
          }).catch(fail);
        const subscription = this.options.store.subscribeToAll({
          from,
          onEvents: (events) =>
            serially(async () => {
              clearTimeout(idle);
              await this.publish(session, events);
              if (this.relayed !== this.checkpoint) {
                idle = setTimeout(commitWhenIdle, this.checkpointIntervalMs);
              }
            }),
          onError: fail,
        });
        function fail(error: unknown) {
          failure = error;
          end();
        }
        function end() {
          if (ended) return;
          ended = true;
          clearTimeout(idle);
          subscription
            .stop()
            .then(() => queue)
            .then(() => (failure ? reject(failure) : resolve()), reject);
        }
        this.endSession = end;
        if (!this.lease.held || this.stopping) end();
      });
      // Leaving in good order (a stop, a lost lease): the next leader need not publish again
      // what this one did. If it already fenced this producer, the broker refuses, which is fine.
      await this.commitCheckpoint(session).catch(() => undefined);
    } finally {
      this.endSession = null;
      this.leading = false;
      await session.producer?.disconnect().catch(() => undefined);
    }
  }

  private async publish(session: Session, events: RecordedEvent[]): Promise<void> {
    if (!this.lease.held || this.stopping) throw new LeaseLostError();
    const outgoing: Outgoing[] = [];
    const oversized: Outgoing[] = [];
    for (const recorded of events) {
      const messages = toIntegrationMessages(
        this.options.registry,
        recorded,
        await this.states.after(recorded),
        this.mapping,
      );
      for (const message of messages) {
        const fits = messageBytes(message) <= this.options.maxEventBytes;
        (fits ? outgoing : oversized).push({ recorded, message });
      }
    }
    const next: Checkpoint = {
      position: events[events.length - 1].position,
      events: this.relayed.events + events.length,
    };
    let checkpointing = performance.now() - this.checkpointedAt >= this.checkpointIntervalMs;
    let parked: ParkedEvent[] = [];
    const finish = async (transaction: Transaction) => {
      parked = [];
      for (const o of oversized) parked.push(await this.park(transaction, o, OVER_OUR_LIMIT));
      if (checkpointing) await this.kafkaCheckpoint.write(transaction, next);
    };
    try {
      await this.inTransaction(session, async (transaction) => {
        for (const topicMessages of chunked(outgoing.map((o) => o.message))) {
          await transaction.sendBatch({ topicMessages, acks: -1 });
        }
        await finish(transaction);
      });
    } catch (error) {
      if (!isTooLarge(error)) throw error;
      // A topic's limit is below ours: find the events the broker refuses, one at a time, and
      // checkpoint after them so that no restart has to do it again.
      checkpointing = true;
      await this.publishEach(session, outgoing, finish);
    }
    for (const p of parked) this.noteParked(p);
    this.relayed = next;
    if (checkpointing) this.checkpointed(next);
    this.published += new Set(outgoing.map((o) => o.recorded)).size;
    this.lastPublishedAt = new Date().toISOString();
  }

  /** Commits, in a transaction of its own, the checkpoint up to what this leader published. */
  private async commitCheckpoint(session: Session): Promise<void> {
    const next = this.relayed;
    if (next === this.checkpoint || !session.producer) return;
    await this.inTransaction(session, (transaction) =>
      this.kafkaCheckpoint.write(transaction, next),
    );
    this.checkpointed(next);
  }

  private checkpointed(checkpoint: Checkpoint): void {
    this.cache.advance(checkpoint.position, checkpoint.events - this.checkpoint.events);
    this.checkpoint = checkpoint;
    this.checkpointedAt = performance.now();
  }

  /**
   * Runs `send` in a transaction and commits it. After a record refused as too large the
   * idempotent producer's sequence numbers are out of step with the broker's, so the producer
   * is replaced (a new epoch, which also aborts the transaction) before the error is rethrown.
   */
  private async inTransaction(
    session: Session,
    send: (transaction: Transaction) => Promise<void>,
  ): Promise<void> {
    const transaction = await session.producer!.transaction();
    try {
      await send(transaction);
      await transaction.commit();
    } catch (error) {
      if (!isTooLarge(error)) throw error;
      await session.producer!.disconnect().catch(() => undefined);
      session.producer = null;
      session.producer = await this.newProducer();
      throw error;
    }
  }

  /**
   * Each event in a transaction of its own, parking those the broker refuses as too large, then
   * `finish` (the checkpoint) in a last one: a crash in between republishes, as ever.
   */
  private async publishEach(
    session: Session,
    outgoing: readonly Outgoing[],
    finish: (transaction: Transaction) => Promise<void>,
  ): Promise<void> {
    for (const o of outgoing) {
      try {
        await this.inTransaction(session, (transaction) =>
          transaction.send({ topic: o.message.topic, messages: [o.message], acks: -1 }).then(),
        );
      } catch (error) {
        if (!isTooLarge(error)) throw error;
        const reason = `refused by the broker: ${errorMessage(error)}`;
        let parked: ParkedEvent | undefined;
        await this.inTransaction(session, async (transaction) => {
          parked = await this.park(transaction, o, reason);
        });
        this.noteParked(parked!);
      }
    }
    await this.inTransaction(session, finish);
  }

  /**
   * An event that can never be published must not hold back the ones after it: the parking
   * topic gets a small record saying which event it was and why, for an operator to act on.
   */
  private async park(
    transaction: Transaction,
    { recorded, message }: Outgoing,
    reason: string,
  ): Promise<ParkedEvent> {
    const parked: ParkedEvent = {
      eventId: recorded.eventId,
      type: message.headers.ce_type,
      streamId: recorded.streamId,
      revision: recorded.revision,
      position: recorded.position,
      size: messageBytes(message),
      reason,
      parkedAt: new Date().toISOString(),
    };
    await transaction.send({
      topic: topicNames(this.options.topicPrefix).relayParking,
      acks: -1,
      messages: [{ key: recorded.eventId, value: JSON.stringify(parked) }],
    });
    return parked;
  }

  /** Counted only once the transaction that parked it committed: a retried batch counts once. */
  private noteParked(parked: ParkedEvent): void {
    this.parked += 1;
    this.lastParked = parked;
    this.options.logger.warn({
      msg: `Relay parked event ${parked.eventId}: ${parked.reason}`,
      parked,
    });
  }
}
