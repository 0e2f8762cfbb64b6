import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent } from '../src/events/envelope';
import { chainHash } from '../src/platform/event-store/hash-chain';
import { HeadSigningKey, loadHeadSigningKey } from '../src/platform/event-store/head-signing-key';
import { SignedLogHead, signLogHead } from '../src/platform/event-store/log-head';
import { LogHeadSigner } from '../src/platform/event-store/log-head-signer';
import { LogHeadStore } from '../src/platform/event-store/log-head-store';
import { ReadDatabase } from '../src/platform/event-store/read-database';
import { SqliteEventStore } from '../src/platform/event-store/sqlite-event-store';
import {
  StoreVerification,
  VerifyStoreOptions,
  verifyStore,
} from '../src/platform/event-store/verify-store';

/**
 * Tampering done the way someone with the database file would do it: SQL straight into the
 * SQLite file, behind the service. Every test starts from the same signed history:
 *
 *   position  1    2    3    4    5    6    7    8    9    10   11   12
 *   event     a/0  b/0  c/0  a/1  b/1  a/2  c/1  a/3  d/0  b/2  d/1  e/0
 *
 * with heads signed at 5, 10 and 12 events.
 */
const HISTORY: [stream: string, revision: number][] = [
  ['a', 0],
  ['b', 0],
  ['c', 0],
  ['a', 1],
  ['b', 1],
  ['a', 2],
  ['c', 1],
  ['a', 3],
  ['d', 0],
  ['b', 2],
  ['d', 1],
  ['e', 0],
];

const event = (stream: string, revision: number): NewEvent => ({
  eventId: `00000000-0000-4000-8000-${String(HISTORY.findIndex(([s, r]) => s === stream && r === revision)).padStart(12, '0')}`,
  type: 'SubmissionNoted',
  schemaVersion: 1,
  data: { note: `立法意见 ${stream}/${revision}` },
  metadata: {
    occurredAt: '2025-03-10T02:00:00.000Z',
    actor: { userId: 'u1', organisationId: 'org-1', role: 'committee_office' },
    correlationId: 'corr-1',
    causationId: null,
  },
});

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The store, its heads and its signer on one SQLite file, as the service opens them. */
function open(path: string, key: HeadSigningKey) {
  const store = new SqliteEventStore(path, { pollIntervalMs: 10 });
  const read = new ReadDatabase(path);
  const heads = new LogHeadStore(read.db);
  const signer = new LogHeadSigner(store, heads, key, { everyEvents: 5, intervalMs: 20 });
  return {
    store,
    heads,
    signer,
    verify: (options: Partial<VerifyStoreOptions> = {}) =>
      verifyStore(store, { heads, trustedKeyId: key.keyId, ...options }),
    close: async () => {
      await store.close();
      read.close();
    },
  };
}

describe('Given a SQLite event store whose log heads are signed', () => {
  let dir: string;
  let path: string;
  let key: HeadSigningKey;
  /** The latest head as GET /api/event-store/head gave it, kept by another body. */
  let keptHead: SignedLogHead;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'legislink-tamper-'));
    path = join(dir, 'legislink.sqlite');
    key = loadHeadSigningKey(undefined, path);
    const service = open(path, key);
    for (const [stream, revision] of HISTORY) {
      await service.store.append(
        stream,
        [event(stream, revision)],
        revision - 1 < 0 ? 'no_stream' : revision - 1,
      );
    }
    // Started after the appends, its first read sees all twelve: heads at 5, 10 and 12.
    service.signer.start();
    await until(() => service.heads.latest()?.events === HISTORY.length);
    await service.signer.stop();
    keptHead = service.heads.latest() as SignedLogHead;
    await service.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs SQL on the file with no service open, then verifies on a fresh open. */
  async function tamperThenVerify(
    sql: string | ((db: Database.Database) => void),
    options: Partial<VerifyStoreOptions> = {},
  ): Promise<StoreVerification> {
    const db = new Database(path);
    if (typeof sql === 'string') db.exec(sql);
    else sql(db);
    db.close();
    const service = open(path, key);
    try {
      return await service.verify(options);
    } finally {
      await service.close();
    }
  }

  it('when nobody tampered, then every chain and all three heads verify with nothing unsigned', async () => {
    const result = await tamperThenVerify('');
    expect(result).toMatchObject({
      valid: true,
      events: 12,
      streams: 5,
      firstProblem: null,
      problems: [],
      heads: { checked: 3, latest: { position: '12/12', events: 12 }, unsignedEvents: 0 },
    });
    expect(result.heads.latest).toEqual({
      position: keptHead.position,
      events: 12,
      signedAt: keptHead.signedAt,
    });
  });

  it("when an event's data is edited, then verify names its stream, revision and hash_mismatch", async () => {
    const result = await tamperThenVerify(
      `UPDATE events SET data = json_set(data, '$.note', '伪造') WHERE stream_id = 'b' AND revision = 1`,
    );
    expect(result.valid).toBe(false);
    expect(result.firstProblem).toMatchObject({
      kind: 'hash_mismatch',
      streamId: 'b',
      revision: 1,
      position: '5/5',
    });
  });

  it('when an edited stream is re-chained so every hash fits, then the signed head names it rewritten', async () => {
    const result = await tamperThenVerify((db) => {
      const rows = db
        .prepare<[], { position: number; revision: number; data: string }>(
          `SELECT position, revision, data FROM events WHERE stream_id = 'b' ORDER BY revision`,
        )
        .all();
      let previousHash = '0'.repeat(64);
      for (const row of rows) {
        const forged: NewEvent = {
          ...event('b', row.revision),
          data: row.revision === 1 ? { note: '伪造' } : JSON.parse(row.data),
        };
        const hash = chainHash('b', row.revision, forged, previousHash);
        db.prepare(
          'UPDATE events SET data = ?, previous_hash = ?, hash = ? WHERE position = ?',
        ).run(JSON.stringify(forged.data), previousHash, hash, row.position);
        previousHash = hash;
      }
    });
    expect(result.firstBrokenLink).toBeNull();
    expect(result.firstProblem).toMatchObject({
      kind: 'stream_rewritten',
      streamId: 'b',
      revision: 2,
    });
    // Heads 1 and 2 cover the forged event; the first of them shows where the log changed.
    expect(result.problems.map((p) => [p.kind, p.position ?? p.streamId])).toEqual([
      ['stream_rewritten', 'b'],
      ['log_rewritten', '5/5'],
    ]);
  });

  it("when a whole stream's rows are deleted, then verify names the stream as deleted", async () => {
    const result = await tamperThenVerify(`DELETE FROM events WHERE stream_id = 'c'`);
    expect(result.firstBrokenLink).toBeNull();
    expect(result.firstProblem).toMatchObject({
      kind: 'stream_deleted',
      streamId: 'c',
      revision: 1,
    });
    expect(result.problems.map((p) => p.kind)).toEqual(['stream_deleted', 'log_rewritten']);
  });

  it("when a stream's last events are deleted, then verify names the stream and its first missing revision", async () => {
    const result = await tamperThenVerify(
      `DELETE FROM events WHERE stream_id = 'a' AND revision >= 2`,
    );
    expect(result.firstBrokenLink).toBeNull();
    expect(result.firstProblem).toMatchObject({
      kind: 'stream_truncated',
      streamId: 'a',
      revision: 2,
    });
  });

  it('when the global tail is deleted, then verify names the cut log and the streams it cut', async () => {
    const result = await tamperThenVerify(`DELETE FROM events WHERE position > 10`);
    expect(result.firstProblem).toMatchObject({ kind: 'log_truncated', position: '12/12' });
    expect(result.firstProblem?.detail).toMatch(
      /ends at 10\/10 after 10 events; a head signed 12 events/,
    );
    expect(result.problems.slice(1)).toEqual([
      expect.objectContaining({ kind: 'stream_truncated', streamId: 'd', revision: 1 }),
      expect.objectContaining({ kind: 'stream_deleted', streamId: 'e', revision: 0 }),
    ]);
  });

  it('when a stored head is altered, then verify names its signature as invalid', async () => {
    const result = await tamperThenVerify(`UPDATE log_heads SET streams = 4 WHERE events = 12`);
    expect(result.firstProblem).toMatchObject({
      kind: 'head_signature_invalid',
      position: '12/12',
    });
  });

  it('when a head over a cut log is forged with another key, then verify names the unknown key', async () => {
    const forger = HeadSigningKey.generate();
    const result = await tamperThenVerify((db) => {
      db.exec(`DELETE FROM events WHERE position > 10; DELETE FROM log_heads WHERE events > 5`);
      const heads = new LogHeadStore(db);
      heads.save(signLogHead(forger, { ...keptHead, position: '10/10', events: 10 }), []);
    });
    expect(result.firstProblem).toMatchObject({ kind: 'head_key_unknown', position: '10/10' });
  });

  it('when the stored stream heads are edited to hide a deleted stream, then verify says they were altered', async () => {
    const result = await tamperThenVerify(
      `DELETE FROM events WHERE stream_id = 'c'; DELETE FROM log_head_streams WHERE stream_id = 'c'`,
    );
    expect(result.firstProblem).toMatchObject({ kind: 'stream_heads_altered', position: '12/12' });
    expect(result.valid).toBe(false);
  });

  describe('and another body kept a copy of the latest head', () => {
    const cutTailAndHeads = `DELETE FROM events WHERE position > 8;
      DELETE FROM log_heads; DELETE FROM log_head_streams`;

    it('when the tail and every stored head are deleted, then only the kept head shows the cut, and names it', async () => {
      const local = await tamperThenVerify(cutTailAndHeads);
      expect(local.valid).toBe(true);
      const result = await tamperThenVerify('', { externalHead: keptHead });
      expect(result.firstProblem).toMatchObject({ kind: 'log_truncated', position: '12/12' });
      expect(result.heads.checked).toBe(1);
    });

    it('when the kept head is altered, then verify names its signature as invalid', async () => {
      const altered = { ...keptHead, events: 8, position: '8/8' };
      const result = await tamperThenVerify(cutTailAndHeads, { externalHead: altered });
      expect(result.firstProblem).toMatchObject({
        kind: 'head_signature_invalid',
        position: '8/8',
      });
    });

    it('when the store now signs with another key, then verify names the key change first', async () => {
      const result = await tamperThenVerify(cutTailAndHeads, {
        externalHead: keptHead,
        trustedKeyId: HeadSigningKey.generate().keyId,
      });
      expect(result.problems.map((p) => p.kind)).toEqual(['head_key_unknown', 'log_truncated']);
    });
  });

  describe('when the signer starts again', () => {
    it('then it resumes from the latest head and later heads still verify', async () => {
      const service = open(path, key);
      service.signer.start();
      await service.store.append(
        'a',
        [{ ...event('a', 3), eventId: '10000000-0000-4000-8000-000000000000' }],
        3,
      );
      await until(() => service.heads.latest()?.events === 13);
      await service.signer.stop();
      const result = await service.verify();
      await service.close();
      expect(result).toMatchObject({ valid: true, heads: { checked: 4, unsignedEvents: 0 } });
    });

    it('then it refuses to sign on over stream heads that no longer match the latest head', async () => {
      const db = new Database(path);
      db.exec(`DELETE FROM log_head_streams WHERE stream_id = 'c'`);
      db.close();
      const service = open(path, key);
      try {
        expect(() => service.signer.start()).toThrow(/the stored stream heads no longer match it/);
      } finally {
        await service.close();
      }
    });
  });
});
