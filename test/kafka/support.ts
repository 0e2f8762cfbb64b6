import { randomUUID } from 'node:crypto';
import { IHeaders, Kafka, logLevel } from 'kafkajs';

/** Topic and group names of their own for every suite and run, so reruns never interfere. */
export function uniquePrefix(suite: string): string {
  return `lt-${suite}-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}.`;
}

export function testKafka(brokers: string): Kafka {
  return new Kafka({
    clientId: 'legislink-tests',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 1000 },
  });
}

export interface Received {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  headers: Record<string, string>;
  /** The raw value, and parsed when it is JSON. */
  raw: Buffer | null;
  value: unknown;
}

function decode(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]),
  );
}

function parse(raw: Buffer | null): unknown {
  try {
    return raw ? (JSON.parse(raw.toString('utf8')) as unknown) : null;
  } catch {
    return undefined;
  }
}

/**
 * Reads `topics` from the beginning, as a consumer reading committed records does, until
 * `done(received)` holds; fails after `timeoutMs` saying how much arrived.
 */
export async function collect(
  kafka: Kafka,
  topics: string[],
  done: (received: Received[]) => boolean,
  timeoutMs = 20_000,
): Promise<Received[]> {
  const consumer = kafka.consumer({
    groupId: `lt-reader-${randomUUID()}`,
    maxWaitTimeInMs: 200,
    sessionTimeout: 6000,
    heartbeatInterval: 1000,
  });
  const received: Received[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`Only ${received.length} message(s) arrived from ${topics.join(', ')}`)),
        timeoutMs,
      );
      const check = () => {
        if (!done(received)) return;
        clearTimeout(timer);
        resolve();
      };
      check();
      void consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          received.push({
            topic,
            partition,
            offset: Number(message.offset),
            key: message.key?.toString('utf8') ?? null,
            headers: decode(message.headers),
            raw: message.value,
            value: parse(message.value),
          });
          check();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

/** Polls until `condition` holds; fails after `timeoutMs` with `what`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The first record of each `ce_id`, in the order received: what a deduplicating consumer keeps. */
export function dedupe(received: readonly Received[]): Received[] {
  const seen = new Set<string>();
  return received.filter((r) => {
    const id = r.headers.ce_id;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
