/**
 * The HTTP flow under a fixed request rate: each autocannon connection drafts a submission and
 * takes it through discussion, submission, receipt, a committee meeting, an opinion and the
 * feedback that closes it, again and again. The service runs as a separate process, as in
 * production, and so does the load generator (this file started with `--load`), so neither
 * takes the other's event loop. A GET /health/live run at the same rate in the same session is
 * the floor.
 *
 *   npm run bench:http            BENCH_RATE=200 BENCH_DURATION=30 BENCH_CONNECTIONS=10
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS } from '../src/cli/demo-data';
import { signToken } from '../src/platform/access/token-verifier';
import { describeMachine, envInt, formatMachine, formatMs, formatTable } from './bench-util';

const RATE = envInt('BENCH_RATE', 200);
const DURATION = envInt('BENCH_DURATION', 30);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10);
const PORT = envInt('BENCH_PORT', 3499);
const SECRET = 'bench-secret-that-is-at-least-32-characters';
/** The compiled service beside this compiled benchmark: dist/bench → dist/src. */
const compiled = join(__dirname, '..', 'src');

/** BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) go to the service's node. */
function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'legislink-http-bench-'));
  const env = {
    ...process.env,
    SQLITE_PATH: join(dir, 'legislink.sqlite'),
    JWT_SECRET: SECRET,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // The embedded default: the service alone, as the aim is stated for.
    KAFKA_BROKERS: '',
    EVENTSTORE_CONNECTION_STRING: '',
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
    process.stdout.write(`Warm-up (5 s)…\n`);
    await loadInOwnProcess(plan('flow', 5));
    process.stdout.write(
      `Flow at ${RATE} req/s for ${DURATION} s over ${CONNECTIONS} connections…\n`,
    );
    const flow = await loadInOwnProcess(plan('flow'));
    process.stdout.write(`Floor: GET /health/live at the same rate…\n`);
    const floor = await loadInOwnProcess(plan('floor'));

    const row = (name: string, r: LoadResult) => [
      name,
      String(r.requests.total),
      String(r.non2xx),
      String(r.errors + r.timeouts),
      (r.requests.total / r.duration).toFixed(0),
      formatMs(r.latency.p50),
      formatMs(r.latency.p99),
      formatMs(r.latency.max),
    ];
    process.stdout.write(
      `\n${formatTable(
        ['run', 'requests', 'non-2xx', 'errors', 'req/s', 'p50', 'p99', 'max'],
        [row('submission flow', flow), row('GET /health/live', floor)],
      )}\n`,
    );
    const ratio = flow.latency.p99 / Math.max(floor.latency.p99, 0.001);
    process.stdout.write(
      `\nflow p99 ${formatMs(flow.latency.p99)} (aim < 25 ms at ${RATE} req/s: ${flow.latency.p99 < 25 ? 'met' : 'MISSED'}); ` +
        `flow p99 / floor p99 = ${ratio.toFixed(1)}×\n\n${formatMachine(describeMachine(dir))}\n\n`,
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'http-flow',
        date: new Date().toISOString(),
        rate: RATE,
        durationSeconds: DURATION,
        connections: CONNECTIONS,
        flow: {
          requests: flow.requests.total,
          non2xx: flow.non2xx,
          errors: flow.errors,
          p50: flow.latency.p50,
          p99: flow.latency.p99,
          max: flow.latency.max,
        },
        floor: { p50: floor.latency.p50, p99: floor.latency.p99 },
        machine: describeMachine(dir),
      })}\n`,
    );
    if (flow.non2xx > 0 || flow.errors > 0) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.on('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--load') void generateLoad(JSON.parse(process.argv[3]) as LoadPlan);
else void main();
