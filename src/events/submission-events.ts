import { DomainEvent, EventSchema, FIRST_VERSION, Label } from './envelope';

/** 请示 asks for a decision and must get a reply; 报告 informs. */
export const SUBMISSION_KINDS = ['request', 'report'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

export const SUBMISSION_KIND_LABELS: Record<SubmissionKind, Label> = {
  request: { zh: '请示', en: 'Request' },
  report: { zh: '报告', en: 'Report' },
};

/** The seven parts of the reporting scope (报告范围). */
export const SUBMISSION_CATEGORIES = [
  'legislative_plan',
  'legislative_project',
  'drafting',
  'pre_deliberation',
  'major_issue',
  'post_legislation',
  'government_legislation',
] as const;
export type SubmissionCategory = (typeof SUBMISSION_CATEGORIES)[number];

export const SUBMISSION_CATEGORY_LABELS: Record<SubmissionCategory, Label> = {
  legislative_plan: { zh: '立法规划/年度立法计划', en: 'Legislative plan' },
  legislative_project: { zh: '立法项目', en: 'Legislative project' },
  drafting: { zh: '重要法规起草', en: 'Drafting of important legislation' },
  pre_deliberation: { zh: '审议前', en: 'Before deliberation' },
  major_issue: { zh: '重大问题', en: 'Major issue' },
  post_legislation: { zh: '立法后', en: 'Post-legislation' },
  government_legislation: { zh: '政府立法', en: 'Government legislation' },
};

export const CLASSIFICATIONS = ['internal', 'confidential', 'secret'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** 内部 / 秘密 / 机密, in the order of GB/T 7156 (绝密 is not handled here at all). */
export const CLASSIFICATION_LABELS: Record<Classification, Label> = {
  internal: { zh: '内部', en: 'Internal' },
  confidential: { zh: '秘密', en: 'Confidential' },
  secret: { zh: '机密', en: 'Secret' },
};

/**
 * The meetings that discuss a matter before it is sent: the Party group meeting of any Party
 * group (党组会议); on the Standing Committee side the chairman's meeting (主任会议, 委员长会议 at
 * national level) and the Standing Committee session (常委会会议); on the government side the
 * executive meeting (政府常务会议).
 */
export const PARTY_GROUP_MEETING_KINDS = [
  'party_group_meeting',
  'chairmans_meeting',
  'standing_committee_session',
  'executive_meeting',
] as const;
export type PartyGroupMeetingKind = (typeof PARTY_GROUP_MEETING_KINDS)[number];

/**
 * The Party Committee's meetings, named so none reads as the People's Congress plenary:
 * 党委常委会会议, 书记办公会, 党委全会.
 */
export const COMMITTEE_MEETING_KINDS = [
  'standing_committee_meeting',
  'secretaries_meeting',
  'committee_plenary_session',
] as const;
export type CommitteeMeetingKind = (typeof COMMITTEE_MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<PartyGroupMeetingKind | CommitteeMeetingKind, Label> = {
  party_group_meeting: { zh: '党组会议', en: 'Party group meeting' },
  chairmans_meeting: {
    zh: '主任会议（全国人大常委会为委员长会议）',
    en: 'Chairman’s meeting (Council of Chairpersons at national level)',
  },
  standing_committee_session: { zh: '常委会会议', en: 'Standing Committee session' },
  executive_meeting: { zh: '政府常务会议', en: 'Government executive meeting' },
  standing_committee_meeting: {
    zh: '党委常委会会议',
    en: 'Meeting of the Party Committee’s Standing Committee',
  },
  secretaries_meeting: { zh: '书记办公会', en: 'Secretaries’ meeting' },
  committee_plenary_session: { zh: '党委全会', en: 'Plenary session of the Party Committee' },
};

/** v1 called the committee plenary `plenary_session`; stored v1 events still hold it. */
export type CommitteeMeetingKindV1 =
  Exclude<CommitteeMeetingKind, 'committee_plenary_session'> | 'plenary_session';

export const REQUEST_OUTCOMES = [
  'approved',
  'approved_with_opinions',
  'revise_and_resubmit',
  'not_approved',
] as const;
export const REPORT_OUTCOMES = ['noted', 'noted_with_comments'] as const;
export type OpinionOutcome = (typeof REQUEST_OUTCOMES)[number] | (typeof REPORT_OUTCOMES)[number];

export const OUTCOME_LABELS: Record<OpinionOutcome, Label> = {
  approved: { zh: '同意', en: 'Approved' },
  approved_with_opinions: { zh: '原则同意并提出意见', en: 'Approved with opinions' },
  revise_and_resubmit: { zh: '修改后再报', en: 'Revise and resubmit' },
  not_approved: { zh: '不同意', en: 'Not approved' },
  noted: { zh: '阅知', en: 'Noted' },
  noted_with_comments: { zh: '阅知并提出意见', en: 'Noted with comments' },
};

export const ADOPTIONS = ['adopted', 'partly_adopted', 'not_adopted'] as const;
export type Adoption = (typeof ADOPTIONS)[number];

export const ADOPTION_LABELS: Record<Adoption, Label> = {
  adopted: { zh: '采纳', en: 'Adopted' },
  partly_adopted: { zh: '部分采纳', en: 'Partly adopted' },
  not_adopted: { zh: '未采纳', en: 'Not adopted' },
};

export interface SubmissionContent {
  title: string;
  summary: string;
  body: string;
  documentNumber: string | null;
  classification: Classification;
  /** The date (YYYY-MM-DD, Beijing) by which the submitter asks for a reply, if any. */
  replyRequestedBy: string | null;
  /** Other submissions this one refers to. */
  references: string[];
}

/** v1. Stream `submission-<submissionId>`. */
export interface SubmissionDraftedV1 extends SubmissionContent {
  submissionId: string;
  kind: SubmissionKind;
  category: SubmissionCategory;
  submittingOrganisationId: string;
  addressedCommitteeId: string;
  /** Set on a revised resubmission: the submission it replaces. */
  replacesSubmissionId: string | null;
}

/** What a submission is about: the legislative items and committee decisions it concerns. */
export interface SubmissionSubjects {
  itemIds: string[];
  decisionIds: string[];
}

/** v2: a submission names the items and decisions it is about (the linkage view follows them). */
export interface SubmissionDraftedV2 extends SubmissionDraftedV1, SubmissionSubjects {}

/** v1 → v2: a submission drafted before items and decisions existed is about none. */
export function upcastSubmissionDraftedV1(data: unknown): SubmissionDraftedV2 {
  return { ...(data as SubmissionDraftedV1), itemIds: [], decisionIds: [] };
}

/** v1. Only the fields that changed; allowed until the submission is sent. */
export type SubmissionDraftAmendedV1 = Partial<SubmissionContent>;

/**
 * v2: an amendment may also change what the submission is about (its items and decisions).
 * Consumers that know the v1 shape would not expect the subject fields, so the shape gets a new
 * version; every v1 amendment is a valid v2 one.
 */
export type SubmissionDraftAmendedV2 = Partial<SubmissionContent & SubmissionSubjects>;

/** v1 → v2: the same fields; a v1 amendment never changed the subjects. */
export function upcastSubmissionDraftAmendedV1(data: unknown): SubmissionDraftAmendedV2 {
  return data as SubmissionDraftAmendedV1;
}

/** v1. A special committee or working body proposed that the Party group report the matter. */
export interface ProposalToPartyGroupRecordedV1 {
  proposingOrganisationId: string;
  proposedOn: string;
  note: string;
}

/** v1. */
export interface PartyGroupDiscussionRecordedV1 {
  meetingKind: PartyGroupMeetingKind;
  meetingDate: string;
  minutesReference: string;
}

/** v1. */
export interface SubmissionSubmittedV1 {
  submittedAt: string;
  documentNumber: string;
  /**
   * Working-day due date of the committee's reply (YYYY-MM-DD, Beijing); null for a report,
   * which gets no reply. Reports sent before that rule hold a date that nothing reads: the
   * shape did not change, so it stays v1.
   */
  replyDueBy: string | null;
}

/** v1. */
export interface SubmissionReceivedV1 {
  receivedAt: string;
  officeLogNumber: string;
}

/** v1. */
export interface SupplementaryMaterialRequestedV1 {
  requestNumber: number;
  description: string;
  dueBy: string;
}

/** v1. */
export interface SupplementaryMaterialSuppliedV1 {
  requestNumber: number;
  description: string;
  documentReferences: string[];
}

/**
 * v2. The reply clock stops while material is awaited: the supply that ends the wait moves the
 * reply due date by the working days the wait took. Null when it did not move it (another
 * request is still open, or no reply is due).
 */
export interface SupplementaryMaterialSuppliedV2 extends SupplementaryMaterialSuppliedV1 {
  replyDueBy: string | null;
}

/** v1 → v2: material supplied before the clock stopped moved no due date. */
export function upcastSupplementaryMaterialSuppliedV1(
  data: unknown,
): SupplementaryMaterialSuppliedV2 {
  return { ...(data as SupplementaryMaterialSuppliedV1), replyDueBy: null };
}

/** v1. */
export interface CommitteeMeetingRecordedV1 {
  meetingKind: CommitteeMeetingKindV1;
  meetingDate: string;
  minutesReference: string | null;
}

/** v2: the committee plenary is `committee_plenary_session`. */
export interface CommitteeMeetingRecordedV2 extends Omit<
  CommitteeMeetingRecordedV1,
  'meetingKind'
> {
  meetingKind: CommitteeMeetingKind;
}

/** v1 → v2: `plenary_session` meant the committee plenary (党委全会) all along. */
export function upcastCommitteeMeetingRecordedV1(data: unknown): CommitteeMeetingRecordedV2 {
  const v1 = data as CommitteeMeetingRecordedV1;
  return {
    ...v1,
    meetingKind:
      v1.meetingKind === 'plenary_session' ? 'committee_plenary_session' : v1.meetingKind,
  };
}

export interface OpinionPoint {
  number: number;
  text: string;
}

/** v1. */
export interface OpinionIssuedV1 {
  documentNumber: string;
  outcome: OpinionOutcome;
  issuedAt: string;
  points: OpinionPoint[];
  /** Working-day due date of the feedback, null when there are no points to answer. */
  feedbackDueBy: string | null;
}

/** v1. */
export interface OpinionPointFeedbackGivenV1 {
  pointNumber: number;
  adoption: Adoption;
  explanation: string | null;
  givenAt: string;
}

/** Where in the draft or adopted text a point was taken up. */
export interface FeedbackPlacement {
  /** The reading (审议) of the item the feedback refers to; null when not tied to a reading. */
  readingNumber: number | null;
  /** Article ids of the draft or adopted text, e.g. `art_12/para_2`. */
  articles: string[];
}

/** v2: feedback names the reading and the articles where the point was taken up. */
export interface OpinionPointFeedbackGivenV2
  extends OpinionPointFeedbackGivenV1, FeedbackPlacement {}

/** v1 → v2: earlier feedback named no reading and no article. */
export function upcastOpinionPointFeedbackGivenV1(data: unknown): OpinionPointFeedbackGivenV2 {
  return { ...(data as OpinionPointFeedbackGivenV1), readingNumber: null, articles: [] };
}

/**
 * v1. Feedback revised as the item moves on: the point's current adoption is the latest
 * revision, and every revision stays in its history.
 */
export interface OpinionPointFeedbackRevisedV1 extends FeedbackPlacement {
  pointNumber: number;
  /** Numbered from 1 per point (the first feedback is revision 0). */
  revisionNumber: number;
  adoption: Adoption;
  explanation: string | null;
  revisedAt: string;
}

/** v1. */
export interface SubmissionClosedV1 {
  closedAt: string;
  reason: 'all_points_answered' | 'no_points_to_answer';
}

/** v1. */
export interface SubmissionWithdrawnV1 {
  withdrawnAt: string;
  reason: string;
}

/** v1. An explicit grant to read the submission, to an organisation or a single user. */
export interface SubmissionViewerGrantedV1 {
  organisationId: string | null;
  userId: string | null;
}

export type SubmissionEvent =
  | DomainEvent<'SubmissionDrafted', SubmissionDraftedV2>
  | DomainEvent<'SubmissionDraftAmended', SubmissionDraftAmendedV2>
  | DomainEvent<'ProposalToPartyGroupRecorded', ProposalToPartyGroupRecordedV1>
  | DomainEvent<'PartyGroupDiscussionRecorded', PartyGroupDiscussionRecordedV1>
  | DomainEvent<'SubmissionSubmitted', SubmissionSubmittedV1>
  | DomainEvent<'SubmissionReceived', SubmissionReceivedV1>
  | DomainEvent<'SupplementaryMaterialRequested', SupplementaryMaterialRequestedV1>
  | DomainEvent<'SupplementaryMaterialSupplied', SupplementaryMaterialSuppliedV2>
  | DomainEvent<'CommitteeMeetingRecorded', CommitteeMeetingRecordedV2>
  | DomainEvent<'OpinionIssued', OpinionIssuedV1>
  | DomainEvent<'OpinionPointFeedbackGiven', OpinionPointFeedbackGivenV2>
  | DomainEvent<'OpinionPointFeedbackRevised', OpinionPointFeedbackRevisedV1>
  | DomainEvent<'SubmissionClosed', SubmissionClosedV1>
  | DomainEvent<'SubmissionWithdrawn', SubmissionWithdrawnV1>
  | DomainEvent<'SubmissionViewerGranted', SubmissionViewerGrantedV1>;

/** Every submission event type with its schema version and upcasters. */
export const SUBMISSION_EVENT_SCHEMAS: Record<SubmissionEvent['type'], EventSchema> = {
  SubmissionDrafted: { current: 2, upcasters: { 1: upcastSubmissionDraftedV1 } },
  SubmissionDraftAmended: { current: 2, upcasters: { 1: upcastSubmissionDraftAmendedV1 } },
  ProposalToPartyGroupRecorded: FIRST_VERSION,
  PartyGroupDiscussionRecorded: FIRST_VERSION,
  SubmissionSubmitted: FIRST_VERSION,
  SubmissionReceived: FIRST_VERSION,
  SupplementaryMaterialRequested: FIRST_VERSION,
  SupplementaryMaterialSupplied: {
    current: 2,
    upcasters: { 1: upcastSupplementaryMaterialSuppliedV1 },
  },
  CommitteeMeetingRecorded: { current: 2, upcasters: { 1: upcastCommitteeMeetingRecordedV1 } },
  OpinionIssued: FIRST_VERSION,
  OpinionPointFeedbackGiven: {
    current: 2,
    upcasters: { 1: upcastOpinionPointFeedbackGivenV1 },
  },
  OpinionPointFeedbackRevised: FIRST_VERSION,
  SubmissionClosed: FIRST_VERSION,
  SubmissionWithdrawn: FIRST_VERSION,
  SubmissionViewerGranted: FIRST_VERSION,
};
