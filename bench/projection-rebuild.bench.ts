/**
 * Projection rebuild rate over a log of realistic submission histories (100,000 events by
 * default): every projection is emptied and replayed from zero. The raw engine's floor is a plain
 * read of the same log page by page (SQLite reads and JSON parsing, no projection work), timed
 * in the same run.
 *
 *   npm run bench:rebuild            BENCH_EVENTS=100000
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent } from '../src/events/envelope';
import { ReadDatabase } from '../src/platform/event-store/read-database';
import { SqliteEventStore } from '../src/platform/event-store/sqlite-event-store';
import { FEATURES } from '../src/features';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import { ProjectionRunner } from '../src/platform/projections/projection-runner';
import {
  describeMachine,
  envInt,
  formatMachine,
  formatRate,
  formatTable,
  readWholeLog,
  timedEvents,
} from './bench-util';

const TOTAL = envInt('BENCH_EVENTS', 100_000);
const ROUNDS = envInt('BENCH_ROUNDS', 5);

const metadata = (role: 'legislature' | 'committee_office') => ({
  occurredAt: new Date().toISOString(),
  actor: {
    userId: role,
    organisationId: role === 'legislature' ? 'cn-220000-npcpg' : 'cn-220000-pco',
    role,
  },
  correlationId: randomUUID(),
  causationId: null,
});

/** One submission's life: eight events from draft to closed. */
function history(id: string): NewEvent[] {
  const e = (
    type: string,
    data: object,
    role: 'legislature' | 'committee_office' = 'legislature',
  ) => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: metadata(role),
  });
  return [
    e('SubmissionDrafted', {
      submissionId: id,
      kind: 'request',
      category: 'major_issue',
      title: '关于《吉林省黑土地保护条例（草案）》有关重大问题的请示',
      summary: '请省委研究补偿范围等问题',
      body: '一、关于补偿范围……'.repeat(40),
      documentNumber: '吉人党字〔2025〕3号',
      classification: 'confidential',
      replyRequestedBy: null,
      references: [],
      submittingOrganisationId: 'cn-220000-npcpg',
      addressedCommitteeId: 'cn-220000-pc',
      replacesSubmissionId: null,
    }),
    e('PartyGroupDiscussionRecorded', {
      meetingKind: 'party_group_meeting',
      meetingDate: '2025-01-02',
      minutesReference: '纪要',
    }),
    e('SubmissionSubmitted', {
      submittedAt: '2025-01-03T02:00:00.000Z',
      documentNumber: '吉人党字〔2025〕3号',
      replyDueBy: '2025-01-24',
    }),
    e(
      'SubmissionReceived',
      { receivedAt: '2025-01-03T03:00:00.000Z', officeLogNumber: '收文118' },
      'committee_office',
    ),
    e(
      'CommitteeMeetingRecorded',
      {
        meetingKind: 'standing_committee_meeting',
        meetingDate: '2025-01-10',
        minutesReference: null,
      },
      'committee_office',
    ),
    e(
      'OpinionIssued',
      {
        documentNumber: '吉委办函',
        outcome: 'approved_with_opinions',
        issuedAt: '2025-01-13T02:00:00.000Z',
        points: [{ number: 1, text: '明确补偿标准' }],
        feedbackDueBy: '2025-02-28',
      },
      'committee_office',
    ),
    e('OpinionPointFeedbackGiven', {
      pointNumber: 1,
      adoption: 'partly_adopted',
      explanation: '部分采纳',
      givenAt: '2025-02-01T02:00:00.000Z',
    }),
    e('SubmissionClosed', { closedAt: '2025-02-01T02:00:00.000Z', reason: 'all_points_answered' }),
  ];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'legislink-rebuild-bench-'));
  const path = join(dir, 'legislink.sqlite');
  const store = new SqliteEventStore(path);
  const read = new ReadDatabase(path);
  try {
    process.stdout.write(`Writing ${TOTAL} events…\n`);
    for (let written = 0; written < TOTAL;) {
      const id = randomUUID();
      const events = history(id).slice(0, TOTAL - written);
      await store.append(`submission-${id}`, events, 'no_stream');
      written += events.length;
    }

    const registry = new FeatureRegistry(FEATURES);
    const runner = new ProjectionRunner(store, read.db, registry.projections, registry.catalogue);
    // The machine is shared: each round times the floor right before each rebuild, and the
    // figures are the medians of the rounds' rates and of their ratios.
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
    const rates: Record<string, number[]> = { readLog: [] };
    const ratios: Record<string, number[]> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const projection of registry.projections) {
        const floor = await timedEvents(() => readWholeLog(store));
        const rebuilt = await timedEvents(
          async () => (await runner.rebuild(projection.name)).events,
        );
        rates.readLog.push(floor.events / floor.seconds);
        (rates[projection.name] ??= []).push(rebuilt.events / rebuilt.seconds);
        (ratios[projection.name] ??= []).push(
          rebuilt.events / rebuilt.seconds / (floor.events / floor.seconds),
        );
      }
    }
    const results = Object.fromEntries(
      Object.entries(rates).map(([name, values]) => [name, median(values)]),
    );
    const rows: string[][] = [
      ['read the log (floor)', String(TOTAL), formatRate(results.readLog), '100%'],
      ...registry.projections.map((p) => [
        `rebuild ${p.name}`,
        String(TOTAL),
        formatRate(results[p.name]),
        `${(median(ratios[p.name]) * 100).toFixed(0)}%`,
      ]),
    ];
    process.stdout.write(
      `\n${formatTable(['run', 'events', 'events/s (median)', 'of floor (median of rounds)'], rows)}\n\n${formatMachine(describeMachine(dir))}\n\n`,
    );
    process.stdout.write(
      `${JSON.stringify({ bench: 'projection-rebuild', date: new Date().toISOString(), events: TOTAL, eventsPerSecond: results, ofFloor: Object.fromEntries(Object.entries(ratios).map(([n, v]) => [n, median(v)])), machine: describeMachine(dir) })}\n`,
    );
  } finally {
    read.close();
    await store.close();
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

void main();
