/**
 * Replies to inbound commands: for every command the consumer settles, one CloudEvent on the
 * reply topic saying whether it was accepted (with the aggregate's id, revision, status, event
 * types and whatever the command's `respond()` adds) or refused (with the problem the dead
 * letter carries, never the command's body). Replies are correlated with their command by
 * `ce_causationid` (the command's `ce_id`) and keyed like the command, so they stay in order
 * per key. docs/integration-events.md documents the format.
 */
import { Message } from 'kafkajs';
import { CommandOutcome } from '../commands/command-bus';
import { deterministicUuid } from '../commands/command-handler';
import { topicNames } from './kafka';
import { FieldError } from '../http/request-validation';
import {
  COMMAND_ID_RULE,
  CORRELATION_ID_RULE,
  cloudEventAttributes,
  cloudEventHeaders,
  decodeHeadersLeniently,
} from './cloudevents';
import type { InboundRejection } from './inbound-commands';

export const REPLY_ACCEPTED = 'cn.legislink.reply.accepted.v1';
export const REPLY_REFUSED = 'cn.legislink.reply.refused.v1';

/** The reply topic by default: `<prefix>command-replies`. */
export const defaultReplyTopic = (prefix: string) => topicNames(prefix).replies;

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/**
 * The topics a sender may name in `ce_replyto`: the default reply topic, or one under it
 * (`<prefix>command-replies.<anything>`, e.g. a topic of the sender's own that only it may
 * read). Never any other topic: a sender cannot make the service write elsewhere.
 */
export function replyTopicAllowed(prefix: string, topic: string): boolean {
  const base = defaultReplyTopic(prefix);
  return TOPIC_NAME.test(topic) && (topic === base || topic.startsWith(`${base}.`));
}

/** What a reply names of its command: read leniently, from whatever headers it had. */
export interface CommandReference {
  /** `ce_id`; null when the command had none (the reply then names its offset). */
  id: string | null;
  type: string | null;
  source: string | null;
  subject: string | null;
  correlationId: string | null;
  /** `ce_replyto` when allowed, else the default reply topic. */
  replyTo: string;
  /** Where it was read: `<topic>/<partition>@<offset>`. */
  origin: string;
}

export function commandReference(
  prefix: string,
  origin: { topic: string; partition: number; offset: string },
  headers: Message['headers'],
): CommandReference {
  const attributes = cloudEventAttributes(decodeHeadersLeniently(headers));
  const text = (name: string, rule = COMMAND_ID_RULE) =>
    attributes[name] !== undefined && rule.test(attributes[name]) ? attributes[name] : null;
  const id = text('id');
  const replyTo = attributes.replyto;
  return {
    id,
    type: text('type'),
    source: text('source'),
    subject: text('subject'),
    correlationId: text('correlationid', CORRELATION_ID_RULE) ?? id,
    replyTo:
      replyTo !== undefined && replyTopicAllowed(prefix, replyTo)
        ? replyTo
        : defaultReplyTopic(prefix),
    origin: `${origin.topic}/${origin.partition}@${origin.offset}`,
  };
}

/** The payload of `cn.legislink.reply.accepted.v1`. */
export interface AcceptedReplyV1 {
  outcome: 'accepted';
  command: { id: string | null; type: string | null; source: string | null };
  /** The aggregate the command created or acted on (also under its own name below). */
  id: string;
  created: boolean;
  /** The aggregate's id under its field name (`submissionId`), revision, status, event types
   * and what the command adds (`requestNumber`): the HTTP response body. */
  [field: string]: unknown;
}

/** The payload of `cn.legislink.reply.refused.v1`: the problem, never the command's body. */
export interface RefusedReplyV1 {
  outcome: 'refused';
  command: { id: string | null; type: string | null; source: string | null };
  status: number;
  title: string;
  detail: string;
  errors: FieldError[];
  [field: string]: unknown;
}

export interface ReplyOptions {
  /** The CloudEvents `source` of the service. */
  source: string;
  at: Date;
}

function reply(
  command: CommandReference,
  key: Buffer | string | null,
  type: string,
  outcome: string,
  subject: string | null,
  data: object,
  options: ReplyOptions,
): Message {
  // The same command settled the same way gets the same reply id: a consumer deduplicating by
  // `ce_id` keeps one reply per outcome of a command (a resent command accepted again is a
  // duplicate; one refused, then accepted when resent, is not).
  const id = deterministicUuid(
    'reply',
    command.source ?? '',
    command.id ?? command.origin,
    outcome,
  );
  const keyText = key === null ? null : Buffer.isBuffer(key) ? key.toString('utf8') : key;
  return {
    key,
    value: JSON.stringify(data),
    headers: cloudEventHeaders({
      id,
      type,
      source: options.source,
      subject,
      time: options.at.toISOString(),
      dataschema: `urn:legislink:schema:${type}`,
      correlationid: command.correlationId,
      causationid: command.id,
      partitionkey: keyText,
    }),
  };
}

const commandOf = (command: CommandReference) => ({
  id: command.id,
  type: command.type,
  source: command.source,
});

export function acceptedReply(
  command: CommandReference,
  key: Buffer | string | null,
  result: CommandOutcome,
  options: ReplyOptions,
): Message {
  const data: AcceptedReplyV1 = {
    outcome: 'accepted',
    command: commandOf(command),
    id: result.id,
    created: result.created,
    ...result.body,
  };
  return reply(command, key, REPLY_ACCEPTED, 'accepted', result.id, data, options);
}

export function refusedReply(
  command: CommandReference,
  key: Buffer | string | null,
  rejection: InboundRejection,
  options: ReplyOptions,
): Message {
  const { errors, ...extra } = rejection.details;
  const data: RefusedReplyV1 = {
    outcome: 'refused',
    command: commandOf(command),
    status: rejection.status,
    title: rejection.title,
    detail: rejection.message,
    ...extra,
    errors,
  };
  return reply(
    command,
    key,
    REPLY_REFUSED,
    `refused:${rejection.status}:${rejection.title}`,
    command.subject,
    data,
    options,
  );
}
