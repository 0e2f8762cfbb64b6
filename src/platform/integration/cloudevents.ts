/**
 * CloudEvents 1.0 in Kafka binary content mode: each attribute is a header `ce_<name>`, the
 * `datacontenttype` is the `content-type` header, and the record value is the data itself.
 */
import { IHeaders } from 'kafkajs';

export const SPEC_VERSION = '1.0';
export const JSON_CONTENT_TYPE = 'application/json';
const PREFIX = 'ce_';

/** A command's `ce_id`: 1–255 visible ASCII characters. */
export const COMMAND_ID_RULE = /^[\x21-\x7e]{1,255}$/;
/** A `ce_correlationid` carried into the events. */
export const CORRELATION_ID_RULE = /^[\w.:-]{1,128}$/;

export type CloudEventHeaders = Record<string, string>;

/** Required context attributes, plus any extension attributes (null ones are left out). */
export type OutgoingAttributes = {
  id: string;
  type: string;
  source: string;
} & Record<string, string | null | undefined>;

export function cloudEventHeaders(attributes: OutgoingAttributes): CloudEventHeaders {
  const headers: CloudEventHeaders = {
    [`${PREFIX}specversion`]: SPEC_VERSION,
    'content-type': JSON_CONTENT_TYPE,
  };
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) headers[`${PREFIX}${name}`] = value;
  }
  return headers;
}

export class MalformedHeadersError extends Error {
  constructor(
    readonly header: string,
    message: string,
  ) {
    super(message);
  }
}

/** Decodes the headers of a received record; a repeated header is ambiguous and refused. */
export function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value))
      throw new MalformedHeadersError(name, `Header ${name} appears more than once`);
    decoded[name.toLowerCase()] = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  }
  return decoded;
}

/**
 * Decodes headers without refusing anything: the first value of a repeated header. For what is
 * said about a message already refused (its dead letter, its reply), never to accept one.
 */
export function decodeHeadersLeniently(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first === undefined) continue;
    decoded[name.toLowerCase()] = Buffer.isBuffer(first) ? first.toString('utf8') : first;
  }
  return decoded;
}

/** The CloudEvents attributes among decoded headers, by attribute name (`ce_id` → `id`). */
export function cloudEventAttributes(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => name.startsWith(PREFIX))
      .map(([name, value]) => [name.slice(PREFIX.length), value]),
  );
}
