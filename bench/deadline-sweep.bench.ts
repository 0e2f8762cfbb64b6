/**
 * The deadline sweep's look at the read models: BENCH_SUBMISSIONS submissions (50,000 unless
 * told) over two years, most closed, the rest awaiting a reply, material or feedback, written
 * through `SqliteEventStore.append` and projected; then the query the sweep runs
 * (`pendingDeadlineNotices`) is timed (p50/p99) as of a day in the middle, first with nothing
 * recorded (the first sweep after an upgrade), then with every due date it found recorded (every
 * later sweep), each with the due-date partial indexes and, in the same run, without them.
 *
 *   npm run bench:deadlines     BENCH_SUBMISSIONS=50000 BENCH_QUERY_RUNS=50
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent } from '../src/events/envelope';
import { FEATURES } from '../src/features';
import { ReadDatabase } from '../src/platform/event-store/read-database';
import { SqliteEventStore } from '../src/platform/event-store/sqlite-event-store';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import { ProjectionRunner } from '../src/platform/projections/projection-runner';
import { DueWindow, pendingDeadlineNotices } from '../src/projections/notifications.projection';
import {
  describeMachine,
  envInt,
  formatMachine,
  formatMs,
  formatTable,
  median,
  percentile,
} from './bench-util';

const SUBMISSIONS = envInt('BENCH_SUBMISSIONS', 50_000);
const RUNS = envInt('BENCH_QUERY_RUNS', 50);
const WINDOW: DueWindow = { today: '2025-06-02', soon: '2025-06-05', soonDays: 3 };
/** The due-date partial indexes of the submissions read model, dropped to compare. */
const INDEX_NAMES = [
  'rm_submissions_reply_due',
  'rm_submissions_feedback_due',
  'rm_material_requests_due',
];

const day = (offset: number) => {
  const d = new Date(Date.UTC(2024, 5, 1));
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

/** One submission's events: sent on a day of the two years, then as far as its fate takes it. */
function history(i: number): NewEvent[] {
  const id = randomUUID();
  const sent = i % 730;
  const at = `${day(sent)}T02:00:00.000Z`;
  const actor = { userId: 'u', organisationId: 'cn-220000-npcpg', role: 'party_group' as const };
  const event = (type: string, data: object, schemaVersion = 1): NewEvent => ({
    eventId: randomUUID(),
    type,
    schemaVersion,
    data,
    metadata: { occurredAt: at, actor, correlationId: id, causationId: null },
  });
  const events = [
    event(
      'SubmissionDrafted',
      {
        submissionId: id,
        kind: 'request',
        category: 'major_issue',
        title: `关于第${i}号事项的请示`,
        summary: 's',
        body: 'b',
        documentNumber: null,
        classification: 'internal',
        replyRequestedBy: null,
        references: [],
        submittingOrganisationId: 'cn-220000-npcpg',
        addressedCommitteeId: 'cn-220000-pc',
        replacesSubmissionId: null,
        itemIds: [],
        decisionIds: [],
      },
      2,
    ),
    event('SubmissionSubmitted', {
      submittedAt: at,
      documentNumber: `吉人党字〔2025〕${i}号`,
      replyDueBy: day(sent + 21),
    }),
    event('SubmissionReceived', { receivedAt: at, officeLogNumber: `${i}` }),
  ];
  const fate = i % 20;
  if (fate === 0) {
    events.push(
      event('SupplementaryMaterialRequested', {
        requestNumber: 1,
        description: 'd',
        dueBy: day(sent + 10),
      }),
    );
  } else if (fate >= 3) {
    events.push(
      event(
        'CommitteeMeetingRecorded',
        {
          meetingKind: 'standing_committee_meeting',
          meetingDate: day(sent + 5),
          minutesReference: null,
        },
        2,
      ),
      event('OpinionIssued', {
        documentNumber: `吉委办函〔2025〕${i}号`,
        outcome: 'approved_with_opinions',
        issuedAt: at,
        points: [{ number: 1, text: 't' }],
        feedbackDueBy: day(sent + 60),
      }),
    );
    if (fate >= 6) {
      events.push(event('SubmissionClosed', { closedAt: at, reason: 'all_points_answered' }));
    }
  }
  return events;
}

/** Wall time per run (p50, p99) and this process's CPU time per run, which load does not inflate. */
function time(run: () => unknown): { p50: number; p99: number; cpu: number; rows: number } {
  let rows = 0;
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    rows = (run() as unknown[]).length;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const used = process.cpuUsage(cpu);
  return {
    p50: median(times),
    p99: percentile(times, 99),
    cpu: (used.user + used.system) / 1000 / RUNS,
    rows,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'legislink-deadlines-bench-'));
  const path = join(dir, 'legislink.sqlite');
  const store = new SqliteEventStore(path);
  const read = new ReadDatabase(path);
  try {
    const loadBefore = loadavg();
    for (let i = 0; i < SUBMISSIONS; i++) {
      const events = history(i);
      const id = (events[0].data as { submissionId: string }).submissionId;
      await store.append(`submission-${id}`, events, 'no_stream');
    }
    const registry = new FeatureRegistry(FEATURES);
    const runner = new ProjectionRunner(store, read.db, registry.projections, registry.catalogue);
    const cpu = process.cpuUsage();
    await runner.rebuild('submissions');
    await runner.rebuild('notifications');
    const rebuildCpu = process.cpuUsage(cpu);
    const db = read.db;
    const rows: string[][] = [];
    const indexes = db
      .prepare<string[], { sql: string }>(
        `SELECT sql FROM sqlite_master WHERE type = 'index' AND name IN (?, ?, ?)`,
      )
      .all(...INDEX_NAMES)
      .map((r) => r.sql);
    if (indexes.length !== INDEX_NAMES.length) throw new Error('The due-date indexes are missing');
    const measure = (state: string) => {
      const indexed = time(() => pendingDeadlineNotices(db, WINDOW));
      for (const name of INDEX_NAMES) db.exec(`DROP INDEX ${name}`);
      const scanned = time(() => pendingDeadlineNotices(db, WINDOW));
      for (const sql of indexes) db.exec(sql);
      rows.push([
        state,
        String(indexed.rows),
        formatMs(indexed.p50),
        formatMs(indexed.p99),
        formatMs(indexed.cpu),
        formatMs(scanned.p50),
        formatMs(scanned.p99),
        formatMs(scanned.cpu),
        `${(scanned.cpu / indexed.cpu).toFixed(1)}×`,
      ]);
    };
    measure('nothing recorded (first sweep)');
    const found = pendingDeadlineNotices(db, WINDOW);
    const insert = db.prepare('INSERT INTO rm_deadline_notices VALUES (?, ?, ?)');
    db.transaction(() => {
      for (const n of found) insert.run(n.notificationId, n.submissionId, '2025-06-02T00:00:00Z');
    })();
    measure('all found recorded (later sweeps)');
    const loadAfter = loadavg();
    process.stdout.write(
      `\n${SUBMISSIONS} submissions, as of ${WINDOW.today} (window ${WINDOW.soonDays} days), ${RUNS} runs each; ` +
        `projections rebuilt in ${formatMs((rebuildCpu.user + rebuildCpu.system) / 1000)} CPU\n\n` +
        formatTable(
          [
            'read models',
            'due dates found',
            'p50 indexed',
            'p99 indexed',
            'CPU indexed',
            'p50 no index',
            'p99 no index',
            'CPU no index',
            'CPU ratio',
          ],
          rows,
        ) +
        `\nload average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} → ${loadAfter.map((l) => l.toFixed(2)).join(' ')}\n` +
        `${formatMachine(describeMachine(dir))}\n`,
    );
  } finally {
    read.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
