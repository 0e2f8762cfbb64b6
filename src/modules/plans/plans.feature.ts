import { PLAN_EVENT_SCHEMAS } from '../../events/plan-events';
import { defineFeature } from '../../platform/kernel/feature';
import { plansProjection } from '../../projections/plans.projection';
import { PlanQueries } from './plan-queries';
import { PLAN_READ_POLICY, planAggregate } from './plan.decider';
import { PLAN_INTEGRATION } from './plan.integration';
import { PLAN_COMMANDS } from './plan.routes';
import { PlansController } from './plans.controller';
import { PlanCommandEnvironment } from './plans.environment';
import { PLAN_KIND_LABELS } from '../../events/plan-events';
import { PLAN_STATUS_LABELS } from './plan.dto';

/** Five-year and annual legislative plans: drafted, reported, approved, adjusted. */
export const plansFeature = defineFeature({
  name: 'plans',
  events: PLAN_EVENT_SCHEMAS,
  aggregates: [planAggregate],
  commands: PLAN_COMMANDS,
  projections: [plansProjection(PLAN_READ_POLICY)],
  integration: [PLAN_INTEGRATION],
  labels: {
    planKinds: { description: 'Kinds of legislative plan', values: PLAN_KIND_LABELS },
    planStatuses: { description: 'Where a legislative plan stands', values: PLAN_STATUS_LABELS },
  },
  environment: PlanCommandEnvironment,
  controllers: [PlansController],
  providers: [PlanQueries],
});
