import { createHash } from 'node:crypto';
import { NewEvent, RecordedEvent } from '../../events/envelope';

/** The previous hash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth, so equal values always serialise equally. A value
 * whose keys are already in order everywhere (events are built that way) is what
 * `JSON.stringify` writes, so it goes to the native serialiser after one cheap check.
 */
export function canonicalJson(value: unknown): string {
  return inCanonicalOrder(value) ? (JSON.stringify(value) ?? 'null') : sortedJson(value);
}

/**
 * Whether `JSON.stringify` would write `value` canonically: plain data whose object keys are in
 * sorted order at every depth, with no `toJSON`, and no functions or symbols (which it drops
 * from objects, where the canonical form writes null).
 */
function inCanonicalOrder(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!inCanonicalOrder(item)) return false;
    return true;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.toJSON === 'function') return false;
  let previous: string | null = null;
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) return false;
    if (previous !== null && !(previous < key)) return false;
    previous = key;
    const item = record[key];
    const kind = typeof item;
    if (kind === 'function' || kind === 'symbol' || !inCanonicalOrder(item)) return false;
  }
  return true;
}

function sortedJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // As JSON.stringify does, an undefined array element is written as null.
      out += value[i] === undefined ? 'null' : sortedJson(value[i]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${sortedJson(item)}`;
  }
  return `${out}}`;
}

/** An event with its payload and metadata already in canonical JSON, as the store keeps them. */
export interface SerialisedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
}

/** `metadataJson`: the metadata's canonical JSON when the caller has it already. */
export function serialise(
  event: NewEvent,
  metadataJson = canonicalJson(event.metadata),
): SerialisedEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    dataJson: canonicalJson(event.data),
    metadataJson,
  };
}

/**
 * SHA-256 over the canonical serialisation of what the event says and where it stands:
 * `{data, eventId, metadata, previousHash, revision, schemaVersion, streamId, type}` with keys in
 * that (sorted) order. Store-assigned facts (global position, recorded-at) are left out so that
 * the same chain verifies on every adapter. Fed in pieces, so the payload is serialised once.
 */
export function chainHashOfSerialised(
  streamId: string,
  revision: number,
  event: SerialisedEvent,
  previousHash: string,
): string {
  return createHash('sha256')
    .update('{"data":')
    .update(event.dataJson)
    .update(`,"eventId":${JSON.stringify(event.eventId)},"metadata":`)
    .update(event.metadataJson)
    .update(
      `,"previousHash":${JSON.stringify(previousHash)},"revision":${revision},"schemaVersion":${event.schemaVersion},"streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(event.type)}}`,
    )
    .digest('hex');
}

export function chainHash(
  streamId: string,
  revision: number,
  event: NewEvent,
  previousHash: string,
): string {
  return chainHashOfSerialised(streamId, revision, serialise(event), previousHash);
}

export interface BrokenLink {
  streamId: string;
  revision: number;
  eventId: string;
  position: string;
  problem: 'hash_mismatch' | 'previous_hash_mismatch' | 'revision_gap';
}

export interface ChainVerification {
  streams: number;
  events: number;
  valid: boolean;
  /** The first broken link in log order, if any. */
  firstBrokenLink: BrokenLink | null;
}

/**
 * Checks events fed in log order (any mix of streams): each event's hash must be recomputable
 * and its previous hash must equal the hash of its stream's previous event.
 */
export class ChainVerifier {
  private readonly lastByStream = new Map<string, { revision: number; hash: string }>();
  private events = 0;
  private broken: BrokenLink | null = null;

  check(event: RecordedEvent): void {
    this.events += 1;
    const last = this.lastByStream.get(event.streamId);
    this.lastByStream.set(event.streamId, { revision: event.revision, hash: event.hash });
    if (this.broken) return;
    const expectedRevision = last ? last.revision + 1 : 0;
    const expectedPrevious = last ? last.hash : GENESIS_HASH;
    const problem: BrokenLink['problem'] | null =
      event.revision !== expectedRevision
        ? 'revision_gap'
        : event.previousHash !== expectedPrevious
          ? 'previous_hash_mismatch'
          : chainHash(event.streamId, event.revision, event, event.previousHash) !== event.hash
            ? 'hash_mismatch'
            : null;
    if (problem) {
      this.broken = {
        streamId: event.streamId,
        revision: event.revision,
        eventId: event.eventId,
        position: event.position,
        problem,
      };
    }
  }

  result(): ChainVerification {
    return {
      streams: this.lastByStream.size,
      events: this.events,
      valid: this.broken === null,
      firstBrokenLink: this.broken,
    };
  }
}
