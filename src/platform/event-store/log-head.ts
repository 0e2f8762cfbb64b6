import { createHash, hash } from 'node:crypto';
import { LogEntry, LogPosition } from './event-store.port';
import { GENESIS_HASH, canonicalJson } from './hash-chain';
import { Ed25519PublicJwk, HeadSigningKey, keyIdOf, verifySignature } from './head-signing-key';

export const LOG_HEAD_FORMAT = 'legislink-log-head/1';

/** Where a stream stood at a head: its last revision and that event's chain hash. */
export interface StreamHead {
  streamId: string;
  revision: number;
  hash: string;
  /** 1-based index in the log of the stream's last event; orders the stream heads digest. */
  logIndex: number;
}

/** What a head states about the log; the signature covers exactly these fields. */
export interface LogHeadClaims {
  format: typeof LOG_HEAD_FORMAT;
  /** Position of the last event the head covers. */
  position: LogPosition;
  events: number;
  streams: number;
  /** Running SHA-256 over (streamId, revision, event hash) of every event, in log order. */
  logHash: string;
  /** SHA-256 over every stream's last revision and hash, streams in order of their last event. */
  streamHeadsDigest: string;
  signedAt: string;
  keyId: string;
}

export interface SignedLogHead extends LogHeadClaims {
  publicKey: Ed25519PublicJwk;
  /** Ed25519 over the canonical JSON of the claims, base64url. */
  signature: string;
}

/** The signed bytes: the claims alone, picked by name so no other field slips in. */
function signedMessage(claims: LogHeadClaims): string {
  return canonicalJson({
    format: claims.format,
    position: claims.position,
    events: claims.events,
    streams: claims.streams,
    logHash: claims.logHash,
    streamHeadsDigest: claims.streamHeadsDigest,
    signedAt: claims.signedAt,
    keyId: claims.keyId,
  });
}

export function signLogHead(
  key: HeadSigningKey,
  state: Omit<LogHeadClaims, 'format' | 'keyId'>,
): SignedLogHead {
  const claims: LogHeadClaims = {
    format: LOG_HEAD_FORMAT,
    position: state.position,
    events: state.events,
    streams: state.streams,
    logHash: state.logHash,
    streamHeadsDigest: state.streamHeadsDigest,
    signedAt: state.signedAt,
    keyId: key.keyId,
  };
  return { ...claims, publicKey: key.publicJwk, signature: key.sign(signedMessage(claims)) };
}

/**
 * True when the head's own public key signed its claims and its key id names that key. A head
 * read from a file may be anything, hence the shape check before the key is used.
 */
export function logHeadSignatureHolds(head: SignedLogHead): boolean {
  return (
    head.format === LOG_HEAD_FORMAT &&
    typeof head.publicKey?.x === 'string' &&
    keyIdOf(head.publicKey) === head.keyId &&
    verifySignature(head.publicKey, signedMessage(head), head.signature)
  );
}

/**
 * SHA-256 over the canonical JSON `{eventHash, previousLogHash, revision, streamId}`, written
 * out directly and hashed one-shot (`crypto.hash`, a third of `createHash`'s cost on inputs
 * this small) since the signer runs it for every event.
 */
export function nextLogHash(logHash: string, entry: LogEntry): string {
  return hash(
    'sha256',
    `{"eventHash":${JSON.stringify(entry.hash)},"previousLogHash":${JSON.stringify(logHash)},"revision":${entry.revision},"streamId":${JSON.stringify(entry.streamId)}}`,
    'hex',
  );
}

/** Stream heads must be given in log order of their last event. */
export function streamHeadsDigest(heads: Iterable<Omit<StreamHead, 'logIndex'>>): string {
  const digest = createHash('sha256');
  for (const head of heads) {
    digest.update(`${JSON.stringify(head.streamId)} ${head.revision} ${head.hash}\n`);
  }
  return digest.digest('hex');
}

/**
 * The log folded event by event: its running hash, its length and every stream's head. A
 * stream's entry is re-inserted on each event, so the map iterates in order of last event
 * without sorting.
 */
export class LogDigest {
  private readonly heads = new Map<string, StreamHead>();
  /** Streams whose head moved since the last `takeChangedStreams`. */
  private changed = new Set<string>();

  constructor(
    private hash = GENESIS_HASH,
    private count = 0,
    private lastPosition: LogPosition | null = null,
    streamHeads: Iterable<StreamHead> = [],
  ) {
    for (const head of streamHeads) this.heads.set(head.streamId, head);
  }

  add(entry: LogEntry): void {
    this.hash = nextLogHash(this.hash, entry);
    this.count += 1;
    this.lastPosition = entry.position;
    this.heads.delete(entry.streamId);
    this.heads.set(entry.streamId, {
      streamId: entry.streamId,
      revision: entry.revision,
      hash: entry.hash,
      logIndex: this.count,
    });
    this.changed.add(entry.streamId);
  }

  get events(): number {
    return this.count;
  }

  get logHash(): string {
    return this.hash;
  }

  get position(): LogPosition | null {
    return this.lastPosition;
  }

  get streams(): number {
    return this.heads.size;
  }

  streamHeadsDigest(): string {
    return streamHeadsDigest(this.heads.values());
  }

  takeChangedStreams(): StreamHead[] {
    const changed = [...this.changed].map((id) => this.heads.get(id) as StreamHead);
    this.changed = new Set();
    return changed;
  }
}
