import { Actor } from '../../src/events/envelope';
import { PlanRow } from '../../src/projections/plans.projection';
import { LogFixture } from '../support/projection-fixture';

const legislature: Actor = { userId: 'u1', organisationId: 'cn-220000-npcpg', role: 'party_group' };
const PLAN = '22222222-0000-4000-8000-000000000001';
const entry = (itemId: string) => ({
  itemId,
  necessity: 'n',
  feasibility: 'f',
  socialEffects: 's',
  obstacles: '',
});

describe('plans projection', () => {
  let log: LogFixture;
  beforeEach(() => {
    log = new LogFixture();
  });
  afterEach(() => log.close());

  const at = (day: number) => `2025-03-${String(day).padStart(2, '0')}T02:00:00.000Z`;
  const plan = (type: string, data: object, day: number) =>
    log.append(`plan-${PLAN}`, type, data, at(day), legislature);

  it('Given a plan drafted, changed, reported, approved and adjusted, When projected, Then its row and the entries it now lists, with the adjustment that added each', async () => {
    await plan(
      'LegislativePlanDrafted',
      {
        planId: PLAN,
        legislatureId: 'cn-220000-npcpg',
        committeeId: 'cn-220000-pc',
        kind: 'annual',
        fromYear: 2026,
        toYear: 2026,
        title: '2026年度立法计划',
        entries: [entry('item-a'), entry('item-b')],
        draftedAt: at(1),
      },
      1,
    );
    await plan('PlanEntryAdded', { ...entry('item-c'), adjustmentNumber: 0 }, 2);
    await plan('PlanEntryRemoved', { itemId: 'item-b', reason: 'r', adjustmentNumber: 0 }, 2);
    await plan('PlanReported', { submissionId: 'sub-1', reportedAt: at(3) }, 3);
    await plan('PlanApproved', { approvedOn: '2025-03-04', approvalReference: 'ref' }, 4);
    await plan(
      'PlanAdjusted',
      { adjustmentNumber: 1, reason: 'r', adjustedOn: '2025-03-05', submissionId: null },
      5,
    );
    await plan('PlanEntryRemoved', { itemId: 'item-a', reason: 'r', adjustmentNumber: 1 }, 5);
    await plan('PlanEntryAdded', { ...entry('item-d'), adjustmentNumber: 1 }, 5);
    await log.rebuild('plans');
    expect(log.rows<PlanRow>('rm_plans')).toEqual([
      {
        plan_id: PLAN,
        kind: 'annual',
        status: 'approved',
        legislature_id: 'cn-220000-npcpg',
        committee_id: 'cn-220000-pc',
        from_year: 2026,
        to_year: 2026,
        title: '2026年度立法计划',
        entry_count: 2,
        submission_id: 'sub-1',
        adjustments: 1,
        revision: 7,
        created_at: at(1),
        updated_at: at(5),
      },
    ]);
    expect(log.rows('rm_plan_entries')).toEqual([
      { plan_id: PLAN, item_id: 'item-c', adjustment_number: 0 },
      { plan_id: PLAN, item_id: 'item-d', adjustment_number: 1 },
    ]);
    expect(log.readers('plan').map(([, principal]) => principal)).toEqual([
      'org:cn-220000-npcpg',
      'org:cn-220000-pc',
      'part:cn-220000-npcpg:special_committee',
      'part:cn-220000-pc:committee_office',
    ]);
  });
});
