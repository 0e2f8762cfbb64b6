import { CLASSIFICATION_LABELS, SUBMISSION_EVENT_SCHEMAS } from '../../events/submission-events';
import { defineFeature } from '../../platform/kernel/feature';
import { submissionsProjection } from '../../projections/submissions.projection';
import { CalendarModule } from '../calendar/calendar.module';
import { SubmissionPreDeliberationOpinions } from './submission-pre-deliberation';
import { SubmissionDocuments } from './submission-documents';
import { SubmissionQueries } from './submission-queries';
import { SUBMISSION_READ_POLICY } from './submission.policy';
import { submissionAggregate } from './submission.decider';
import { SubmissionCommandEnvironment } from './submission.environment';
import { SUBMISSION_INTEGRATION } from './submission.integration';
import { SUBMISSION_COMMANDS } from './submission.routes';
import { SubmissionsController } from './submissions.controller';
import {
  ADOPTION_LABELS,
  COMMITTEE_MEETING_KINDS,
  MEETING_KIND_LABELS,
  OUTCOME_LABELS,
  PARTY_GROUP_MEETING_KINDS,
  REPORT_OUTCOMES,
  REQUEST_OUTCOMES,
  SUBMISSION_CATEGORY_LABELS,
  SUBMISSION_KIND_LABELS,
} from '../../events/submission-events';
import { STATUS_LABELS } from './submission.state';
import { Label } from '../../events/envelope';

/** The labels of some values of an enum, in the enum's order: the values a step takes. */
function only<V extends string>(labels: Record<V, Label>, values: readonly V[]): Record<V, Label> {
  return Object.fromEntries(values.map((v) => [v, labels[v]])) as Record<V, Label>;
}

/**
 * Requests and reports (请示/报告): drafted by the legislature side, sent by its Party group,
 * handled by the addressed Party Committee's office, answered point by point.
 */
export const submissionsFeature = defineFeature({
  name: 'submissions',
  events: SUBMISSION_EVENT_SCHEMAS,
  aggregates: [submissionAggregate],
  commands: SUBMISSION_COMMANDS,
  projections: [submissionsProjection(SUBMISSION_READ_POLICY)],
  integration: [SUBMISSION_INTEGRATION],
  labels: {
    statuses: { description: 'Submission statuses', values: STATUS_LABELS },
    outcomes: { description: 'Opinion outcomes', values: OUTCOME_LABELS },
    adoptions: { description: 'How an opinion point was adopted', values: ADOPTION_LABELS },
    meetingKinds: { description: 'Meeting kinds, of both sides', values: MEETING_KIND_LABELS },
    partyGroupMeetingKinds: {
      description: 'Meeting kinds at which a Party group discusses a submission',
      values: only(MEETING_KIND_LABELS, PARTY_GROUP_MEETING_KINDS),
    },
    committeeMeetingKinds: {
      description: 'Meeting kinds at which the Party Committee discusses a submission',
      values: only(MEETING_KIND_LABELS, COMMITTEE_MEETING_KINDS),
    },
    requestOutcomes: {
      description: 'Opinion outcomes open to a request',
      values: only(OUTCOME_LABELS, REQUEST_OUTCOMES),
    },
    reportOutcomes: {
      description: 'Opinion outcomes open to a report',
      values: only(OUTCOME_LABELS, REPORT_OUTCOMES),
    },
    categories: {
      description: 'Categories of the reporting scope',
      values: SUBMISSION_CATEGORY_LABELS,
    },
    kinds: { description: 'Request or report', values: SUBMISSION_KIND_LABELS },
    classifications: { description: 'Classification (密级)', values: CLASSIFICATION_LABELS },
  },
  environment: SubmissionCommandEnvironment,
  imports: [CalendarModule],
  controllers: [SubmissionsController],
  providers: [SubmissionQueries, SubmissionDocuments, SubmissionPreDeliberationOpinions],
  /** For the items feature: whether an item still awaits a pre-deliberation opinion. */
  exports: [SubmissionPreDeliberationOpinions],
});
