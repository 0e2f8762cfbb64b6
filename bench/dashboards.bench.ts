/**
 * The dashboards at the size: 100,000 submissions (with 2,000 decisions and 10,000
 * items; the linkage bench's generator at 200%), written into a SQLite store through
 * `SqliteEventStore.append`; then the dashboards projection is rebuilt from zero, timed
 * against the log-read floor in the same run, and every dashboard's answer is timed (p50/p99)
 * through the query class the HTTP controller calls, serialised as the controller sends it:
 * live, and as of the middle of the log.
 *
 *   npm run bench:dashboards     BENCH_SCALE_PERCENT=200 BENCH_QUERY_RUNS=300
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURES } from '../src/features';
import { ActorContext } from '../src/platform/access/actor';
import { ReadDatabase } from '../src/platform/event-store/read-database';
import { SqliteEventStore } from '../src/platform/event-store/sqlite-event-store';
import { ManualClock } from '../src/platform/kernel/clock';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import { ProjectionRunner } from '../src/platform/projections/projection-runner';
import { DashboardAnswer, DashboardQueries } from '../src/modules/dashboards/dashboard-queries';
import { DashboardQueryDto } from '../src/modules/dashboards/dashboards.dto';
import {
  describeMachine,
  envInt,
  formatMachine,
  formatMs,
  formatRate,
  formatTable,
  median,
  percentile,
  readWholeLog,
  timedEvents,
  timeQueries,
} from './bench-util';
import { LogCalendar } from '../src/platform/http/as-of';

// 100,000 submissions unless told otherwise; set before the generator reads it.
process.env.BENCH_SCALE_PERCENT ??= '200';
const QUERY_RUNS = envInt('BENCH_QUERY_RUNS', 300);

async function main(): Promise<void> {
  const generator = await import('./linkage.bench');
  const { REGIONS, SUBMISSIONS, org, regionCode } = generator;
  const dir = mkdtempSync(join(tmpdir(), 'legislink-dashboards-bench-'));
  const path = join(dir, 'legislink.sqlite');
  const store = new SqliteEventStore(path);
  const read = new ReadDatabase(path);
  try {
    const loadBefore = loadavg();
    process.stdout.write(`Generating ${SUBMISSIONS} submissions with their decisions and items…\n`);
    const started = Date.now();
    let total = 0;
    for (const phase of generator.history()) total += await generator.write(store, phase);
    const half = Math.floor(total / 2);
    const [mid] = await store.readAll({ from: `${half}/${half}`, maxCount: 1 });
    process.stdout.write(`Wrote ${total} events in ${formatMs(Date.now() - started)}\n`);

    // The log calendar's table is set up (its days resolve a date "as of"), not rebuilt: the
    // bench asks as of a position.
    const registry = new FeatureRegistry(FEATURES);
    const runner = new ProjectionRunner(
      store,
      read.db,
      registry.projections.filter((p) => ['log-calendar', 'dashboards'].includes(p.name)),
      registry.catalogue,
    );
    const floor = await timedEvents(() => readWholeLog(store));
    const rebuilt = await timedEvents(async () => (await runner.rebuild('dashboards')).events);
    const floorRate = floor.events / floor.seconds;
    const rebuildRate = rebuilt.events / rebuilt.seconds;
    const count = (sql: string) => read.db.prepare<[], { n: number }>(sql).get()!.n;
    const keys = count('SELECT count(*) AS n FROM db_counter_keys');
    const versions = count('SELECT count(*) AS n FROM db_counter_versions');

    const queries = new DashboardQueries(
      read,
      new LogCalendar(read, new ManualClock(new Date('2025-06-01T04:00:00.000Z'))),
    );
    const analyst = (r: number): ActorContext => ({
      userId: `analyst-${r}`,
      userName: `analyst-${r}`,
      roles: ['analyst'],
      organisation: {
        organisationId: org(r, 'pco'),
        kind: 'committee_office',
        level: r === 0 ? 'province' : 'city',
        regionCode: regionCode(r),
        parentOrganisationId: org(r, 'pc'),
        nameZh: '',
        nameEn: '',
        reportsThrough: null,
      },
    });
    const charts: [string, (who: ActorContext, filters: DashboardQueryDto) => DashboardAnswer][] = [
      ['adoption by year', (who, f) => queries.adoption(who, f, 'year')],
      ['adoption by body', (who, f) => queries.adoption(who, f, 'body')],
      ['timeliness', (who, f) => queries.timeliness(who, f)],
      ['overdue', (who, f) => queries.overdue(who, f)],
      ['stages', (who, f) => queries.stages(who, f)],
      ['flow', (who, f) => queries.flow(who, f)],
      ['lag', (who, f) => queries.lag(who, f)],
      ['divergences', (who, f) => queries.divergences(who, f)],
      ['inquiries', (who, f) => queries.inquiries(who, f)],
    ];
    const measure = (name: string, filters: DashboardQueryDto, run: (typeof charts)[0][1]) => {
      const times = timeQueries(QUERY_RUNS, (n) => {
        const answer = run(analyst(n % REGIONS), filters);
        JSON.stringify(answer);
        return answer.rows.reduce((sum, r) => sum + Number(r.count ?? r.total ?? 0), 0);
      });
      const cpuMs = times.cpu.reduce((sum, ms) => sum + ms, 0);
      return [
        name,
        formatMs(median(times.wall)),
        formatMs(percentile(times.wall, 99)),
        `${Math.round((cpuMs * 1000) / QUERY_RUNS)} µs`,
        (times.total / QUERY_RUNS).toFixed(0),
      ];
    };
    const asOf = { asOf: mid.position };
    const rows = [
      ...charts.map(([name, run]) => measure(name, {}, run)),
      ...charts.map(([name, run]) => measure(`${name}, as of the middle`, asOf, run)),
      measure(
        'adoption, year 2022 + category drafting',
        { year: 2022, category: 'drafting' },
        (w, f) => queries.adoption(w, f, 'category'),
      ),
    ];
    const loadAfter = loadavg();
    const rebuildRows = [
      [
        'read the log (floor)',
        String(total),
        formatRate(floorRate),
        '100%',
        formatMs(floor.seconds * 1000),
      ],
      [
        'rebuild dashboards',
        String(rebuilt.events),
        formatRate(rebuildRate),
        `${((rebuildRate / floorRate) * 100).toFixed(0)}%`,
        formatMs(rebuilt.seconds * 1000),
      ],
    ];
    process.stdout.write(
      `\n${formatTable(['run', 'events', 'events/s', 'of floor', 'time'], rebuildRows)}\n` +
        `counter keys: ${keys}, counter versions: ${versions}\n\n` +
        `${formatTable(['dashboard (committee office of one region)', 'p50', 'p99', 'CPU/answer', 'counted'], rows)}\n\n` +
        `${formatMachine(describeMachine(dir))}\n` +
        `Load average (1/5/15 min) before: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after: ${loadAfter.map((l) => l.toFixed(2)).join(' ')}\n` +
        `Scale: ${SUBMISSIONS} submissions, ${REGIONS} regions, ${QUERY_RUNS} runs per query\n\n`,
    );
    process.stdout.write(
      `${JSON.stringify({ bench: 'dashboards', date: new Date().toISOString(), events: total, submissions: SUBMISSIONS, floor: floorRate, eventsPerSecond: rebuildRate, ofFloor: rebuildRate / floorRate, rebuildSeconds: rebuilt.seconds, keys, versions, queries: rows, loadBefore, loadAfter, machine: describeMachine(dir) })}\n`,
    );
  } finally {
    read.close();
    await store.close();
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

void main();
