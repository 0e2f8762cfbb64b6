/**
 * The commands of a legislative item. Facts kept by other aggregates (the plan, the bodies, the
 * pre-deliberation submissions still waiting for an opinion) are looked up by the command's
 * definition before the decider runs, so the decider stays pure.
 */
import { DivergenceStep, InquiryConclusion, ItemKind, VoteTally } from '../../events/item-events';
import { ActorContext, OrganisationProfile } from '../../platform/access/actor';

interface CommandBase {
  actor: ActorContext;
  now: string;
}

export interface ProposeItem extends CommandBase {
  type: 'ProposeItem';
  itemId: string;
  kind: ItemKind;
  /** The body whose item it is: the actor's Party group (a special committee's parent). */
  legislature: OrganisationProfile;
  /** The Party Committee of the legislature's region; null when none is registered. */
  committee: OrganisationProfile | null;
  title: string;
  summary: string;
  policyAreas: string[];
  proposedOn: string;
}

/** What the item needs to know of a plan; null when it does not exist or is not readable. */
export interface PlanFacts {
  planId: string;
  legislatureId: string;
  status: string;
  itemIds: readonly string[];
}

export interface PlanItem extends CommandBase {
  type: 'PlanItem';
  planId: string;
  plan: PlanFacts | null;
}

export interface StartDrafting extends CommandBase {
  type: 'StartDrafting';
  draftingUnitId: string;
  /** Null when the organisation is not registered. */
  draftingUnit: OrganisationProfile | null;
  startedOn: string;
}

export interface HoldReading extends CommandBase {
  type: 'HoldReading';
  readingNumber: number;
  heldOn: string;
  meetingReference: string;
}

export interface ScheduleForVote extends CommandBase {
  type: 'ScheduleForVote';
  agendaDate: string;
  /**
   * The `pre_deliberation` submissions about the item that were sent and have no opinion yet:
   * while there is one, the item cannot be put on the agenda.
   */
  pendingPreDeliberation: string[];
}

export interface AdoptItem extends CommandBase {
  type: 'AdoptItem';
  adoptedOn: string;
  tally: VoteTally | null;
}

export interface PromulgateItem extends CommandBase {
  type: 'PromulgateItem';
  announcementNumber: string;
  promulgatedOn: string;
}

export interface EnterIntoForce extends CommandBase {
  type: 'EnterIntoForce';
  inForceOn: string;
}

export interface StartAmendment extends CommandBase {
  type: 'StartAmendment';
  reason: string;
}

export interface AbolishItem extends CommandBase {
  type: 'AbolishItem';
  abolishedOn: string;
  reason: string;
}

export interface RecordDivergence extends CommandBase {
  type: 'RecordDivergence';
  description: string;
  submissionId: string | null;
  pointNumber: number | null;
  recordedOn: string;
}

export interface RecordDivergenceStep extends CommandBase {
  type: 'RecordDivergenceStep';
  divergenceNumber: number;
  step: DivergenceStep;
  note: string;
  on: string;
}

export interface ResolveDivergence extends CommandBase {
  type: 'ResolveDivergence';
  divergenceNumber: number;
  result: string;
  resolvedOn: string;
}

export interface OpenInquiry extends CommandBase {
  type: 'OpenInquiry';
  question: string;
  dueBy: string;
}

export interface AnswerInquiry extends CommandBase {
  type: 'AnswerInquiry';
  inquiryNumber: number;
  conclusion: InquiryConclusion;
  text: string;
}

export interface ReportInquiryResult extends CommandBase {
  type: 'ReportInquiryResult';
  inquiryNumber: number;
  text: string;
}

export interface DisputeInquiryConclusion extends CommandBase {
  type: 'DisputeInquiryConclusion';
  inquiryNumber: number;
  reason: string;
}

export interface ConcludeInquiryReview extends CommandBase {
  type: 'ConcludeInquiryReview';
  inquiryNumber: number;
  finalConclusion: InquiryConclusion;
  note: string;
}

export interface RecordInspection extends CommandBase {
  type: 'RecordInspection';
  heldFrom: string;
  heldTo: string;
  findings: string;
}

export type ItemCommand =
  | ProposeItem
  | PlanItem
  | StartDrafting
  | HoldReading
  | ScheduleForVote
  | AdoptItem
  | PromulgateItem
  | EnterIntoForce
  | StartAmendment
  | AbolishItem
  | RecordDivergence
  | RecordDivergenceStep
  | ResolveDivergence
  | OpenInquiry
  | AnswerInquiry
  | ReportInquiryResult
  | DisputeInquiryConclusion
  | ConcludeInquiryReview
  | RecordInspection;
