import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenVerifier } from '../src/platform/access/token-verifier';
import { loadHeadSigningKey } from '../src/platform/event-store/head-signing-key';
import { LogHeadSigner } from '../src/platform/event-store/log-head-signer';
import { LogHeadStore } from '../src/platform/event-store/log-head-store';
import { ReadDatabase } from '../src/platform/event-store/read-database';
import { SqliteEventStore } from '../src/platform/event-store/sqlite-event-store';
import { loadConfig } from '../src/config/app-config';
import { LinkageQueries } from '../src/modules/linkage/linkage-queries';
import { SystemClock } from '../src/platform/kernel/clock';
import { ORGS, caller } from './support/linkage-history';
import { LogCalendar } from '../src/platform/http/as-of';

const SECRET = 'cli-test-secret-that-is-at-least-32-chars';

describe('The command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'legislink-cli-'));
  const path = join(dir, 'legislink.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cliOn = (sqlitePath: string, ...args: string[]) =>
    spawnSync(
      process.execPath,
      [
        '-r',
        join(__dirname, 'support/ts-register.js'),
        join(__dirname, '../src/cli/cli.ts'),
        ...args,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, SQLITE_PATH: sqlitePath, JWT_SECRET: SECRET, LOG_LEVEL: 'silent' },
      },
    );
  const cli = (...args: string[]) => cliOn(path, ...args);

  it('seeds the demo organisations once, printing a working token per demo user', async () => {
    const first = cli('seed-demo');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^registered {2}cn-220000-pco {2}中共吉林省委办公厅$/m);
    expect(first.stdout).toMatch(/^registered {2}cn-220100-npcpg {2}长春市人大常委会党组$/m);
    const token = /^export TOKEN_JL_OFFICE=(\S+)$/m.exec(first.stdout)?.[1] ?? '';
    const verifier = new TokenVerifier({
      secret: SECRET,
      issuer: 'legislink',
      audience: 'legislink',
    });
    await expect(verifier.verify(token)).resolves.toMatchObject({
      userId: 'jl-office',
      organisationId: 'cn-220000-pco',
      roles: ['committee_office'],
    });
    const again = cli('seed-demo');
    expect(again.status).toBe(0);
    expect(again.stdout).not.toMatch(/^registered /m);
    expect(again.stdout).toMatch(/^already registered {2}cn-220000-pc /m);
  });

  it('seeds a linkage story the view shows, and appends nothing the second time', () => {
    const story = join(dir, 'story.sqlite');
    expect(cliOn(story, 'seed-demo').status).toBe(0);
    const seeded = cliOn(story, 'seed-demo-linkage');
    expect(seeded.status).toBe(0);
    expect(seeded.stdout).toMatch(/^link\.establish +property\.link /m);
    const count = () => {
      const db = new Database(story, { readonly: true });
      try {
        return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!.n;
      } finally {
        db.close();
      }
    };
    const events = count();
    // The seed projects into a scratch database; the service (here: a rebuild) reads the log.
    expect(cliOn(story, 'rebuild', 'all').status).toBe(0);
    const read = new ReadDatabase(story);
    try {
      const queries = new LinkageQueries(
        read,
        new LogCalendar(read, new SystemClock()),
        loadConfig({}),
      );
      const office = caller(ORGS.jlOffice);
      const decisions = queries.listDecisions(office, {}).items;
      expect(decisions.map((d) => d.documentNumber).sort()).toEqual([
        '吉发〔2025〕15号',
        '吉发〔2025〕3号',
        '吉发〔2025〕8号',
      ]);
      const blackSoil = decisions.find((d) => d.documentNumber === '吉发〔2025〕3号')!;
      expect(blackSoil).toMatchObject({
        items: [expect.objectContaining({ title: '吉林省黑土地保护条例', stage: 'deliberation' })],
        submissionCount: 1,
        adoption: { adopted: 1, partly_adopted: 1, not_adopted: 0, pending: 1 },
      });
      expect(queries.decisionDetail(office, blackSoil.decisionId).proposals).toEqual([
        expect.objectContaining({ status: 'answered', answer: 'taken_into_plan' }),
      ]);
      const changchun = queries.listDecisions(caller(ORGS.ccOffice), {}).items;
      expect(changchun.map((d) => d.items.map((i) => i.title))).toEqual([['长春市物业管理条例']]);
    } finally {
      read.close();
    }
    expect(cliOn(story, 'seed-demo-linkage').status).toBe(0);
    expect(count()).toBe(events);
  }, 120_000);

  it('prints a token for any user, and refuses an unknown role', async () => {
    const made = cli(
      'token',
      '--user',
      'u9',
      '--org',
      'cn-220000-npcpg',
      '--roles',
      'party_group,legislature',
    );
    expect(made.status).toBe(0);
    const verifier = new TokenVerifier({
      secret: SECRET,
      issuer: 'legislink',
      audience: 'legislink',
    });
    await expect(verifier.verify(made.stdout.trim())).resolves.toMatchObject({
      roles: ['party_group', 'legislature'],
    });
    const refused = cli('token', '--user', 'u9', '--org', 'x', '--roles', 'king');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--roles from legislature,party_group/);
  });

  it('rebuilds the read models from the log, showing the count', () => {
    const rebuilt = cli('rebuild', 'organisations');
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toMatch(/^organisations: rebuilt from 13 events/m);
    const db = new Database(path, { readonly: true });
    const count = db.prepare('SELECT COUNT(*) AS n FROM rm_organisations').get() as { n: number };
    db.close();
    expect(count.n).toBe(13);
  });

  it('verifies the chains, and after tampering exits 1 naming the first broken link', () => {
    const clean = cli('verify');
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ valid: true, events: 13, streams: 13 });
    const db = new Database(path);
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.nameZh', '伪造') WHERE stream_id = 'organisation-cn-220100-pc'`,
    ).run();
    db.close();
    const broken = cli('verify');
    expect(broken.status).toBe(1);
    expect(JSON.parse(broken.stdout).firstBrokenLink).toMatchObject({
      streamId: 'organisation-cn-220100-pc',
      revision: 0,
      problem: 'hash_mismatch',
    });
    const oneStream = cli('verify', '--stream', 'organisation-cn-220000-pc');
    expect(oneStream.status).toBe(0);
  });

  it('verifies against the signed heads and a head kept elsewhere; after a stream is deleted, exits 1 naming it', async () => {
    const signedPath = join(dir, 'signed', 'legislink.sqlite');
    expect(cliOn(signedPath, 'seed-demo').status).toBe(0);
    // What the service's projector role does: sign a head over the log.
    const store = new SqliteEventStore(signedPath);
    const read = new ReadDatabase(signedPath);
    const heads = new LogHeadStore(read.db);
    const signer = new LogHeadSigner(store, heads, loadHeadSigningKey(undefined, signedPath), {
      everyEvents: 1000,
      intervalMs: 10,
    });
    signer.start();
    for (let tries = 0; heads.latest()?.events !== 13 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await signer.stop();
    const headFile = join(dir, 'head.json');
    writeFileSync(headFile, JSON.stringify(heads.latest()));
    await store.close();
    read.close();
    expect(cliOn(signedPath, 'verify', '--head', headFile).status).toBe(0);

    const db = new Database(signedPath);
    db.prepare(`DELETE FROM events WHERE stream_id = 'organisation-cn-220100-pc'`).run();
    db.close();
    const deleted = cliOn(signedPath, 'verify');
    expect(deleted.status).toBe(1);
    expect(deleted.stderr).toMatch(
      /^stream_deleted: stream organisation-cn-220100-pc, revision 0: /m,
    );
    expect(JSON.parse(deleted.stdout).firstProblem).toMatchObject({
      kind: 'stream_deleted',
      streamId: 'organisation-cn-220100-pc',
    });

    const cut = new Database(signedPath);
    cut.exec('DELETE FROM log_heads; DELETE FROM log_head_streams');
    cut.close();
    expect(cliOn(signedPath, 'verify').status).toBe(0);
    const kept = cliOn(signedPath, 'verify', '--head', headFile);
    expect(kept.status).toBe(1);
    expect(kept.stderr).toMatch(/^log_rewritten: position 13\/13: /m);
  });

  it('stops with exit code 2 and names the variable when the configuration is bad', () => {
    const result = spawnSync(
      process.execPath,
      [
        '-r',
        join(__dirname, 'support/ts-register.js'),
        join(__dirname, '../src/cli/cli.ts'),
        'verify',
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, SQLITE_PATH: path, REPLY_DUE_WORKING_DAYS: 'soon' },
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/REPLY_DUE_WORKING_DAYS="soon"/);
  });
});
