/**
 * The public integration events: what other systems learn from Kafka. These are versioned
 * schemas of their own, not the internal events verbatim, so the internal model can change
 * without breaking consumers, and text a confidential submission carries (title, body, opinion
 * points, explanations, minutes, …) stays inside unless an operator enables it per category.
 * docs/integration-events.md documents every type; keep the two in step.
 */
import { Role } from '../../events/envelope';
import { LegislinkEvent, LegislinkEventType, RecordedEvent, upcast } from '../../events';
import { AdministrativeLevel, OrganisationKind } from '../../events/organisation-events';
import {
  Adoption,
  Classification,
  CommitteeMeetingKind,
  OpinionOutcome,
  PartyGroupMeetingKind,
  SubmissionCategory,
  SubmissionDraftedV1,
  SubmissionKind,
} from '../../events/submission-events';
import { CloudEventHeaders, cloudEventHeaders } from './cloudevents';

/**
 * One topic per aggregate category, `${KAFKA_TOPIC_PREFIX}<topic>`, keyed by the aggregate id.
 * Committee decisions and legislative items get their own entries when they become aggregates.
 */
export const TOPICS = {
  submission: 'submissions',
  organisation: 'organisations',
} as const;
export type Aggregate = keyof typeof TOPICS;

const EVENT_TYPE_PREFIX = 'cn.legislink.';

// ---------------------------------------------------------------------------------------------
// Public payloads (the `data` of each CloudEvent). Fields are only ever added within a version;
// removing or changing one makes a new type `….v2`.
// ---------------------------------------------------------------------------------------------

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
  replyDueBy: string;
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

/** Organisation names and places are public; there is no confidential text here. */
export interface OrganisationRegisteredEventV1 {
  organisationId: string;
  kind: OrganisationKind;
  level: AdministrativeLevel;
  regionCode: string;
  nameZh: string;
  nameEn: string;
  parentOrganisationId: string | null;
  actedBy: ActedByV1;
}

// ---------------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------------

type DataOf<T extends LegislinkEventType> = Extract<LegislinkEvent, { type: T }>['data'];

/** What a submission mapping needs besides the event: the submission and the text switch. */
interface SubmissionScope {
  base: SubmissionEventV1;
  /** The value when text is enabled for the submission's category, else null. */
  text<T>(value: () => T): T | null;
}

interface MappingFacts {
  actedBy: ActedByV1;
  /** Required for submission events: from the drafting event of the same stream. */
  submission: SubmissionRefV1 | null;
  textCategories: readonly SubmissionCategory[];
}

interface Mapping<D> {
  aggregate: Aggregate;
  /** Without the `cn.legislink.` prefix. */
  type: string;
  data(data: D, facts: MappingFacts): object;
}

function onSubmission<D>(
  type: string,
  build: (data: D, scope: SubmissionScope) => SubmissionEventV1,
): Mapping<D> {
  return {
    aggregate: 'submission',
    type,
    data: (data, facts) => {
      const ref = facts.submission;
      if (!ref) throw new Error(`Mapping ${type} needs the submission it belongs to`);
      const withText = facts.textCategories.includes(ref.category);
      return build(data, {
        base: { ...ref, actedBy: facts.actedBy },
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
const MAPPINGS: { [T in LegislinkEventType]: Mapping<DataOf<T>> } = {
  OrganisationRegistered: {
    aggregate: 'organisation',
    type: 'organisation.registered.v1',
    data: (d, facts): OrganisationRegisteredEventV1 => ({
      organisationId: d.organisationId,
      kind: d.kind,
      level: d.level,
      regionCode: d.regionCode,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      parentOrganisationId: d.parentOrganisationId,
      actedBy: facts.actedBy,
    }),
  },
  SubmissionDrafted: onSubmission('submission.drafted.v1', (d, s): SubmissionDraftedEventV1 => ({
    ...s.base,
    classification: d.classification,
    documentNumber: d.documentNumber,
    replyRequestedBy: d.replyRequestedBy,
    references: d.references,
    replacesSubmissionId: d.replacesSubmissionId,
    text: s.text(() => ({ title: d.title, summary: d.summary, body: d.body })),
  })),
  SubmissionDraftAmended: onSubmission(
    'submission.draft_amended.v1',
    (d, s): SubmissionDraftAmendedEventV1 => ({
      ...s.base,
      amendedFields: Object.keys(d).sort(),
      changes: pick(d, CONTENT_FIELDS),
      text: s.text(() => pick(d, TEXT_FIELDS)),
    }),
  ),
  ProposalToPartyGroupRecorded: onSubmission(
    'submission.proposal_recorded.v1',
    (d, s): ProposalRecordedEventV1 => ({
      ...s.base,
      proposingOrganisationId: d.proposingOrganisationId,
      proposedOn: d.proposedOn,
      text: s.text(() => ({ note: d.note })),
    }),
  ),
  PartyGroupDiscussionRecorded: onSubmission(
    'submission.party_group_discussed.v1',
    (d, s): PartyGroupDiscussedEventV1 => ({
      ...s.base,
      meetingKind: d.meetingKind,
      meetingDate: d.meetingDate,
      text: s.text(() => ({ minutesReference: d.minutesReference })),
    }),
  ),
  SubmissionSubmitted: onSubmission(
    'submission.submitted.v1',
    (d, s): SubmissionSubmittedEventV1 => ({
      ...s.base,
      submittedAt: d.submittedAt,
      documentNumber: d.documentNumber,
      replyDueBy: d.replyDueBy,
    }),
  ),
  SubmissionReceived: onSubmission('submission.received.v1', (d, s): SubmissionReceivedEventV1 => ({
    ...s.base,
    receivedAt: d.receivedAt,
    officeLogNumber: d.officeLogNumber,
  })),
  SupplementaryMaterialRequested: onSubmission(
    'submission.material_requested.v1',
    (d, s): MaterialRequestedEventV1 => ({
      ...s.base,
      requestNumber: d.requestNumber,
      dueBy: d.dueBy,
      text: s.text(() => ({ description: d.description })),
    }),
  ),
  SupplementaryMaterialSupplied: onSubmission(
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
  CommitteeMeetingRecorded: onSubmission(
    'submission.committee_meeting_recorded.v1',
    (d, s): CommitteeMeetingRecordedEventV1 => ({
      ...s.base,
      meetingKind: d.meetingKind,
      meetingDate: d.meetingDate,
      text: s.text(() => ({ minutesReference: d.minutesReference })),
    }),
  ),
  OpinionIssued: onSubmission('submission.opinion_issued.v1', (d, s): OpinionIssuedEventV1 => ({
    ...s.base,
    documentNumber: d.documentNumber,
    outcome: d.outcome,
    issuedAt: d.issuedAt,
    pointCount: d.points.length,
    pointNumbers: d.points.map((p) => p.number),
    feedbackDueBy: d.feedbackDueBy,
    text: s.text(() => ({ points: d.points.map((p) => ({ number: p.number, text: p.text })) })),
  })),
  OpinionPointFeedbackGiven: onSubmission(
    'submission.feedback_given.v1',
    (d, s): FeedbackGivenEventV1 => ({
      ...s.base,
      pointNumber: d.pointNumber,
      adoption: d.adoption,
      givenAt: d.givenAt,
      explained: d.explanation !== null,
      text: s.text(() => ({ explanation: d.explanation })),
    }),
  ),
  SubmissionClosed: onSubmission('submission.closed.v1', (d, s): SubmissionClosedEventV1 => ({
    ...s.base,
    closedAt: d.closedAt,
    reason: d.reason,
  })),
  SubmissionWithdrawn: onSubmission(
    'submission.withdrawn.v1',
    (d, s): SubmissionWithdrawnEventV1 => ({
      ...s.base,
      withdrawnAt: d.withdrawnAt,
      text: s.text(() => ({ reason: d.reason })),
    }),
  ),
  SubmissionViewerGranted: onSubmission(
    'submission.viewer_granted.v1',
    (d, s): ViewerGrantedEventV1 => ({
      ...s.base,
      organisationId: d.organisationId,
      userId: d.userId,
    }),
  ),
};

/** Every public event type, e.g. `cn.legislink.submission.submitted.v1`. */
export const INTEGRATION_EVENT_TYPES: readonly string[] = Object.values(
  MAPPINGS as Record<string, Mapping<unknown>>,
).map((m) => `${EVENT_TYPE_PREFIX}${m.type}`);

/** A Kafka record ready to send: binary-mode CloudEvent, JSON value. */
export interface IntegrationMessage {
  topic: string;
  key: string;
  headers: CloudEventHeaders;
  value: string;
}

export interface IntegrationOptions {
  topicPrefix: string;
  /** The CloudEvents `source` of everything this service publishes. */
  source: string;
  textCategories: readonly SubmissionCategory[];
}

/** `submission-<id>` → ['submission', '<id>']; ids may contain dashes themselves. */
function aggregateOf(streamId: string): { aggregate: string; id: string } {
  const dash = streamId.indexOf('-');
  return dash < 0
    ? { aggregate: streamId, id: '' }
    : { aggregate: streamId.slice(0, dash), id: streamId.slice(dash + 1) };
}

export function submissionRefOf(drafted: SubmissionDraftedV1): SubmissionRefV1 {
  return {
    submissionId: drafted.submissionId,
    kind: drafted.kind,
    category: drafted.category,
    submittingOrganisationId: drafted.submittingOrganisationId,
    addressedCommitteeId: drafted.addressedCommitteeId,
  };
}

/** The mapping of a stored event type; own keys only, so `constructor` finds nothing. */
function mappingOf(type: string): Mapping<unknown> | null {
  return Object.hasOwn(MAPPINGS, type)
    ? (MAPPINGS[type as LegislinkEventType] as Mapping<unknown>)
    : null;
}

/** True for events of a submission stream other than its first, which need the ref looked up. */
export function needsSubmissionRef(recorded: RecordedEvent): boolean {
  return (
    mappingOf(recorded.type)?.aggregate === 'submission' && recorded.type !== 'SubmissionDrafted'
  );
}

/**
 * The public message for a recorded event, or null for an event type that has no public
 * counterpart (nothing else is ever written today; the compiler insists on a mapping).
 */
export function toIntegrationMessage(
  recorded: RecordedEvent,
  submission: SubmissionRefV1 | null,
  options: IntegrationOptions,
): IntegrationMessage | null {
  const mapping = mappingOf(recorded.type);
  if (!mapping) return null;
  const event = upcast(recorded) as LegislinkEvent;
  const { id } = aggregateOf(recorded.streamId);
  const ref = event.type === 'SubmissionDrafted' ? submissionRefOf(event.data) : submission;
  const data = mapping.data(event.data, {
    actedBy: {
      organisationId: recorded.metadata.actor.organisationId,
      role: recorded.metadata.actor.role,
    },
    submission: ref,
    textCategories: options.textCategories,
  });
  const type = `${EVENT_TYPE_PREFIX}${mapping.type}`;
  return {
    topic: `${options.topicPrefix}${TOPICS[mapping.aggregate]}`,
    key: id,
    headers: cloudEventHeaders({
      id: recorded.eventId,
      type,
      source: options.source,
      subject: id,
      time: recorded.metadata.occurredAt,
      dataschema: `urn:legislink:schema:${type}`,
      correlationid: recorded.metadata.correlationId,
      causationid: recorded.metadata.causationId,
      revision: String(recorded.revision),
      partitionkey: id,
    }),
    value: JSON.stringify(data),
  };
}
