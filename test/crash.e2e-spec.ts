import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadDatabase } from '../src/platform/event-store/read-database';
import { SqliteEventStore } from '../src/platform/event-store/sqlite-event-store';
import { ChainVerifier } from '../src/platform/event-store/hash-chain';
import { FEATURES } from '../src/features';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import { ProjectionRunner } from '../src/platform/projections/projection-runner';

const registry = new FeatureRegistry(FEATURES);

const READ_MODEL_TABLES = [...registry.projections.flatMap((p) => p.tables), 'readers'];

function snapshot(read: ReadDatabase): Record<string, unknown[]> {
  // A full-text index (a virtual table) by its rows in rowid order: a contentless one holds
  // only tokens, so its rows are how many it indexed, and where.
  const isVirtual = (table: string) =>
    read.db
      .prepare<[string], { sql: string }>('SELECT sql FROM sqlite_master WHERE name = ?')
      .get(table)
      ?.sql.startsWith('CREATE VIRTUAL') ?? false;
  return Object.fromEntries(
    READ_MODEL_TABLES.map((table) => [
      table,
      read.db
        .prepare(
          isVirtual(table)
            ? `SELECT rowid, * FROM ${table} ORDER BY rowid`
            : `SELECT * FROM ${table} ORDER BY 1, 2, 3`,
        )
        .all(),
    ]),
  );
}

/** Runs the writer until it has acknowledged `minAcks` appends, then SIGKILLs it. */
function runAndKill(path: string, minAcks: number): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        join(__dirname, 'support/ts-register.js'),
        join(__dirname, 'support/crash-writer.ts'),
        path,
        '4',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const acked = new Map<string, number>();
    let buffer = '';
    let acks = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [word, stream, revision] = line.split(' ');
        if (word !== 'ack') continue;
        acked.set(stream, Math.max(acked.get(stream) ?? -1, Number(revision)));
        acks += 1;
      }
      if (acks >= minAcks && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`writer exited early (${signal})`)),
    );
    child.on('error', reject);
  });
}

describe('Crash safety of the embedded store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'legislink-crash-'));
  const path = join(dir, 'crash.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged event across SIGKILL; chains verify; projections match a rebuild', async () => {
    const acked = await runAndKill(path, 1500);
    expect(acked.size).toBeGreaterThan(50);

    const store = new SqliteEventStore(path, { pollIntervalMs: 20 });
    try {
      for (const [stream, revision] of acked) {
        const events = await store.readStream(stream);
        expect(events.length).toBeGreaterThanOrEqual(revision + 1);
      }
      const chain = new ChainVerifier();
      for (const event of await store.readAll({ from: 'start', maxCount: 1_000_000 })) {
        chain.check(event);
      }
      const verification = chain.result();
      expect(verification.valid).toBe(true);
      expect(verification.firstBrokenLink).toBeNull();

      // The projector resumes from the checkpoints the killed process left...
      const resumed = new ReadDatabase(path);
      const runner = new ProjectionRunner(
        store,
        resumed.db,
        registry.projections,
        registry.catalogue,
      );
      const tail = await store.readAll({ from: 'start', maxCount: 1_000_000 });
      runner.start();
      expect(await runner.waitFor(tail[tail.length - 1].position, 20_000)).toBe(true);
      await runner.stop();
      const afterResume = snapshot(resumed);
      resumed.close();

      // ...and ends where a rebuild from zero, in a separate database, ends.
      const rebuilt = new ReadDatabase(join(dir, 'rebuilt.sqlite'));
      const fresh = new ProjectionRunner(
        store,
        rebuilt.db,
        registry.projections,
        registry.catalogue,
      );
      for (const projection of registry.projections) await fresh.rebuild(projection.name);
      const afterRebuild = snapshot(rebuilt);
      rebuilt.close();
      expect((afterResume.rm_submissions as unknown[]).length).toBe(acked.size);
      expect(afterResume).toEqual(afterRebuild);
    } finally {
      await store.close();
    }
  }, 120_000);
});
