/**
 * Consumes `${prefix}commands`. An accepted command is applied like its HTTP twin; a refused or
 * unreadable one goes to `${prefix}commands.dlt` with the error beside its original headers and
 * bytes (its text only as far as its category allows), and the consumer moves on. Failures of
 * our own (the store down) are retried in place, never dead-lettered. Either way the outcome is
 * then replied on `${prefix}command-replies` (or the allowed topic the command names), with
 * bounded retries: a reply that cannot be sent is logged and counted, and the consumer moves on.
 * Offsets are committed after a message was settled and replied to, so a crash redelivers it,
 * and its idempotency key makes the second run append nothing and reply the same.
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
import {
  CommandReference,
  acceptedReply,
  commandReference,
  defaultReplyTopic,
  refusedReply,
} from './command-replies';
import { RedactedValue, redact } from './dead-letter-text';
import { InboundCommandProcessor, InboundOutcome, InboundRejection } from './inbound-commands';
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
  /** The CloudEvents `source` of the replies (`SERVICE_IDENTITY`). */
  source?: string;
  /** How many times a reply is tried before the consumer gives up on it; 3 unless given. */
  replyAttempts?: number;
}

export interface InboundStatus {
  running: boolean;
  accepted: number;
  deadLettered: number;
  /** The error a message is being retried for, null when nothing is stuck. */
  retrying: string | null;
  /** Replies sent, and replies given up on after their bounded retries. */
  replied: number;
  replyFailures: number;
  /** Of those given up on, how many were parked on `<prefix>inbound.parking` instead. */
  repliesParked: number;
  lastReplyFailure: {
    command: string;
    topic: string;
    error: string;
    at: string;
    parked: boolean;
  } | null;
}

/**
 * The dead-letter record: the original key, value and headers, plus what went wrong; with
 * `redacted`, the value that may be shared in place of the original and the headers saying so.
 */
export function deadLetterRecord(
  origin: { topic: string; partition: number },
  message: KafkaMessage,
  rejection: InboundRejection,
  at: Date,
  redacted: RedactedValue | null = null,
): Message {
  return {
    key: message.key,
    value: redacted ? redacted.value : message.value,
    headers: {
      ...message.headers,
      ...redacted?.headers,
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
  // What the full dead letter kept of the value: the original, or its redacted form.
  const kept = full.value ?? Buffer.alloc(0);
  const headers: IHeaders = {};
  for (const [name, header] of Object.entries(full.headers ?? {})) {
    if (header === undefined) continue;
    headers[name] = Array.isArray(header)
      ? header.map((h) => excerpt(h, HEADER_EXCERPT_BYTES))
      : excerpt(header, HEADER_EXCERPT_BYTES);
  }
  return {
    key: original.key && excerpt(original.key, HEADER_EXCERPT_BYTES),
    value: excerpt(kept, DEAD_LETTER_EXCERPT_BYTES),
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
  /** Replies have a producer of their own that gives up quickly: they are retried here. */
  private readonly replies: Producer;
  private readonly topics: ReturnType<typeof topicNames>;
  private readonly wakeup = new Wakeup();
  private running = false;
  private stopping = false;
  private accepted = 0;
  private deadLettered = 0;
  private retrying: string | null = null;
  private replied = 0;
  private replyFailures = 0;
  private repliesParked = 0;
  private lastReplyFailure: InboundStatus['lastReplyFailure'] = null;

  constructor(private readonly options: InboundConsumerOptions) {
    const { kafka, topicPrefix, sessionTimeoutMs } = options;
    this.topics = topicNames(topicPrefix);
    // A plain producer: a dead letter written twice is harmless (at least once, like the rest).
    this.producer = kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.replies = kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 },
    });
    this.consumer = new ResilientConsumer(
      'Inbound consumer',
      options.logger,
      () => kafka.consumer({ groupId: `${topicPrefix}inbound`, ...groupTimings(sessionTimeoutMs) }),
      async (consumer) => {
        await ensureTopics(kafka, [
          { topic: this.topics.commands },
          { topic: this.topics.deadLetter },
          { topic: defaultReplyTopic(topicPrefix) },
          { topic: this.topics.replyParking },
        ]);
        await this.producer.connect();
        await this.replies.connect();
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
    await this.replies.disconnect().catch(() => undefined);
    this.running = false;
  }

  status(): InboundStatus {
    return {
      running: this.running,
      accepted: this.accepted,
      deadLettered: this.deadLettered,
      retrying: this.retrying,
      replied: this.replied,
      replyFailures: this.replyFailures,
      repliesParked: this.repliesParked,
      lastReplyFailure: this.lastReplyFailure,
    };
  }

  private async handle(payload: EachMessagePayload): Promise<void> {
    const outcome = await this.settle(payload);
    const { topic, partition, message } = payload;
    const command = commandReference(
      this.options.topicPrefix,
      { topic, partition, offset: message.offset },
      message.headers,
    );
    const options = { source: this.options.source ?? 'urn:legislink:legislink', at: new Date() };
    const reply = outcome.accepted
      ? acceptedReply(command, message.key, outcome.result, options)
      : refusedReply(command, message.key, outcome.rejection, options);
    await this.reply(command, reply, payload);
  }

  /** Applies or dead-letters the message, retrying failures of our own in place. */
  private async settle({
    topic,
    partition,
    message,
    heartbeat,
  }: EachMessagePayload): Promise<InboundOutcome> {
    for (let failures = 1; ; failures++) {
      try {
        const outcome = await this.options.processor.process(message.headers, message.value);
        if (outcome.accepted) {
          this.accepted += 1;
        } else {
          await this.deadLetter(
            deadLetterRecord(
              { topic, partition },
              message,
              outcome.rejection,
              new Date(),
              redact(message.value, outcome.withheld),
            ),
            message,
          );
          this.deadLettered += 1;
          this.options.logger.warn({
            msg: `Inbound message ${topic}/${partition}@${message.offset} dead-lettered: ${outcome.rejection.message}`,
            status: outcome.rejection.status,
          });
        }
        this.retrying = null;
        return outcome;
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
   * Sends a reply, a few times at most. One that still fails (its topic missing, the broker
   * away) is given up on, logged and counted, and the offset is committed all the same: a
   * missing reply must not hold up the partition's other commands. The sender can resend the
   * command with the same `ce_id`: applied once already, it gets the same reply again.
   */
  private async reply(
    command: CommandReference,
    reply: Message,
    { heartbeat }: EachMessagePayload,
  ): Promise<void> {
    const attempts = this.options.replyAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.replies.send({ topic: command.replyTo, acks: -1, messages: [reply] });
        this.replied += 1;
        return;
      } catch (error) {
        // Stopping: leave the offset uncommitted, the next consumer settles and replies again.
        if (this.stopping) throw error;
        if (attempt >= attempts || isTooLarge(error)) {
          const at = new Date().toISOString();
          const parked = await this.park(command, reply, errorMessage(error), at);
          this.replyFailures += 1;
          if (parked) this.repliesParked += 1;
          this.lastReplyFailure = {
            command: command.id ?? command.origin,
            topic: command.replyTo,
            error: errorMessage(error),
            at,
            parked,
          };
          this.options.logger.error({
            msg: `Reply to ${command.origin} (ce_id ${command.id ?? 'none'}) not sent to ${command.replyTo} after ${attempt} attempt(s), ${parked ? `parked on ${this.topics.replyParking}` : 'nor parked'}, moving on: ${errorMessage(error)}`,
          });
          return;
        }
        await heartbeat();
        await this.wakeup.wait(backoffMs(attempt));
      }
    }
  }

  /**
   * Parks a reply that could not be sent: the reply as it was (key, value, headers) on
   * `<prefix>inbound.parking`, with the topic it was for, the reason and the time beside it, so
   * an operator can see what a sender missed and send it on. One attempt: when the broker is
   * away, parking fails too, and the reply is only counted.
   */
  private async park(
    command: CommandReference,
    reply: Message,
    reason: string,
    at: string,
  ): Promise<boolean> {
    try {
      await this.replies.send({
        topic: this.topics.replyParking,
        acks: -1,
        messages: [
          {
            ...reply,
            headers: {
              ...reply.headers,
              'x-parked-topic': command.replyTo,
              'x-parked-reason': reason,
              'x-parked-at': at,
              'x-original-command': command.origin,
            },
          },
        ],
      });
      return true;
    } catch {
      return false;
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
