import { DomainEvent, EventSchema, FIRST_VERSION, Label } from './envelope';

/** 改革方案 or 具体举措: what kind of decision the committee took. */
export const DECISION_KINDS = ['reform_plan', 'specific_measure'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** The legislative follow-up a decision needs: a new law, an amendment, an abolition. */
export const FOLLOW_UP_KINDS = ['new_law', 'amendment', 'abolition'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export const DECISION_KIND_LABELS: Record<DecisionKind, Label> = {
  reform_plan: { zh: '改革方案', en: 'Reform plan' },
  specific_measure: { zh: '具体举措', en: 'Specific measure' },
};

export const FOLLOW_UP_KIND_LABELS: Record<FollowUpKind, Label> = {
  new_law: { zh: '制定', en: 'New law' },
  amendment: { zh: '修改', en: 'Amendment' },
  abolition: { zh: '废止', en: 'Abolition' },
};

/**
 * v1. Stream `decision-<decisionId>`. The id is derived from the committee and the document
 * number (see `decisionIdOf` in the decisions module), so a second decision with the same
 * number lands on the same stream and is refused: uniqueness without a second lookup.
 */
export interface CommitteeDecisionRecordedV1 {
  decisionId: string;
  /** The Party Committee (kind `party_committee`) whose decision it is. */
  committeeId: string;
  /** The committee office that recorded it. */
  recordedByOfficeId: string;
  /** As printed, e.g. 吉发〔2016〕12号. */
  documentNumber: string;
  title: string;
  summary: string;
  /** YYYY-MM-DD (Beijing). */
  decidedOn: string;
  policyAreas: string[];
  kind: DecisionKind;
  /** Null when no legislative follow-up is needed. */
  followUp: FollowUpKind | null;
}

/** v1. Sent to the legislature (the Standing Committee's Party group) at the same level. */
export interface DecisionTransmittedV1 {
  legislatureId: string;
  transmittedAt: string;
}

/** v1. The legislature acknowledged receipt. */
export interface DecisionTransmissionAcknowledgedV1 {
  acknowledgedAt: string;
}

/** v1. The legislature reports back on the follow-up (numbered from 1). */
export interface DecisionFollowUpReportedV1 {
  reportNumber: number;
  text: string;
  reportedAt: string;
}

/** v1. A later decision of the same committee supersedes this one. */
export interface DecisionSupersededV1 {
  supersededByDecisionId: string;
  supersededAt: string;
}

export type DecisionEvent =
  | DomainEvent<'CommitteeDecisionRecorded', CommitteeDecisionRecordedV1>
  | DomainEvent<'DecisionTransmitted', DecisionTransmittedV1>
  | DomainEvent<'DecisionTransmissionAcknowledged', DecisionTransmissionAcknowledgedV1>
  | DomainEvent<'DecisionFollowUpReported', DecisionFollowUpReportedV1>
  | DomainEvent<'DecisionSuperseded', DecisionSupersededV1>;

export const DECISION_EVENT_SCHEMAS: Record<DecisionEvent['type'], EventSchema> = {
  CommitteeDecisionRecorded: FIRST_VERSION,
  DecisionTransmitted: FIRST_VERSION,
  DecisionTransmissionAcknowledged: FIRST_VERSION,
  DecisionFollowUpReported: FIRST_VERSION,
  DecisionSuperseded: FIRST_VERSION,
};

/**
 * Committee-initiated proposals (党委提出的立法建议): the committee transfers a proposal straight
 * to the Standing Committee's Party group, or for a government rule to the government's Party
 * group; the receiver argues it and answers.
 */
export const PROPOSAL_ROUTES = ['standing_committee', 'government'] as const;
export type ProposalRoute = (typeof PROPOSAL_ROUTES)[number];

export const PROPOSAL_ANSWERS = [
  'taken_into_plan',
  'not_taken',
  'outside_government_power',
] as const;
export type ProposalAnswer = (typeof PROPOSAL_ANSWERS)[number];

export const PROPOSAL_ANSWER_LABELS: Record<ProposalAnswer, Label> = {
  taken_into_plan: { zh: '纳入立法计划', en: 'Taken into the plan' },
  not_taken: { zh: '不予纳入', en: 'Not taken into the plan' },
  outside_government_power: {
    zh: '超出政府权限，建议制定地方性法规',
    en: 'Outside the government’s power; a local regulation is suggested',
  },
};

/** v1. Stream `proposal-<proposalId>`. */
export interface LegislativeProposalTransferredV1 {
  proposalId: string;
  committeeId: string;
  transferredByOfficeId: string;
  /** The Standing Committee's Party group or the government's Party group. */
  receiverId: string;
  route: ProposalRoute;
  /** See `ITEM_KINDS` in item-events. */
  itemKind: 'local_regulation' | 'government_rule' | 'legislative_decision';
  title: string;
  summary: string;
  /** The decision the proposal carries out, if any. */
  decisionId: string | null;
  transferredAt: string;
}

/** v1. The receiver's argumentation (论证), recorded before it answers. */
export interface ProposalArguedV1 {
  arguedOn: string;
  note: string;
}

/** v1. */
export interface ProposalAnsweredV1 {
  answer: ProposalAnswer;
  explanation: string;
  /** With `taken_into_plan`: the plan and the item it became, when known. */
  planId: string | null;
  itemId: string | null;
  answeredAt: string;
}

/**
 * v1. Follows an `outside_government_power` answer in the same decision: the proposal goes to the
 * Standing Committee's Party group of the same level, and its argumentation starts again.
 */
export interface ProposalReroutedV1 {
  receiverId: string;
  route: ProposalRoute;
  reroutedAt: string;
}

export type ProposalEvent =
  | DomainEvent<'LegislativeProposalTransferred', LegislativeProposalTransferredV1>
  | DomainEvent<'ProposalArgued', ProposalArguedV1>
  | DomainEvent<'ProposalAnswered', ProposalAnsweredV1>
  | DomainEvent<'ProposalRerouted', ProposalReroutedV1>;

export const PROPOSAL_EVENT_SCHEMAS: Record<ProposalEvent['type'], EventSchema> = {
  LegislativeProposalTransferred: FIRST_VERSION,
  ProposalArgued: FIRST_VERSION,
  ProposalAnswered: FIRST_VERSION,
  ProposalRerouted: FIRST_VERSION,
};
