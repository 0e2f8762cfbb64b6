/**
 * The dead-letter topic is shared by every sender, so a refused command's text stays in it only
 * as far as its command declaration allows (`CommandText.mayShare`, the rule of the public
 * events). Otherwise the dead letter keeps the body with each text field replaced by a stub
 * naming its size, and the size and SHA-256 digest of the original value, so the sender can
 * still tell which of its commands it was, and check a copy of its own against it.
 */
import { createHash } from 'node:crypto';
import { IHeaders } from 'kafkajs';

/** Fields to take out of a dead letter's value: none, some by name, or the whole value. */
export type Withheld = readonly string[] | 'whole';

/** What stands in a dead letter for a text field left out. */
export interface RedactedField {
  redacted: true;
  /** UTF-8 bytes of the field's value as JSON. */
  bytes: number;
}

export interface RedactedValue {
  value: Buffer | null;
  headers: IHeaders;
}

const parseObject = (value: Buffer | null): Record<string, unknown> | null => {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value.toString('utf8')) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
};

/** The body as sent, when it is a JSON object; null otherwise. */
export const bodyObject = parseObject;

/**
 * The value a dead letter keeps when `withheld` fields may not be shared, and the headers that
 * say so: `x-original-redacted` (the field names, comma-separated, or `*` for the whole
 * value), `x-original-size` and `x-original-sha256`. Null when nothing needs leaving out.
 * A value that is not a JSON object cannot be told apart field by field and goes whole.
 */
export function redact(value: Buffer | null, withheld: Withheld): RedactedValue | null {
  if (withheld !== 'whole' && withheld.length === 0) return null;
  const original = value ?? Buffer.alloc(0);
  const body = withheld === 'whole' ? null : parseObject(value);
  const present =
    withheld === 'whole' || body === null
      ? null
      : withheld.filter((field) => Object.prototype.hasOwnProperty.call(body, field));
  if (present !== null && present.length === 0) return null;
  let kept: Buffer | null = null;
  if (body !== null && present !== null) {
    const stubbed: Record<string, unknown> = { ...body };
    for (const field of present) {
      const stub: RedactedField = {
        redacted: true,
        bytes: Buffer.byteLength(JSON.stringify(body[field]) ?? ''),
      };
      stubbed[field] = stub;
    }
    kept = Buffer.from(JSON.stringify(stubbed));
  }
  return {
    value: kept,
    headers: {
      'x-original-redacted': present === null ? '*' : present.join(','),
      'x-original-size': String(original.length),
      'x-original-sha256': createHash('sha256').update(original).digest('hex'),
    },
  };
}
