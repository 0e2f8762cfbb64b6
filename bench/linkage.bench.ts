/**
 * The linkage view at the size: 1,000 committee decisions, 5,000 legislative items and
 * 50,000 submissions about them (about one million events) across ten regions, written into a
 * SQLite store; then the linkage projection is rebuilt from zero, timed against the log-read
 * floor measured in the same run, and the main queries of the view are timed (p50/p99) through
 * the query class the HTTP controller calls.
 *
 *   npm run bench:linkage        BENCH_SCALE_PERCENT=100 BENCH_QUERY_RUNS=300 BENCH_ROUNDS=1
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Actor, NewEvent } from '../src/events/envelope';
import { loadConfig } from '../src/config/app-config';
import { FEATURES } from '../src/features';
import { ActorContext } from '../src/platform/access/actor';
import { ReadDatabase } from '../src/platform/event-store/read-database';
import { SqliteEventStore } from '../src/platform/event-store/sqlite-event-store';
import { ManualClock } from '../src/platform/kernel/clock';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import { ProjectionRunner } from '../src/platform/projections/projection-runner';
import { LinkageQueries } from '../src/modules/linkage/linkage-queries';
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

const SCALE = envInt('BENCH_SCALE_PERCENT', 100) / 100;
const DECISIONS = Math.max(10, Math.round(1000 * SCALE));
const ITEMS = DECISIONS * 5;
export const SUBMISSIONS = ITEMS * 10;
export const REGIONS = 10;
const QUERY_RUNS = envInt('BENCH_QUERY_RUNS', 300);
const ROUNDS = envInt('BENCH_ROUNDS', 1);
/** Appends in flight at once: the store commits them in groups. */
const IN_FLIGHT = 256;

export const regionCode = (r: number) => (r === 0 ? '220000' : `22${String(r).padStart(2, '0')}00`);
export const org = (r: number, suffix: string) => `cn-${regionCode(r)}-${suffix}`;
const legislatureActor = (r: number): Actor => ({
  userId: `leg-${r}`,
  organisationId: org(r, 'npcpg'),
  role: 'party_group',
});
const officeActor = (r: number): Actor => ({
  userId: `office-${r}`,
  organisationId: org(r, 'pco'),
  role: 'committee_office',
});

const START = Date.parse('2020-01-01T02:00:00.000Z');
const day = (offset: number) => new Date(START + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The generator writes today's payload shapes, so each event at its type's current schema
 * version: at version 1, the upcasters would drop the v2 fields (a submission's items and
 * decisions, a feedback's reading and articles), and the view would see no submission about
 * anything.
 */
const CATALOGUE = new FeatureRegistry(FEATURES).catalogue;

function event(type: string, data: object, actor: Actor, occurredOn: string): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: CATALOGUE.currentVersion(type),
    data,
    metadata: {
      occurredAt: `${occurredOn}T02:00:00.000Z`,
      actor,
      correlationId: randomUUID(),
      causationId: null,
    },
  };
}

const pick = <T>(values: readonly T[], n: number) => values[n % values.length];
const AREAS = ['生态环境', '农业农村', '营商环境', '社会治理', '文化教育', '民生保障'];

interface Stream {
  id: string;
  events: NewEvent[];
}

/** The generated history, stream by stream, in the order the phases write them. */
export function history(): Iterable<Stream>[] {
  const organisations: Stream[] = [];
  for (let r = 0; r < REGIONS; r++) {
    const level = r === 0 ? 'province' : 'city';
    const bodies: [string, string, string | null][] = [
      ['pc', 'party_committee', null],
      ['pco', 'committee_office', org(r, 'pc')],
      ['npcpg', 'standing_committee_party_group', null],
      ['npc-fgw', 'special_committee', org(r, 'npcpg')],
    ];
    for (const [suffix, kind, parent] of bodies) {
      const organisationId = org(r, suffix);
      organisations.push({
        id: `organisation-${organisationId}`,
        events: [
          event(
            'OrganisationRegistered',
            {
              organisationId,
              kind,
              level,
              regionCode: regionCode(r),
              nameZh: organisationId,
              nameEn: organisationId,
              parentOrganisationId: parent,
            },
            { userId: 'admin', organisationId: 'legislink-operator', role: 'admin' },
            '2019-12-01',
          ),
        ],
      });
    }
  }
  const decisionIds = Array.from({ length: DECISIONS }, () => randomUUID());
  const itemIds = Array.from({ length: ITEMS }, () => randomUUID());
  const regionOfDecision = (d: number) => d % REGIONS;
  const decisions: Stream[] = decisionIds.map((id, d) => {
    const r = regionOfDecision(d);
    const decidedOn = day(d % 1500);
    const events = [
      event(
        'CommitteeDecisionRecorded',
        {
          decisionId: id,
          committeeId: org(r, 'pc'),
          recordedByOfficeId: org(r, 'pco'),
          documentNumber: `吉发〔${decidedOn.slice(0, 4)}〕${d}号`,
          title: `关于${pick(AREAS, d)}的决定（${d}）`,
          summary: '……',
          decidedOn,
          policyAreas: [pick(AREAS, d), pick(AREAS, d + 1)],
          kind: d % 3 ? 'reform_plan' : 'specific_measure',
          followUp: d % 4 ? 'new_law' : null,
        },
        officeActor(r),
        decidedOn,
      ),
      event(
        'DecisionTransmitted',
        { legislatureId: org(r, 'npcpg'), transmittedAt: `${decidedOn}T08:00:00.000Z` },
        officeActor(r),
        decidedOn,
      ),
      event(
        'DecisionTransmissionAcknowledged',
        { acknowledgedAt: `${decidedOn}T09:00:00.000Z` },
        legislatureActor(r),
        decidedOn,
      ),
    ];
    if (d % 2) {
      events.push(
        event(
          'DecisionFollowUpReported',
          { reportNumber: 1, text: '进展', reportedAt: `${day((d % 1500) + 200)}T02:00:00.000Z` },
          legislatureActor(r),
          day((d % 1500) + 200),
        ),
      );
    }
    return { id: `decision-${id}`, events };
  });
  const items: Stream[] = [];
  const links: Stream[] = [];
  itemIds.forEach((id, n) => {
    const d = Math.floor(n / 5);
    const r = regionOfDecision(d);
    const leg = legislatureActor(r);
    const start = (d % 1500) + 10 + (n % 5) * 7;
    const progress = n % 9; // how far the item has got
    const events = [
      event(
        'LegislativeItemProposed',
        {
          itemId: id,
          kind: 'local_regulation',
          legislatureId: org(r, 'npcpg'),
          committeeId: org(r, 'pc'),
          title: `${pick(AREAS, n)}条例（${n}）`,
          summary: '……',
          policyAreas: [pick(AREAS, n)],
          proposedOn: day(start),
        },
        leg,
        day(start),
      ),
    ];
    const steps: [string, object, number][] = [
      ['ItemPlanned', { planId: `plan-${r}`, plannedOn: day(start + 20) }, 20],
      ['ItemDraftingStarted', { draftingUnitId: 'unit', startedOn: day(start + 40) }, 40],
      [
        'ItemReadingHeld',
        { readingNumber: 1, heldOn: day(start + 120), meetingReference: 'm1' },
        120,
      ],
      [
        'ItemReadingHeld',
        { readingNumber: 2, heldOn: day(start + 180), meetingReference: 'm2' },
        180,
      ],
      [
        'ItemScheduledForVote',
        { agendaDate: day(start + 240), scheduledOn: day(start + 220) },
        220,
      ],
      ['ItemAdopted', { adoptedOn: day(start + 240), tally: null }, 240],
      ['ItemPromulgated', { announcementNumber: `第${n}号`, promulgatedOn: day(start + 245) }, 245],
      ['ItemEnteredIntoForce', { inForceOn: day(start + 300) }, 300],
    ];
    for (const [type, data, offset] of steps.slice(0, progress)) {
      events.push(event(type, data, leg, day(start + offset)));
    }
    if (n % 7 === 0) {
      events.push(
        event(
          'DivergenceRecorded',
          {
            divergenceNumber: 1,
            description: '分歧',
            submissionId: null,
            pointNumber: null,
            recordedOn: day(start + 130),
          },
          leg,
          day(start + 130),
        ),
      );
      if (n % 14 === 0) {
        events.push(
          event(
            'DivergenceResolved',
            { divergenceNumber: 1, result: '协商一致', resolvedOn: day(start + 150) },
            leg,
            day(start + 150),
          ),
        );
      }
    }
    if (progress === 8 && n % 3 === 0) {
      events.push(
        event(
          'PostLegislationInquiryOpened',
          {
            inquiryNumber: 1,
            question: '实施情况',
            dueBy: day(start + 420),
            openedAt: `${day(start + 400)}T02:00:00.000Z`,
          },
          officeActor(r),
          day(start + 400),
        ),
        event(
          'InquiryAnswered',
          {
            inquiryNumber: 1,
            conclusion: pick(['keep', 'amend', 'abolish'], n),
            text: '答复',
            answeredAt: `${day(start + 415)}T02:00:00.000Z`,
          },
          leg,
          day(start + 415),
        ),
      );
    }
    items.push({ id: `item-${id}`, events });
    const linkId = randomUUID();
    links.push({
      id: `link-${linkId}`,
      events: [
        event(
          'LinkEstablished',
          {
            linkId,
            type: 'implements',
            from: { kind: 'item', id, point: null },
            to: { kind: 'decision', id: decisionIds[d], point: null },
            rationale: '落实',
            establishedAt: `${day(start + 1)}T02:00:00.000Z`,
          },
          leg,
          day(start + 1),
        ),
      ],
    });
  });
  const plans: Stream[] = Array.from({ length: REGIONS }, (_, r) => ({
    id: `plan-plan-${r}`,
    events: [
      event(
        'LegislativePlanDrafted',
        {
          planId: `plan-${r}`,
          legislatureId: org(r, 'npcpg'),
          committeeId: org(r, 'pc'),
          kind: 'five_year',
          fromYear: 2020,
          toYear: 2024,
          title: '五年立法规划',
          entries: [],
          draftedAt: '2020-01-05T02:00:00.000Z',
        },
        legislatureActor(r),
        '2020-01-05',
      ),
      event(
        'PlanApproved',
        { approvedOn: '2020-02-01', approvalReference: '常委会' },
        officeActor(r),
        '2020-02-01',
      ),
    ],
  }));
  // Generated as they are written: a million events do not sit in memory at once.
  function* submissions(): Iterable<Stream> {
    for (let s = 0; s < SUBMISSIONS; s++) {
      const n = s % ITEMS;
      const d = Math.floor(n / 5);
      const r = regionOfDecision(d);
      const id = randomUUID();
      const leg = legislatureActor(r);
      const office = officeActor(r);
      const on = (d % 1500) + 15 + Math.floor(s / ITEMS) * 30;
      const instant = (offset: number) => `${day(on + offset)}T02:00:00.000Z`;
      const points = [1, 2, 3, 4].map((number) => ({ number, text: `意见${number}` }));
      const events = [
        event(
          'SubmissionDrafted',
          {
            submissionId: id,
            kind: 'request',
            category: pick(
              ['drafting', 'pre_deliberation', 'major_issue', 'legislative_project'],
              s,
            ),
            title: `关于${pick(AREAS, s)}的请示（${s}）`,
            summary: '……',
            body: '……'.repeat(20),
            documentNumber: null,
            classification: 'internal',
            replyRequestedBy: null,
            references: [],
            submittingOrganisationId: org(r, 'npcpg'),
            addressedCommitteeId: org(r, 'pc'),
            replacesSubmissionId: null,
            itemIds: [itemIds[n]],
            decisionIds: s % 10 === 0 ? [decisionIds[d]] : [],
          },
          leg,
          day(on),
        ),
        event(
          'SubmissionDraftAmended',
          { title: `关于${pick(AREAS, s)}的请示（修改）` },
          leg,
          day(on),
        ),
        event(
          'PartyGroupDiscussionRecorded',
          {
            meetingKind: 'party_group_meeting',
            meetingDate: day(on + 1),
            minutesReference: '纪要',
          },
          leg,
          day(on + 1),
        ),
        event(
          'SubmissionSubmitted',
          {
            submittedAt: instant(2),
            documentNumber: `吉人党字〔${s}〕号`,
            replyDueBy: day(on + 23),
          },
          leg,
          day(on + 2),
        ),
        event(
          'SubmissionReceived',
          { receivedAt: instant(3), officeLogNumber: `收${s}` },
          office,
          day(on + 3),
        ),
        event(
          'SupplementaryMaterialRequested',
          { requestNumber: 1, description: '补充材料', dueBy: day(on + 8) },
          office,
          day(on + 4),
        ),
        event(
          'SupplementaryMaterialSupplied',
          {
            requestNumber: 1,
            description: '材料',
            documentReferences: [],
            replyDueBy: day(on + 27),
          },
          leg,
          day(on + 7),
        ),
        event(
          'CommitteeMeetingRecorded',
          {
            meetingKind: 'standing_committee_meeting',
            meetingDate: day(on + 10),
            minutesReference: null,
          },
          office,
          day(on + 10),
        ),
        event(
          'OpinionIssued',
          {
            documentNumber: `吉委办函〔${s}〕号`,
            outcome: 'approved_with_opinions',
            issuedAt: instant(12),
            points,
            feedbackDueBy: day(on + 54),
          },
          office,
          day(on + 12),
        ),
      ];
      if (s % 5 !== 0) {
        for (const { number } of points) {
          events.push(
            event(
              'OpinionPointFeedbackGiven',
              {
                pointNumber: number,
                adoption: pick(['adopted', 'partly_adopted', 'not_adopted'], s + number),
                explanation: null,
                givenAt: instant(30),
                readingNumber: 1,
                articles: [`art_${number}`],
              },
              leg,
              day(on + 30),
            ),
          );
        }
        for (const number of [1, 2]) {
          events.push(
            event(
              'OpinionPointFeedbackRevised',
              {
                pointNumber: number,
                revisionNumber: 1,
                adoption: 'adopted',
                explanation: '二审采纳',
                revisedAt: instant(60),
                readingNumber: 2,
                articles: [`art_${number}`, `art_${number + 10}`],
              },
              leg,
              day(on + 60),
            ),
          );
        }
        events.push(
          event(
            'SubmissionClosed',
            { closedAt: instant(60), reason: 'all_points_answered' },
            leg,
            day(on + 60),
          ),
        );
      }
      yield { id: `submission-${id}`, events };
    }
  }
  return [organisations, plans, decisions, items, links, submissions()];
}

export async function write(store: SqliteEventStore, streams: Iterable<Stream>): Promise<number> {
  let written = 0;
  let group: Stream[] = [];
  const flush = async () => {
    await Promise.all(group.map((s) => store.append(s.id, s.events, 'no_stream')));
    for (const s of group) written += s.events.length;
    group = [];
  };
  for (const stream of streams) {
    group.push(stream);
    if (group.length === IN_FLIGHT) await flush();
  }
  await flush();
  return written;
}

async function main(): Promise<void> {
  // BENCH_REUSE=<kept database>: time the queries only, on a log and view a run kept.
  const reuse = process.env.BENCH_REUSE;
  const dir = reuse ? dirname(reuse) : mkdtempSync(join(tmpdir(), 'legislink-linkage-bench-'));
  const path = reuse ?? join(dir, 'legislink.sqlite');
  const store = new SqliteEventStore(path);
  const read = new ReadDatabase(path);
  try {
    const loadBefore = loadavg();
    process.stdout.write(
      reuse
        ? `Reusing ${reuse}: queries only\n`
        : `Generating ${DECISIONS} decisions, ${ITEMS} items, ${SUBMISSIONS} submissions…\n`,
    );
    const started = Date.now();
    let total = 0;
    for (const phase of reuse ? [] : history()) total += await write(store, phase);
    if (reuse) {
      total = read.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!.n;
    }
    // The as-of query reads the view at the middle of the log.
    const half = Math.floor(total / 2);
    const [mid] = await store.readAll({ from: `${half}/${half}`, maxCount: 1 });
    const middle = mid.position;
    process.stdout.write(`Wrote ${total} events in ${formatMs(Date.now() - started)}\n`);

    const registry = new FeatureRegistry(FEATURES);
    const linkage = registry.projections.filter((p) => p.name === 'linkage');
    const runner = new ProjectionRunner(store, read.db, linkage, registry.catalogue);
    const floors: number[] = [];
    const rebuilds: number[] = [];
    const ratios: number[] = [];
    const seconds: number[] = [];
    for (let round = 0; round < (reuse ? 0 : ROUNDS); round++) {
      const floor = await timedEvents(() => readWholeLog(store));
      const rebuilt = await timedEvents(async () => (await runner.rebuild('linkage')).events);
      floors.push(floor.events / floor.seconds);
      rebuilds.push(rebuilt.events / rebuilt.seconds);
      ratios.push(rebuilt.events / rebuilt.seconds / (floor.events / floor.seconds));
      seconds.push(rebuilt.seconds);
    }
    const versions = read.db
      .prepare<[], { n: number }>(
        `SELECT (SELECT count(*) FROM lv_decisions) + (SELECT count(*) FROM lv_items)
          + (SELECT count(*) FROM lv_submissions) + (SELECT count(*) FROM lv_points)
          + (SELECT count(*) FROM lv_links) AS n`,
      )
      .get()!.n;
    const counterVersions = read.db
      .prepare<[], { n: number }>(
        `SELECT (SELECT count(*) FROM lv_item_counters)
          + (SELECT count(*) FROM lv_decision_counters) AS n`,
      )
      .get()!.n;

    // Queries, through the query class the controller calls, at 2025-06-01.
    const queries = new LinkageQueries(
      read,
      new LogCalendar(read, new ManualClock(new Date('2025-06-01T04:00:00.000Z'))),
      loadConfig({}),
    );
    const caller = (r: number): ActorContext => ({
      userId: `office-${r}`,
      userName: `office-${r}`,
      roles: ['committee_office'],
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
    const someDecisions = read.db
      .prepare<[], { decision_id: string; committee_id: string }>(
        'SELECT decision_id, committee_id FROM lv_decisions WHERE valid_to IS NULL',
      )
      .all();
    const regionOf = (committeeId: string) =>
      [...Array(REGIONS).keys()].find((r) => org(r, 'pc') === committeeId)!;
    const someItems = read.db
      .prepare<[], { item_id: string; committee_id: string }>(
        'SELECT item_id, committee_id FROM lv_items WHERE valid_to IS NULL',
      )
      .all();
    // The process's CPU time per query beside the wall times: on a shared machine the wall
    // time's tail is other processes' as much as ours (the CPU time excludes waiting for a core).
    const measure = (name: string, run: (n: number) => number) => {
      const times = timeQueries(QUERY_RUNS, run);
      return [
        name,
        formatMs(median(times.wall)),
        formatMs(percentile(times.wall, 99)),
        formatMs(median(times.cpu)),
        formatMs(percentile(times.cpu, 99)),
        (times.total / QUERY_RUNS).toFixed(1),
      ];
    };
    const secondPageCursors = [...Array(REGIONS).keys()].map(
      (r) => queries.listDecisions(caller(r), { limit: 50 }).nextCursor ?? undefined,
    );
    const queryRows = [
      measure(
        'decisions, first page (20)',
        (n) => queries.listDecisions(caller(n % REGIONS), { limit: 20 }).items.length,
      ),
      measure(
        'decisions, first page (50)',
        (n) => queries.listDecisions(caller(n % REGIONS), { limit: 50 }).items.length,
      ),
      // The cursor is taken beforehand: the time is the second page's alone.
      measure(
        'decisions, second page by cursor (50)',
        (n) =>
          queries.listDecisions(caller(n % REGIONS), {
            limit: 50,
            cursor: secondPageCursors[n % REGIONS],
          }).items.length,
      ),
      measure(
        'decisions sorted by lag (50)',
        (n) =>
          queries.listDecisions(caller(n % REGIONS), { limit: 50, sort: 'lag', order: 'asc' }).items
            .length,
      ),
      measure(
        'decisions, flag=stalled (50)',
        (n) =>
          queries.listDecisions(caller(n % REGIONS), { limit: 50, flag: 'stalled' }).items.length,
      ),
      measure('decision detail', (n) => {
        const d = someDecisions[(n * 7919) % someDecisions.length];
        return queries.decisionDetail(caller(regionOf(d.committee_id)), d.decision_id).submissions
          .length;
      }),
      measure('item detail', (n) => {
        const i = someItems[(n * 7919) % someItems.length];
        return queries.itemDetail(caller(regionOf(i.committee_id)), i.item_id).submissions.length;
      }),
      measure(
        'items, first page (50)',
        (n) => queries.listItems(caller(n % REGIONS), { limit: 50 }).items.length,
      ),
      measure(
        'decisions, policyArea and year (50)',
        (n) =>
          queries.listDecisions(caller(n % REGIONS), {
            limit: 50,
            policyArea: pick(AREAS, n),
            year: 2020 + (n % 3),
          }).items.length,
      ),
      measure(
        'items, stage=drafting (50)',
        (n) =>
          queries.listItems(caller(n % REGIONS), { limit: 50, stage: 'drafting' }).items.length,
      ),
      measure(
        'decisions as of mid-log position (20)',
        (n) => queries.listDecisions(caller(n % REGIONS), { limit: 20, asOf: middle }).items.length,
      ),
      measure(
        'decisions as of mid-log position (50)',
        (n) => queries.listDecisions(caller(n % REGIONS), { limit: 50, asOf: middle }).items.length,
      ),
    ];
    const loadAfter = loadavg();
    const rows: string[][] = [
      ['read the log (floor)', String(total), formatRate(median(floors)), '100%', ''],
      [
        'rebuild linkage',
        String(total),
        formatRate(median(rebuilds)),
        `${(median(ratios) * 100).toFixed(0)}%`,
        formatMs(median(seconds) * 1000),
      ],
    ];
    process.stdout.write(
      `\n${reuse ? '' : formatTable(['run', 'events', 'events/s', 'of floor', 'time'], rows)}\n` +
        `row versions in the main lv_ tables: ${versions}, in the counters: ${counterVersions}\n\n` +
        `${formatTable(['query (committee office of one region)', 'p50', 'p99', 'CPU p50', 'CPU p99', 'rows'], queryRows)}\n\n` +
        `${formatMachine(describeMachine(dir))}\n` +
        `Load average (1/5/15 min) before: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after: ${loadAfter.map((l) => l.toFixed(2)).join(' ')}\n` +
        `Scale: ${SCALE * 100}% (${DECISIONS} decisions, ${ITEMS} items, ${SUBMISSIONS} submissions, ${REGIONS} regions), ${QUERY_RUNS} runs per query\n\n`,
    );
    process.stdout.write(
      `${JSON.stringify({ bench: 'linkage', date: new Date().toISOString(), events: total, scale: SCALE, eventsPerSecond: median(rebuilds), floor: median(floors), ofFloor: median(ratios), rebuildSeconds: median(seconds), queries: queryRows, loadBefore, loadAfter, machine: describeMachine(dir) })}\n`,
    );
  } finally {
    read.close();
    await store.close();
    if (process.env.BENCH_KEEP || reuse) process.stdout.write(`Kept ${path}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

// The dashboards bench reuses the generator: only run when started as the script.
if (require.main === module) void main();
