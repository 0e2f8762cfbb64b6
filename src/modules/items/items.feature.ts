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
  environment: LegislatureEnvironment,
  controllers: [ItemsController],
  providers: [
    ItemQueries,
    { provide: PreDeliberationOpinions, useClass: SubmissionPreDeliberationOpinions },
  ],
  exports: [PreDeliberationOpinions],
});
