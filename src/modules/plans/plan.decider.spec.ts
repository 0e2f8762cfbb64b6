import { actor, changchun, countyPartyGroup, jilin } from '../../../test/support/actors';
import { broken, specFor } from '../../../test/support/given-when-then';
import { PlanEntry, PlanEvent } from '../../events/plan-events';
import { ActorContext, OrganisationProfile } from '../../platform/access/actor';
import { mayRead } from '../../platform/access/readers';
import {
  BusinessRuleError,
  ForbiddenError,
  InvalidStepError,
} from '../../platform/kernel/domain-errors';
import {
  AdjustPlan,
  DraftPlan,
  ItemOwners,
  PLAN_ALLOWED_STEPS,
  SubmissionFacts,
  planAggregate,
  planDecider,
} from './plan.decider';

const NOW = '2025-03-10T02:00:00.000Z';
const PLAN_ID = '9c1c2a4e-0000-4000-8000-000000000001';
const JL = jilin.partyGroup.organisationId;
const entry = (itemId: string): PlanEntry => ({
  itemId,
  necessity: '必要',
  feasibility: '可行',
  socialEffects: '积极',
  obstacles: '',
});
const OWNERS: ItemOwners = { 'item-1': JL, 'item-2': JL, 'item-3': JL, 'cc-item': 'cc' };

const partyGroup = actor(jilin.partyGroup, ['party_group', 'legislature']);
const fgw = actor(jilin.specialCommittee, ['legislature']);
const office = actor(jilin.office, ['committee_office']);
const ccOffice = actor(changchun.office, ['committee_office']);
const ccPartyGroup = actor(changchun.partyGroup, ['party_group', 'legislature']);
const county = countyPartyGroup;
const given = specFor(planDecider);
const base = (a: ActorContext) => ({ actor: a, now: NOW });

const draft = (
  a: ActorContext = fgw,
  overrides: Partial<DraftPlan> = {},
  legislature: OrganisationProfile = jilin.partyGroup,
): DraftPlan => ({
  ...base(a),
  type: 'DraftPlan',
  planId: PLAN_ID,
  legislature,
  committee: jilin.committee,
  kind: 'annual',
  fromYear: 2026,
  toYear: 2026,
  title: '2026年度立法计划',
  entries: [entry('item-1')],
  itemOwners: OWNERS,
  ...overrides,
});

const DRAFTED: PlanEvent = {
  type: 'LegislativePlanDrafted',
  data: {
    planId: PLAN_ID,
    legislatureId: JL,
    committeeId: jilin.committee.organisationId,
    kind: 'annual',
    fromYear: 2026,
    toYear: 2026,
    title: '2026年度立法计划',
    entries: [entry('item-1')],
    draftedAt: NOW,
  },
};
const SUBMISSION: SubmissionFacts = {
  submissionId: 'sub-1',
  category: 'legislative_plan',
  submittingOrganisationId: JL,
  status: 'submitted',
};
const REPORTED: PlanEvent = {
  type: 'PlanReported',
  data: { submissionId: 'sub-1', reportedAt: NOW },
};
const APPROVED: PlanEvent = {
  type: 'PlanApproved',
  data: { approvedOn: '2025-03-09', approvalReference: '省委常委会会议' },
};
const refusedIn = (step: string, currentState: keyof typeof PLAN_ALLOWED_STEPS) => ({
  details: { step, currentState, allowedSteps: PLAN_ALLOWED_STEPS[currentState] },
});

describe('Drafting a plan', () => {
  it('records the plan of the legislature, with its entries, reported to its committee', () => {
    const { state } = given([]).when(draft()).then([DRAFTED]);
    expect(state).toMatchObject({
      status: 'drafted',
      legislatureId: JL,
      entries: [entry('item-1')],
    });
  });

  it('takes a five-year plan covering five years', () => {
    given([])
      .when(draft(partyGroup, { kind: 'five_year', fromYear: 2023, toYear: 2027 }))
      .then([
        {
          type: 'LegislativePlanDrafted',
          data: { ...DRAFTED.data, kind: 'five_year', fromYear: 2023, toYear: 2027 },
        } as PlanEvent,
      ]);
  });

  it('refuses a county body, a body that makes no plans, no committee (422)', () => {
    given([])
      .when(draft(actor(county, ['party_group']), {}, county))
      .thenThrows(BusinessRuleError, broken('legislatureId', 'legislative_power'));
    given([])
      .when(draft(actor(jilin.outreachOffice, ['legislature']), {}, jilin.outreachOffice))
      .thenThrows(BusinessRuleError, broken('legislatureId', 'drafted_by_legislature'));
    given([])
      .when(draft(fgw, { committee: null }))
      .thenThrows(BusinessRuleError, broken('committeeId', 'committee_registered'));
  });

  it('refuses years that do not fit the kind (422)', () => {
    given([])
      .when(draft(fgw, { toYear: 2027 }))
      .thenThrows(BusinessRuleError, broken('toYear', 'annual_plan_one_year'));
    given([])
      .when(draft(fgw, { kind: 'five_year', toYear: 2028 }))
      .thenThrows(BusinessRuleError, broken('toYear', 'five_year_plan_five_years'));
  });

  it('refuses entries of another legislature or twice the same item (422)', () => {
    given([])
      .when(draft(fgw, { entries: [entry('cc-item')] }))
      .thenThrows(BusinessRuleError, broken('entries[0].itemId', 'item_of_legislature'));
    given([])
      .when(draft(fgw, { entries: [entry('unknown')] }))
      .thenThrows(BusinessRuleError, broken('entries[0].itemId', 'item_of_legislature'));
    given([])
      .when(draft(fgw, { entries: [entry('item-1'), entry('item-1')] }))
      .thenThrows(BusinessRuleError, broken('entries[1].itemId', 'not_in_plan_yet'));
  });

  it('refuses the committee office (403) and another legislature (403)', () => {
    given([]).when(draft(office)).thenThrows(ForbiddenError, {});
    given([]).when(draft(ccPartyGroup)).thenThrows(ForbiddenError, {});
  });
});

describe('Entries while drafting', () => {
  it('adds and removes entries', () => {
    const { state } = given([DRAFTED])
      .when({ ...base(fgw), type: 'AddPlanEntry', entry: entry('item-2'), itemOwners: OWNERS })
      .then([{ type: 'PlanEntryAdded', data: { ...entry('item-2'), adjustmentNumber: 0 } }]);
    expect(state.entries.map((e) => e.itemId)).toEqual(['item-1', 'item-2']);
    const removed = given([DRAFTED])
      .when({ ...base(fgw), type: 'RemovePlanEntry', itemId: 'item-1', reason: '条件不成熟' })
      .then([
        {
          type: 'PlanEntryRemoved',
          data: { itemId: 'item-1', reason: '条件不成熟', adjustmentNumber: 0 },
        },
      ]);
    expect(removed.state.entries).toEqual([]);
    expect(removed.state.removedEntries).toHaveLength(1);
  });

  it('refuses an entry already there, of another legislature, or removing one not there (422)', () => {
    given([DRAFTED])
      .when({ ...base(fgw), type: 'AddPlanEntry', entry: entry('item-1'), itemOwners: OWNERS })
      .thenThrows(BusinessRuleError, broken('entries[0].itemId', 'not_in_plan_yet'));
    given([DRAFTED])
      .when({ ...base(fgw), type: 'AddPlanEntry', entry: entry('cc-item'), itemOwners: OWNERS })
      .thenThrows(BusinessRuleError, broken('entries[0].itemId', 'item_of_legislature'));
    given([DRAFTED])
      .when({ ...base(fgw), type: 'RemovePlanEntry', itemId: 'item-9', reason: 'r' })
      .thenThrows(BusinessRuleError, broken('itemId', 'in_plan'));
  });

  it('refuses entries once reported (409)', () => {
    given([DRAFTED, REPORTED])
      .when({ ...base(fgw), type: 'AddPlanEntry', entry: entry('item-2'), itemOwners: OWNERS })
      .thenThrows(InvalidStepError, refusedIn('add_entry', 'reported'));
  });
});

describe('Reporting and approval', () => {
  const report = (submission: SubmissionFacts | null = SUBMISSION) => ({
    ...base(partyGroup),
    type: 'ReportPlan' as const,
    submissionId: 'sub-1',
    submission,
  });
  const approve = (a: ActorContext = office, approvedOn = '2025-03-09') => ({
    ...base(a),
    type: 'ApprovePlan' as const,
    approvedOn,
    approvalReference: '省委常委会会议',
  });

  it('is reported through the legislature’s legislative_plan submission', () => {
    const { state } = given([DRAFTED]).when(report()).then([REPORTED]);
    expect(state).toMatchObject({ status: 'reported', submissionId: 'sub-1' });
  });

  it('refuses a submission unreadable, of another category or legislature, or withdrawn (422)', () => {
    given([DRAFTED])
      .when(report(null))
      .thenThrows(BusinessRuleError, broken('submissionId', 'readable_submission'));
    given([DRAFTED])
      .when(report({ ...SUBMISSION, category: 'major_issue' }))
      .thenThrows(BusinessRuleError, broken('submissionId', 'legislative_plan_category'));
    given([DRAFTED])
      .when(report({ ...SUBMISSION, submittingOrganisationId: 'cc' }))
      .thenThrows(BusinessRuleError, broken('submissionId', 'same_legislature'));
    given([DRAFTED])
      .when(report({ ...SUBMISSION, status: 'withdrawn' }))
      .thenThrows(BusinessRuleError, broken('submissionId', 'not_withdrawn'));
  });

  it('is approved by the committee office once reported', () => {
    const { state, actedAs } = given([DRAFTED, REPORTED]).when(approve()).then([APPROVED]);
    expect(actedAs).toBe('committee_office');
    expect(state.status).toBe('approved');
  });

  it('refuses approval by the legislature or another office (403), before the report (409), ahead of time (422)', () => {
    given([DRAFTED, REPORTED])
      .when(approve(partyGroup))
      .thenThrows(ForbiddenError, {
        details: { step: 'approve', requiredRoles: ['committee_office'] },
      });
    given([DRAFTED, REPORTED]).when(approve(ccOffice)).thenThrows(ForbiddenError, {});
    given([DRAFTED]).when(approve()).thenThrows(InvalidStepError, refusedIn('approve', 'drafted'));
    given([DRAFTED, REPORTED])
      .when(approve(office, '2025-03-11'))
      .thenThrows(BusinessRuleError, broken('approvedOn', 'not_in_future'));
  });
});

describe('Mid-term adjustment', () => {
  const history = [DRAFTED, REPORTED, APPROVED];
  const adjust = (overrides: Partial<AdjustPlan> = {}): AdjustPlan => ({
    ...base(partyGroup),
    type: 'AdjustPlan',
    reason: '中期调整',
    adjustedOn: '2025-03-10',
    submissionId: null,
    submission: null,
    added: [entry('item-2')],
    removed: [{ itemId: 'item-1', reason: '暂缓' }],
    itemOwners: OWNERS,
    ...overrides,
  });

  it('records a numbered adjustment with its removed and added entries', () => {
    const { state } = given(history)
      .when(adjust())
      .then([
        {
          type: 'PlanAdjusted',
          data: {
            adjustmentNumber: 1,
            reason: '中期调整',
            adjustedOn: '2025-03-10',
            submissionId: null,
          },
        },
        {
          type: 'PlanEntryRemoved',
          data: { itemId: 'item-1', reason: '暂缓', adjustmentNumber: 1 },
        },
        { type: 'PlanEntryAdded', data: { ...entry('item-2'), adjustmentNumber: 1 } },
      ]);
    expect(state.entries.map((e) => e.itemId)).toEqual(['item-2']);
    expect(state.adjustments).toEqual([
      {
        adjustmentNumber: 1,
        reason: '中期调整',
        adjustedOn: '2025-03-10',
        submissionId: null,
        added: ['item-2'],
        removed: ['item-1'],
      },
    ]);
    expect(state.status).toBe('approved');
  });

  it('numbers the next adjustment 2 and may name its submission', () => {
    const first = given(history)
      .when(adjust())
      .then([
        {
          type: 'PlanAdjusted',
          data: {
            adjustmentNumber: 1,
            reason: '中期调整',
            adjustedOn: '2025-03-10',
            submissionId: null,
          },
        },
        {
          type: 'PlanEntryRemoved',
          data: { itemId: 'item-1', reason: '暂缓', adjustmentNumber: 1 },
        },
        { type: 'PlanEntryAdded', data: { ...entry('item-2'), adjustmentNumber: 1 } },
      ]);
    expect(first.state.adjustments).toHaveLength(1);
    const events: PlanEvent[] = [
      ...history,
      {
        type: 'PlanAdjusted',
        data: { adjustmentNumber: 1, reason: 'r', adjustedOn: '2025-03-10', submissionId: null },
      },
      { type: 'PlanEntryAdded', data: { ...entry('item-2'), adjustmentNumber: 1 } },
    ];
    given(events)
      .when(
        adjust({
          added: [entry('item-3')],
          removed: [],
          submissionId: 'sub-1',
          submission: SUBMISSION,
        }),
      )
      .then([
        {
          type: 'PlanAdjusted',
          data: {
            adjustmentNumber: 2,
            reason: '中期调整',
            adjustedOn: '2025-03-10',
            submissionId: 'sub-1',
          },
        },
        { type: 'PlanEntryAdded', data: { ...entry('item-3'), adjustmentNumber: 2 } },
      ]);
  });

  it('refuses an empty adjustment, unknown removals, duplicate additions, a wrong submission (422)', () => {
    given(history)
      .when(adjust({ added: [], removed: [] }))
      .thenThrows(BusinessRuleError, broken('added', 'not_empty'));
    given(history)
      .when(adjust({ removed: [{ itemId: 'item-9', reason: 'r' }] }))
      .thenThrows(BusinessRuleError, broken('removed[0].itemId', 'in_plan'));
    given(history)
      .when(adjust({ added: [entry('item-1')], removed: [] }))
      .thenThrows(BusinessRuleError, broken('added[0].itemId', 'not_in_plan_yet'));
    given(history)
      .when(adjust({ submissionId: 'sub-1', submission: { ...SUBMISSION, category: 'drafting' } }))
      .thenThrows(BusinessRuleError, broken('submissionId', 'legislative_plan_category'));
    given(history)
      .when(adjust({ adjustedOn: '2025-03-11' }))
      .thenThrows(BusinessRuleError, broken('adjustedOn', 'not_in_future'));
  });

  it('refuses adjusting before approval (409) and by the committee office (403)', () => {
    given([DRAFTED]).when(adjust()).thenThrows(InvalidStepError, refusedIn('adjust', 'drafted'));
    given(history)
      .when(adjust({ actor: office }))
      .thenThrows(ForbiddenError, {});
  });
});

describe('Who reads a plan', () => {
  it('is the legislature with its special committees and the committee with its office', () => {
    const readers = planAggregate.readers(given([DRAFTED]).state);
    for (const who of [partyGroup, fgw, office]) expect(mayRead(who, readers)).toBe(true);
    for (const who of [ccOffice, ccPartyGroup]) expect(mayRead(who, readers)).toBe(false);
  });
});
