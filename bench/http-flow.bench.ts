/**
 * The HTTP flow under a fixed request rate: each autocannon connection drafts a submission and
 * takes it through discussion, submission, receipt, a committee meeting, an opinion and the
 * feedback that closes it, again and again. The service runs as a separate process, as in
 * production, and so does the load generator (this file started with `--load`), so neither
 * takes the other's event loop. A GET /health/live run at the same rate against the same
 * service, right after the flow, is the floor; both are reported side by side.
 *
 *   npm run bench:http            BENCH_RATE=200 BENCH_DURATION=30 BENCH_CONNECTIONS=10
 *   BENCH_RATE=2500 BENCH_CONNECTIONS=100 npm run bench:http
 *                                 a fixed high rate: reports the achieved commands/s and p99
 *                                 (a connection has one request in flight, so it needs enough
 *                                 connections: rate × latency)
 *   BENCH_VARIANTS='LOG_REQUESTS=all;LOG_REQUESTS=errors' BENCH_ROUNDS=2 npm run bench:http
 *                                 service configurations against each other in the same run;
 *                                 BENCH_DIST=/path/to/other/dist in a variant runs another build
 *
 * Rate limiting is off (RATE_LIMIT_PER_MINUTE=0) above 230 requests/s unless set: past that the
 * busiest demo user would meet the default limit and the run would measure 429s.
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS } from '../src/demo/demo-data';
import { signToken } from '../src/platform/access/token-verifier';
import {
  describeMachine,
  envInt,
  formatMachine,
  formatMs,
  formatTable,
  median,
} from './bench-util';

const RATE = envInt('BENCH_RATE', 200);
const DURATION = envInt('BENCH_DURATION', 30);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10);
const PORT = envInt('BENCH_PORT', 3499);
const SECRET = 'bench-secret-that-is-at-least-32-characters';
/** The compiled service beside this compiled benchmark: dist/bench → dist/src. */
const compiledHere = join(__dirname, '..', 'src');

/** BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) go to the service's node. */
function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, ...args], {
    env,
    // Its log lines go to /dev/null: written (and so paid for), never read.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy`);
}

type Step = { user: string; path: (id: string) => string; body: object };

const FLOW: Step[] = [
  {
    user: 'jl-party-group',
    path: (id) => `/api/submissions/${id}/party-group-discussion`,
    body: {
      meetingKind: 'party_group_meeting',
      meetingDate: '2025-01-02',
      minutesReference: '纪要',
    },
  },
  { user: 'jl-party-group', path: (id) => `/api/submissions/${id}/submission`, body: {} },
  {
    user: 'jl-office',
    path: (id) => `/api/submissions/${id}/receipt`,
    body: { officeLogNumber: '收文' },
  },
  {
    user: 'jl-office',
    path: (id) => `/api/submissions/${id}/committee-meetings`,
    body: { meetingKind: 'standing_committee_meeting', meetingDate: '2025-01-03' },
  },
  {
    user: 'jl-office',
    path: (id) => `/api/submissions/${id}/opinion`,
    body: {
      documentNumber: '吉委办函',
      outcome: 'approved_with_opinions',
      points: [{ number: 1, text: '进一步明确补偿标准' }],
    },
  },
  {
    user: 'jl-fgw',
    path: (id) => `/api/submissions/${id}/opinion/points/1/feedback`,
    body: { adoption: 'adopted' },
  },
];

/** What the load process is asked to do: the whole flow, or the floor, for a while. */
interface LoadPlan {
  base: string;
  kind: 'flow' | 'floor';
  duration: number;
  tokens: Record<string, string>;
}

/** The figures the load process reports back, as autocannon measured them. */
type LoadResult = Pick<
  autocannon.Result,
  'requests' | 'non2xx' | 'errors' | 'timeouts' | 'duration' | 'latency'
>;

const DRAFT = JSON.stringify({
  kind: 'request',
  category: 'major_issue',
  title: '关于《吉林省黑土地保护条例（草案）》有关重大问题的请示',
  summary: '请省委研究补偿范围等问题',
  body: '一、关于补偿范围……'.repeat(50),
  documentNumber: '吉人党字〔2025〕3号',
  classification: 'confidential',
  addressedCommitteeId: 'cn-220000-pc',
});

/** Runs in the load process: autocannon at the fixed rate, the result as JSON on stdout. */
async function generateLoad(plan: LoadPlan): Promise<void> {
  const headers = (user: string) => ({
    'content-type': 'application/json',
    authorization: `Bearer ${plan.tokens[user]}`,
  });
  const flow: autocannon.Request[] = [
    {
      method: 'POST',
      path: '/api/submissions',
      headers: headers('jl-fgw'),
      body: DRAFT,
      onResponse: (status, body, context) => {
        if (status === 201) (context as { id?: string }).id = JSON.parse(body).submissionId;
      },
    },
    ...FLOW.map((s): autocannon.Request => ({
      method: 'POST',
      headers: headers(s.user),
      setupRequest: (request, context) => ({
        ...request,
        path: s.path(String((context as { id?: string }).id)),
        body: JSON.stringify(s.body),
      }),
    })),
  ];
  const result = await autocannon({
    url: plan.base,
    connections: CONNECTIONS,
    overallRate: RATE,
    duration: plan.duration,
    requests: plan.kind === 'flow' ? flow : [{ method: 'GET', path: '/health/live' }],
  });
  const { requests, non2xx, errors, timeouts, duration, latency } = result;
  process.stdout.write(
    JSON.stringify({ requests, non2xx, errors, timeouts, duration, latency } as LoadResult),
  );
}

/** Starts this file as the load process and reads its figures. */
async function loadInOwnProcess(plan: LoadPlan): Promise<LoadResult> {
  const child = spawn(process.execPath, [__filename, '--load', JSON.stringify(plan)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`The load process exited with ${code}`);
  return JSON.parse(output) as LoadResult;
}

/** One service configuration to measure: extra environment for the service, by name. */
interface Variant {
  name: string;
  env: Record<string, string>;
}

/**
 * BENCH_VARIANTS: `;`-separated service configurations measured in the same run, each as
 * space-separated NAME=value pairs (e.g. `LOG_REQUESTS=all;LOG_REQUESTS=errors`); every round
 * measures each in turn, in ABBA order over rounds, each on a fresh service and database.
 */
function variants(): Variant[] {
  const raw = process.env.BENCH_VARIANTS ?? '';
  const list = raw
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => ({
      name: v,
      env: Object.fromEntries(
        v.split(/\s+/).map((pair) => {
          const at = pair.indexOf('=');
          if (at <= 0) throw new Error(`BENCH_VARIANTS: ${pair} is not NAME=value`);
          return [pair.slice(0, at), pair.slice(at + 1)];
        }),
      ),
    }));
  return list.length > 0 ? list : [{ name: 'as configured', env: {} }];
}

interface Measured {
  variant: string;
  round: number;
  flow: LoadResult;
  floor: LoadResult;
  /** The service's CPU time (user + system) per request, µs, during the flow and the floor. */
  cpu: { flow: number; floor: number };
}

/** Seeds a fresh database, starts the service with `extra`, measures flow and floor, stops it. */
async function measure(
  variant: Record<string, string>,
): Promise<Omit<Measured, 'variant' | 'round'>> {
  // BENCH_DIST (a variant's, or the run's) names another build's dist/ folder: an A/B of builds.
  const { BENCH_DIST: dist = process.env.BENCH_DIST, ...extra } = variant;
  const compiled = dist ? join(dist, 'src') : compiledHere;
  const dir = mkdtempSync(join(tmpdir(), 'legislink-http-bench-'));
  const env = {
    ...process.env,
    SQLITE_PATH: join(dir, 'legislink.sqlite'),
    JWT_SECRET: SECRET,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    // The service's defaults (LOG_LEVEL=info, LOG_REQUESTS=errors) unless set.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    // Past ~230 requests/s the busiest demo user would meet the default limit of 6,000 a
    // minute: the figures would measure 429s, not the flow.
    RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE ?? (RATE > 230 ? '0' : '6000'),
    // The embedded default: the service alone, as the aim is stated for.
    KAFKA_BROKERS: '',
    EVENTSTORE_CONNECTION_STRING: '',
    ...extra,
  };
  const seed = run([join(compiled, 'cli', 'cli.js'), 'seed-demo'], env);
  await new Promise((resolve) => seed.on('exit', resolve));
  const server = run([join(compiled, 'main.js')], env);
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitForHealth(`${base}/health/ready`);
    const tokens: Record<string, string> = {};
    for (const user of DEMO_USERS)
      tokens[user.userId] = await signToken(user, SECRET, 'legislink', 'legislink');
    const plan = (kind: LoadPlan['kind'], duration = DURATION): LoadPlan => ({
      base,
      kind,
      duration,
      tokens,
    });
    process.stdout.write(`  warm-up (5 s)…\n`);
    await loadInOwnProcess(plan('flow', 5));
    process.stdout.write(
      `  flow at ${RATE} req/s for ${DURATION} s over ${CONNECTIONS} connections…\n`,
    );
    const cpuBefore = cpuMs(server.pid!);
    const flow = await loadInOwnProcess(plan('flow'));
    const cpuFlow = cpuMs(server.pid!);
    process.stdout.write(`  floor: GET /health/live at the same rate…\n`);
    const floor = await loadInOwnProcess(plan('floor'));
    const cpuFloor = cpuMs(server.pid!);
    return {
      flow,
      floor,
      cpu: {
        flow: ((cpuFlow - cpuBefore) * 1000) / flow.requests.total,
        floor: ((cpuFloor - cpuFlow) * 1000) / floor.requests.total,
      },
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.on('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

const achieved = (r: LoadResult) => r.requests.total / r.duration;

/**
 * CPU time (user + system, ms) a process has used so far, from /proc. On a shared machine the
 * latencies move with the neighbours' load; the service's CPU time per request moves far less,
 * and bounds the rate one service process can sustain (its event loop is one core).
 */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

async function main(): Promise<void> {
  const list = variants();
  const rounds = envInt('BENCH_ROUNDS', 1);
  const results: Measured[] = [];
  const loadBefore = loadavg();
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? list : [...list].reverse();
    for (const variant of order) {
      process.stdout.write(`Round ${round}/${rounds}: ${variant.name}\n`);
      results.push({ variant: variant.name, round, ...(await measure(variant.env)) });
    }
  }
  const loadAfter = loadavg();

  const row = (name: string, r: LoadResult, cpu: number) => [
    name,
    String(r.requests.total),
    String(r.non2xx),
    String(r.errors + r.timeouts),
    achieved(r).toFixed(0),
    formatMs(r.latency.p50),
    formatMs(r.latency.p99),
    formatMs(r.latency.max),
    cpu.toFixed(0),
  ];
  const rows = results.flatMap((m) => {
    const label = list.length > 1 || rounds > 1 ? `${m.variant} #${m.round}: ` : '';
    return [
      row(`${label}submission flow`, m.flow, m.cpu.flow),
      row(`${label}GET /health/live`, m.floor, m.cpu.floor),
    ];
  });
  process.stdout.write(
    `\n${formatTable(['run', 'requests', 'non-2xx', 'errors', 'req/s', 'p50', 'p99', 'max', 'CPU µs/req'], rows)}\n\n`,
  );
  const summary = list.map((variant) => {
    const mine = results.filter((m) => m.variant === variant.name);
    return {
      variant: variant.name,
      flowReqPerSecond: median(mine.map((m) => achieved(m.flow))),
      flowP50: median(mine.map((m) => m.flow.latency.p50)),
      flowP99: median(mine.map((m) => m.flow.latency.p99)),
      floorP99: median(mine.map((m) => m.floor.latency.p99)),
      flowOverFloorP99: median(
        mine.map((m) => m.flow.latency.p99 / Math.max(m.floor.latency.p99, 0.001)),
      ),
      flowCpuMicrosPerRequest: median(mine.map((m) => m.cpu.flow)),
      floorCpuMicrosPerRequest: median(mine.map((m) => m.cpu.floor)),
      non2xx: mine.reduce((sum, m) => sum + m.flow.non2xx, 0),
      errors: mine.reduce((sum, m) => sum + m.flow.errors + m.flow.timeouts, 0),
    };
  });
  for (const s of summary) {
    const aim =
      RATE >= 2500
        ? `aim ≥ 2,500 req/s with p99 < 50 ms: ${s.flowReqPerSecond >= 2500 * 0.99 && s.flowP99 < 50 ? 'met' : 'MISSED'}`
        : RATE <= 200
          ? `aim flow p99 ≤ 1.5× floor p99 at 200 req/s: ${s.flowOverFloorP99 <= 1.5 ? 'met' : 'MISSED'}`
          : 'no aim stated at this rate';
    process.stdout.write(
      `${s.variant}: flow ${s.flowReqPerSecond.toFixed(0)} req/s, p99 ${formatMs(s.flowP99)} ` +
        `(floor p99 ${formatMs(s.floorP99)}; flow / floor = ${s.flowOverFloorP99.toFixed(2)}×; ${aim}); ` +
        `service CPU ${s.flowCpuMicrosPerRequest.toFixed(0)} µs per flow request ` +
        `(at most ~${(1e6 / s.flowCpuMicrosPerRequest).toFixed(0)} req/s on one core), ` +
        `${s.floorCpuMicrosPerRequest.toFixed(0)} µs per floor request\n`,
    );
  }
  for (const s of summary.slice(1)) {
    const base = summary[0];
    process.stdout.write(
      `${s.variant} / ${base.variant}: p99 ${(s.flowP99 / base.flowP99).toFixed(2)}×, ` +
        `req/s ${(s.flowReqPerSecond / base.flowReqPerSecond).toFixed(2)}×, ` +
        `(p99 / floor p99) ${(s.flowOverFloorP99 / base.flowOverFloorP99).toFixed(2)}×, ` +
        `CPU per flow request ${(s.flowCpuMicrosPerRequest / base.flowCpuMicrosPerRequest).toFixed(2)}×\n`,
    );
  }
  const machine = describeMachine(tmpdir());
  process.stdout.write(
    `\nload average before ${loadBefore}, after ${loadAfter}\n${formatMachine(machine)}\n\n`,
  );
  process.stdout.write(
    `${JSON.stringify({
      bench: 'http-flow',
      date: new Date().toISOString(),
      rate: RATE,
      durationSeconds: DURATION,
      connections: CONNECTIONS,
      rounds,
      loadAverage: { before: loadBefore, after: loadAfter },
      variants: summary,
      runs: results.map((m) => ({
        variant: m.variant,
        round: m.round,
        flow: {
          requests: m.flow.requests.total,
          reqPerSecond: achieved(m.flow),
          non2xx: m.flow.non2xx,
          errors: m.flow.errors,
          p50: m.flow.latency.p50,
          p99: m.flow.latency.p99,
          max: m.flow.latency.max,
          cpuMicrosPerRequest: m.cpu.flow,
        },
        floor: {
          reqPerSecond: achieved(m.floor),
          p50: m.floor.latency.p50,
          p99: m.floor.latency.p99,
          cpuMicrosPerRequest: m.cpu.floor,
        },
      })),
      machine,
    })}\n`,
  );
  if (summary.some((s) => s.non2xx > 0 || s.errors > 0)) process.exitCode = 1;
}

const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

if (process.argv[2] === '--load') void generateLoad(JSON.parse(process.argv[3]) as LoadPlan);
else void main();
