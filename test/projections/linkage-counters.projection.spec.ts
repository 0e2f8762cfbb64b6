import Database from 'better-sqlite3';
import fc from 'fast-check';
import { loadConfig } from '../../src/config/app-config';
import { Actor } from '../../src/events/envelope';
import { ActorContext } from '../../src/platform/access/actor';
import { ReadDatabase } from '../../src/platform/event-store/read-database';
import { ManualClock } from '../../src/platform/kernel/clock';
import { statement } from '../../src/platform/kernel/projection';
import { readerParams } from '../../src/platform/projections/readers-table';
import { LinkageQueries } from '../../src/modules/linkage/linkage-queries';
import { SENT, pageDecisionItemsSql } from '../../src/modules/linkage/linkage.sql';
import { positionNumber } from '../../src/projections/linkage.projection';
import { holds } from '../../src/projections/temporal-table';
import { ORGS, caller, registerOrganisations } from '../support/linkage-history';
import { LogFixture, registry } from '../support/projection-fixture';
import { LogCalendar } from '../../src/platform/http/as-of';

/*
 * The counters the projection keeps per item and per decision against what the view summed at
 * query time before it kept them (the statement below, as it was): over generated histories of
 * links made and removed, submissions drafted about items and decisions, amended, sent,
 * answered with points, given feedback and revised; for callers who read every item of a
 * decision and callers who read only some; live and as of every position of the history.
 */

/** The old query-time sum, kept here as the oracle: each sent submission once per decision. */
const scanStatsSql = (asOf: boolean) => `WITH subjects(page_id, kind, subject_id) AS (
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
    FROM json_each(@pairs)),
  reached(page_id, submission_id) AS (
    SELECT DISTINCT x.page_id, ss.submission_id FROM subjects x
    JOIN lv_submission_subjects ss ON ss.subject_id = x.subject_id
      AND ss.subject_kind = x.kind AND ${holds('ss', asOf)})
  SELECT r.page_id, COUNT(*) AS submissions, COALESCE(SUM(s.points), 0) AS points,
    COALESCE(SUM(s.adopted), 0) AS adopted, COALESCE(SUM(s.partly_adopted), 0) AS partly_adopted,
    COALESCE(SUM(s.not_adopted), 0) AS not_adopted
  FROM reached r JOIN lv_submissions s
    ON s.submission_id = r.submission_id AND ${holds('s', asOf)} AND ${SENT}
  GROUP BY r.page_id`;

interface Stats {
  submissionCount: number;
  opinionPointCount: number;
  adoption: { adopted: number; partly_adopted: number; not_adopted: number; pending: number };
}

const PROVINCE_GOVERNMENT = {
  ...ORGS.jlLegislature,
  organisationId: 'cn-220000-gpg',
  kind: 'government_party_group',
};

/** The province's decisions and items: two items are the government's, read by fewer. */
const DECISIONS = ['d1', 'd2', 'd3'].map((d) => `${d}000000-0000-5000-8000-000000000000`);
const ITEMS = ['a1', 'a2', 'a3', 'a4'].map((i) => `${i}000000-0000-4000-8000-000000000000`);
const GOVERNMENT_ITEMS = new Set([ITEMS[2], ITEMS[3]]);
const SUBMISSIONS = ['c1', 'c2', 'c3', 'c4', 'c5'].map(
  (s) => `${s}000000-0000-4000-8000-000000000000`,
);
const ADOPTIONS = ['adopted', 'partly_adopted', 'not_adopted'] as const;

const step = fc.oneof(
  fc.record({ kind: fc.constant('link' as const), item: fc.nat(3), decision: fc.nat(2) }),
  fc.record({ kind: fc.constant('unlink' as const), item: fc.nat(3), decision: fc.nat(2) }),
  fc.record({
    kind: fc.constant('draft' as const),
    submission: fc.nat(4),
    items: fc.subarray([0, 1, 2, 3]),
    decisions: fc.subarray([0, 1, 2]),
  }),
  fc.record({ kind: fc.constant('send' as const), submission: fc.nat(4) }),
  fc.record({ kind: fc.constant('opinion' as const), submission: fc.nat(4), points: fc.nat(3) }),
  fc.record({
    kind: fc.constant('feedback' as const),
    submission: fc.nat(4),
    point: fc.integer({ min: 1, max: 3 }),
    adoption: fc.constantFrom(...ADOPTIONS),
  }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const at = (n: number) => new Date(Date.UTC(2025, 0, 1, 2) + n * 3_600_000).toISOString();
const office: Actor = { userId: 'o', organisationId: 'cn-220000-pco', role: 'committee_office' };
const partyGroup: Actor = { userId: 'p', organisationId: 'cn-220000-npcpg', role: 'party_group' };

/** What the aggregates would let happen, tracked so the history stays possible. */
interface World {
  links: Set<string>;
  submissions: Map<string, { sent: boolean; points: number; answered: Map<number, number> }>;
}

async function write(log: LogFixture, steps: Step[], positions: string[]): Promise<void> {
  const append = (stream: string, type: string, data: object, who: Actor = partyGroup) =>
    log.append(
      stream,
      type,
      data,
      at(positions.length),
      who,
      registry.catalogue.currentVersion(type),
    );
  await registerOrganisations((s, t, d, o, a) => log.append(s, t, d, o, a));
  await log.append(
    `organisation-${PROVINCE_GOVERNMENT.organisationId}`,
    'OrganisationRegistered',
    { ...PROVINCE_GOVERNMENT, reportsThrough: undefined },
    at(0),
    office,
  );
  for (const [n, id] of DECISIONS.entries()) {
    await append(
      `decision-${id}`,
      'CommitteeDecisionRecorded',
      {
        decisionId: id,
        committeeId: 'cn-220000-pc',
        recordedByOfficeId: 'cn-220000-pco',
        documentNumber: `吉发〔2025〕${n + 1}号`,
        title: `决策${n + 1}`,
        summary: '……',
        decidedOn: '2025-01-01',
        policyAreas: ['农业农村'],
        kind: 'reform_plan',
        followUp: 'new_law',
      },
      office,
    );
    // The first two are transmitted: the Standing Committee's Party group reads them.
    if (n < 2) {
      await append(
        `decision-${id}`,
        'DecisionTransmitted',
        { legislatureId: 'cn-220000-npcpg', transmittedAt: at(0) },
        office,
      );
    }
  }
  for (const id of ITEMS) {
    const government = GOVERNMENT_ITEMS.has(id);
    await append(`item-${id}`, 'LegislativeItemProposed', {
      itemId: id,
      kind: government ? 'government_rule' : 'local_regulation',
      legislatureId: government ? PROVINCE_GOVERNMENT.organisationId : 'cn-220000-npcpg',
      committeeId: 'cn-220000-pc',
      title: id,
      summary: '……',
      policyAreas: ['农业农村'],
      proposedOn: '2025-01-01',
    });
  }
  const world: World = { links: new Set(), submissions: new Map() };
  for (const s of steps) {
    let position: string | null = null;
    if (s.kind === 'link' || s.kind === 'unlink') {
      const item = ITEMS[s.item];
      const decision = DECISIONS[s.decision];
      const key = `${s.item}-${s.decision}`;
      const stream = `link-f${s.item}${s.decision}00000-0000-4000-8000-000000000000`;
      if (s.kind === 'link' && !world.links.has(key)) {
        world.links.add(key);
        position = await append(stream, 'LinkEstablished', {
          linkId: stream.slice(5),
          type: 'implements',
          from: { kind: 'item', id: item, point: null },
          to: { kind: 'decision', id: decision, point: null },
          rationale: '落实',
          establishedAt: at(positions.length),
        });
      } else if (s.kind === 'unlink' && world.links.has(key)) {
        world.links.delete(key);
        position = await append(stream, 'LinkRemoved', { reason: '错误', removedAt: at(1) });
      }
    } else {
      const id = SUBMISSIONS[s.submission];
      const stream = `submission-${id}`;
      const state = world.submissions.get(id);
      if (s.kind === 'draft') {
        const subjects = {
          itemIds: s.items.map((i) => ITEMS[i]),
          decisionIds: s.decisions.map((d) => DECISIONS[d]),
        };
        if (!state) {
          world.submissions.set(id, { sent: false, points: 0, answered: new Map() });
          position = await append(stream, 'SubmissionDrafted', {
            submissionId: id,
            kind: 'request',
            category: 'drafting',
            title: id,
            summary: '……',
            body: '……',
            documentNumber: null,
            classification: 'internal',
            replyRequestedBy: null,
            references: [],
            submittingOrganisationId: 'cn-220000-npcpg',
            addressedCommitteeId: 'cn-220000-pc',
            replacesSubmissionId: null,
            ...subjects,
          });
        } else if (!state.sent) {
          position = await append(stream, 'SubmissionDraftAmended', subjects);
        }
      } else if (s.kind === 'send' && state && !state.sent) {
        state.sent = true;
        position = await append(stream, 'SubmissionSubmitted', {
          submittedAt: at(positions.length),
          documentNumber: `吉人党字〔2025〕${s.submission}号`,
          replyDueBy: '2025-03-01',
        });
      } else if (s.kind === 'opinion' && state?.sent && state.points === 0 && s.points > 0) {
        state.points = s.points;
        position = await append(
          stream,
          'OpinionIssued',
          {
            documentNumber: null,
            outcome: 'approved_with_opinions',
            issuedAt: at(positions.length),
            points: Array.from({ length: s.points }, (_, k) => ({ number: k + 1, text: '意见' })),
            feedbackDueBy: '2025-04-01',
          },
          office,
        );
      } else if (s.kind === 'feedback' && state && s.point <= state.points) {
        const revisions = state.answered.get(s.point);
        state.answered.set(s.point, revisions === undefined ? 0 : revisions + 1);
        position =
          revisions === undefined
            ? await append(stream, 'OpinionPointFeedbackGiven', {
                pointNumber: s.point,
                adoption: s.adoption,
                explanation: '说明',
                givenAt: at(positions.length),
                readingNumber: 1,
                articles: ['art_1'],
              })
            : await append(stream, 'OpinionPointFeedbackRevised', {
                pointNumber: s.point,
                revisionNumber: revisions + 1,
                adoption: s.adoption,
                explanation: '修订',
                revisedAt: at(positions.length),
                readingNumber: 2,
                articles: ['art_2'],
              });
      }
    }
    if (position) positions.push(position);
  }
}

/** Each readable decision's and item's counters as the page of the view shows them. */
function shown(queries: LinkageQueries, who: ActorContext, asOf?: string) {
  const decisions = queries.listDecisions(who, { limit: 200, asOf }).items;
  const items = queries.listItems(who, { limit: 200, asOf }).items;
  const pick = (s: Stats): Stats => ({
    submissionCount: s.submissionCount,
    opinionPointCount: s.opinionPointCount,
    adoption: s.adoption,
  });
  return {
    decisions: Object.fromEntries(decisions.map((d) => [d.decisionId, pick(d)])),
    items: Object.fromEntries(items.map((i) => [i.itemId, pick(i)])),
  };
}

/** The same counters by the old sum over the submissions, for the same readable records. */
function summed(
  db: Database.Database,
  view: ReturnType<typeof shown>,
  who: ActorContext,
  at: number | null,
) {
  const asOf = at !== null;
  const params = { ...readerParams(who), at, today: '2025-06-01', stalledDays: 1, unlinkedDays: 1 };
  const decisionIds = Object.keys(view.decisions);
  const items = statement<[object], { page_id: string; item_id: string }>(
    db,
    pageDecisionItemsSql(asOf),
  ).all({ ...params, ids: JSON.stringify(decisionIds) });
  const pairs = [
    ...decisionIds.map((d) => [d, 'decision', d]),
    ...items.map((i) => [i.page_id, 'item', i.item_id]),
    ...Object.keys(view.items).map((i) => [i, 'item', i]),
  ];
  const sums = new Map(
    statement<
      [object],
      {
        page_id: string;
        submissions: number;
        points: number;
        adopted: number;
        partly_adopted: number;
        not_adopted: number;
      }
    >(db, scanStatsSql(asOf))
      .all({ ...params, pairs: JSON.stringify(pairs) })
      .map((r) => [r.page_id, r]),
  );
  const stats = (id: string): Stats => {
    const s = sums.get(id);
    return {
      submissionCount: s?.submissions ?? 0,
      opinionPointCount: s?.points ?? 0,
      adoption: {
        adopted: s?.adopted ?? 0,
        partly_adopted: s?.partly_adopted ?? 0,
        not_adopted: s?.not_adopted ?? 0,
        pending:
          (s?.points ?? 0) - (s?.adopted ?? 0) - (s?.partly_adopted ?? 0) - (s?.not_adopted ?? 0),
      },
    };
  };
  return {
    decisions: Object.fromEntries(decisionIds.map((d) => [d, stats(d)])),
    items: Object.fromEntries(Object.keys(view.items).map((i) => [i, stats(i)])),
  };
}

describe('linkage counters', () => {
  const callers = () => [
    caller(ORGS.jlOffice),
    caller(ORGS.jlLegislature),
    caller(PROVINCE_GOVERNMENT),
  ];

  it('Given generated histories, When rebuilt in any page size, Then every page shows the counters the old sum gave, live and as of every position', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 5, maxLength: 40 }),
        fc.integer({ min: 1, max: 30 }),
        async (steps, pageSize) => {
          const log = new LogFixture();
          try {
            const positions: string[] = [];
            await write(log, steps, positions);
            const db = await log.rebuild('linkage', pageSize);
            const queries = new LinkageQueries(
              { db } as ReadDatabase,
              new LogCalendar(
                { db } as ReadDatabase,
                new ManualClock(new Date('2025-06-01T04:00:00.000Z')),
              ),
              loadConfig({}),
            );
            for (const who of callers()) {
              const live = shown(queries, who);
              expect(live).toEqual(summed(db, live, who, null));
              for (const position of positions) {
                const then = shown(queries, who, position);
                expect(then).toEqual(summed(db, then, who, positionNumber(position)));
                compared += Object.keys(then.decisions).length + Object.keys(then.items).length;
              }
            }
          } finally {
            await log.close();
          }
        },
      ),
      { numRuns: 60 },
    );
    // The comparison saw records, not empty pages.
    expect(compared).toBeGreaterThan(100);
  }, 240_000);

  it('Given a submission about a decision through a government item and a Standing Committee item, When each side reads, Then each counts it once, and only through what it reads', async () => {
    const log = new LogFixture();
    try {
      const positions: string[] = [];
      await write(
        log,
        [
          { kind: 'link', item: 0, decision: 0 },
          { kind: 'link', item: 2, decision: 0 },
          // c1 about the government's item only; c2 about both items; c3 about the decision.
          { kind: 'draft', submission: 0, items: [2], decisions: [] },
          { kind: 'draft', submission: 1, items: [0, 2], decisions: [] },
          { kind: 'draft', submission: 2, items: [], decisions: [0] },
          { kind: 'send', submission: 0 },
          { kind: 'send', submission: 1 },
          { kind: 'send', submission: 2 },
          { kind: 'opinion', submission: 1, points: 2 },
          { kind: 'feedback', submission: 1, point: 1, adoption: 'adopted' },
        ],
        positions,
      );
      const db = await log.rebuild('linkage');
      const queries = new LinkageQueries(
        { db } as ReadDatabase,
        new LogCalendar(
          { db } as ReadDatabase,
          new ManualClock(new Date('2025-06-01T04:00:00.000Z')),
        ),
        loadConfig({}),
      );
      const count = (who: ActorContext, asOf?: string) =>
        queries.decisionDetail(who, DECISIONS[0], asOf);
      // The office reads both items: c1, c2 and c3, c2 once.
      expect(count(caller(ORGS.jlOffice))).toMatchObject({
        submissionCount: 3,
        opinionPointCount: 2,
        adoption: { adopted: 1, pending: 1 },
      });
      // The Standing Committee's Party group does not read the government's item: c2 and c3.
      const partyGroup = count(caller(ORGS.jlLegislature));
      expect(partyGroup.items.map((i) => i.itemId)).toEqual([ITEMS[0]]);
      expect(partyGroup).toMatchObject({ submissionCount: 2, opinionPointCount: 2 });
      // As of before c3 was sent: c1 and c2 for the office, c2 for the Party group.
      const beforeC3 = positions[positions.length - 4];
      expect(count(caller(ORGS.jlOffice), beforeC3).submissionCount).toBe(2);
      expect(count(caller(ORGS.jlLegislature), beforeC3).submissionCount).toBe(1);
    } finally {
      await log.close();
    }
  });
});
