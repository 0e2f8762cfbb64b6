import { Logger } from '@nestjs/common';
import { EachMessagePayload, Kafka, KafkaMessage, Message } from 'kafkajs';
import { InboundCommandProcessor, InboundOutcome, InboundRejection } from './inbound-commands';
import { redact } from './dead-letter-text';
import { InboundConsumer, deadLetterRecord } from './inbound-consumer';

const message: KafkaMessage = {
  key: Buffer.from('k'),
  value: Buffer.from('{"x":'),
  headers: {
    ce_id: Buffer.from('cmd-1'),
    ce_type: Buffer.from('cn.legislink.command.submission.draft.v1'),
  },
  offset: '41',
  timestamp: '1700000000000',
  attributes: 0,
};
const rejection = InboundRejection.invalid('The body is not valid JSON', [
  { field: 'body', rule: 'json', message: 'm' },
]);

describe('Inbound consumer', () => {
  afterEach(() => jest.restoreAllMocks());

  it('dead-letters the original key, bytes and headers with the error beside them', () => {
    const record = deadLetterRecord(
      { topic: 'legislink.commands', partition: 2 },
      message,
      rejection,
      new Date('2025-03-10T02:00:00.000Z'),
    );
    expect(record.key).toBe(message.key);
    expect(record.value).toBe(message.value);
    expect(record.headers).toEqual({
      ...message.headers,
      'x-error': 'The body is not valid JSON',
      'x-error-status': '400',
      'x-error-title': 'Invalid request',
      'x-error-details': JSON.stringify({
        errors: [{ field: 'body', rule: 'json', message: 'm' }],
      }),
      'x-original-topic': 'legislink.commands',
      'x-original-partition': '2',
      'x-original-offset': '41',
      'x-original-timestamp': '2023-11-14T22:13:20.000Z',
      'x-dead-lettered-at': '2025-03-10T02:00:00.000Z',
    });
  });

  it('retries a failure of its own in place, keeping its membership, and never dead-letters it', async () => {
    const sent: unknown[] = [];
    const kafka = {
      producer: () => ({ send: async (record: unknown) => sent.push(record) }),
    } as unknown as Kafka;
    const outcomes: (() => InboundOutcome)[] = [
      () => {
        throw new Error('event store unreachable');
      },
      () => {
        throw new Error('event store unreachable');
      },
      () => ({ accepted: false, rejection, withheld: [] }),
    ];
    const retryingSeen: (string | null)[] = [];
    const processMessage = jest.fn<Promise<InboundOutcome>, []>();
    const consumer = new InboundConsumer({
      kafka,
      topicPrefix: 'legislink.',
      sessionTimeoutMs: 6000,
      processor: { process: processMessage } as unknown as InboundCommandProcessor,
      logger: new Logger('test', { timestamp: false }),
    });
    processMessage.mockImplementation(async () => {
      retryingSeen.push(consumer.status().retrying);
      return outcomes.shift()!();
    });
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const heartbeat = jest.fn(async () => undefined);

    await consumer['handle']({
      topic: 'legislink.commands',
      partition: 0,
      message,
      heartbeat,
      pause: () => () => undefined,
    } as EachMessagePayload);

    expect(retryingSeen).toEqual([null, 'event store unreachable', 'event store unreachable']);
    expect(heartbeat).toHaveBeenCalledTimes(2);
    // The dead letter, then the reply.
    expect(sent).toMatchObject([
      { topic: 'legislink.commands.dlt' },
      { topic: 'legislink.command-replies' },
    ]);
    expect(consumer.status()).toMatchObject({
      accepted: 0,
      deadLettered: 1,
      retrying: null,
      replied: 1,
      replyFailures: 0,
    });
  });

  /** One refused command through a consumer whose producer fails for the topics `failing` names. */
  async function settleWithFailingReplies(failing: (topic: string) => boolean) {
    const sent: { topic: string; messages: Message[] }[] = [];
    const kafka = {
      producer: () => ({
        send: async (record: { topic: string; messages: Message[] }) => {
          sent.push(record);
          if (failing(record.topic)) throw new Error('broker away');
        },
      }),
    } as unknown as Kafka;
    const consumer = new InboundConsumer({
      kafka,
      topicPrefix: 'legislink.',
      sessionTimeoutMs: 6000,
      processor: {
        process: async () => ({ accepted: false, rejection, withheld: [] }),
      } as unknown as InboundCommandProcessor,
      logger: new Logger('test', { timestamp: false }),
      replyAttempts: 2,
    });
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const heartbeat = jest.fn(async () => undefined);
    await consumer['handle']({
      topic: 'legislink.commands',
      partition: 0,
      message,
      heartbeat,
      pause: () => () => undefined,
    } as EachMessagePayload);
    return { sent, consumer, error, heartbeat };
  }

  it('parks a reply it could not send after bounded retries, with the reason, and moves on', async () => {
    const { sent, consumer, error, heartbeat } = await settleWithFailingReplies((topic) =>
      topic.endsWith('command-replies'),
    );
    expect(sent.map((r) => r.topic)).toEqual([
      'legislink.commands.dlt',
      'legislink.command-replies',
      'legislink.command-replies',
      'legislink.inbound.parking',
    ]);
    expect(heartbeat).toHaveBeenCalledTimes(1);
    const [reply, parked] = [sent[1].messages[0], sent[3].messages[0]];
    // The reply as it was, so it can be sent on; where it was for and why it is here beside it.
    expect(parked.key).toEqual(reply.key);
    expect(parked.value).toEqual(reply.value);
    expect(parked.headers).toMatchObject({
      ...reply.headers,
      'x-parked-topic': 'legislink.command-replies',
      'x-parked-reason': 'broker away',
      'x-parked-at': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      'x-original-command': 'legislink.commands/0@41',
    });
    expect(JSON.parse(String(parked.value))).toMatchObject({ outcome: 'refused', status: 400 });
    expect(consumer.status()).toMatchObject({
      deadLettered: 1,
      replied: 0,
      replyFailures: 1,
      repliesParked: 1,
      lastReplyFailure: {
        command: 'cmd-1',
        topic: 'legislink.command-replies',
        error: 'broker away',
        parked: true,
      },
    });
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({
        msg: expect.stringMatching(/parked on legislink.inbound.parking/),
      }),
    );
  });

  it('when parking fails too (the broker away), counts the reply as not sent and moves on', async () => {
    const { sent, consumer, error } = await settleWithFailingReplies((topic) =>
      /command-replies|parking/.test(topic),
    );
    expect(sent.map((r) => r.topic)).toEqual([
      'legislink.commands.dlt',
      'legislink.command-replies',
      'legislink.command-replies',
      'legislink.inbound.parking',
    ]);
    expect(consumer.status()).toMatchObject({
      deadLettered: 1,
      replied: 0,
      replyFailures: 1,
      repliesParked: 0,
      lastReplyFailure: {
        command: 'cmd-1',
        topic: 'legislink.command-replies',
        error: 'broker away',
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        parked: false,
      },
    });
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('dead-letters the redacted value, saying what was left out', () => {
    const record = deadLetterRecord(
      { topic: 'legislink.commands', partition: 2 },
      { ...message, value: Buffer.from('{"title":"机密","kind":"request"}') },
      rejection,
      new Date('2025-03-10T02:00:00.000Z'),
      redact(Buffer.from('{"title":"机密","kind":"request"}'), ['title']),
    );
    expect(JSON.parse(String(record.value))).toEqual({
      title: { redacted: true, bytes: 8 },
      kind: 'request',
    });
    expect(record.headers).toMatchObject({
      'x-original-redacted': 'title',
      'x-original-size': String(Buffer.byteLength('{"title":"机密","kind":"request"}')),
      'x-error-status': '400',
    });
  });
});
