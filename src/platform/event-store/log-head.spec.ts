import { calculateJwkThumbprint } from 'jose';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordedEvent } from '../../events/envelope';
import { HeadSigningKey, loadHeadSigningKey } from './head-signing-key';
import { GENESIS_HASH, canonicalJson } from './hash-chain';
import {
  LogDigest,
  LogHeadClaims,
  SignedLogHead,
  logHeadSignatureHolds,
  nextLogHash,
  signLogHead,
} from './log-head';

const state = {
  position: '42/42',
  events: 42,
  streams: 7,
  logHash: 'a'.repeat(64),
  streamHeadsDigest: 'b'.repeat(64),
  signedAt: '2025-03-10T02:00:00.000Z',
};

const recorded = (streamId: string, revision: number, position: number): RecordedEvent => ({
  streamId,
  revision,
  position: `${position}/${position}`,
  hash: `${streamId}-${revision}`.padEnd(64, '0'),
  previousHash: GENESIS_HASH,
  eventId: `${streamId}-${revision}`,
  type: 'ThingHappened',
  schemaVersion: 1,
  data: {},
  metadata: {
    occurredAt: '2025-03-10T02:00:00.000Z',
    actor: { userId: 'u', organisationId: 'o', role: 'admin' },
    correlationId: 'c',
    causationId: null,
  },
  recordedAt: '2025-03-10T02:00:00.000Z',
});

describe('Given an Ed25519 head signing key', () => {
  const key = HeadSigningKey.generate();

  it('when it signs a head, then the signature holds and the key id is the RFC 7638 thumbprint', async () => {
    const head = signLogHead(key, state);
    expect(head).toMatchObject({ format: 'legislink-log-head/1', ...state, keyId: key.keyId });
    expect(head.publicKey).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String) });
    expect(key.keyId).toBe(await calculateJwkThumbprint(head.publicKey, 'sha256'));
    expect(Buffer.from(head.signature, 'base64url')).toHaveLength(64);
    expect(logHeadSignatureHolds(head)).toBe(true);
  });

  it.each<[keyof LogHeadClaims, string | number]>([
    ['position', '43/43'],
    ['events', 41],
    ['streams', 6],
    ['logHash', 'c'.repeat(64)],
    ['streamHeadsDigest', 'c'.repeat(64)],
    ['signedAt', '2025-03-11T02:00:00.000Z'],
  ])('when its %s is altered after signing, then the signature no longer holds', (field, value) => {
    const head = { ...signLogHead(key, state), [field]: value } as SignedLogHead;
    expect(logHeadSignatureHolds(head)).toBe(false);
  });

  it('when a forger signs with another key under our key id, then the signature does not hold', () => {
    const forger = HeadSigningKey.generate();
    const forged = { ...signLogHead(forger, state), keyId: key.keyId };
    expect(logHeadSignatureHolds(forged)).toBe(false);
    expect(logHeadSignatureHolds({ ...forged, publicKey: key.publicJwk })).toBe(false);
  });

  it('when the signature or public key is garbage, then it does not hold and nothing throws', () => {
    const head = signLogHead(key, state);
    expect(logHeadSignatureHolds({ ...head, signature: 'not-a-signature' })).toBe(false);
    expect(
      logHeadSignatureHolds({ ...head, publicKey: { kty: 'OKP', crv: 'Ed25519', x: 'abc' } }),
    ).toBe(false);
    expect(logHeadSignatureHolds({ ...head, publicKey: undefined } as never)).toBe(false);
  });
});

describe('Given the key configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'legislink-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when no key file is configured, then one is generated beside the data, mode 0600, and reused', () => {
    const sqlitePath = join(dir, 'data', 'legislink.sqlite');
    const first = loadHeadSigningKey(undefined, sqlitePath);
    const file = join(dir, 'data', 'log-head-signing-key.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(loadHeadSigningKey(undefined, sqlitePath).keyId).toBe(first.keyId);
  });

  it('when SIGNING_KEY_FILE names a PEM key, then that key signs', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const file = join(dir, 'signing.pem');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const key = loadHeadSigningKey(file, join(dir, 'legislink.sqlite'));
    expect(key.keyId).toBe(HeadSigningKey.fromPem(readFileSync(file, 'utf8')).keyId);
  });

  it('when SIGNING_KEY_FILE is missing or not Ed25519, then loading fails instead of generating', () => {
    expect(() => loadHeadSigningKey(join(dir, 'missing.pem'), join(dir, 'x.sqlite'))).toThrow(
      /ENOENT/,
    );
    const rsa = join(dir, 'rsa.pem');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    writeFileSync(rsa, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expect(() => loadHeadSigningKey(rsa, join(dir, 'x.sqlite'))).toThrow(/must be Ed25519/);
  });
});

describe('Given the log digest', () => {
  it('when events are added, then the log hash chains (streamId, revision, hash) in log order', () => {
    const events = [recorded('a', 0, 1), recorded('b', 0, 2), recorded('a', 1, 3)];
    const digest = new LogDigest();
    events.forEach((e) => digest.add(e));
    const expected = events.reduce((hash, e) => nextLogHash(hash, e), GENESIS_HASH);
    expect(digest).toMatchObject({ events: 3, streams: 2, position: '3/3', logHash: expected });

    const swapped = new LogDigest();
    [events[1], events[0], events[2]].forEach((e) => swapped.add(e));
    expect(swapped.logHash).not.toBe(expected);
  });

  it('when an event is folded in, then the step is SHA-256 of the canonical JSON of the link', () => {
    const entry = recorded('a', 0, 1);
    const reference = createHash('sha256')
      .update(
        canonicalJson({
          eventHash: entry.hash,
          previousLogHash: GENESIS_HASH,
          revision: 0,
          streamId: 'a',
        }),
      )
      .digest('hex');
    expect(nextLogHash(GENESIS_HASH, entry)).toBe(reference);
  });

  it('when a stream moves, then it goes last in the stream heads and the digest changes', () => {
    const digest = new LogDigest();
    [recorded('a', 0, 1), recorded('b', 0, 2)].forEach((e) => digest.add(e));
    const before = digest.streamHeadsDigest();
    expect(digest.takeChangedStreams().map((h) => h.streamId)).toEqual(['a', 'b']);
    digest.add(recorded('a', 1, 3));
    expect(digest.takeChangedStreams()).toEqual([
      { streamId: 'a', revision: 1, hash: recorded('a', 1, 3).hash, logIndex: 3 },
    ]);
    expect(digest.streamHeadsDigest()).not.toBe(before);
  });
});
