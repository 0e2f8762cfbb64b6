/**
 * Append throughput of `SqliteEventStore` against raw better-sqlite3 inserts of the same rows
 * with the same pragmas, one event per transaction and batches of 1,000, in one run.
 *
 *   npm run bench:append                     full run (one to two minutes on a small VM)
 *   node dist/bench/append.bench.js --smoke  a few hundred events, for CI sanity
 *
 * Each round gives both sides a fresh database file and the very same rows; the sides take
 * turns every few appends (ABBA) so that load from neighbours on a shared machine hits both.
 * Scale with BENCH_ROUNDS, BENCH_SINGLE_APPENDS, BENCH_BATCHES, BENCH_BATCH_SIZE; write the
 * databases under BENCH_DIR (default: the OS temp dir). The last line printed is JSON for
 * BENCHMARKS.md.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventMetadata, NewEvent } from '../src/events/envelope';
import { SubmissionContent, SubmissionDraftedV1 } from '../src/events/submission-events';
import { ExpectedRevision } from '../src/platform/event-store/event-store.port';
import {
  EVENTS_TABLE_DDL,
  SqliteEventStore,
  applyDurablePragmas,
} from '../src/platform/event-store/sqlite-event-store';
import {
  MachineDescription,
  describeMachine,
  envInt,
  formatMachine,
  formatMs,
  formatPercent,
  formatRate,
  formatTable,
  median,
  percentile,
} from './bench-util';

type Side = 'raw' | 'ours';
type Mode = 'single' | 'batch';

interface Settings {
  smoke: boolean;
  rounds: number;
  singleAppends: number;
  batches: number;
  batchSize: number;
  /** Events per stream in single mode: appends spread over many streams, as in the service. */
  streamLength: number;
  /** Consecutive batches that go to the same stream in batch mode. */
  batchesPerStream: number;
  /** Appends each side makes before the other takes its turn. */
  singleChunk: number;
  batchChunk: number;
  dir: string;
}

/** One `append` call: the events, the stream's expected revision and its first new revision. */
interface PlannedAppend {
  streamId: string;
  expected: ExpectedRevision;
  firstRevision: number;
  events: NewEvent[];
}

interface Measurement {
  mode: Mode;
  side: Side;
  round: number;
  events: number;
  ms: number;
  eventsPerSecond: number;
}

const AIMS: Record<Mode, number> = { single: 0.9, batch: 0.7 };
const RAW_HASH = 'f'.repeat(64);
const RAW_DESCRIPTION =
  'raw = prepared INSERT of the same rows in db.transaction().immediate, same pragmas and DDL; ' +
  'per row only JSON.stringify(data) + JSON.stringify(metadata), one toISOString per ' +
  'transaction and a constant 64-hex hash (no revision check, no event-id lookup, no hashing)';

function readSettings(argv: readonly string[]): Settings {
  const smoke = argv.includes('--smoke');
  return {
    smoke,
    rounds: envInt('BENCH_ROUNDS', smoke ? 1 : 5),
    singleAppends: envInt('BENCH_SINGLE_APPENDS', smoke ? 200 : 4000),
    batches: envInt('BENCH_BATCHES', smoke ? 2 : 50),
    batchSize: envInt('BENCH_BATCH_SIZE', smoke ? 100 : 1000),
    streamLength: 10,
    batchesPerStream: 2,
    singleChunk: smoke ? 20 : 100,
    batchChunk: 1,
    dir: process.env.BENCH_DIR || tmpdir(),
  };
}

// ---------------------------------------------------------------------------------------------
// Workload: SubmissionDrafted-like payloads of about 1 KB, mixed Chinese and English text.

const BODY_ZH =
  '根据《中华人民共和国立法法》和本省地方性法规制定条例的规定，现将《城市生活垃圾分类管理条例（草案）》' +
  '起草过程中的重大问题报告如下：一是关于分类标准，草案拟采用四分类体系，并授权设区的市结合实际细化；' +
  '二是关于法律责任，部分单位建议提高对违规投放行为的罚款额度，起草组认为应当坚持过罚相当原则；' +
  '三是关于执法主体，拟明确由城市管理部门统一执法。以上意见妥否，请审示。';
const BODY_EN =
  'Summary for the committee office: the draft regulation adopts a four-category sorting scheme, ' +
  'keeps fines proportionate and names the city management department as the single enforcer.';
const ORGANISATIONS = Array.from({ length: 8 }, () => randomUUID());
const COMMITTEES = Array.from({ length: 4 }, () => randomUUID());
const USER_NAMES = ['张伟', '王芳', '李娜', 'Liu Yang'];

function content(n: number, revision: number): SubmissionContent {
  return {
    title: `关于《城市生活垃圾分类管理条例（草案）》重大问题的请示（第${revision + 1}稿，#${n}）`,
    summary: `草案起草中的三个重大问题及处理意见 — draft ${revision + 1} of submission ${n}`,
    body: `${BODY_ZH}\n\n${BODY_EN}`,
    documentNumber: `法工委〔2025〕${n % 1000}号`,
    classification: 'internal',
    replyRequestedBy: '2025-07-15',
    references: [randomUUID()],
  };
}

function makeEvent(
  n: number,
  submissionId: string,
  revision: number,
  correlationId: string,
): NewEvent {
  const metadata: EventMetadata = {
    occurredAt: new Date(Date.UTC(2025, 5, 1) + n * 60_000).toISOString(),
    actor: {
      userId: randomUUID(),
      userName: USER_NAMES[n % USER_NAMES.length],
      organisationId: ORGANISATIONS[n % ORGANISATIONS.length],
      role: 'committee_office',
    },
    correlationId,
    causationId: revision === 0 ? null : randomUUID(),
  };
  if (revision > 0) {
    return {
      eventId: randomUUID(),
      type: 'SubmissionDraftAmended',
      schemaVersion: 1,
      data: content(n, revision),
      metadata,
    };
  }
  const data: SubmissionDraftedV1 = {
    submissionId,
    kind: 'request',
    category: 'drafting',
    ...content(n, revision),
    submittingOrganisationId: ORGANISATIONS[n % ORGANISATIONS.length],
    addressedCommitteeId: COMMITTEES[n % COMMITTEES.length],
    replacesSubmissionId: null,
  };
  return { eventId: randomUUID(), type: 'SubmissionDrafted', schemaVersion: 1, data, metadata };
}

/** A stream's state while a plan is built. */
interface PlanStream {
  streamId: string;
  submissionId: string;
  correlationId: string;
  nextRevision: number;
}

function newStream(): PlanStream {
  const submissionId = randomUUID();
  return {
    streamId: `submission-${submissionId}`,
    submissionId,
    correlationId: randomUUID(),
    nextRevision: 0,
  };
}

function planAppend(stream: PlanStream, count: number, counter: { n: number }): PlannedAppend {
  const firstRevision = stream.nextRevision;
  const events = Array.from({ length: count }, (_, i) =>
    makeEvent(counter.n++, stream.submissionId, firstRevision + i, stream.correlationId),
  );
  stream.nextRevision += count;
  return {
    streamId: stream.streamId,
    expected: firstRevision === 0 ? 'no_stream' : firstRevision - 1,
    firstRevision,
    events,
  };
}

/**
 * One event per append, round-robin over ⌈appends / streamLength⌉ streams, so consecutive
 * appends hit different streams, each with its exact expected revision.
 */
function singlePlan(settings: Settings): PlannedAppend[] {
  const streamCount = Math.ceil(settings.singleAppends / settings.streamLength);
  const streams = Array.from({ length: streamCount }, newStream);
  const counter = { n: 0 };
  return Array.from({ length: settings.singleAppends }, (_, i) =>
    planAppend(streams[i % streamCount], 1, counter),
  );
}

/** `batchSize` events per append; `batchesPerStream` consecutive batches share a stream. */
function batchPlan(settings: Settings): PlannedAppend[] {
  const counter = { n: 0 };
  let stream = newStream();
  return Array.from({ length: settings.batches }, (_, i) => {
    if (i > 0 && i % settings.batchesPerStream === 0) stream = newStream();
    return planAppend(stream, settings.batchSize, counter);
  });
}

function eventCount(plan: readonly PlannedAppend[]): number {
  return plan.reduce((sum, append) => sum + append.events.length, 0);
}

// ---------------------------------------------------------------------------------------------
// The two sides. Only appends are timed; opening, counting and deleting are not.

interface Target {
  append(appends: readonly PlannedAppend[]): Promise<void>;
  close(): Promise<void>;
}

function openRaw(path: string): Target {
  const db = new Database(path);
  applyDurablePragmas(db);
  db.exec(EVENTS_TABLE_DDL);
  const insert = db.prepare(
    `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata,
                         recorded_at, previous_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const appendRows = db.transaction((append: PlannedAppend) => {
    const recordedAt = new Date().toISOString();
    let revision = append.firstRevision;
    for (const event of append.events) {
      insert.run(
        append.streamId,
        revision++,
        event.eventId,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
        RAW_HASH,
        RAW_HASH,
      );
    }
  }).immediate;
  return {
    append: async (appends) => {
      for (const append of appends) appendRows(append);
    },
    close: async () => {
      db.close();
    },
  };
}

function openOurs(path: string): Target {
  const store = new SqliteEventStore(path);
  return {
    append: async (appends) => {
      for (const append of appends) {
        await store.append(append.streamId, append.events, append.expected);
      }
    },
    close: () => store.close(),
  };
}

const OPEN: Record<Side, (path: string) => Target> = { raw: openRaw, ours: openOurs };

function countRows(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * One round: both sides get a fresh database file and append the very same rows. The plan is
 * cut into chunks of `chunk` appends and the sides take turns chunk by chunk in ABBA order
 * (raw, ours, ours, raw, …), so bursts of load on a noisy shared machine fall on both alike.
 */
async function runRound(
  dir: string,
  mode: Mode,
  round: number,
  plan: readonly PlannedAppend[],
  chunk: number,
): Promise<Measurement[]> {
  const sides: Side[] = ['raw', 'ours'];
  const paths = sides.map((side) => join(dir, `${mode}-${round}-${side}.sqlite`));
  const targets = paths.map((path, i) => OPEN[sides[i]](path));
  const ms = [0, 0];
  try {
    for (let start = 0, turn = 0; start < plan.length; start += chunk, turn++) {
      const appends = plan.slice(start, start + chunk);
      const order = turn % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        const began = performance.now();
        await targets[i].append(appends);
        ms[i] += performance.now() - began;
      }
    }
  } finally {
    for (const target of targets) await target.close();
  }
  const events = eventCount(plan);
  try {
    return sides.map((side, i) => {
      const rows = countRows(paths[i]);
      if (rows !== events)
        throw new Error(`${side} ${mode} round ${round}: ${rows}/${events} rows`);
      return { mode, side, round, events, ms: ms[i], eventsPerSecond: (events / ms[i]) * 1000 };
    });
  } finally {
    paths.forEach(removeDatabase);
  }
}

async function runMode(
  settings: Settings,
  mode: Mode,
  makePlan: (settings: Settings) => PlannedAppend[],
  chunk: number,
): Promise<Measurement[]> {
  const results: Measurement[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    const [raw, ours] = await runRound(settings.dir, mode, round, makePlan(settings), chunk);
    results.push(raw, ours);
    const rate = (m: Measurement) => `${formatRate(m.eventsPerSecond).padStart(7)} ev/s`;
    console.log(
      `  ${mode.padEnd(6)} round ${round}: raw ${rate(raw)} (${formatMs(raw.ms)}), ` +
        `ours ${rate(ours)} (${formatMs(ours.ms)}), ours/raw ${formatPercent(ours.eventsPerSecond / raw.eventsPerSecond)}`,
    );
  }
  return results;
}

/** A few untimed appends on each side so both run JIT-compiled code from the first round. */
async function warmUp(settings: Settings, dir: string): Promise<void> {
  const tiny: Settings = { ...settings, singleAppends: 200, batches: 2, batchSize: 100 };
  await runRound(dir, 'single', 0, singlePlan(tiny), 10);
  await runRound(dir, 'batch', 0, batchPlan(tiny), 1);
}

// ---------------------------------------------------------------------------------------------
// Reporting.

interface ModeSummary {
  mode: Mode;
  eventsPerTransaction: number;
  rawEventsPerSecond: number;
  oursEventsPerSecond: number;
  /** median(ours) / median(raw): the headline figure. */
  ratio: number;
  /** The median of each round's ours/raw, less sensitive to drift between rounds. */
  medianRoundRatio: number;
  aim: number;
  rawRange: [number, number];
  oursRange: [number, number];
}

function summarise(
  mode: Mode,
  eventsPerTransaction: number,
  results: readonly Measurement[],
): ModeSummary {
  const rates = (side: Side) =>
    results.filter((r) => r.side === side).map((r) => r.eventsPerSecond);
  const raw = rates('raw');
  const ours = rates('ours');
  const roundRatios = ours.map((o, i) => o / raw[i]);
  return {
    mode,
    eventsPerTransaction,
    rawEventsPerSecond: median(raw),
    oursEventsPerSecond: median(ours),
    ratio: median(ours) / median(raw),
    medianRoundRatio: median(roundRatios),
    aim: AIMS[mode],
    rawRange: [percentile(raw, 0), percentile(raw, 100)],
    oursRange: [percentile(ours, 0), percentile(ours, 100)],
  };
}

function formatSummaries(summaries: readonly ModeSummary[]): string {
  const range = ([low, high]: [number, number]) => `${formatRate(low)}–${formatRate(high)}`;
  return formatTable(
    ['mode', 'raw ev/s', 'ours ev/s', 'ours/raw', 'per-round', 'aim', 'raw range', 'ours range'],
    summaries.map((s) => [
      `${s.mode} (${s.eventsPerTransaction} ev/tx)`,
      formatRate(s.rawEventsPerSecond),
      formatRate(s.oursEventsPerSecond),
      formatPercent(s.ratio),
      formatPercent(s.medianRoundRatio),
      `≥${formatPercent(s.aim)} ${s.ratio >= s.aim ? 'met' : 'MISSED'}`,
      range(s.rawRange),
      range(s.oursRange),
    ]),
  );
}

function payloadBytes(): { data: number; metadata: number } {
  const event = makeEvent(1, randomUUID(), 0, randomUUID());
  return {
    data: Buffer.byteLength(JSON.stringify(event.data)),
    metadata: Buffer.byteLength(JSON.stringify(event.metadata)),
  };
}

async function main(): Promise<void> {
  const settings = readSettings(process.argv.slice(2));
  const dir = mkdtempSync(join(settings.dir, 'legislink-append-bench-'));
  const machine: MachineDescription = describeMachine(dir);
  const bytes = payloadBytes();
  const started = Date.now();

  console.log(`Legislink append benchmark${settings.smoke ? ' (smoke)' : ''}`);
  console.log(formatMachine(machine));
  console.log(
    `Rounds: ${settings.rounds} per mode, each on fresh files, sides alternating ABBA every ` +
      `${settings.singleChunk} single appends / ${settings.batchChunk} batch(es); single: ` +
      `${settings.singleAppends} appends/round over streams of ${settings.streamLength}; ` +
      `batch: ${settings.batches} × ${settings.batchSize} events/round, ` +
      `${settings.batchesPerStream} batches per stream`,
  );
  console.log(
    `Event: SubmissionDrafted-like, data ${bytes.data} B + metadata ${bytes.metadata} B JSON`,
  );
  console.log(`Baseline: ${RAW_DESCRIPTION}`);
  console.log(`Databases: a fresh pair of files per round under ${dir}\n`);

  try {
    if (!settings.smoke) await warmUp(settings, dir);
    const single = await runMode(settings, 'single', singlePlan, settings.singleChunk);
    const batch = await runMode(settings, 'batch', batchPlan, settings.batchChunk);
    const summaries = [
      summarise('single', 1, single),
      summarise('batch', settings.batchSize, batch),
    ];

    console.log(`\n${formatSummaries(summaries)}`);
    console.log(
      '\nours/raw = median(ours) / median(raw); per-round = median of each round’s ratio.' +
        ` Total time ${formatMs(Date.now() - started)}.\n`,
    );
    console.log(
      JSON.stringify({
        bench: 'append',
        date: new Date().toISOString(),
        smoke: settings.smoke,
        machine,
        settings: {
          rounds: settings.rounds,
          singleAppends: settings.singleAppends,
          batches: settings.batches,
          batchSize: settings.batchSize,
          streamLength: settings.streamLength,
          batchesPerStream: settings.batchesPerStream,
          singleChunk: settings.singleChunk,
          batchChunk: settings.batchChunk,
          dataBytes: bytes.data,
          metadataBytes: bytes.metadata,
        },
        baseline: RAW_DESCRIPTION,
        results: Object.fromEntries(
          summaries.map((s) => [
            s.mode,
            {
              rawEventsPerSecond: Math.round(s.rawEventsPerSecond),
              oursEventsPerSecond: Math.round(s.oursEventsPerSecond),
              ratio: Number(s.ratio.toFixed(3)),
              medianRoundRatio: Number(s.medianRoundRatio.toFixed(3)),
              aim: s.aim,
              met: s.ratio >= s.aim,
            },
          ]),
        ),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
