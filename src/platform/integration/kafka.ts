/**
 * The Kafka plumbing shared by the relay and the inbound consumer: client settings from the
 * configuration, topic names, topic creation, logging into the service's logger, backoff, and a
 * consumer that keeps itself running through broker outages.
 */
import { Logger } from '@nestjs/common';
import {
  Consumer,
  ITopicConfig,
  Kafka,
  KafkaConfig,
  LogEntry,
  RetryOptions,
  logLevel,
} from 'kafkajs';
import { AppConfig } from '../../config/app-config';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
  sessionTimeoutMs: number;
}

/** Null when KAFKA_BROKERS is unset: then nothing here runs. */
export function kafkaSettings(config: AppConfig): KafkaSettings | null {
  if (!config.KAFKA_BROKERS) return null;
  return {
    brokers: config.KAFKA_BROKERS.split(',').map((b) => b.trim()),
    clientId: config.KAFKA_CLIENT_ID,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
  };
}

/** The platform's own topics; each feature's public events have a topic of their own. */
export function topicNames(prefix: string) {
  return {
    commands: `${prefix}commands`,
    deadLetter: `${prefix}commands.dlt`,
    /** Command replies by default; a command may name a topic under it (`ce_replyto`). */
    replies: `${prefix}command-replies`,
    relayLease: `${prefix}relay-lease`,
    relayParking: `${prefix}relay.parking`,
    /** Replies that could not be sent to their topic (never under `replies`: no sender may
     * name it as its own reply topic). */
    replyParking: `${prefix}inbound.parking`,
    /** The consumer group whose committed offset metadata holds the relay's checkpoint. */
    relayCheckpoint: `${prefix}relay-checkpoint`,
  };
}

/**
 * Retries inside one KafkaJS call stay short, so a call fails within seconds while the broker
 * is away and our own loops (which back off, report status and can be stopped) take over.
 */
const CLIENT_RETRY: RetryOptions = { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 };

/**
 * KafkaJS warns whenever an idempotent producer gets finite retries. The relay bounds them on
 * purpose: a failed transaction is abandoned with its producer, and the next producer's
 * InitProducerId aborts it before the batch is published again from the checkpoint.
 */
const EXPECTED_WARNINGS = ['Limiting retries for the idempotent producer'];

/**
 * KafkaJS logs every failed connection, error response and retried send as an error, though it
 * retries them and our code reports what finally fails; those stay at debug.
 */
const RETRIED_NAMESPACES = ['Connection', 'BrokerPool', 'Producer'];

function logCreator(logger: Logger) {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, ...extra } = log;
      if (EXPECTED_WARNINGS.some((w) => message.startsWith(w))) return;
      const entry = { msg: `[${namespace}] ${message}`, ...extra };
      if (level === logLevel.ERROR && RETRIED_NAMESPACES.includes(namespace)) logger.debug(entry);
      else if (level === logLevel.ERROR) logger.error(entry);
      else if (level === logLevel.WARN) logger.warn(entry);
      else logger.debug(entry);
    };
}

export function createKafka(
  settings: KafkaSettings,
  logger: Logger,
  overrides: Partial<KafkaConfig> = {},
): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: 3000,
    retry: CLIENT_RETRY,
    logLevel: logLevel.WARN,
    logCreator: logCreator(logger),
    ...overrides,
  });
}

/**
 * Creates the topics that are missing. Data topics take the broker's default partitions and
 * replication; operators who manage topics themselves create them first and this does nothing.
 */
export async function ensureTopics(kafka: Kafka, topics: ITopicConfig[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** Answers within `timeoutMs` whether the cluster serves metadata; for readiness. */
export async function probeBroker(settings: KafkaSettings, timeoutMs = 3000): Promise<string> {
  const admin = new Kafka({
    clientId: `${settings.clientId}-readiness`,
    brokers: settings.brokers,
    connectionTimeout: Math.min(timeoutMs, 1000),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  let timer: NodeJS.Timeout | undefined;
  try {
    const cluster = await Promise.race([
      admin.connect().then(() => admin.describeCluster()),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new Error(`no answer from ${settings.brokers.join(',')} in ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
    return `cluster ${cluster.clusterId}, ${cluster.brokers.length} broker(s)`;
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Consumer-group timings from the session timeout. KafkaJS heartbeats between fetches, so an
 * idle fetch must not wait longer than the heartbeat interval, or a quiet member looks dead.
 */
export function groupTimings(sessionTimeoutMs: number) {
  const heartbeatInterval = Math.max(100, Math.floor(sessionTimeoutMs / 5));
  return {
    sessionTimeout: sessionTimeoutMs,
    heartbeatInterval,
    maxWaitTimeInMs: heartbeatInterval,
  };
}

/** Exponential backoff with jitter: 250 ms, 500 ms, … up to 10 s. */
export function backoffMs(failures: number): number {
  const base = Math.min(10_000, 250 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Whether the broker refused a record as larger than its limit (`message.max.bytes`, or the
 * topic's `max.message.bytes`): retrying the same record can never succeed. KafkaJS reports it
 * as a protocol error, possibly wrapped by its retrier.
 */
export function isTooLarge(error: unknown): boolean {
  return hasErrorType(error, 'MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE');
}

/**
 * Whether the transaction coordinator is still finishing the previous transaction (writing its
 * markers) and asks the client to try again shortly.
 */
export function isConcurrentTransactions(error: unknown): boolean {
  return hasErrorType(error, 'CONCURRENT_TRANSACTIONS');
}

/** A KafkaJS protocol error of one of `types`, possibly wrapped by its retrier. */
function hasErrorType(error: unknown, ...types: string[]): boolean {
  for (let e = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    const { type } = e as { type?: unknown };
    if (typeof type === 'string' && types.includes(type)) return true;
  }
  return false;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Lets a loop sleep or wait for a change, and be woken early (on stop, on a lease change). */
export class Wakeup {
  private readonly waiters = new Set<() => void>();

  notify(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next `notify`, or after `ms` when given. */
  wait(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      const waiters = this.waiters;
      function done() {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      }
      this.waiters.add(done);
    });
  }
}

/**
 * A KafkaJS consumer kept running: KafkaJS restarts itself after a retriable crash, but not when
 * the first connect fails (broker down at start-up) or after a crash it deems final; in those
 * cases this builds a fresh consumer after a backoff, until stopped.
 */
export class ResilientConsumer {
  private stopping = false;
  private failures = 0;
  private readonly wakeup = new Wakeup();
  private loop: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly logger: Logger,
    /** Creates the consumer and registers its event listeners. */
    private readonly create: () => Consumer,
    /** Subscribes and calls `run`. */
    private readonly run: (consumer: Consumer) => Promise<void>,
  ) {}

  start(): void {
    this.stopping = false;
    this.loop ??= this.keepRunning();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeup.notify();
    await this.loop;
    this.loop = null;
  }

  private async keepRunning(): Promise<void> {
    while (!this.stopping) {
      const consumer = this.create();
      let crashedForGood = false;
      consumer.on(consumer.events.CRASH, (event) => {
        if (event.payload.restart) return;
        crashedForGood = true;
        this.wakeup.notify();
      });
      try {
        await consumer.connect();
        await this.run(consumer);
        this.failures = 0;
        while (!this.stopping && !crashedForGood) await this.wakeup.wait();
        if (crashedForGood) this.failures += 1;
      } catch (error) {
        this.failures += 1;
        this.logger.warn({ msg: `${this.name} could not start: ${errorMessage(error)}` });
      }
      await consumer.disconnect().catch(() => undefined);
      if (!this.stopping) await this.wakeup.wait(backoffMs(Math.max(1, this.failures)));
    }
  }
}
