/**
 * Civil-Code scale intake: BENCH_OPINIONS opinions (1,020,000) from BENCH_CONTRIBUTORS people
 * (425,000) through the real intake path — the declared `consultation.opinions.submit` command
 * built by its feature's environment (contributor keys, sealed contacts, receipt digests) and
 * run by the CommandHandler, batches of BENCH_BATCH (1,000) opinions, BENCH_IN_FLIGHT batches at
 * once (group commit) — into the embedded store, with the projector running in the same process.
 *
 * Reported, in one run:
 * - time until every opinion is durable (every append committed with synchronous=FULL);
 * - time until the projections (opinions, clusters, counts per article, readers) are current;
 * - events/s of the intake against raw better-sqlite3 batched inserts of the very same event
 *   rows (same pragmas, transactions of BENCH_BATCH) into a fresh file: the floor;
 * - CPU time of the process (user + system) per opinion until durable and until projected, and
 *   per raw row: on a shared machine the steadier figure;
 * - peak RSS of the process;
 * - after BENCH_DISPOSITIONS (100,000) dispositions drafted in sheets of 1,000 and published:
 *   noticeboard page (50 entries, keyset cursor) and receipt lookup p99, called on the query
 *   controllers (no HTTP).
 *
 *   npm run bench:consultations                                   the full run
 *   BENCH_OPINIONS=102000 BENCH_CONTRIBUTORS=42500 npm run bench:consultations   a tenth
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrganisationRegisteredV1 } from '../src/events/organisation-events';
import { ActorContext } from '../src/platform/access/actor';
import { CommandContext, CommandHandler } from '../src/platform/commands/command-handler';
import { LogPosition } from '../src/platform/event-store/event-store.port';
import {
  EVENTS_TABLE_DDL,
  applyDurablePragmas,
} from '../src/platform/event-store/sqlite-event-store';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import { ProjectionRunner } from '../src/platform/projections/projection-runner';
import { profileOf } from '../src/modules/organisations/organisation.decider';
import { organisationAggregate } from '../src/modules/organisations/organisation.aggregate';
import {
  bootstrapAdmin,
  registerOrganisation,
} from '../src/modules/organisations/register-organisation';
import { consultationAggregate } from '../src/modules/consultations/consultation.decider';
import { recordAggregate } from '../src/modules/consultations/consultation-record.decider';
import { ConsultationCommandEnvironment } from '../src/modules/consultations/consultations.environment';
import { PublicConsultationsController } from '../src/modules/consultations/consultations.controller';
import { ContributorKeys } from '../src/modules/consultations/contributor-keys';
import { OpinionDto } from '../src/modules/consultations/consultation.dto';
import {
  describeMachine,
  envInt,
  formatMachine,
  formatMs,
  formatRate,
  formatTable,
  percentile,
} from './bench-util';
import { startBenchApp } from './bench-app';

const OPINIONS = envInt('BENCH_OPINIONS', 1_020_000);
const CONTRIBUTORS = envInt('BENCH_CONTRIBUTORS', 425_000);
const BATCH = envInt('BENCH_BATCH', 1000);
const IN_FLIGHT = envInt('BENCH_IN_FLIGHT', 4);
const DISPOSITIONS = Math.min(envInt('BENCH_DISPOSITIONS', 100_000), OPINIONS);
const LOOKUPS = envInt('BENCH_LOOKUPS', 2000);
const ARTICLES = 1260; // the Civil Code's articles

const NOW = new Date();
const ISO = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();

/** A Civil-Code-like mix: campaigns of identical texts, near-identical variants, singular ones. */
const TEMPLATES = Array.from(
  { length: 200 },
  (_, i) => `建议第${i + 1}条关于居住权的规定增加登记生效的表述，并明确第${i + 7}款的适用范围。`,
);
const WORDS =
  '居住权 物业 相邻关系 人格权 婚姻 继承 合同 担保 侵权 隐私 个人信息 租赁 抵押 时效 监护 遗嘱 赡养 保证 违约 赔偿'.split(
    ' ',
  );
function textOf(i: number): string {
  const kind = i % 10;
  if (kind < 4) return TEMPLATES[i % 50];
  if (kind < 7)
    return `${TEMPLATES[i % 200]}${i % 3 === 0 ? '！' : i % 3 === 1 ? '。。' : ' 谢谢'}`;
  let text = `第${i % ARTICLES}条：`;
  for (let w = 0; w < 12; w++) text += WORDS[(i * 7 + w * 13 + (i >> w)) % WORDS.length];
  return `${text}应当进一步明确（意见${i}）。`;
}

function opinion(i: number): OpinionDto {
  const person = i % CONTRIBUTORS;
  const article = (i * 31) % ARTICLES;
  return {
    text: textOf(i),
    articleIds:
      i % 4 === 0
        ? [`art_${article + 1}`, `art_${((article + 1) % ARTICLES) + 1}`]
        : [`art_${article + 1}`],
    contact: {
      name: `公民${person}`,
      phone: `139${String(person).padStart(8, '0')}`,
      address: `第${person % 5000}号`,
    },
    tellBackByOffice: i % 10 === 0,
  } as OpinionDto;
}

function organisation(
  o: Partial<OrganisationRegisteredV1> & {
    organisationId: string;
    kind: OrganisationRegisteredV1['kind'];
  },
): OrganisationRegisteredV1 {
  return {
    level: 'national',
    regionCode: '100000',
    nameZh: o.organisationId,
    nameEn: o.organisationId,
    parentOrganisationId: null,
    ...o,
  };
}

/** CPU time (user + system, all threads) per item, in µs. */
const perOpinion = (cpuMs: number, count: number) => `${((cpuMs * 1000) / count).toFixed(0)} µs`;

async function main() {
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'legislink-consultations-'));
  const path = join(dir, 'legislink.sqlite');
  const app = await startBenchApp(dir);
  const handler = app.get(CommandHandler);
  const runner = app.get(ProjectionRunner);
  const registry = app.get(FeatureRegistry);
  const env = app.get(ConsultationCommandEnvironment);
  const keys = app.get(ContributorKeys);

  // The bodies: the operator, the NPC Standing Committee's Party group, one outreach office.
  const operator = organisation({ organisationId: 'operator', kind: 'platform_operator' });
  const admin = bootstrapAdmin(operator, 'bench');
  const ctx = (actor: ActorContext): CommandContext => ({ actor, correlationId: randomUUID() });
  const legislature = organisation({
    organisationId: 'npcsc-party-group',
    kind: 'standing_committee_party_group',
  });
  const office = organisation({
    organisationId: 'hongqiao-lloo',
    kind: 'outreach_office',
    level: 'city',
    regionCode: '310100',
  });
  for (const o of [operator, legislature, office])
    await registerOrganisation(handler, o, ctx(admin), NOW);
  await handler.execute(
    organisationAggregate,
    office.organisationId,
    {
      type: 'DescribeOutreachOffice',
      actor: admin,
      now: NOW.toISOString(),
      outreach: {
        organisationId: office.organisationId,
        tier: 'national',
        legislatureIds: [legislature.organisationId],
        liaisonOfficerIds: ['staff'],
        collectionPoints: [],
        outreachUnits: [],
      },
      legislatures: [profileOf(legislature)],
    },
    ctx(admin),
  );
  const drafter: ActorContext = {
    userId: 'fgw',
    userName: 'fgw',
    roles: ['legislature'],
    organisation: profileOf(legislature),
  };
  const staff: ActorContext = {
    userId: 'staff',
    userName: 'staff',
    roles: ['outreach'],
    organisation: profileOf(office),
  };
  const consultationId = randomUUID();
  await handler.execute(
    consultationAggregate,
    consultationId,
    {
      type: 'OpenConsultation',
      actor: drafter,
      now: NOW.toISOString(),
      consultation: {
        consultationId,
        legislatureId: legislature.organisationId,
        subject: 'draft',
        subjectRef: null,
        title: '中华人民共和国民法典（草案）',
        round: {
          version: 1,
          versionLabel: '草案',
          articles: Array.from({ length: ARTICLES }, (_, i) => ({
            articleId: `art_${i + 1}`,
            text: `第${i + 1}条`,
          })),
          opensAt: ISO(-1),
          closesAt: ISO(30),
        },
      },
      legislature: profileOf(legislature),
    },
    ctx(drafter),
    true,
  );

  // ---- intake ------------------------------------------------------------------------------
  const submit = registry.commands.get('consultation.opinions.submit')!;
  const batches = Math.ceil(OPINIONS / BATCH);
  let lastPosition: LogPosition = '0/0';
  let next = 0;
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const cpuStart = cpuMs();
  const start = performance.now();
  const worker = async () => {
    for (let b = next++; b < batches; b = next++) {
      const count = Math.min(BATCH, OPINIONS - b * BATCH);
      const dto = {
        channel: 'symposium',
        opinions: Array.from({ length: count }, (_, j) => opinion(b * BATCH + j)),
      };
      const id = randomUUID();
      const context = ctx(staff);
      const now = new Date().toISOString();
      const input = await submit.command({
        dto,
        params: { consultationId },
        id,
        context,
        now,
        env,
      });
      const result = await handler.execute(
        recordAggregate,
        id,
        { ...(input as object), actor: staff, now } as never,
        context,
        true,
      );
      if (Number(result.position.split('/')[0]) > Number(lastPosition.split('/')[0]))
        lastPosition = result.position;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const durableMs = performance.now() - start;
  const durableCpuMs = cpuMs() - cpuStart;
  const caughtUp = await runner.waitFor(lastPosition, 600_000);
  const projectedMs = performance.now() - start;
  const projectedCpuMs = cpuMs() - cpuStart;
  if (!caughtUp) throw new Error('projections did not catch up in 10 minutes');
  const rssAfterIntake = process.resourceUsage().maxRSS * 1024;

  // ---- raw floor: the same event rows, batched inserts, same pragmas, fresh file ------------
  const ours = new Database(path, { readonly: true });
  const rawPath = join(dir, 'raw.sqlite');
  const raw = new Database(rawPath);
  applyDurablePragmas(raw);
  raw.exec(EVENTS_TABLE_DDL);
  const insert = raw.prepare(
    `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  type Row = {
    stream_id: string;
    revision: number;
    event_id: string;
    type: string;
    schema_version: number;
    data: string;
    metadata: string;
    recorded_at: string;
    previous_hash: string;
    hash: string;
  };
  const page = ours.prepare<[number, number], Row & { position: number }>(
    `SELECT * FROM events WHERE type = 'OpinionSubmitted' AND position > ? ORDER BY position LIMIT ?`,
  );
  const writeBatch = raw.transaction((rows: Row[]) => {
    for (const r of rows)
      insert.run(
        r.stream_id,
        r.revision,
        r.event_id,
        r.type,
        r.schema_version,
        r.data,
        r.metadata,
        r.recorded_at,
        r.previous_hash,
        r.hash,
      );
  });
  let rawMs = 0;
  let rawCpuMs = 0;
  let rawRows = 0;
  for (let after = 0; ;) {
    const rows = page.all(after, BATCH);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].position;
    const t0 = performance.now();
    const c0 = cpuMs();
    writeBatch(rows);
    rawMs += performance.now() - t0;
    rawCpuMs += cpuMs() - c0;
    rawRows += rows.length;
  }
  raw.close();

  // ---- dispositions, publication, public reads ----------------------------------------------
  const ids = ours
    .prepare<[string, number], { opinion_id: string }>(
      `SELECT opinion_id FROM rm_opinions WHERE consultation_id = ? ORDER BY seq LIMIT ?`,
    )
    .all(consultationId, DISPOSITIONS)
    .map((r) => r.opinion_id);
  const clusters = (
    ours.prepare(`SELECT COUNT(*) AS n FROM rm_opinion_clusters`).get() as { n: number }
  ).n;
  const draft = registry.commands.get('consultation.dispositions.draft')!;
  const t1 = performance.now();
  let lastDraft: LogPosition = '0/0';
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const dto = {
      dispositions: [
        {
          opinionIds: chunk.filter((_, j) => j % 3 !== 2),
          outcome: 'adopted',
          reason: '已吸收。',
          resultingArticleId: 'art_1',
          textChange: '修改为……',
        },
        {
          opinionIds: chunk.filter((_, j) => j % 3 === 2),
          outcome: 'not_adopted',
          reason: '与草案规定一致。',
        },
      ],
    };
    const id = randomUUID();
    const now = new Date().toISOString();
    const input = await draft.command({
      dto,
      params: { consultationId },
      id,
      context: ctx(drafter),
      now,
      env,
    });
    lastDraft = (
      await handler.execute(
        recordAggregate,
        id,
        { ...(input as object), actor: drafter, now } as never,
        ctx(drafter),
        true,
      )
    ).position;
  }
  await runner.waitFor(lastDraft, 600_000);
  const publish = await handler.execute(
    consultationAggregate,
    consultationId,
    {
      type: 'PublishDispositions',
      actor: drafter,
      now: new Date().toISOString(),
      unpublishedDrafts: env.unpublishedDrafts(consultationId),
    },
    ctx(drafter),
  );
  await runner.waitFor(publish.position, 600_000);
  const dispositionMs = performance.now() - t1;

  const board = app.get(PublicConsultationsController);
  const pageTimes: number[] = [];
  let cursor: string | undefined;
  const cursors: string[] = [];
  for (let i = 0; i < LOOKUPS; i++) {
    const t0 = performance.now();
    const p = board.noticeboard(consultationId, { limit: 50, cursor });
    pageTimes.push(performance.now() - t0);
    if (p.nextCursor) cursors.push(p.nextCursor);
    // Walk on, and now and then jump to a page seen before (deep pages cost the same).
    cursor =
      i % 5 === 4 && cursors.length
        ? cursors[(i * 7919) % cursors.length]
        : (p.nextCursor ?? undefined);
  }
  const receiptTimes: number[] = [];
  for (let i = 0; i < LOOKUPS; i++) {
    const code = keys.receiptCode(ids[(i * 104_729) % ids.length]);
    const t0 = performance.now();
    const r = board.receipt({ code });
    receiptTimes.push(performance.now() - t0);
    if (!r.disposition) throw new Error('a published disposition is missing from a receipt');
  }
  ours.close();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  await app.close();
  rmSync(dir, { recursive: true, force: true });

  const eventsPerSecond = (OPINIONS / durableMs) * 1000;
  const rawPerSecond = (rawRows / rawMs) * 1000;
  console.log(formatMachine(describeMachine(tmpdir())));
  console.log(`Load average after the run: ${load}`);
  console.log(
    formatTable(
      ['measure', 'value', 'aim'],
      [
        [
          'opinions / contributors',
          `${formatRate(OPINIONS)} / ${formatRate(CONTRIBUTORS)}`,
          '1,020,000 / 425,000',
        ],
        ['until durable', formatMs(durableMs), '< 30 s'],
        ['until projections current', formatMs(projectedMs), '< 60 s'],
        ['intake events/s', formatRate(eventsPerSecond), ''],
        ['raw batched inserts events/s (same rows)', formatRate(rawPerSecond), ''],
        ['intake / raw', `${(eventsPerSecond / rawPerSecond).toFixed(3)}`, ''],
        [
          'CPU per opinion: until durable / until projected / raw insert',
          `${perOpinion(durableCpuMs, OPINIONS)} / ${perOpinion(projectedCpuMs, OPINIONS)} / ${perOpinion(rawCpuMs, rawRows)}`,
          '',
        ],
        ['clusters found', formatRate(clusters), ''],
        ['peak RSS after intake', `${(rssAfterIntake / 2 ** 20).toFixed(0)} MiB`, '< 1 GiB'],
        ['peak RSS', `${(peakRss / 2 ** 20).toFixed(0)} MiB`, '< 1 GiB'],
        [
          `${formatRate(ids.length)} dispositions drafted + published, projected`,
          formatMs(dispositionMs),
          '',
        ],
        [
          'noticeboard page p50 / p99',
          `${formatMs(percentile(pageTimes, 50))} / ${formatMs(percentile(pageTimes, 99))}`,
          '< 20 ms',
        ],
        [
          'receipt lookup p50 / p99',
          `${formatMs(percentile(receiptTimes, 50))} / ${formatMs(percentile(receiptTimes, 99))}`,
          '< 20 ms',
        ],
      ],
    ),
  );
  console.log(
    JSON.stringify({
      opinions: OPINIONS,
      contributors: CONTRIBUTORS,
      durableMs: Math.round(durableMs),
      projectedMs: Math.round(projectedMs),
      eventsPerSecond: Math.round(eventsPerSecond),
      rawPerSecond: Math.round(rawPerSecond),
      durableCpuUsPerOpinion: Math.round((durableCpuMs * 1000) / OPINIONS),
      projectedCpuUsPerOpinion: Math.round((projectedCpuMs * 1000) / OPINIONS),
      rawCpuUsPerRow: Math.round((rawCpuMs * 1000) / rawRows),
      clusters,
      peakRssMiB: Math.round(peakRss / 2 ** 20),
      dispositions: ids.length,
      dispositionMs: Math.round(dispositionMs),
      noticeboardP99Ms: Number(percentile(pageTimes, 99).toFixed(2)),
      receiptP99Ms: Number(percentile(receiptTimes, 99).toFixed(2)),
      load,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
