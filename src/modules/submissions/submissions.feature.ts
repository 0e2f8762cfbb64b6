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
  MEETING_KIND_LABELS,
  OUTCOME_LABELS,
  SUBMISSION_CATEGORY_LABELS,
  SUBMISSION_KIND_LABELS,
} from '../../events/submission-events';
import { STATUS_LABELS } from './submission.state';

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
