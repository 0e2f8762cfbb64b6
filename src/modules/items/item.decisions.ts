/** One decision per item command, with the business rules it checks (422 naming the field). */
import { ItemEvent } from '../../events/item-events';
import { rule } from '../../platform/kernel/domain-errors';
import { StepRefused } from '../../platform/kernel/workflow';
import { beijingDate } from '../calendar/working-day-calendar';
import * as C from './item.commands';
import { Divergence, Inquiry, InquiryStatus, ItemState, currentReadings } from './item.state';
import { checkLegislativePower } from '../organisations/sides';

type Decide<Command> = (command: Command, state: ItemState) => ItemEvent[];

const today = (now: string) => beijingDate(new Date(now));

/** A recorded fact happened already: its date is today or earlier (Beijing). */
export function notInFuture(date: string, now: string, field: string, what: string): void {
  rule(date <= today(now), field, 'not_in_future', `${what} is recorded after it took place`);
}

function notBefore(
  date: string,
  earliest: string | null,
  field: string,
  ruleName: string,
  what: string,
) {
  if (earliest) rule(date >= earliest, field, ruleName, `${what} (${earliest})`);
}

/** Who may own which kind: the Standing Committee's Party group, or the government's. */
const OWNER_KIND = {
  local_regulation: 'standing_committee_party_group',
  legislative_decision: 'standing_committee_party_group',
  government_rule: 'government_party_group',
} as const;

export const propose: Decide<C.ProposeItem> = (command) => {
  const { legislature, committee } = command;
  const owner = OWNER_KIND[command.kind];
  rule(
    legislature.kind === owner,
    'kind',
    'kind_for_legislature',
    `A ${command.kind} is the item of a ${owner}, not of a ${legislature.kind}`,
  );
  checkLegislativePower(legislature, committee, 'proposes no legislative items');
  notInFuture(command.proposedOn, command.now, 'proposedOn', 'A proposal');
  return [
    {
      type: 'LegislativeItemProposed',
      data: {
        itemId: command.itemId,
        kind: command.kind,
        legislatureId: legislature.organisationId,
        committeeId: committee.organisationId,
        title: command.title,
        summary: command.summary,
        policyAreas: command.policyAreas,
        proposedOn: command.proposedOn,
      },
    },
  ];
};

/** Plans a plan must be approved in before its items count as planned. */
const APPROVED_PLAN = ['approved'];

export const plan: Decide<C.PlanItem> = (command, state) => {
  const found = command.plan;
  rule(found !== null, 'planId', 'existing_plan', `There is no plan ${command.planId}`);
  rule(
    found!.legislatureId === state.legislatureId,
    'planId',
    'same_legislature',
    'An item is planned in a plan of its own legislature',
  );
  rule(
    found!.itemIds.includes(state.itemId),
    'planId',
    'item_in_plan',
    'The plan has no entry for this item: add it to the plan first',
  );
  rule(
    APPROVED_PLAN.includes(found!.status),
    'planId',
    'plan_approved',
    `The plan is ${found!.status}; an item is planned once its plan is approved`,
  );
  if (state.planIds.includes(command.planId)) {
    throw new StepRefused(`the item is already in plan ${command.planId}`, {
      planId: command.planId,
    });
  }
  return [{ type: 'ItemPlanned', data: { planId: command.planId, plannedOn: today(command.now) } }];
};

export const startDrafting: Decide<C.StartDrafting> = (command, state) => {
  rule(
    command.draftingUnit !== null,
    'draftingUnitId',
    'registered',
    `Organisation ${command.draftingUnitId} is not registered`,
  );
  notInFuture(command.startedOn, command.now, 'startedOn', 'Drafting');
  notBefore(
    command.startedOn,
    state.proposedOn,
    'startedOn',
    'after_proposal',
    'Drafting starts after the proposal',
  );
  return [
    {
      type: 'ItemDraftingStarted',
      data: { draftingUnitId: command.draftingUnitId, startedOn: command.startedOn },
    },
  ];
};

export const holdReading: Decide<C.HoldReading> = (command, state) => {
  const readings = currentReadings(state);
  const next = readings.length + 1;
  rule(
    command.readingNumber === next,
    'readingNumber',
    'consecutive',
    `Readings are numbered 1, 2, 3, … in order: the next reading is number ${next}`,
  );
  notInFuture(command.heldOn, command.now, 'heldOn', 'A reading');
  notBefore(
    command.heldOn,
    readings[readings.length - 1]?.heldOn ?? null,
    'heldOn',
    'after_previous_reading',
    'A reading is held after the previous one',
  );
  return [
    {
      type: 'ItemReadingHeld',
      data: {
        readingNumber: command.readingNumber,
        heldOn: command.heldOn,
        meetingReference: command.meetingReference,
      },
    },
  ];
};

export const scheduleForVote: Decide<C.ScheduleForVote> = (command) => {
  if (command.pendingPreDeliberation.length > 0) {
    throw new StepRefused('a pre-deliberation submission about the item has no opinion yet', {
      rule: 'pre_deliberation_opinion_first',
      pendingPreDeliberation: command.pendingPreDeliberation,
    });
  }
  rule(
    command.agendaDate >= today(command.now),
    'agendaDate',
    'not_in_past',
    'The vote is put on the agenda of a meeting today or later',
  );
  return [
    {
      type: 'ItemScheduledForVote',
      data: { agendaDate: command.agendaDate, scheduledOn: today(command.now) },
    },
  ];
};

export const adopt: Decide<C.AdoptItem> = (command, state) => {
  notInFuture(command.adoptedOn, command.now, 'adoptedOn', 'An adoption');
  notBefore(
    command.adoptedOn,
    state.agendaDate,
    'adoptedOn',
    'not_before_agenda',
    'An item is adopted at the meeting it was put on the agenda of, not before',
  );
  const tally = command.tally;
  if (tally) {
    rule(
      tally.for + tally.against + tally.abstentions > 0,
      'tally',
      'votes_cast',
      'A tally counts at least one vote',
    );
    rule(
      tally.for > tally.against,
      'tally.for',
      'majority',
      `An adopted item has more votes for than against (${tally.for} for, ${tally.against} against)`,
    );
  }
  return [{ type: 'ItemAdopted', data: { adoptedOn: command.adoptedOn, tally } }];
};

export const promulgate: Decide<C.PromulgateItem> = (command, state) => {
  notInFuture(command.promulgatedOn, command.now, 'promulgatedOn', 'A promulgation');
  notBefore(
    command.promulgatedOn,
    state.adoptedOn,
    'promulgatedOn',
    'after_adoption',
    'An item is promulgated on or after its adoption',
  );
  return [
    {
      type: 'ItemPromulgated',
      data: {
        announcementNumber: command.announcementNumber,
        promulgatedOn: command.promulgatedOn,
      },
    },
  ];
};

export const enterIntoForce: Decide<C.EnterIntoForce> = (command, state) => {
  notBefore(
    command.inForceOn,
    state.promulgatedOn,
    'inForceOn',
    'after_promulgation',
    'An item enters into force on or after its promulgation',
  );
  return [{ type: 'ItemEnteredIntoForce', data: { inForceOn: command.inForceOn } }];
};

export const startAmendment: Decide<C.StartAmendment> = (command, state) => [
  {
    type: 'ItemAmendmentStarted',
    data: { version: state.version + 1, reason: command.reason, startedOn: today(command.now) },
  },
];

export const abolish: Decide<C.AbolishItem> = (command, state) => {
  notInFuture(command.abolishedOn, command.now, 'abolishedOn', 'An abolition');
  notBefore(
    command.abolishedOn,
    state.adoptedOn,
    'abolishedOn',
    'after_adoption',
    'An item is abolished after its adoption',
  );
  return [
    { type: 'ItemAbolished', data: { abolishedOn: command.abolishedOn, reason: command.reason } },
  ];
};

export const recordDivergence: Decide<C.RecordDivergence> = (command, state) => {
  rule(
    command.pointNumber === null || command.submissionId !== null,
    'pointNumber',
    'needs_submission',
    'An opinion point is named together with the submission whose opinion it belongs to',
  );
  notInFuture(command.recordedOn, command.now, 'recordedOn', 'A divergence');
  return [
    {
      type: 'DivergenceRecorded',
      data: {
        divergenceNumber: state.divergences.length + 1,
        description: command.description,
        submissionId: command.submissionId,
        pointNumber: command.pointNumber,
        recordedOn: command.recordedOn,
      },
    },
  ];
};

function openDivergence(state: ItemState, number: number): Divergence {
  const found = state.divergences.find((d) => d.divergenceNumber === number);
  rule(
    found !== undefined,
    'divergenceNumber',
    'existing_divergence',
    `The item has no divergence number ${number}`,
  );
  if (found!.resolution) {
    throw new StepRefused(`divergence ${number} is resolved`, { divergenceNumber: number });
  }
  return found!;
}

/**
 * The order a divergence is settled in: study and consultation (as often as needed), then the
 * Standing Committee's statutory vote, then, in the gravest cases, the plenary session.
 */
export const recordDivergenceStep: Decide<C.RecordDivergenceStep> = (command, state) => {
  const divergence = openDivergence(state, command.divergenceNumber);
  const taken = divergence.steps.map((s) => s.step);
  const voted = taken.includes('statutory_vote');
  const referred = taken.includes('referred_to_plenary');
  const studied = taken.includes('further_study') || taken.includes('consultation');
  const problem = {
    further_study: voted ? 'comes before the statutory vote' : null,
    consultation: voted ? 'comes before the statutory vote' : null,
    statutory_vote: voted
      ? 'is taken once'
      : !studied
        ? 'follows further study or consultation'
        : null,
    referred_to_plenary: referred ? 'happens once' : !voted ? 'follows a statutory vote' : null,
  }[command.step];
  rule(
    problem === null,
    'step',
    'divergence_step_order',
    `A divergence goes from further study and consultation to a statutory vote, then to the plenary session: ${command.step} ${problem}`,
  );
  notInFuture(command.on, command.now, 'on', 'A step');
  return [
    {
      type: 'DivergenceStepRecorded',
      data: {
        divergenceNumber: command.divergenceNumber,
        step: command.step,
        note: command.note,
        on: command.on,
      },
    },
  ];
};

export const resolveDivergence: Decide<C.ResolveDivergence> = (command, state) => {
  const divergence = openDivergence(state, command.divergenceNumber);
  notInFuture(command.resolvedOn, command.now, 'resolvedOn', 'A resolution');
  notBefore(
    command.resolvedOn,
    divergence.recordedOn,
    'resolvedOn',
    'after_recording',
    'A divergence is resolved after it was recorded',
  );
  return [
    {
      type: 'DivergenceResolved',
      data: {
        divergenceNumber: command.divergenceNumber,
        result: command.result,
        resolvedOn: command.resolvedOn,
      },
    },
  ];
};

export const openInquiry: Decide<C.OpenInquiry> = (command, state) => {
  rule(
    command.dueBy > today(command.now),
    'dueBy',
    'in_future',
    'The written answer is due on a date after today',
  );
  return [
    {
      type: 'PostLegislationInquiryOpened',
      data: {
        inquiryNumber: state.inquiries.length + 1,
        question: command.question,
        dueBy: command.dueBy,
        openedAt: command.now,
      },
    },
  ];
};

/** The inquiry, which must be in one of `statuses` for the step (409 otherwise). */
function inquiryIn(
  state: ItemState,
  number: number,
  statuses: readonly InquiryStatus[],
  extra: (i: Inquiry) => boolean = () => true,
): Inquiry {
  const found = state.inquiries.find((i) => i.inquiryNumber === number);
  rule(
    found !== undefined,
    'inquiryNumber',
    'existing_inquiry',
    `The item has no inquiry number ${number}`,
  );
  if (!statuses.includes(found!.status) || !extra(found!)) {
    throw new StepRefused(`inquiry ${number} is ${found!.status.replace(/_/g, ' ')}`, {
      inquiryNumber: number,
      inquiryStatus: found!.status,
    });
  }
  return found!;
}

export const answerInquiry: Decide<C.AnswerInquiry> = (command, state) => {
  inquiryIn(state, command.inquiryNumber, ['open']);
  return [
    {
      type: 'InquiryAnswered',
      data: {
        inquiryNumber: command.inquiryNumber,
        conclusion: command.conclusion,
        text: command.text,
        answeredAt: command.now,
      },
    },
  ];
};

export const reportInquiryResult: Decide<C.ReportInquiryResult> = (command, state) => {
  inquiryIn(state, command.inquiryNumber, ['answered', 'result_reported', 'concluded']);
  return [
    {
      type: 'InquiryResultReported',
      data: { inquiryNumber: command.inquiryNumber, text: command.text, reportedAt: command.now },
    },
  ];
};

export const disputeInquiryConclusion: Decide<C.DisputeInquiryConclusion> = (command, state) => {
  inquiryIn(state, command.inquiryNumber, ['answered', 'result_reported'], (i) => !i.dispute);
  return [
    {
      type: 'InquiryConclusionDisputed',
      data: {
        inquiryNumber: command.inquiryNumber,
        reason: command.reason,
        disputedAt: command.now,
      },
    },
  ];
};

export const concludeInquiryReview: Decide<C.ConcludeInquiryReview> = (command, state) => {
  inquiryIn(state, command.inquiryNumber, ['disputed']);
  return [
    {
      type: 'InquiryReviewConcluded',
      data: {
        inquiryNumber: command.inquiryNumber,
        finalConclusion: command.finalConclusion,
        note: command.note,
        concludedAt: command.now,
      },
    },
  ];
};

export const recordInspection: Decide<C.RecordInspection> = (command, state) => {
  rule(
    command.heldTo >= command.heldFrom,
    'heldTo',
    'not_before_start',
    'An inspection ends on or after the day it began',
  );
  notInFuture(command.heldTo, command.now, 'heldTo', 'An inspection');
  return [
    {
      type: 'LawEnforcementInspectionRecorded',
      data: {
        inspectionNumber: state.inspections.length + 1,
        heldFrom: command.heldFrom,
        heldTo: command.heldTo,
        findings: command.findings,
      },
    },
  ];
};
