/**
 * Consumes `${prefix}commands`. An accepted command is applied like its HTTP twin; a refused or
 * unreadable one goes to `${prefix}commands.dlt` with the error beside its original bytes and
 * headers, and the consumer moves on. Failures of our own (the store down) are retried in place,
 * never dead-lettered. Offsets are committed after a message was applied or dead-lettered, so a
 * crash redelivers it, and its idempotency key makes the second run append nothing.
 */
import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  EachMessagePayload,
  IHeaders,
  Kafka,
  KafkaMessage,
  Message,
  Partitioners,
  Producer,
} from 'kafkajs';
import { InboundCommandProcessor, InboundRejection } from './inbound-commands';
import {
  ResilientConsumer,
  Wakeup,
  backoffMs,
  ensureTopics,
  errorMessage,
  groupTimings,
  isTooLarge,
  topicNames,
} from './kafka';

export interface InboundConsumerOptions {
  kafka: Kafka;
  topicPrefix: string;
  sessionTimeoutMs: number;
  processor: InboundCommandProcessor;
  logger: Logger;
}

export interface InboundStatus {
  running: boolean;
  accepted: number;
  deadLettered: number;
  /** The error a message is being retried for, null when nothing is stuck. */
  retrying: string | null;
}

/** The dead-letter record: the original key, value and headers, plus what went wrong. */
export function deadLetterRecord(
  origin: { topic: string; partition: number },
  message: KafkaMessage,
  rejection: InboundRejection,
  at: Date,
): Message {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      'x-error': rejection.message,
      'x-error-status': String(rejection.status),
      'x-error-title': rejection.title,
      'x-error-details': JSON.stringify(rejection.details),
      'x-original-topic': origin.topic,
      'x-original-partition': String(origin.partition),
      'x-original-offset': message.offset,
      // Kafka gives epoch milliseconds; every timestamp header is ISO 8601, like the one below.
      'x-original-timestamp': new Date(Number(message.timestamp)).toISOString(),
      'x-dead-lettered-at': at.toISOString(),
    },
  };
}

/** What a dead letter that does not fit keeps of the original value and of each header. */
export const DEAD_LETTER_EXCERPT_BYTES = 16 * 1024;
const HEADER_EXCERPT_BYTES = 1024;

const excerpt = (value: Buffer | string, bytes: number): Buffer =>
  (Buffer.isBuffer(value) ? value : Buffer.from(value)).subarray(0, bytes);

/**
 * The dead letter for a record whose full copy the dead-letter topic refused as too large: a
 * bounded excerpt of the value and of each header, with the original size and SHA-256 digest,
 * so the sender can still tell which message it was and check a copy of its own against it.
 */
export function boundedDeadLetter(full: Message, original: KafkaMessage): Message {
  const value = original.value ?? Buffer.alloc(0);
  const headers: IHeaders = {};
  for (const [name, header] of Object.entries(full.headers ?? {})) {
    if (header === undefined) continue;
    headers[name] = Array.isArray(header)
      ? header.map((h) => excerpt(h, HEADER_EXCERPT_BYTES))
      : excerpt(header, HEADER_EXCERPT_BYTES);
  }
  return {
    key: original.key && excerpt(original.key, HEADER_EXCERPT_BYTES),
    value: excerpt(value, DEAD_LETTER_EXCERPT_BYTES),
    headers: {
      ...headers,
      'x-original-truncated': 'true',
      'x-original-size': String(value.length),
      'x-original-sha256': createHash('sha256').update(value).digest('hex'),
    },
  };
}

export class InboundConsumer {
  private readonly consumer: ResilientConsumer;
  private readonly producer: Producer;
  private readonly topics: ReturnType<typeof topicNames>;
  private readonly wakeup = new Wakeup();
  private running = false;
  private stopping = false;
  private accepted = 0;
  private deadLettered = 0;
  private retrying: string | null = null;

  constructor(private readonly options: InboundConsumerOptions) {
    const { kafka, topicPrefix, sessionTimeoutMs } = options;
    this.topics = topicNames(topicPrefix);
    // A plain producer: a dead letter written twice is harmless (at least once, like the rest).
    this.producer = kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.consumer = new ResilientConsumer(
      'Inbound consumer',
      options.logger,
      () => kafka.consumer({ groupId: `${topicPrefix}inbound`, ...groupTimings(sessionTimeoutMs) }),
      async (consumer) => {
        await ensureTopics(kafka, [
          { topic: this.topics.commands },
          { topic: this.topics.deadLetter },
        ]);
        await this.producer.connect();
        await consumer.subscribe({ topics: [this.topics.commands], fromBeginning: true });
        await consumer.run({ eachMessage: (payload) => this.handle(payload) });
      },
    );
  }

  start(): void {
    this.stopping = false;
    this.running = true;
    this.consumer.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeup.notify();
    await this.consumer.stop();
    await this.producer.disconnect().catch(() => undefined);
    this.running = false;
  }

  status(): InboundStatus {
    return {
      running: this.running,
      accepted: this.accepted,
      deadLettered: this.deadLettered,
      retrying: this.retrying,
    };
  }

  private async handle({
    topic,
    partition,
    message,
    heartbeat,
  }: EachMessagePayload): Promise<void> {
    for (let failures = 1; ; failures++) {
      try {
        const outcome = await this.options.processor.process(message.headers, message.value);
        if (outcome.accepted) {
          this.accepted += 1;
        } else {
          await this.deadLetter(
            deadLetterRecord({ topic, partition }, message, outcome.rejection, new Date()),
            message,
          );
          this.deadLettered += 1;
          this.options.logger.warn({
            msg: `Inbound message ${topic}/${partition}@${message.offset} dead-lettered: ${outcome.rejection.message}`,
            status: outcome.rejection.status,
          });
        }
        this.retrying = null;
        return;
      } catch (error) {
        // Stopping: leave the offset uncommitted, the next consumer gets the message again.
        if (this.stopping) throw error;
        this.retrying = errorMessage(error);
        this.options.logger.warn({
          msg: `Inbound message ${topic}/${partition}@${message.offset} failed, retrying: ${this.retrying}`,
          failures,
        });
        // Keeps the membership alive while we wait; throws if the group rebalances, and the
        // message then goes to whoever gets the partition.
        await heartbeat();
        await this.wakeup.wait(backoffMs(failures));
      }
    }
  }

  /**
   * A refused command near the size limit plus the error headers can exceed what the
   * dead-letter topic takes; retrying that would wedge the partition, so it goes bounded.
   */
  private async deadLetter(record: Message, original: KafkaMessage): Promise<void> {
    const send = (message: Message) =>
      this.producer.send({ topic: this.topics.deadLetter, acks: -1, messages: [message] });
    try {
      await send(record);
    } catch (error) {
      if (!isTooLarge(error)) throw error;
      await send(boundedDeadLetter(record, original));
    }
  }
}
