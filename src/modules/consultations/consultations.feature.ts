import {
  CONSULTATION_EVENT_SCHEMAS,
  CONSULTATION_SUBJECT_LABELS,
  DISPOSITION_OUTCOME_LABELS,
  OPINION_CHANNEL_LABELS,
  TELL_BACK_MEANS_LABELS,
} from '../../events/consultation-events';
import { defineFeature } from '../../platform/kernel/feature';
import {
  consultationOpinionsProjection,
  consultationsProjection,
} from '../../projections/consultations.projection';
import { recordAggregate } from './consultation-record.decider';
import { consultationAggregate, contributorAggregate } from './consultation.decider';
import {
  CONSULTATION_INTEGRATION,
  CONTRIBUTOR_INTEGRATION,
  RECORD_INTEGRATION,
} from './consultation.integration';
import { CONSULTATION_READ_POLICY, RECORD_READ_POLICY } from './consultation.policy';
import { CONSULTATION_COMMANDS } from './consultation.routes';
import { ConsultationsController, PublicConsultationsController } from './consultations.controller';
import { ConsultationCommandEnvironment } from './consultations.environment';
import { ContributorKeys } from './contributor-keys';

/**
 * Public consultations (征求意见) on drafts and annual plans through outreach offices
 * (基层立法联系点): intake by office, public form and other systems; clusters of near-identical
 * opinions; dispositions drafted in bulk and published together; telling back; the noticeboard.
 */
export const consultationsFeature = defineFeature({
  name: 'consultations',
  events: CONSULTATION_EVENT_SCHEMAS,
  aggregates: [consultationAggregate, recordAggregate, contributorAggregate],
  commands: CONSULTATION_COMMANDS,
  projections: [
    consultationsProjection(CONSULTATION_READ_POLICY),
    consultationOpinionsProjection(RECORD_READ_POLICY),
  ],
  integration: [CONSULTATION_INTEGRATION, RECORD_INTEGRATION, CONTRIBUTOR_INTEGRATION],
  labels: {
    consultationSubjects: {
      description: 'What a consultation is on',
      values: CONSULTATION_SUBJECT_LABELS,
    },
    opinionChannels: { description: 'How an opinion came in', values: OPINION_CHANNEL_LABELS },
    dispositionOutcomes: {
      description: 'Dispositions of opinions',
      values: DISPOSITION_OUTCOME_LABELS,
    },
    tellBackMeans: {
      description: 'How an office told a contributor back',
      values: TELL_BACK_MEANS_LABELS,
    },
  },
  environment: ConsultationCommandEnvironment,
  controllers: [ConsultationsController, PublicConsultationsController],
  providers: [ContributorKeys],
});
