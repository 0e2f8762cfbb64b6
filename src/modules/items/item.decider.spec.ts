import { actor, changchun, countyPartyGroup, jilin } from '../../../test/support/actors';
import { broken, specFor } from '../../../test/support/given-when-then';
import { ItemEvent, LegislativeItemProposedV1 } from '../../events/item-events';
import { ActorContext, OrganisationProfile } from '../../platform/access/actor';
import { mayRead } from '../../platform/access/readers';
import { fold } from '../../platform/kernel/decider';
import {
  BusinessRuleError,
  ForbiddenError,
  InvalidStepError,
} from '../../platform/kernel/domain-errors';
import * as C from './item.commands';
import { itemAggregate, itemDecider } from './item.decider';
import { ALLOWED_STEPS } from './item.policy';
import { ItemState } from './item.state';

// NOW is 10:00 on 10 March 2025 in Beijing.
const NOW = '2025-03-10T02:00:00.000Z';
const TODAY = '2025-03-10';
const ITEM_ID = '7f1c2a4e-0000-4000-8000-000000000001';
const PLAN_ID = '7f1c2a4e-0000-4000-8000-0000000000aa';
const OTHER_PLAN_ID = '7f1c2a4e-0000-4000-8000-0000000000bb';

const partyGroup = actor(jilin.partyGroup, ['party_group', 'legislature']);
const fgw = actor(jilin.specialCommittee, ['legislature']);
const office = actor(jilin.office, ['committee_office']);
const government = actor(jilin.governmentPartyGroup, ['party_group']);
const ccPartyGroup = actor(changchun.partyGroup, ['party_group', 'legislature']);
const ccOffice = actor(changchun.office, ['committee_office']);
const analyst = actor(jilin.platform, ['analyst']);

const county = countyPartyGroup;
const given = specFor(itemDecider);

const base = (a: ActorContext) => ({ actor: a, now: NOW });

const PROPOSED: LegislativeItemProposedV1 = {
  itemId: ITEM_ID,
  kind: 'local_regulation',
  legislatureId: jilin.partyGroup.organisationId,
  committeeId: jilin.committee.organisationId,
  title: '吉林省黑土地保护条例',
  summary: 'Protects black soil.',
  policyAreas: ['agriculture'],
  proposedOn: '2025-01-06',
};

const propose = (
  a: ActorContext,
  overrides: Partial<C.ProposeItem> = {},
  legislature: OrganisationProfile = jilin.partyGroup,
): C.ProposeItem => ({
  ...base(a),
  type: 'ProposeItem',
  itemId: ITEM_ID,
  kind: 'local_regulation',
  legislature,
  committee: jilin.committee,
  title: PROPOSED.title,
  summary: PROPOSED.summary,
  policyAreas: PROPOSED.policyAreas,
  proposedOn: PROPOSED.proposedOn,
  ...overrides,
});

const E = {
  proposed: { type: 'LegislativeItemProposed', data: PROPOSED },
  planned: { type: 'ItemPlanned', data: { planId: PLAN_ID, plannedOn: '2025-01-20' } },
  drafting: {
    type: 'ItemDraftingStarted',
    data: { draftingUnitId: jilin.specialCommittee.organisationId, startedOn: '2025-02-01' },
  },
  reading: (n: number, heldOn = `2025-02-0${n + 1}`): ItemEvent => ({
    type: 'ItemReadingHeld',
    data: { readingNumber: n, heldOn, meetingReference: '常委会第十次会议' },
  }),
  scheduled: {
    type: 'ItemScheduledForVote',
    data: { agendaDate: '2025-03-05', scheduledOn: '2025-03-01' },
  },
  adopted: { type: 'ItemAdopted', data: { adoptedOn: '2025-03-05', tally: null } },
  promulgated: {
    type: 'ItemPromulgated',
    data: { announcementNumber: '公告第12号', promulgatedOn: '2025-03-06' },
  },
  inForce: { type: 'ItemEnteredIntoForce', data: { inForceOn: '2025-03-08' } },
} satisfies Record<string, ItemEvent | ((n: number) => ItemEvent)>;

const HISTORY: Record<string, ItemEvent[]> = {};
HISTORY.proposed = [E.proposed];
HISTORY.planned = [...HISTORY.proposed, E.planned];
HISTORY.drafting = [...HISTORY.planned, E.drafting];
HISTORY.deliberation = [...HISTORY.drafting, E.reading(1)];
HISTORY.on_agenda = [...HISTORY.deliberation, E.reading(2), E.scheduled];
HISTORY.adopted = [...HISTORY.on_agenda, E.adopted];
HISTORY.promulgated = [...HISTORY.adopted, E.promulgated];
HISTORY.in_force = [...HISTORY.promulgated, E.inForce];

const at = (stage: keyof typeof HISTORY) => given(HISTORY[stage]);
const stateAt = (stage: keyof typeof HISTORY): ItemState => fold(itemDecider, HISTORY[stage]);
const refusedIn = (step: string, currentState: string) => ({
  details: {
    step,
    currentState,
    allowedSteps: ALLOWED_STEPS[currentState as keyof typeof ALLOWED_STEPS],
  },
});

describe('Proposing a legislative item', () => {
  it('records the item of the Party group, overseen by the committee at its level', () => {
    const { state, actedAs } = given([])
      .when(propose(partyGroup))
      .then([{ type: 'LegislativeItemProposed', data: PROPOSED }]);
    expect(actedAs).toBe('legislature');
    expect(state).toMatchObject({ stage: 'proposed', version: 1 });
    expect(state.stageHistory).toEqual([{ stage: 'proposed', on: '2025-01-06', version: 1 }]);
  });

  it('lets a special committee propose for the Party group it belongs to', () => {
    given([])
      .when(propose(fgw))
      .then([{ type: 'LegislativeItemProposed', data: PROPOSED }]);
  });

  it('takes a government rule from the government Party group', () => {
    const { state } = given([])
      .when(propose(government, { kind: 'government_rule' }, jilin.governmentPartyGroup))
      .then([
        {
          type: 'LegislativeItemProposed',
          data: {
            ...PROPOSED,
            kind: 'government_rule',
            legislatureId: jilin.governmentPartyGroup.organisationId,
          },
        },
      ]);
    expect(state.legislatureId).toBe(jilin.governmentPartyGroup.organisationId);
  });

  it('refuses a kind the body does not make (422 kind_for_legislature)', () => {
    given([])
      .when(propose(partyGroup, { kind: 'government_rule' }))
      .thenThrows(BusinessRuleError, broken('kind', 'kind_for_legislature'));
    given([])
      .when(propose(government, { kind: 'local_regulation' }, jilin.governmentPartyGroup))
      .thenThrows(BusinessRuleError, broken('kind', 'kind_for_legislature'));
  });

  it('refuses a county body, which has no legislative power (422)', () => {
    given([])
      .when(propose(actor(county, ['party_group']), {}, county))
      .thenThrows(BusinessRuleError, broken('legislatureId', 'legislative_power'));
  });

  it('refuses when no Party Committee is registered at the region (422)', () => {
    given([])
      .when(propose(partyGroup, { committee: null }))
      .thenThrows(BusinessRuleError, broken('committeeId', 'committee_registered'));
  });

  it('refuses a proposal dated after today (422)', () => {
    given([])
      .when(propose(partyGroup, { proposedOn: '2025-03-11' }))
      .thenThrows(BusinessRuleError, broken('proposedOn', 'not_in_future'));
  });

  it('refuses the committee office and analysts (403 by role)', () => {
    given([])
      .when(propose(office))
      .thenThrows(ForbiddenError, {
        details: { step: 'propose', requiredRoles: ['legislature', 'party_group'] },
      });
    given([]).when(propose(analyst)).thenThrows(ForbiddenError, {});
  });

  it('refuses proposing for another legislature (403 by side)', () => {
    given([])
      .when(propose(ccPartyGroup))
      .thenThrows(ForbiddenError, {
        details: {
          step: 'propose',
          organisationId: changchun.partyGroup.organisationId,
          requiredSide: 'legislature_side',
        },
      });
  });

  it('refuses proposing the same item twice (409)', () => {
    at('proposed')
      .when(propose(partyGroup))
      .thenThrows(InvalidStepError, refusedIn('propose', 'proposed'));
  });
});

describe('Planning an item', () => {
  const plan = (
    facts: Partial<C.PlanFacts> | null = {},
    planId = PLAN_ID,
    a = partyGroup,
  ): C.PlanItem => ({
    ...base(a),
    type: 'PlanItem',
    planId,
    plan:
      facts === null
        ? null
        : {
            planId,
            legislatureId: jilin.partyGroup.organisationId,
            status: 'approved',
            itemIds: [ITEM_ID],
            ...facts,
          },
  });

  it('records the approved plan of its legislature that lists it', () => {
    const { state } = at('proposed')
      .when(plan())
      .then([{ type: 'ItemPlanned', data: { planId: PLAN_ID, plannedOn: TODAY } }]);
    expect(state).toMatchObject({ stage: 'planned', planIds: [PLAN_ID] });
  });

  it('records a second plan (the annual plan after the five-year plan)', () => {
    const { state } = at('planned')
      .when(plan({}, OTHER_PLAN_ID))
      .then([{ type: 'ItemPlanned', data: { planId: OTHER_PLAN_ID, plannedOn: TODAY } }]);
    expect(state.planIds).toEqual([PLAN_ID, OTHER_PLAN_ID]);
  });

  it('refuses a plan it cannot read, of another legislature, not listing it or not approved', () => {
    at('proposed')
      .when(plan(null))
      .thenThrows(BusinessRuleError, broken('planId', 'existing_plan'));
    at('proposed')
      .when(plan({ legislatureId: changchun.partyGroup.organisationId }))
      .thenThrows(BusinessRuleError, broken('planId', 'same_legislature'));
    at('proposed')
      .when(plan({ itemIds: [] }))
      .thenThrows(BusinessRuleError, broken('planId', 'item_in_plan'));
    at('proposed')
      .when(plan({ status: 'reported' }))
      .thenThrows(BusinessRuleError, broken('planId', 'plan_approved'));
  });

  it('refuses the same plan twice (409)', () => {
    at('planned')
      .when(plan())
      .thenThrows(InvalidStepError, { message: /already in plan/ });
  });

  it('lists an item already in deliberation in an annual plan without moving it back', () => {
    const { state } = at('deliberation')
      .when(plan({}, OTHER_PLAN_ID))
      .then([{ type: 'ItemPlanned', data: { planId: OTHER_PLAN_ID, plannedOn: TODAY } }]);
    expect(state).toMatchObject({ stage: 'deliberation', planIds: [PLAN_ID, OTHER_PLAN_ID] });
  });

  it('refuses once on the agenda (409) and the committee office (403)', () => {
    at('on_agenda').when(plan()).thenThrows(InvalidStepError, refusedIn('plan', 'on_agenda'));
    at('proposed')
      .when(plan({}, PLAN_ID, office))
      .thenThrows(ForbiddenError, {});
  });
});

describe('Drafting and readings', () => {
  const startDrafting = (overrides: Partial<C.StartDrafting> = {}): C.StartDrafting => ({
    ...base(fgw),
    type: 'StartDrafting',
    draftingUnitId: jilin.specialCommittee.organisationId,
    draftingUnit: jilin.specialCommittee,
    startedOn: '2025-02-01',
    ...overrides,
  });
  const reading = (readingNumber: number, heldOn = '2025-03-01'): C.HoldReading => ({
    ...base(partyGroup),
    type: 'HoldReading',
    readingNumber,
    heldOn,
    meetingReference: '常委会第十次会议',
  });

  it('starts drafting from a plan, or straight from the proposal (a project outside the plan)', () => {
    for (const stage of ['planned', 'proposed'] as const) {
      const { state } = at(stage).when(startDrafting()).then([E.drafting]);
      expect(state).toMatchObject({ stage: 'drafting', draftingUnitId: 'jl-legislative-affairs' });
    }
  });

  it('refuses an unregistered drafting unit and a start before the proposal (422)', () => {
    at('planned')
      .when(startDrafting({ draftingUnit: null, draftingUnitId: 'nobody' }))
      .thenThrows(BusinessRuleError, broken('draftingUnitId', 'registered'));
    at('planned')
      .when(startDrafting({ startedOn: '2025-01-01' }))
      .thenThrows(BusinessRuleError, broken('startedOn', 'after_proposal'));
    at('planned')
      .when(startDrafting({ startedOn: '2025-03-11' }))
      .thenThrows(BusinessRuleError, broken('startedOn', 'not_in_future'));
  });

  it('refuses drafting twice (409)', () => {
    at('drafting')
      .when(startDrafting())
      .thenThrows(InvalidStepError, refusedIn('start_drafting', 'drafting'));
  });

  it('numbers readings 1, 2, 3 and moves the item into deliberation at the first', () => {
    const first = at('drafting')
      .when(reading(1, '2025-02-10'))
      .then([E.reading(1, '2025-02-10')]);
    expect(first.state.stage).toBe('deliberation');
    const { state } = given([...HISTORY.drafting, E.reading(1, '2025-02-10')])
      .when(reading(2))
      .then([E.reading(2, '2025-03-01')]);
    expect(state.readings.map((r) => r.readingNumber)).toEqual([1, 2]);
    expect(state.stageHistory.filter((s) => s.stage === 'deliberation')).toHaveLength(1);
  });

  it('refuses a reading out of turn, before the previous one or in the future (422)', () => {
    at('drafting')
      .when(reading(2))
      .thenThrows(BusinessRuleError, broken('readingNumber', 'consecutive'));
    at('deliberation')
      .when(reading(1))
      .thenThrows(BusinessRuleError, broken('readingNumber', 'consecutive'));
    at('deliberation')
      .when(reading(2, '2025-02-01'))
      .thenThrows(BusinessRuleError, broken('heldOn', 'after_previous_reading'));
    at('deliberation')
      .when(reading(2, '2025-03-11'))
      .thenThrows(BusinessRuleError, broken('heldOn', 'not_in_future'));
  });

  it('refuses a reading before drafting (409) and by the committee office (403)', () => {
    at('planned')
      .when(reading(1))
      .thenThrows(InvalidStepError, refusedIn('hold_reading', 'planned'));
    at('drafting')
      .when({ ...reading(1), actor: office })
      .thenThrows(ForbiddenError, {});
  });
});

describe('The vote: agenda, adoption, promulgation, force', () => {
  const schedule = (pending: string[] = [], agendaDate = '2025-03-20'): C.ScheduleForVote => ({
    ...base(partyGroup),
    type: 'ScheduleForVote',
    agendaDate,
    pendingPreDeliberation: pending,
  });
  const adopt = (adoptedOn = '2025-03-05', tally: C.AdoptItem['tally'] = null): C.AdoptItem => ({
    ...base(partyGroup),
    type: 'AdoptItem',
    adoptedOn,
    tally,
  });

  it('puts a deliberated item on the agenda when no pre-deliberation opinion is missing', () => {
    const { state } = at('deliberation')
      .when(schedule())
      .then([
        { type: 'ItemScheduledForVote', data: { agendaDate: '2025-03-20', scheduledOn: TODAY } },
      ]);
    expect(state).toMatchObject({ stage: 'on_agenda', agendaDate: '2025-03-20' });
  });

  it('refuses the agenda while a pre-deliberation submission awaits its opinion (409)', () => {
    at('deliberation')
      .when(schedule(['sub-1', 'sub-2']))
      .thenThrows(InvalidStepError, {
        details: {
          step: 'schedule_for_vote',
          currentState: 'deliberation',
          allowedSteps: ALLOWED_STEPS.deliberation,
          rule: 'pre_deliberation_opinion_first',
          pendingPreDeliberation: ['sub-1', 'sub-2'],
          reason: 'a pre-deliberation submission about the item has no opinion yet',
        },
      });
  });

  it('refuses an agenda date in the past (422) and an item not yet read (409)', () => {
    at('deliberation')
      .when(schedule([], '2025-03-09'))
      .thenThrows(BusinessRuleError, broken('agendaDate', 'not_in_past'));
    at('drafting')
      .when(schedule())
      .thenThrows(InvalidStepError, refusedIn('schedule_for_vote', 'drafting'));
  });

  it('adopts on the agenda date, with or without a tally', () => {
    at('on_agenda').when(adopt()).then([E.adopted]);
    const tally = { for: 50, against: 2, abstentions: 1 };
    const { state } = at('on_agenda')
      .when(adopt('2025-03-06', tally))
      .then([{ type: 'ItemAdopted', data: { adoptedOn: '2025-03-06', tally } }]);
    expect(state).toMatchObject({ stage: 'adopted', tally });
  });

  it('refuses a tally that could not adopt, a date before the agenda or ahead (422)', () => {
    at('on_agenda')
      .when(adopt('2025-03-05', { for: 10, against: 10, abstentions: 0 }))
      .thenThrows(BusinessRuleError, broken('tally.for', 'majority'));
    at('on_agenda')
      .when(adopt('2025-03-05', { for: 0, against: 0, abstentions: 0 }))
      .thenThrows(BusinessRuleError, broken('tally', 'votes_cast'));
    at('on_agenda')
      .when(adopt('2025-03-04'))
      .thenThrows(BusinessRuleError, broken('adoptedOn', 'not_before_agenda'));
    at('on_agenda')
      .when(adopt('2025-03-11'))
      .thenThrows(BusinessRuleError, broken('adoptedOn', 'not_in_future'));
    at('deliberation')
      .when(adopt())
      .thenThrows(InvalidStepError, refusedIn('adopt', 'deliberation'));
  });

  it('promulgates with the announcement number, then enters into force', () => {
    const promulgate: C.PromulgateItem = {
      ...base(partyGroup),
      type: 'PromulgateItem',
      announcementNumber: '公告第12号',
      promulgatedOn: '2025-03-06',
    };
    at('adopted').when(promulgate).then([E.promulgated]);
    at('adopted')
      .when({ ...promulgate, promulgatedOn: '2025-03-04' })
      .thenThrows(BusinessRuleError, broken('promulgatedOn', 'after_adoption'));
    at('on_agenda')
      .when(promulgate)
      .thenThrows(InvalidStepError, refusedIn('promulgate', 'on_agenda'));
    const force: C.EnterIntoForce = {
      ...base(partyGroup),
      type: 'EnterIntoForce',
      inForceOn: '2025-03-08',
    };
    const { state } = at('promulgated').when(force).then([E.inForce]);
    expect(state.stageHistory.map((s) => s.stage)).toEqual([
      'proposed',
      'planned',
      'drafting',
      'deliberation',
      'on_agenda',
      'adopted',
      'promulgated',
      'in_force',
    ]);
    // A day of entry into force may lie ahead, but not before promulgation.
    at('promulgated')
      .when({ ...force, inForceOn: '2025-06-01' })
      .then([{ type: 'ItemEnteredIntoForce', data: { inForceOn: '2025-06-01' } }]);
    at('promulgated')
      .when({ ...force, inForceOn: '2025-03-05' })
      .thenThrows(BusinessRuleError, broken('inForceOn', 'after_promulgation'));
    at('adopted')
      .when(force)
      .thenThrows(InvalidStepError, refusedIn('enter_into_force', 'adopted'));
  });

  it('lets the committee office take none of these steps (403)', () => {
    at('deliberation')
      .when({ ...schedule(), actor: office })
      .thenThrows(ForbiddenError, {});
    at('on_agenda')
      .when({ ...adopt(), actor: office })
      .thenThrows(ForbiddenError, {});
  });
});

describe('Amendment and abolition', () => {
  const amend: C.StartAmendment = {
    ...base(partyGroup),
    type: 'StartAmendment',
    reason: '适应新情况',
  };
  const abolish: C.AbolishItem = {
    ...base(partyGroup),
    type: 'AbolishItem',
    abolishedOn: '2025-03-09',
    reason: '已被新法规替代',
  };

  it('starts a new version of an item in force, back in drafting, readings from 1 again', () => {
    const { state } = at('in_force')
      .when(amend)
      .then([
        {
          type: 'ItemAmendmentStarted',
          data: { version: 2, reason: '适应新情况', startedOn: TODAY },
        },
      ]);
    expect(state).toMatchObject({ stage: 'drafting', version: 2, agendaDate: null });
    given([
      ...HISTORY.in_force,
      { type: 'ItemAmendmentStarted', data: { version: 2, reason: 'r', startedOn: TODAY } },
    ])
      .when({
        ...base(partyGroup),
        type: 'HoldReading',
        readingNumber: 1,
        heldOn: TODAY,
        meetingReference: 'm',
      })
      .then([
        {
          type: 'ItemReadingHeld',
          data: { readingNumber: 1, heldOn: TODAY, meetingReference: 'm' },
        },
      ]);
  });

  it('amends only an item in force (409)', () => {
    at('promulgated')
      .when(amend)
      .thenThrows(InvalidStepError, refusedIn('start_amendment', 'promulgated'));
  });

  it('abolishes an item in force, adopted or promulgated, and nothing else', () => {
    for (const stage of ['in_force', 'adopted', 'promulgated'] as const) {
      const { state } = at(stage)
        .when(abolish)
        .then([
          { type: 'ItemAbolished', data: { abolishedOn: '2025-03-09', reason: '已被新法规替代' } },
        ]);
      expect(state.stage).toBe('abolished');
    }
    at('drafting').when(abolish).thenThrows(InvalidStepError, refusedIn('abolish', 'drafting'));
    at('in_force')
      .when({ ...abolish, abolishedOn: '2025-03-01' })
      .thenThrows(BusinessRuleError, broken('abolishedOn', 'after_adoption'));
    given([
      ...HISTORY.in_force,
      { type: 'ItemAbolished', data: { abolishedOn: '2025-03-09', reason: 'r' } },
    ])
      .when(amend)
      .thenThrows(InvalidStepError, refusedIn('start_amendment', 'abolished'));
  });
});

describe('Divergences (重大分歧)', () => {
  const record = (overrides: Partial<C.RecordDivergence> = {}): C.RecordDivergence => ({
    ...base(partyGroup),
    type: 'RecordDivergence',
    description: '常委会审议意见与省委意见在补偿范围上不一致',
    submissionId: 'sub-1',
    pointNumber: 2,
    recordedOn: '2025-03-09',
    ...overrides,
  });
  const step = (
    s: C.RecordDivergenceStep['step'],
    divergenceNumber = 1,
  ): C.RecordDivergenceStep => ({
    ...base(partyGroup),
    type: 'RecordDivergenceStep',
    divergenceNumber,
    step: s,
    note: '',
    on: TODAY,
  });
  const recorded: ItemEvent = {
    type: 'DivergenceRecorded',
    data: {
      divergenceNumber: 1,
      description: 'd',
      submissionId: null,
      pointNumber: null,
      recordedOn: '2025-03-09',
    },
  };
  const stepped = (s: C.RecordDivergenceStep['step']): ItemEvent => ({
    type: 'DivergenceStepRecorded',
    data: { divergenceNumber: 1, step: s, note: '', on: TODAY },
  });
  const resolve: C.ResolveDivergence = {
    ...base(partyGroup),
    type: 'ResolveDivergence',
    divergenceNumber: 1,
    result: '按省委意见修改',
    resolvedOn: TODAY,
  };

  it('records numbered divergences during deliberation; open ones stay on the item', () => {
    const { state } = at('deliberation')
      .when(record())
      .then([
        {
          type: 'DivergenceRecorded',
          data: {
            divergenceNumber: 1,
            description: '常委会审议意见与省委意见在补偿范围上不一致',
            submissionId: 'sub-1',
            pointNumber: 2,
            recordedOn: '2025-03-09',
          },
        },
      ]);
    expect(state.divergences[0]).toMatchObject({ divergenceNumber: 1, resolution: null });
    given([...HISTORY.deliberation, recorded])
      .when(record({ submissionId: null, pointNumber: null }))
      .then([
        {
          type: 'DivergenceRecorded',
          data: {
            ...recorded.data,
            divergenceNumber: 2,
            description: record().description,
            submissionId: null,
            pointNumber: null,
          },
        } as ItemEvent,
      ]);
  });

  it('refuses a point without its submission (422), outside deliberation (409), the office (403)', () => {
    at('deliberation')
      .when(record({ submissionId: null }))
      .thenThrows(BusinessRuleError, broken('pointNumber', 'needs_submission'));
    at('planned')
      .when(record())
      .thenThrows(InvalidStepError, refusedIn('record_divergence', 'planned'));
    at('deliberation')
      .when({ ...record(), actor: office })
      .thenThrows(ForbiddenError, {});
  });

  it('goes through study and consultation, the statutory vote, the plenary, then is resolved', () => {
    const history = [...HISTORY.deliberation, recorded];
    given(history)
      .when(step('further_study'))
      .then([stepped('further_study')]);
    given([...history, stepped('further_study')])
      .when(step('consultation'))
      .then([stepped('consultation')]);
    given([...history, stepped('consultation')])
      .when(step('statutory_vote'))
      .then([stepped('statutory_vote')]);
    given([...history, stepped('consultation'), stepped('statutory_vote')])
      .when(step('referred_to_plenary'))
      .then([stepped('referred_to_plenary')]);
    const { state } = given([...history, stepped('consultation')])
      .when(resolve)
      .then([
        {
          type: 'DivergenceResolved',
          data: { divergenceNumber: 1, result: '按省委意见修改', resolvedOn: TODAY },
        },
      ]);
    expect(state.divergences[0].resolution).toEqual({
      result: '按省委意见修改',
      resolvedOn: TODAY,
    });
  });

  it('refuses steps out of order (422 divergence_step_order)', () => {
    const history = [...HISTORY.deliberation, recorded];
    given(history)
      .when(step('statutory_vote'))
      .thenThrows(BusinessRuleError, broken('step', 'divergence_step_order'));
    given(history)
      .when(step('referred_to_plenary'))
      .thenThrows(BusinessRuleError, broken('step', 'divergence_step_order'));
    const voted = [...history, stepped('further_study'), stepped('statutory_vote')];
    given(voted)
      .when(step('consultation'))
      .thenThrows(BusinessRuleError, broken('step', 'divergence_step_order'));
    given(voted)
      .when(step('statutory_vote'))
      .thenThrows(BusinessRuleError, broken('step', 'divergence_step_order'));
    given([...voted, stepped('referred_to_plenary')])
      .when(step('referred_to_plenary'))
      .thenThrows(BusinessRuleError, broken('step', 'divergence_step_order'));
  });

  it('refuses an unknown divergence (422) and steps on a resolved one (409)', () => {
    const history = [...HISTORY.deliberation, recorded];
    given(history)
      .when(step('further_study', 9))
      .thenThrows(BusinessRuleError, broken('divergenceNumber', 'existing_divergence'));
    const resolved: ItemEvent = {
      type: 'DivergenceResolved',
      data: { divergenceNumber: 1, result: 'r', resolvedOn: TODAY },
    };
    given([...history, resolved])
      .when(step('consultation'))
      .thenThrows(InvalidStepError, { message: /divergence 1 is resolved/ });
    given([...history, resolved])
      .when(resolve)
      .thenThrows(InvalidStepError, {});
    given(history)
      .when({ ...resolve, resolvedOn: '2025-03-01' })
      .thenThrows(BusinessRuleError, broken('resolvedOn', 'after_recording'));
  });

  it('follows an open divergence after adoption', () => {
    given([...HISTORY.on_agenda, recorded, E.adopted])
      .when(resolve)
      .then([
        {
          type: 'DivergenceResolved',
          data: { divergenceNumber: 1, result: '按省委意见修改', resolvedOn: TODAY },
        },
      ]);
  });
});

describe('Post-legislation inquiries (立法后询问) and inspections', () => {
  const open: C.OpenInquiry = {
    ...base(office),
    type: 'OpenInquiry',
    question: '条例实施中补偿资金落实情况如何？',
    dueBy: '2025-04-10',
  };
  const opened: ItemEvent = {
    type: 'PostLegislationInquiryOpened',
    data: { inquiryNumber: 1, question: open.question, dueBy: '2025-04-10', openedAt: NOW },
  };
  const answer: C.AnswerInquiry = {
    ...base(partyGroup),
    type: 'AnswerInquiry',
    inquiryNumber: 1,
    conclusion: 'keep',
    text: '实施良好',
  };
  const answered: ItemEvent = {
    type: 'InquiryAnswered',
    data: { inquiryNumber: 1, conclusion: 'keep', text: '实施良好', answeredAt: NOW },
  };
  const dispute: C.DisputeInquiryConclusion = {
    ...base(office),
    type: 'DisputeInquiryConclusion',
    inquiryNumber: 1,
    reason: '补偿标准偏低，应当修改',
  };
  const disputed: ItemEvent = {
    type: 'InquiryConclusionDisputed',
    data: { inquiryNumber: 1, reason: dispute.reason, disputedAt: NOW },
  };
  const conclude: C.ConcludeInquiryReview = {
    ...base(partyGroup),
    type: 'ConcludeInquiryReview',
    inquiryNumber: 1,
    finalConclusion: 'amend',
    note: '协商一致',
  };
  const report: C.ReportInquiryResult = {
    ...base(fgw),
    type: 'ReportInquiryResult',
    inquiryNumber: 1,
    text: '已启动修改',
  };
  const inForce = HISTORY.in_force;

  it('is opened by the committee office on an item in force, numbered, with a due date', () => {
    const { state, actedAs } = given(inForce).when(open).then([opened]);
    expect(actedAs).toBe('committee_office');
    expect(state.inquiries[0]).toMatchObject({ inquiryNumber: 1, status: 'open' });
    given([...inForce, opened])
      .when(open)
      .then([{ ...opened, data: { ...opened.data, inquiryNumber: 2 } } as ItemEvent]);
  });

  it('refuses the legislature opening one (403), another committee (403), an item not in force (409), a past due date (422)', () => {
    given(inForce)
      .when({ ...open, actor: partyGroup })
      .thenThrows(ForbiddenError, {
        details: { step: 'open_inquiry', requiredRoles: ['committee_office'] },
      });
    given(inForce)
      .when({ ...open, actor: ccOffice })
      .thenThrows(ForbiddenError, {
        details: {
          step: 'open_inquiry',
          organisationId: changchun.office.organisationId,
          requiredSide: 'committee_office',
        },
      });
    at('promulgated')
      .when(open)
      .thenThrows(InvalidStepError, refusedIn('open_inquiry', 'promulgated'));
    given(inForce)
      .when({ ...open, dueBy: TODAY })
      .thenThrows(BusinessRuleError, broken('dueBy', 'in_future'));
  });

  it('is answered by the legislature with a conclusion, once', () => {
    const { state } = given([...inForce, opened])
      .when(answer)
      .then([answered]);
    expect(state.inquiries[0]).toMatchObject({
      status: 'answered',
      answer: { conclusion: 'keep' },
    });
    given([...inForce, opened, answered])
      .when(answer)
      .thenThrows(InvalidStepError, { message: /inquiry 1 is answered/ });
    given([...inForce, opened])
      .when({ ...answer, actor: office })
      .thenThrows(ForbiddenError, {});
    given([...inForce, opened])
      .when({ ...answer, inquiryNumber: 3 })
      .thenThrows(BusinessRuleError, broken('inquiryNumber', 'existing_inquiry'));
  });

  it('takes the result report once answered', () => {
    const { state } = given([...inForce, opened, answered])
      .when(report)
      .then([
        {
          type: 'InquiryResultReported',
          data: { inquiryNumber: 1, text: '已启动修改', reportedAt: NOW },
        },
      ]);
    expect(state.inquiries[0].status).toBe('result_reported');
    given([...inForce, opened])
      .when(report)
      .thenThrows(InvalidStepError, {});
  });

  it('is disputed by the committee office, then the review concludes (legislature side)', () => {
    given([...inForce, opened, answered])
      .when(dispute)
      .then([disputed]);
    given([...inForce, opened])
      .when(dispute)
      .thenThrows(InvalidStepError, { message: /is open/ });
    given([...inForce, opened, answered, disputed])
      .when(dispute)
      .thenThrows(InvalidStepError, {});
    given([...inForce, opened, answered])
      .when({ ...dispute, actor: partyGroup })
      .thenThrows(ForbiddenError, {});
    const { state } = given([...inForce, opened, answered, disputed])
      .when(conclude)
      .then([
        {
          type: 'InquiryReviewConcluded',
          data: { inquiryNumber: 1, finalConclusion: 'amend', note: '协商一致', concludedAt: NOW },
        },
      ]);
    expect(state.inquiries[0]).toMatchObject({
      status: 'concluded',
      review: { finalConclusion: 'amend' },
    });
    given([...inForce, opened, answered])
      .when(conclude)
      .thenThrows(InvalidStepError, {});
    given([...inForce, opened, answered, disputed])
      .when({ ...conclude, actor: office })
      .thenThrows(ForbiddenError, {});
  });

  it('follows an inquiry after the item went back to drafting for its amendment', () => {
    const amended: ItemEvent = {
      type: 'ItemAmendmentStarted',
      data: { version: 2, reason: 'r', startedOn: TODAY },
    };
    given([...inForce, opened, answered, amended])
      .when(report)
      .then([
        {
          type: 'InquiryResultReported',
          data: { inquiryNumber: 1, text: '已启动修改', reportedAt: NOW },
        },
      ]);
  });

  it('records numbered law-enforcement inspections of an item in force', () => {
    const inspect: C.RecordInspection = {
      ...base(fgw),
      type: 'RecordInspection',
      heldFrom: '2025-03-01',
      heldTo: '2025-03-08',
      findings: '执法检查发现……',
    };
    const { state } = given(inForce)
      .when(inspect)
      .then([
        {
          type: 'LawEnforcementInspectionRecorded',
          data: {
            inspectionNumber: 1,
            heldFrom: '2025-03-01',
            heldTo: '2025-03-08',
            findings: '执法检查发现……',
          },
        },
      ]);
    expect(state.inspections).toHaveLength(1);
    given(inForce)
      .when({ ...inspect, heldTo: '2025-02-28' })
      .thenThrows(BusinessRuleError, broken('heldTo', 'not_before_start'));
    given(inForce)
      .when({ ...inspect, heldTo: '2025-03-11' })
      .thenThrows(BusinessRuleError, broken('heldTo', 'not_in_future'));
    at('adopted')
      .when(inspect)
      .thenThrows(InvalidStepError, refusedIn('record_inspection', 'adopted'));
    given(inForce)
      .when({ ...inspect, actor: office })
      .thenThrows(ForbiddenError, {});
  });
});

describe('Who reads an item', () => {
  const readers = itemAggregate.readers(stateAt('proposed'));
  it('is its legislature with its special committees and the committee with its office', () => {
    for (const who of [partyGroup, fgw, office, actor(jilin.committee, ['committee_office'])]) {
      expect(mayRead(who, readers)).toBe(true);
    }
    for (const who of [ccPartyGroup, ccOffice, government, analyst]) {
      expect(mayRead(who, readers)).toBe(false);
    }
  });
});
