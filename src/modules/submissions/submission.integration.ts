/**
 * The public events of submissions on the `submissions` topic. They carry identifiers, states,
 * dates and categories; text (title, body, opinion points, explanations, minutes, …) only for
 * the categories an operator enabled, and never for a `secret` submission.
 * docs/integration-events.md documents every type; keep the two in step.
 */
import { Role } from '../../events/envelope';
import {
  Adoption,
  Classification,
  CommitteeMeetingKind,
  OpinionOutcome,
  PartyGroupMeetingKind,
  SubmissionCategory,
  SubmissionEvent,
  SubmissionKind,
} from '../../events/submission-events';
import {
  IntegrationFacts,
  IntegrationMapping,
  defineIntegration,
} from '../../platform/kernel/feature';
import { submissionAggregate } from './submission.decider';
import { SubmissionState } from './submission.state';

/** The organisation and role an event was recorded under (never the person's name). */
export interface ActedByV1 {
  organisationId: string;
  role: Role;
}

/** What every submission event carries: which submission, of what kind, between whom. */
export interface SubmissionRefV1 {
  submissionId: string;
  kind: SubmissionKind;
  category: SubmissionCategory;
  submittingOrganisationId: string;
  addressedCommitteeId: string;
}

interface SubmissionEventV1 extends SubmissionRefV1 {
  actedBy: ActedByV1;
}

export interface SubmissionDraftedEventV1 extends SubmissionEventV1 {
  classification: Classification;
  documentNumber: string | null;
  replyRequestedBy: string | null;
  references: string[];
  /** The legislative items and committee decisions it is about (added within v1). */
  itemIds: string[];
  decisionIds: string[];
  replacesSubmissionId: string | null;
  text: { title: string; summary: string; body: string } | null;
}

export interface SubmissionDraftAmendedEventV1 extends SubmissionEventV1 {
  /** Names of every amended field, text fields included. */
  amendedFields: string[];
  changes: {
    classification?: Classification;
    documentNumber?: string | null;
    replyRequestedBy?: string | null;
    references?: string[];
    itemIds?: string[];
    decisionIds?: string[];
  };
  text: { title?: string; summary?: string; body?: string } | null;
}

export interface ProposalRecordedEventV1 extends SubmissionEventV1 {
  proposingOrganisationId: string;
  proposedOn: string;
  text: { note: string } | null;
}

export interface PartyGroupDiscussedEventV1 extends SubmissionEventV1 {
  meetingKind: PartyGroupMeetingKind;
  meetingDate: string;
  text: { minutesReference: string } | null;
}

export interface SubmissionSubmittedEventV1 extends SubmissionEventV1 {
  submittedAt: string;
  documentNumber: string;
  /** Null for a report, which gets no reply. */
  replyDueBy: string | null;
}

export interface SubmissionReceivedEventV1 extends SubmissionEventV1 {
  receivedAt: string;
  officeLogNumber: string;
}

export interface MaterialRequestedEventV1 extends SubmissionEventV1 {
  requestNumber: number;
  dueBy: string;
  text: { description: string } | null;
}

export interface MaterialSuppliedEventV1 extends SubmissionEventV1 {
  requestNumber: number;
  documentCount: number;
  text: { description: string; documentReferences: string[] } | null;
}

export interface CommitteeMeetingRecordedEventV1 extends SubmissionEventV1 {
  meetingKind: CommitteeMeetingKind;
  meetingDate: string;
  text: { minutesReference: string | null } | null;
}

export interface OpinionIssuedEventV1 extends SubmissionEventV1 {
  documentNumber: string;
  outcome: OpinionOutcome;
  issuedAt: string;
  pointCount: number;
  pointNumbers: number[];
  feedbackDueBy: string | null;
  text: { points: { number: number; text: string }[] } | null;
}

export interface FeedbackGivenEventV1 extends SubmissionEventV1 {
  pointNumber: number;
  adoption: Adoption;
  givenAt: string;
  explained: boolean;
  /** Where the point was taken up (added within v1): the reading, the articles. */
  readingNumber: number | null;
  articles: string[];
  text: { explanation: string | null } | null;
}

export interface FeedbackRevisedEventV1 extends SubmissionEventV1 {
  pointNumber: number;
  revisionNumber: number;
  adoption: Adoption;
  revisedAt: string;
  readingNumber: number | null;
  articles: string[];
  explained: boolean;
  text: { explanation: string | null } | null;
}

export interface SubmissionClosedEventV1 extends SubmissionEventV1 {
  closedAt: string;
  reason: 'all_points_answered' | 'no_points_to_answer';
}

export interface SubmissionWithdrawnEventV1 extends SubmissionEventV1 {
  withdrawnAt: string;
  text: { reason: string } | null;
}

export interface ViewerGrantedEventV1 extends SubmissionEventV1 {
  organisationId: string | null;
  userId: string | null;
}

type DataOf<T extends SubmissionEvent['type']> = Extract<SubmissionEvent, { type: T }>['data'];

/** What a mapping has besides the event: the submission's reference and the text switch. */
interface SubmissionScope {
  base: SubmissionEventV1;
  /** The value when the submission's text may leave, else null. */
  text<T>(value: () => T): T | null;
}

/** Text leaves only for an enabled category, and never for a secret submission. */
export function textMayLeave(
  state: Pick<SubmissionState, 'classification' | 'category'>,
  textCategories: readonly string[],
): boolean {
  return state.classification !== 'secret' && textCategories.includes(state.category);
}

function mapping<T extends SubmissionEvent['type']>(
  type: string,
  build: (data: DataOf<T>, scope: SubmissionScope) => SubmissionEventV1,
): IntegrationMapping<SubmissionState> {
  return {
    type,
    data: (data: DataOf<T>, facts: IntegrationFacts<SubmissionState>) => {
      const state = facts.state;
      const withText = textMayLeave(state, facts.settings.textCategories);
      return build(data, {
        base: {
          submissionId: state.submissionId,
          kind: state.kind,
          category: state.category,
          submittingOrganisationId: state.submittingOrganisationId,
          addressedCommitteeId: state.addressedCommitteeId,
          actedBy: facts.actedBy,
        },
        text: (value) => (withText ? value() : null),
      });
    },
  };
}

const CONTENT_FIELDS = [
  'classification',
  'documentNumber',
  'replyRequestedBy',
  'references',
  'itemIds',
  'decisionIds',
] as const;
const TEXT_FIELDS = ['title', 'summary', 'body'] as const;

function pick<T extends object, K extends keyof T>(
  value: T,
  keys: readonly K[],
): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => k in value).map((k) => [k, value[k]])) as Partial<
    Pick<T, K>
  >;
}

/** Every internal event type has exactly one public type: the compiler checks the list. */
const MAPPINGS: { [T in SubmissionEvent['type']]: IntegrationMapping<SubmissionState> } = {
  SubmissionDrafted: mapping<'SubmissionDrafted'>(
    'submission.drafted.v1',
    (d, s): SubmissionDraftedEventV1 => ({
      ...s.base,
      classification: d.classification,
      documentNumber: d.documentNumber,
      replyRequestedBy: d.replyRequestedBy,
      references: d.references,
      itemIds: d.itemIds,
      decisionIds: d.decisionIds,
      replacesSubmissionId: d.replacesSubmissionId,
      text: s.text(() => ({ title: d.title, summary: d.summary, body: d.body })),
    }),
  ),
  SubmissionDraftAmended: mapping<'SubmissionDraftAmended'>(
    'submission.draft_amended.v1',
    (d, s): SubmissionDraftAmendedEventV1 => ({
      ...s.base,
      amendedFields: Object.keys(d).sort(),
      changes: pick(d, CONTENT_FIELDS),
      text: s.text(() => pick(d, TEXT_FIELDS)),
    }),
  ),
  ProposalToPartyGroupRecorded: mapping<'ProposalToPartyGroupRecorded'>(
    'submission.proposal_recorded.v1',
    (d, s): ProposalRecordedEventV1 => ({
      ...s.base,
      proposingOrganisationId: d.proposingOrganisationId,
      proposedOn: d.proposedOn,
      text: s.text(() => ({ note: d.note })),
    }),
  ),
  PartyGroupDiscussionRecorded: mapping<'PartyGroupDiscussionRecorded'>(
    'submission.party_group_discussed.v1',
    (d, s): PartyGroupDiscussedEventV1 => ({
      ...s.base,
      meetingKind: d.meetingKind,
      meetingDate: d.meetingDate,
      text: s.text(() => ({ minutesReference: d.minutesReference })),
    }),
  ),
  SubmissionSubmitted: mapping<'SubmissionSubmitted'>(
    'submission.submitted.v1',
    (d, s): SubmissionSubmittedEventV1 => ({
      ...s.base,
      submittedAt: d.submittedAt,
      documentNumber: d.documentNumber,
      // A report gets no reply, whatever date a report sent before that rule holds.
      replyDueBy: s.base.kind === 'report' ? null : d.replyDueBy,
    }),
  ),
  SubmissionReceived: mapping<'SubmissionReceived'>(
    'submission.received.v1',
    (d, s): SubmissionReceivedEventV1 => ({
      ...s.base,
      receivedAt: d.receivedAt,
      officeLogNumber: d.officeLogNumber,
    }),
  ),
  SupplementaryMaterialRequested: mapping<'SupplementaryMaterialRequested'>(
    'submission.material_requested.v1',
    (d, s): MaterialRequestedEventV1 => ({
      ...s.base,
      requestNumber: d.requestNumber,
      dueBy: d.dueBy,
      text: s.text(() => ({ description: d.description })),
    }),
  ),
  SupplementaryMaterialSupplied: mapping<'SupplementaryMaterialSupplied'>(
    'submission.material_supplied.v1',
    (d, s): MaterialSuppliedEventV1 => ({
      ...s.base,
      requestNumber: d.requestNumber,
      documentCount: d.documentReferences.length,
      text: s.text(() => ({
        description: d.description,
        documentReferences: d.documentReferences,
      })),
    }),
  ),
  CommitteeMeetingRecorded: mapping<'CommitteeMeetingRecorded'>(
    'submission.committee_meeting_recorded.v1',
    (d, s): CommitteeMeetingRecordedEventV1 => ({
      ...s.base,
      meetingKind: d.meetingKind,
      meetingDate: d.meetingDate,
      text: s.text(() => ({ minutesReference: d.minutesReference })),
    }),
  ),
  OpinionIssued: mapping<'OpinionIssued'>(
    'submission.opinion_issued.v1',
    (d, s): OpinionIssuedEventV1 => ({
      ...s.base,
      documentNumber: d.documentNumber,
      outcome: d.outcome,
      issuedAt: d.issuedAt,
      pointCount: d.points.length,
      pointNumbers: d.points.map((p) => p.number),
      feedbackDueBy: d.feedbackDueBy,
      text: s.text(() => ({ points: d.points.map((p) => ({ number: p.number, text: p.text })) })),
    }),
  ),
  OpinionPointFeedbackGiven: mapping<'OpinionPointFeedbackGiven'>(
    'submission.feedback_given.v1',
    (d, s): FeedbackGivenEventV1 => ({
      ...s.base,
      pointNumber: d.pointNumber,
      adoption: d.adoption,
      givenAt: d.givenAt,
      explained: d.explanation !== null,
      readingNumber: d.readingNumber,
      articles: d.articles,
      text: s.text(() => ({ explanation: d.explanation })),
    }),
  ),
  OpinionPointFeedbackRevised: mapping<'OpinionPointFeedbackRevised'>(
    'submission.feedback_revised.v1',
    (d, s): FeedbackRevisedEventV1 => ({
      ...s.base,
      pointNumber: d.pointNumber,
      revisionNumber: d.revisionNumber,
      adoption: d.adoption,
      revisedAt: d.revisedAt,
      readingNumber: d.readingNumber,
      articles: d.articles,
      explained: d.explanation !== null,
      text: s.text(() => ({ explanation: d.explanation })),
    }),
  ),
  SubmissionClosed: mapping<'SubmissionClosed'>(
    'submission.closed.v1',
    (d, s): SubmissionClosedEventV1 => ({ ...s.base, closedAt: d.closedAt, reason: d.reason }),
  ),
  SubmissionWithdrawn: mapping<'SubmissionWithdrawn'>(
    'submission.withdrawn.v1',
    (d, s): SubmissionWithdrawnEventV1 => ({
      ...s.base,
      withdrawnAt: d.withdrawnAt,
      text: s.text(() => ({ reason: d.reason })),
    }),
  ),
  SubmissionViewerGranted: mapping<'SubmissionViewerGranted'>(
    'submission.viewer_granted.v1',
    (d, s): ViewerGrantedEventV1 => ({
      ...s.base,
      organisationId: d.organisationId,
      userId: d.userId,
    }),
  ),
};

export const SUBMISSION_INTEGRATION = defineIntegration<SubmissionState>({
  topic: 'submissions',
  aggregate: submissionAggregate as never,
  events: MAPPINGS,
});
