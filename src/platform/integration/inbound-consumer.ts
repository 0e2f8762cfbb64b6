/**
 * Consumes `${prefix}commands`. An accepted command is applied like its HTTP twin; a refused or
 * unreadable one goes to `${prefix}commands.dlt` with the error beside its original bytes and
 * headers, and the consumer moves on. Failures of our own (the store down) are retried in place,
 * never dead-lettered. Offsets are committed after a message was applied or dead-lettered, so a
 * crash redelivers it, and its idempotency key makes the second run append nothing.
 */
import { Logger } from '@nestjs/common';
import { EachMessagePayload, Kafka, KafkaMessage, Message, Partitioners, Producer } from 'kafkajs';
import { InboundCommandProcessor, InboundRejection } from './inbound-commands';
import {
  ResilientConsumer,
  Wakeup,
  backoffMs,
  ensureTopics,
  errorMessage,
  groupTimings,
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
          await this.producer.send({
            topic: this.topics.deadLetter,
            acks: -1,
            messages: [
              deadLetterRecord({ topic, partition }, message, outcome.rejection, new Date()),
            ],
          });
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
}
