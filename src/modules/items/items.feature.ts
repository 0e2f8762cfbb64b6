import { ASSESSMENT_EVENT_SCHEMAS, ITEM_EVENT_SCHEMAS } from '../../events/item-events';
import { defineFeature } from '../../platform/kernel/feature';
import { assessmentsProjection } from '../../projections/assessments.projection';
import { itemsProjection } from '../../projections/items.projection';
import { ASSESSMENT_READ_POLICY, assessmentAggregate } from './assessment.decider';
import { ItemQueries } from './item-queries';
import { itemAggregate } from './item.decider';
import { ASSESSMENT_INTEGRATION, ITEM_INTEGRATION } from './item.integration';
import { ITEM_READ_POLICY } from './item.policy';
import { ITEM_COMMANDS } from './item.routes';
import { ItemsController } from './items.controller';
import { LegislatureEnvironment } from './items.environment';
import { SubmissionPreDeliberationOpinions } from '../submissions/submission-pre-deliberation';
import { PreDeliberationOpinions } from './pre-deliberation-opinions';
import {
  ASSESSMENT_JUDGMENT_LABELS,
  DIVERGENCE_STEP_LABELS,
  INQUIRY_CONCLUSION_LABELS,
  INQUIRY_STATUS_LABELS,
  ITEM_KIND_LABELS,
  ITEM_STAGE_LABELS,
} from '../../events/item-events';

/**
 * Legislative items (立法项目) from proposal to force, amendment or abolition, with their
 * divergences, post-legislation inquiries and inspections; and assessments of items and decisions.
 */
export const itemsFeature = defineFeature({
  name: 'items',
  events: { ...ITEM_EVENT_SCHEMAS, ...ASSESSMENT_EVENT_SCHEMAS },
  aggregates: [itemAggregate, assessmentAggregate],
  commands: ITEM_COMMANDS,
  projections: [itemsProjection(ITEM_READ_POLICY), assessmentsProjection(ASSESSMENT_READ_POLICY)],
  integration: [ITEM_INTEGRATION, ASSESSMENT_INTEGRATION],
  labels: {
    itemKinds: { description: 'Kinds of legislative item', values: ITEM_KIND_LABELS },
    itemStages: { description: 'Stages of a legislative item', values: ITEM_STAGE_LABELS },
    divergenceSteps: { description: 'Steps settling a divergence', values: DIVERGENCE_STEP_LABELS },
    inquiryConclusions: {
      description: 'Conclusions of a post-legislation inquiry',
      values: INQUIRY_CONCLUSION_LABELS,
    },
    inquiryStatuses: {
      description: 'Where a post-legislation inquiry stands',
      values: INQUIRY_STATUS_LABELS,
    },
    assessmentJudgments: {
      description: 'Judgments on an assessment',
      values: ASSESSMENT_JUDGMENT_LABELS,
    },
  },
  environment: LegislatureEnvironment,
  controllers: [ItemsController],
  providers: [
    ItemQueries,
    { provide: PreDeliberationOpinions, useClass: SubmissionPreDeliberationOpinions },
  ],
  exports: [PreDeliberationOpinions],
});
