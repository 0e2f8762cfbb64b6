/**
 * The price of keeping personal data out of consultations, in one run:
 *
 * 1. Screening at intake: `screenPersonalData` per opinion text (a mix in which one text in ten
 *    holds a phone, ID, card number or email) against the other per-opinion work the intake
 *    already does in the same process — sealing the contact (AES-256-GCM) and the clustering's
 *    normalisation and trigram hashes. CPU time per opinion and ratios.
 * 2. The export: BENCH_EXPORT_OPINIONS (1,000,000) opinion rows with their records' readers are
 *    written straight into the opinions read model (the intake's own cost is
 *    `bench:consultations`), then `GET …/export.csv` and `…/export.json` are drained from the
 *    query controller (no HTTP): time, rows/s, CPU, and the process's peak RSS and heap while
 *    streaming, against the floor (the same rows read by one SQL iteration without formatting)
 *    and against reading them all into memory at once (what streaming avoids).
 *
 *   npm run bench:consultation-privacy
 *   BENCH_EXPORT_OPINIONS=200000 npm run bench:consultation-privacy
 *   node --max-old-space-size=128 dist/bench/consultation-privacy.bench.js   (streaming's bound)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ActorContext } from '../src/platform/access/actor';
import { ReadDatabase } from '../src/platform/event-store/read-database';
import { replaceReaders } from '../src/platform/projections/readers-table';
import { normalise, trigramHashes } from '../src/projections/opinion-similarity';
import { RECORD_READ_POLICY } from '../src/modules/consultations/consultation.policy';
import { ConsultationsController } from '../src/modules/consultations/consultations.controller';
import { ContributorKeys } from '../src/modules/consultations/contributor-keys';
import { screenPersonalData } from '../src/modules/consultations/personal-data-screening';
import { describeMachine, envInt, formatMachine, formatRate, formatTable } from './bench-util';
import { startBenchApp } from './bench-app';

const SCREENED = envInt('BENCH_SCREEN_OPINIONS', 200_000);
const EXPORTED = envInt('BENCH_EXPORT_OPINIONS', 1_000_000);
const PER_RECORD = 1000;
const LEGISLATURE = 'npcsc-party-group';
const OFFICE = 'hongqiao-lloo';

const PERSONAL = [
  '请打我电话139 1234 5678。',
  '身份证号11010519491231002X。',
  '退款到6222 0212 3456 7899 996。',
  '回信到wang.xiuying@163.com。',
  '座机0431-88881234。',
];

/** Opinion-like texts of 30–120 characters with numbers of articles and dates; 1 in 10 personal. */
function textOf(i: number): string {
  const base = `建议第${(i % 1260) + 1}条第${(i % 3) + 1}款关于居住权的规定自2025-03-${String((i % 28) + 1).padStart(2, '0')}起明确登记生效，罚款${(i % 9) + 1}000元。`;
  const more =
    i % 3 === 0 ? '并请在第二款中增加业主大会的表决期限和公示程序，保障业主知情权。' : '';
  return i % 10 === 0 ? `${base}${PERSONAL[(i / 10) % PERSONAL.length]}${more}` : `${base}${more}`;
}

function cpuMs(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

async function drain(
  stream: Readable,
): Promise<{ bytes: number; peakRss: number; peakHeap: number }> {
  let bytes = 0;
  let peakRss = 0;
  let peakHeap = 0;
  let chunks = 0;
  for await (const chunk of stream) {
    bytes += Buffer.byteLength(chunk as string);
    if (chunks++ % 20 === 0) {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }
  }
  return { bytes, peakRss, peakHeap };
}

const MiB = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;

async function main() {
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'legislink-privacy-'));
  const machine = describeMachine(dir);

  // 1. Screening against the intake's other per-opinion work, the same texts in the same run.
  const texts = Array.from({ length: SCREENED }, (_, i) => textOf(i));
  const key = { contributorId: randomUUID(), key: Buffer.alloc(32, 7) };
  const contact = { name: '王秀英', phone: '13912345678', address: '长春市南关区自由大路一号' };
  let found = 0;
  const rounds: Record<string, number[]> = { screen: [], seal: [], cluster: [] };
  for (let round = 0; round < 3; round++) {
    rounds.screen.push(
      cpuMs(() => {
        for (const t of texts) found += screenPersonalData(t).found.length;
      }),
    );
    rounds.seal.push(
      cpuMs(() => {
        // IVs drawn once per batch, as the intake does.
        const ivs = randomBytes(12 * texts.length);
        for (let i = 0; i < texts.length; i++) {
          ContributorKeys.seal(key, contact, ivs.subarray(12 * i, 12 * i + 12));
        }
      }),
    );
    rounds.cluster.push(
      cpuMs(() => {
        for (const t of texts) trigramHashes(normalise(t));
      }),
    );
  }
  const best = (name: string) => Math.min(...rounds[name]);
  const perOpinion = (ms: number) => `${((ms * 1000) / SCREENED).toFixed(2)} µs`;
  console.log(formatMachine(machine));
  console.log(
    `Load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  console.log(
    `Screening ${SCREENED} texts (best of 3 rounds, CPU time; ${found / 3} personal data found per round)`,
  );
  console.log(
    formatTable(
      ['work per opinion', 'CPU', 'screening ÷ it'],
      [
        ['screenPersonalData', perOpinion(best('screen')), '1.00'],
        [
          'seal a contact (AES-256-GCM)',
          perOpinion(best('seal')),
          (best('screen') / best('seal')).toFixed(2),
        ],
        [
          'normalise + trigram hashes (clusters)',
          perOpinion(best('cluster')),
          (best('screen') / best('cluster')).toFixed(2),
        ],
      ],
    ),
  );

  // 2. The export.
  const app = await startBenchApp(dir);
  const db = app.get(ReadDatabase).db;
  const controller = app.get(ConsultationsController);
  const consultationId = randomUUID();
  const seeded = Date.now();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO rm_consultations (consultation_id, legislature_id, subject, subject_ref, title,
         version, version_label, opens_at, closes_at, closed, revision, updated_at)
       VALUES (?, ?, 'draft', NULL, '中华人民共和国民法典（草案）', 1, '三审稿', ?, ?, 0, 1, ?)`,
    ).run(
      consultationId,
      LEGISLATURE,
      '2025-01-01T00:00:00Z',
      '2026-01-01T00:00:00Z',
      '2025-01-01',
    );
    const insert = db.prepare(
      `INSERT INTO rm_opinions (opinion_id, seq, record_id, consultation_id, version, channel,
         office_id, contributor_id, tell_back_by_office, contact_sealed, text, article_ids,
         receipt_digest, cluster_id, submitted_at, pub_outcome, pub_reason, pub_article, pub_seq,
         published_at)
       VALUES (?, ?, ?, ?, 1, 'symposium', ?, ?, 0, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let recordId = '';
    for (let i = 0; i < EXPORTED; i++) {
      if (i % PER_RECORD === 0) {
        recordId = randomUUID();
        replaceReaders(
          db,
          RECORD_READ_POLICY.recordType,
          recordId,
          RECORD_READ_POLICY.readers({ legislatureId: LEGISLATURE, officeId: OFFICE }),
          true,
        );
      }
      const opinionId = randomUUID();
      const adopted = i % 5 === 0;
      insert.run(
        opinionId,
        i + 1,
        recordId,
        consultationId,
        OFFICE,
        randomUUID(),
        screenPersonalData(textOf(i)).text,
        JSON.stringify([`art_${(i % 1260) + 1}`]),
        `digest-${i}`,
        opinionId,
        '2025-03-10T02:00:00.000Z',
        adopted ? 'adopted' : null,
        adopted ? '已在条文中体现。' : null,
        adopted ? `art_${(i % 1260) + 1}` : null,
        adopted ? EXPORTED + 1 : null,
        adopted ? '2025-06-01T00:00:00.000Z' : null,
      );
    }
  })();
  console.log(
    `\nExport: ${EXPORTED} opinions seeded into the read model in ${((Date.now() - seeded) / 1000).toFixed(1)} s`,
  );

  const drafter: ActorContext = {
    userId: 'fgw',
    userName: 'fgw',
    roles: ['legislature'],
    organisation: {
      organisationId: LEGISLATURE,
      kind: 'standing_committee_party_group',
      level: 'national',
      regionCode: '100000',
      parentOrganisationId: null,
      reportsThrough: null,
      nameZh: LEGISLATURE,
      nameEn: LEGISLATURE,
    },
  };
  const rows: string[][] = [];
  const measure = async (name: string, run: () => Promise<{ rows: number; extra?: string }>) => {
    const rssBefore = process.memoryUsage().rss;
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    const result = await run();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    // Printed as measured too: run with a small --max-old-space-size, the streamed exports
    // finish and the last read, all rows at once, runs out of heap.
    console.log(`done: ${name} in ${seconds.toFixed(1)} s, ${result.extra ?? ''}`);
    rows.push([
      name,
      `${seconds.toFixed(1)} s`,
      `${((used.user + used.system) / 1e6).toFixed(1)} s`,
      formatRate(result.rows / seconds),
      MiB(rssBefore),
      result.extra ?? '',
    ]);
  };
  const exported = async (format: 'csv' | 'json') => {
    const file =
      format === 'csv'
        ? controller.exportCsv(drafter, consultationId, { lang: 'both' })
        : controller.exportJson(drafter, consultationId, {});
    const { bytes, peakRss, peakHeap } = await drain(file.getStream());
    return {
      rows: EXPORTED,
      extra: `${MiB(bytes)} written; peak RSS ${MiB(peakRss)}, heap ${MiB(peakHeap)}`,
    };
  };
  await measure('floor: one SQL iteration', () => {
    let n = 0;
    for (const row of db
      .prepare(`SELECT * FROM rm_opinions WHERE consultation_id = ? ORDER BY seq`)
      .iterate(consultationId))
      if (row) n++;
    return Promise.resolve({ rows: n });
  });
  await measure('export.csv (streamed)', () => exported('csv'));
  await measure('export.json (streamed)', () => exported('json'));
  await measure('all rows in memory at once', () => {
    const all = db
      .prepare(`SELECT * FROM rm_opinions WHERE consultation_id = ? ORDER BY seq`)
      .all(consultationId);
    const peak = process.memoryUsage();
    return Promise.resolve({
      rows: all.length,
      extra: `peak RSS ${MiB(peak.rss)}, heap ${MiB(peak.heapUsed)}`,
    });
  });
  console.log(formatTable(['read', 'wall', 'CPU', 'rows/s', 'RSS before', 'notes'], rows));
  console.log(
    `Load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
