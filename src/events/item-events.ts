import { DomainEvent, EventSchema, FIRST_VERSION, Label } from './envelope';

/** 地方性法规, 政府规章, 法规性决定. */
export const ITEM_KINDS = ['local_regulation', 'government_rule', 'legislative_decision'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_KIND_LABELS: Record<ItemKind, Label> = {
  local_regulation: { zh: '地方性法规', en: 'Local regulation' },
  government_rule: { zh: '政府规章', en: 'Government rule' },
  legislative_decision: { zh: '法规性决定', en: 'Legislative decision' },
};

/** Where an item stands; `amended` items go back to `drafting` with a new version. */
export const ITEM_STAGES = [
  'proposed',
  'planned',
  'drafting',
  'deliberation',
  'on_agenda',
  'adopted',
  'promulgated',
  'in_force',
  'abolished',
] as const;
export type ItemStage = (typeof ITEM_STAGES)[number];

export const ITEM_STAGE_LABELS: Record<ItemStage, Label> = {
  proposed: { zh: '已提出', en: 'Proposed' },
  planned: { zh: '已列入计划', en: 'In a plan' },
  drafting: { zh: '起草中', en: 'Drafting' },
  deliberation: { zh: '审议中', en: 'In deliberation' },
  on_agenda: { zh: '已列入表决议程', en: 'On the agenda for a vote' },
  adopted: { zh: '已通过', en: 'Adopted' },
  promulgated: { zh: '已公布', en: 'Promulgated' },
  in_force: { zh: '已施行', en: 'In force' },
  abolished: { zh: '已废止', en: 'Abolished' },
};

/**
 * v1. Stream `item-<itemId>`. Proposed by the legislature (Standing Committee's Party group or
 * its bodies) or, for a government rule, by the government's Party group.
 */
export interface LegislativeItemProposedV1 {
  itemId: string;
  kind: ItemKind;
  /** The body whose item it is: a Standing Committee's or a government's Party group. */
  legislatureId: string;
  /** The Party Committee at the same level, which oversees it (looked up when proposed). */
  committeeId: string;
  title: string;
  summary: string;
  policyAreas: string[];
  proposedOn: string;
}

/** v1. Included in a plan (the plan's own stream records the entry). */
export interface ItemPlannedV1 {
  planId: string;
  plannedOn: string;
}

/** v1. */
export interface ItemDraftingStartedV1 {
  draftingUnitId: string;
  startedOn: string;
}

/** v1. A reading (审议) by the Standing Committee, numbered from 1. */
export interface ItemReadingHeldV1 {
  readingNumber: number;
  heldOn: string;
  meetingReference: string;
}

/**
 * v1. Put on the agenda for a vote. Refused while a `pre_deliberation` submission about the item
 * has no opinion yet.
 */
export interface ItemScheduledForVoteV1 {
  agendaDate: string;
  scheduledOn: string;
}

export interface VoteTally {
  for: number;
  against: number;
  abstentions: number;
}

/** v1. */
export interface ItemAdoptedV1 {
  adoptedOn: string;
  tally: VoteTally | null;
}

/** v1. 公告 number. */
export interface ItemPromulgatedV1 {
  announcementNumber: string;
  promulgatedOn: string;
}

/** v1. */
export interface ItemEnteredIntoForceV1 {
  inForceOn: string;
}

/** v1. An amendment starts: a new version of the same item, back in drafting. */
export interface ItemAmendmentStartedV1 {
  version: number;
  reason: string;
  startedOn: string;
}

/** v1. */
export interface ItemAbolishedV1 {
  abolishedOn: string;
  reason: string;
}

/** The steps a divergence (重大分歧) goes through before its final result. */
export const DIVERGENCE_STEPS = [
  'further_study',
  'consultation',
  'statutory_vote',
  'referred_to_plenary',
] as const;
export type DivergenceStep = (typeof DIVERGENCE_STEPS)[number];

export const DIVERGENCE_STEP_LABELS: Record<DivergenceStep, Label> = {
  further_study: { zh: '进一步研究', en: 'Further study' },
  consultation: { zh: '沟通协商', en: 'Consultation' },
  statutory_vote: { zh: '依法定程序表决', en: 'Vote by statutory procedure' },
  referred_to_plenary: { zh: '提请人民代表大会审议', en: 'Referred to the plenary session' },
};

/** v1. The Standing Committee's deliberation differs from the committee's opinion. */
export interface DivergenceRecordedV1 {
  divergenceNumber: number;
  description: string;
  /** The opinion it departs from, when there is one. */
  submissionId: string | null;
  pointNumber: number | null;
  recordedOn: string;
}

/** v1. */
export interface DivergenceStepRecordedV1 {
  divergenceNumber: number;
  step: DivergenceStep;
  note: string;
  on: string;
}

/** v1. */
export interface DivergenceResolvedV1 {
  divergenceNumber: number;
  result: string;
  resolvedOn: string;
}

export const INQUIRY_CONCLUSIONS = ['keep', 'amend', 'abolish'] as const;
export type InquiryConclusion = (typeof INQUIRY_CONCLUSIONS)[number];

export const INQUIRY_CONCLUSION_LABELS: Record<InquiryConclusion, Label> = {
  keep: { zh: '继续施行', en: 'Keep' },
  amend: { zh: '修改', en: 'Amend' },
  abolish: { zh: '废止', en: 'Abolish' },
};

/** Where a post-legislation inquiry stands, from the committee's question to one conclusion. */
export const INQUIRY_STATUSES = [
  'open',
  'answered',
  'result_reported',
  'disputed',
  'concluded',
] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export const INQUIRY_STATUS_LABELS: Record<InquiryStatus, Label> = {
  open: { zh: '待答复', en: 'Awaiting the answer' },
  answered: { zh: '已答复', en: 'Answered' },
  result_reported: { zh: '已报告落实结果', en: 'Result reported' },
  disputed: { zh: '结论有异议，复核中', en: 'Disputed, under review' },
  concluded: { zh: '复核已有结论', en: 'Review concluded' },
};

/** v1. The committee (its office) asks how an item in force is implemented (立法后询问). */
export interface PostLegislationInquiryOpenedV1 {
  inquiryNumber: number;
  question: string;
  /** YYYY-MM-DD by which the legislature answers in writing. */
  dueBy: string;
  openedAt: string;
}

/** v1. The legislature's written answer. */
export interface InquiryAnsweredV1 {
  inquiryNumber: number;
  conclusion: InquiryConclusion;
  text: string;
  answeredAt: string;
}

/** v1. The legislature reports the result of acting on its conclusion. */
export interface InquiryResultReportedV1 {
  inquiryNumber: number;
  text: string;
  reportedAt: string;
}

/** v1. The committee disagrees with the conclusion: a review follows. */
export interface InquiryConclusionDisputedV1 {
  inquiryNumber: number;
  reason: string;
  disputedAt: string;
}

/** v1. The review's final conclusion. */
export interface InquiryReviewConcludedV1 {
  inquiryNumber: number;
  finalConclusion: InquiryConclusion;
  note: string;
  concludedAt: string;
}

/** v1. A law-enforcement inspection (执法检查) of an item in force. */
export interface LawEnforcementInspectionRecordedV1 {
  inspectionNumber: number;
  heldFrom: string;
  heldTo: string;
  findings: string;
}

export type ItemEvent =
  | DomainEvent<'LegislativeItemProposed', LegislativeItemProposedV1>
  | DomainEvent<'ItemPlanned', ItemPlannedV1>
  | DomainEvent<'ItemDraftingStarted', ItemDraftingStartedV1>
  | DomainEvent<'ItemReadingHeld', ItemReadingHeldV1>
  | DomainEvent<'ItemScheduledForVote', ItemScheduledForVoteV1>
  | DomainEvent<'ItemAdopted', ItemAdoptedV1>
  | DomainEvent<'ItemPromulgated', ItemPromulgatedV1>
  | DomainEvent<'ItemEnteredIntoForce', ItemEnteredIntoForceV1>
  | DomainEvent<'ItemAmendmentStarted', ItemAmendmentStartedV1>
  | DomainEvent<'ItemAbolished', ItemAbolishedV1>
  | DomainEvent<'DivergenceRecorded', DivergenceRecordedV1>
  | DomainEvent<'DivergenceStepRecorded', DivergenceStepRecordedV1>
  | DomainEvent<'DivergenceResolved', DivergenceResolvedV1>
  | DomainEvent<'PostLegislationInquiryOpened', PostLegislationInquiryOpenedV1>
  | DomainEvent<'InquiryAnswered', InquiryAnsweredV1>
  | DomainEvent<'InquiryResultReported', InquiryResultReportedV1>
  | DomainEvent<'InquiryConclusionDisputed', InquiryConclusionDisputedV1>
  | DomainEvent<'InquiryReviewConcluded', InquiryReviewConcludedV1>
  | DomainEvent<'LawEnforcementInspectionRecorded', LawEnforcementInspectionRecordedV1>;

export const ITEM_EVENT_SCHEMAS: Record<ItemEvent['type'], EventSchema> = {
  LegislativeItemProposed: FIRST_VERSION,
  ItemPlanned: FIRST_VERSION,
  ItemDraftingStarted: FIRST_VERSION,
  ItemReadingHeld: FIRST_VERSION,
  ItemScheduledForVote: FIRST_VERSION,
  ItemAdopted: FIRST_VERSION,
  ItemPromulgated: FIRST_VERSION,
  ItemEnteredIntoForce: FIRST_VERSION,
  ItemAmendmentStarted: FIRST_VERSION,
  ItemAbolished: FIRST_VERSION,
  DivergenceRecorded: FIRST_VERSION,
  DivergenceStepRecorded: FIRST_VERSION,
  DivergenceResolved: FIRST_VERSION,
  PostLegislationInquiryOpened: FIRST_VERSION,
  InquiryAnswered: FIRST_VERSION,
  InquiryResultReported: FIRST_VERSION,
  InquiryConclusionDisputed: FIRST_VERSION,
  InquiryReviewConcluded: FIRST_VERSION,
  LawEnforcementInspectionRecorded: FIRST_VERSION,
};

/** What an assessment (立法后评估) judged: the decision works, or the decision or law must change. */
export const ASSESSMENT_JUDGMENTS = ['effective', 'adjust_decision', 'adjust_law'] as const;
export type AssessmentJudgment = (typeof ASSESSMENT_JUDGMENTS)[number];

export const ASSESSMENT_JUDGMENT_LABELS: Record<AssessmentJudgment, Label> = {
  effective: { zh: '实施有效', en: 'Effective' },
  adjust_decision: { zh: '调整决策', en: 'Adjust the decision' },
  adjust_law: { zh: '调整法规', en: 'Adjust the law' },
};

/** v1. Stream `assessment-<assessmentId>`: a report on an item or a decision. */
export interface AssessmentReportedV1 {
  assessmentId: string;
  subject: { kind: 'item' | 'decision'; id: string };
  /** The organisation that carried out the assessment. */
  reportedByOrganisationId: string;
  /** The committee that judges it (the subject's overseeing Party Committee). */
  committeeId: string;
  title: string;
  findings: string;
  reportedOn: string;
}

/** v1. The committee's judgment on the report. */
export interface AssessmentJudgedV1 {
  judgment: AssessmentJudgment;
  note: string;
  judgedAt: string;
}

export type AssessmentEvent =
  | DomainEvent<'AssessmentReported', AssessmentReportedV1>
  | DomainEvent<'AssessmentJudged', AssessmentJudgedV1>;

export const ASSESSMENT_EVENT_SCHEMAS: Record<AssessmentEvent['type'], EventSchema> = {
  AssessmentReported: FIRST_VERSION,
  AssessmentJudged: FIRST_VERSION,
};
