/**
 * Legislative plans (立法规划 / 年度立法计划): drafted by the legislature with its items and the
 * case for each, reported to the committee through a submission, approved by the committee's
 * office, adjusted mid-term. Commands, state, policy and decisions of the `plan` aggregate.
 */
import { PlanEntry, PlanEvent, PlanKind } from '../../events/plan-events';
import { ActorContext, OrganisationProfile } from '../../platform/access/actor';
import { rule } from '../../platform/kernel/domain-errors';
import { defineAggregate } from '../../platform/kernel/feature';
import { StepActors, workflow } from '../../platform/kernel/workflow';
import { beijingDate } from '../calendar/working-day-calendar';
import { Oversight, oversightReaders } from '../items/item.policy';
import {
  LEGISLATURE_KINDS,
  checkLegislativePower,
  isCommitteeOffice,
  isLegislatureSide,
} from '../organisations/sides';
import { ReadPolicy } from '../../platform/access/readers';

interface CommandBase {
  actor: ActorContext;
  now: string;
}

/** The legislature each listed item belongs to: null when it is not an item the caller reads. */
export type ItemOwners = Readonly<Record<string, string | null>>;

/** What a plan needs of the submission that reports it; null when not readable. */
export interface SubmissionFacts {
  submissionId: string;
  category: string;
  submittingOrganisationId: string;
  status: string;
}

export interface DraftPlan extends CommandBase {
  type: 'DraftPlan';
  planId: string;
  legislature: OrganisationProfile;
  committee: OrganisationProfile | null;
  kind: PlanKind;
  fromYear: number;
  toYear: number;
  title: string;
  entries: PlanEntry[];
  itemOwners: ItemOwners;
}

export interface AddPlanEntry extends CommandBase {
  type: 'AddPlanEntry';
  entry: PlanEntry;
  itemOwners: ItemOwners;
}

export interface RemovePlanEntry extends CommandBase {
  type: 'RemovePlanEntry';
  itemId: string;
  reason: string;
}

export interface ReportPlan extends CommandBase {
  type: 'ReportPlan';
  submissionId: string;
  submission: SubmissionFacts | null;
}

export interface ApprovePlan extends CommandBase {
  type: 'ApprovePlan';
  approvedOn: string;
  approvalReference: string;
}

export interface AdjustPlan extends CommandBase {
  type: 'AdjustPlan';
  reason: string;
  adjustedOn: string;
  submissionId: string | null;
  submission: SubmissionFacts | null;
  added: PlanEntry[];
  removed: { itemId: string; reason: string }[];
  itemOwners: ItemOwners;
}

export type PlanCommand =
  DraftPlan | AddPlanEntry | RemovePlanEntry | ReportPlan | ApprovePlan | AdjustPlan;

export type PlanStatus = 'none' | 'drafted' | 'reported' | 'approved';

export interface PlanAdjustment {
  adjustmentNumber: number;
  reason: string;
  adjustedOn: string;
  submissionId: string | null;
  added: string[];
  removed: string[];
}

export interface PlanState {
  status: PlanStatus;
  planId: string;
  legislatureId: string;
  committeeId: string;
  kind: PlanKind;
  fromYear: number;
  toYear: number;
  title: string;
  draftedAt: string;
  /** The entries now in the plan. */
  entries: PlanEntry[];
  /** Entries removed, with why and in which adjustment (0 while drafting). */
  removedEntries: { itemId: string; reason: string; adjustmentNumber: number }[];
  submissionId: string | null;
  reportedAt: string | null;
  approval: { approvedOn: string; approvalReference: string } | null;
  adjustments: PlanAdjustment[];
}

export const initialPlanState: PlanState = {
  status: 'none',
  planId: '',
  legislatureId: '',
  committeeId: '',
  kind: 'annual',
  fromYear: 0,
  toYear: 0,
  title: '',
  draftedAt: '',
  entries: [],
  removedEntries: [],
  submissionId: null,
  reportedAt: null,
  approval: null,
  adjustments: [],
};

function lastAdjustment(
  state: PlanState,
  number: number,
  change: (a: PlanAdjustment) => PlanAdjustment,
) {
  return state.adjustments.map((a) => (a.adjustmentNumber === number ? change(a) : a));
}

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  switch (event.type) {
    case 'LegislativePlanDrafted': {
      const d = event.data;
      return {
        ...state,
        status: 'drafted',
        planId: d.planId,
        legislatureId: d.legislatureId,
        committeeId: d.committeeId,
        kind: d.kind,
        fromYear: d.fromYear,
        toYear: d.toYear,
        title: d.title,
        entries: d.entries,
        draftedAt: d.draftedAt,
      };
    }
    case 'PlanEntryAdded': {
      const { adjustmentNumber, ...entry } = event.data;
      return {
        ...state,
        entries: [...state.entries, entry],
        adjustments: lastAdjustment(state, adjustmentNumber, (a) => ({
          ...a,
          added: [...a.added, entry.itemId],
        })),
      };
    }
    case 'PlanEntryRemoved':
      return {
        ...state,
        entries: state.entries.filter((e) => e.itemId !== event.data.itemId),
        removedEntries: [...state.removedEntries, event.data],
        adjustments: lastAdjustment(state, event.data.adjustmentNumber, (a) => ({
          ...a,
          removed: [...a.removed, event.data.itemId],
        })),
      };
    case 'PlanReported':
      return {
        ...state,
        status: 'reported',
        submissionId: event.data.submissionId,
        reportedAt: event.data.reportedAt,
      };
    case 'PlanApproved':
      return { ...state, status: 'approved', approval: event.data };
    case 'PlanAdjusted':
      return {
        ...state,
        adjustments: [...state.adjustments, { ...event.data, added: [], removed: [] }],
      };
  }
}

// ---------------------------------------------------------------------------------------------
// Policy: steps per state, who takes them, who reads a plan.
// ---------------------------------------------------------------------------------------------

export type PlanStep = 'draft' | 'add_entry' | 'remove_entry' | 'report' | 'approve' | 'adjust';

export const PLAN_ALLOWED_STEPS: Record<PlanStatus, readonly PlanStep[]> = {
  none: ['draft'],
  drafted: ['add_entry', 'remove_entry', 'report'],
  reported: ['approve'],
  approved: ['adjust'],
};

type Side = 'legislature_side' | 'committee_office';
const legislature = { legislature: 'legislature_side', party_group: 'legislature_side' } as const;

export const PLAN_STEPS: Record<PlanCommand['type'], { step: PlanStep; actors: StepActors<Side> }> =
  {
    DraftPlan: { step: 'draft', actors: legislature },
    AddPlanEntry: { step: 'add_entry', actors: legislature },
    RemovePlanEntry: { step: 'remove_entry', actors: legislature },
    ReportPlan: { step: 'report', actors: legislature },
    ApprovePlan: { step: 'approve', actors: { committee_office: 'committee_office' } },
    AdjustPlan: { step: 'adjust', actors: legislature },
  };

/** The legislature with its special committees, and the committee with its office. */
export const PLAN_READ_POLICY: ReadPolicy<Oversight> = {
  recordType: 'plan',
  readers: oversightReaders,
};

// ---------------------------------------------------------------------------------------------
// Decisions.
// ---------------------------------------------------------------------------------------------

const today = (now: string) => beijingDate(new Date(now));

function checkEntries(
  entries: readonly PlanEntry[],
  owners: ItemOwners,
  legislatureId: string,
  present: readonly string[],
  field: string,
): void {
  const seen = new Set(present);
  entries.forEach((entry, i) => {
    rule(
      owners[entry.itemId] === legislatureId,
      `${field}[${i}].itemId`,
      'item_of_legislature',
      `Item ${entry.itemId} is not an item of this legislature`,
    );
    rule(
      !seen.has(entry.itemId),
      `${field}[${i}].itemId`,
      'not_in_plan_yet',
      `Item ${entry.itemId} is already in the plan`,
    );
    seen.add(entry.itemId);
  });
}

function checkSubmission(
  submissionId: string,
  submission: SubmissionFacts | null,
  legislatureId: string,
): void {
  rule(
    submission !== null,
    'submissionId',
    'readable_submission',
    `There is no submission ${submissionId} the caller may read`,
  );
  rule(
    submission!.category === 'legislative_plan',
    'submissionId',
    'legislative_plan_category',
    `A plan is reported by a submission of category legislative_plan, not ${submission!.category}`,
  );
  rule(
    submission!.submittingOrganisationId === legislatureId,
    'submissionId',
    'same_legislature',
    'A plan is reported by a submission of its own legislature',
  );
  rule(
    submission!.status !== 'withdrawn',
    'submissionId',
    'not_withdrawn',
    'A withdrawn submission reports nothing',
  );
}

type Decide<Command> = (command: Command, state: PlanState) => PlanEvent[];

const draft: Decide<DraftPlan> = (command) => {
  const { legislature, committee } = command;
  rule(
    LEGISLATURE_KINDS.includes(legislature.kind),
    'legislatureId',
    'drafted_by_legislature',
    `Plans are drafted by a Standing Committee’s or a government’s Party group, not a ${legislature.kind}`,
  );
  checkLegislativePower(legislature, committee, 'drafts no legislative plan');
  const span = command.kind === 'annual' ? 0 : 4;
  rule(
    command.toYear === command.fromYear + span,
    'toYear',
    command.kind === 'annual' ? 'annual_plan_one_year' : 'five_year_plan_five_years',
    command.kind === 'annual'
      ? 'An annual plan covers one year: toYear equals fromYear'
      : 'A five-year plan covers five years: toYear is fromYear + 4',
  );
  checkEntries(command.entries, command.itemOwners, legislature.organisationId, [], 'entries');
  return [
    {
      type: 'LegislativePlanDrafted',
      data: {
        planId: command.planId,
        legislatureId: legislature.organisationId,
        committeeId: committee.organisationId,
        kind: command.kind,
        fromYear: command.fromYear,
        toYear: command.toYear,
        title: command.title,
        entries: command.entries,
        draftedAt: command.now,
      },
    },
  ];
};

const addEntry: Decide<AddPlanEntry> = (command, state) => {
  checkEntries(
    [command.entry],
    command.itemOwners,
    state.legislatureId,
    state.entries.map((e) => e.itemId),
    'entries',
  );
  return [{ type: 'PlanEntryAdded', data: { ...command.entry, adjustmentNumber: 0 } }];
};

function checkRemovable(state: PlanState, itemId: string, field: string): void {
  rule(
    state.entries.some((e) => e.itemId === itemId),
    field,
    'in_plan',
    `Item ${itemId} is not in the plan`,
  );
}

const removeEntry: Decide<RemovePlanEntry> = (command, state) => {
  checkRemovable(state, command.itemId, 'itemId');
  return [
    {
      type: 'PlanEntryRemoved',
      data: { itemId: command.itemId, reason: command.reason, adjustmentNumber: 0 },
    },
  ];
};

const report: Decide<ReportPlan> = (command, state) => {
  checkSubmission(command.submissionId, command.submission, state.legislatureId);
  return [
    { type: 'PlanReported', data: { submissionId: command.submissionId, reportedAt: command.now } },
  ];
};

const approve: Decide<ApprovePlan> = (command) => {
  rule(
    command.approvedOn <= today(command.now),
    'approvedOn',
    'not_in_future',
    'An approval is recorded after it was given',
  );
  return [
    {
      type: 'PlanApproved',
      data: { approvedOn: command.approvedOn, approvalReference: command.approvalReference },
    },
  ];
};

const adjust: Decide<AdjustPlan> = (command, state) => {
  rule(
    command.added.length + command.removed.length > 0,
    'added',
    'not_empty',
    'An adjustment adds or removes at least one entry',
  );
  rule(
    command.adjustedOn <= today(command.now),
    'adjustedOn',
    'not_in_future',
    'An adjustment is recorded after it was decided',
  );
  if (command.submissionId !== null) {
    checkSubmission(command.submissionId, command.submission, state.legislatureId);
  }
  command.removed.forEach((r, i) => checkRemovable(state, r.itemId, `removed[${i}].itemId`));
  const remaining = state.entries
    .map((e) => e.itemId)
    .filter((id) => !command.removed.some((r) => r.itemId === id));
  checkEntries(command.added, command.itemOwners, state.legislatureId, remaining, 'added');
  const adjustmentNumber = state.adjustments.length + 1;
  return [
    {
      type: 'PlanAdjusted',
      data: {
        adjustmentNumber,
        reason: command.reason,
        adjustedOn: command.adjustedOn,
        submissionId: command.submissionId,
      },
    },
    ...command.removed.map((r): PlanEvent => ({
      type: 'PlanEntryRemoved',
      data: { itemId: r.itemId, reason: r.reason, adjustmentNumber },
    })),
    ...command.added.map((entry): PlanEvent => ({
      type: 'PlanEntryAdded',
      data: { ...entry, adjustmentNumber },
    })),
  ];
};

export const planDecider = workflow<PlanCommand, PlanState, PlanEvent, PlanStatus, Side>({
  aggregate: 'plan',
  initialState: initialPlanState,
  status: (state) => state.status,
  allowedSteps: PLAN_ALLOWED_STEPS,
  steps: PLAN_STEPS,
  sides: {
    legislature_side: (actor, state, command) =>
      isLegislatureSide(
        actor,
        command.type === 'DraftPlan' ? command.legislature.organisationId : state.legislatureId,
      ),
    committee_office: (actor, state) => isCommitteeOffice(actor, state.committeeId),
  },
  decisions: {
    DraftPlan: draft,
    AddPlanEntry: addEntry,
    RemovePlanEntry: removeEntry,
    ReportPlan: report,
    ApprovePlan: approve,
    AdjustPlan: adjust,
  },
  evolve: evolvePlan,
});

export const planAggregate = defineAggregate({
  name: 'plan',
  idField: 'planId',
  decider: planDecider,
  exists: (state) => state.status !== 'none',
  status: (state) => state.status,
  readers: (state) => PLAN_READ_POLICY.readers(state),
  location: (id) => `/api/plans/${id}`,
  reads: ['plans'],
});
