/**
 * The public events of plans on the `plans` topic: ids, kinds, years, item ids, numbers and
 * dates; no text (title, the case for each entry, reasons).
 */
import { PlanEvent } from '../../events/plan-events';
import {
  IntegrationFacts,
  IntegrationMapping,
  defineIntegration,
} from '../../platform/kernel/feature';
import { PlanState, planAggregate } from './plan.decider';

const TEXT_KEYS = new Set([
  'title',
  'necessity',
  'feasibility',
  'socialEffects',
  'obstacles',
  'reason',
  'approvalReference',
]);

function publicData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(publicData);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !TEXT_KEYS.has(key))
        .map(([key, v]) => [key, publicData(v)]),
    );
  }
  return value;
}

function planEvent(type: string): IntegrationMapping<PlanState> {
  return {
    type: `plan.${type}.v1`,
    data: (data: object, facts: IntegrationFacts<PlanState>) => ({
      planId: facts.state.planId,
      kind: facts.state.kind,
      legislatureId: facts.state.legislatureId,
      committeeId: facts.state.committeeId,
      status: facts.state.status,
      actedBy: facts.actedBy,
      ...(publicData(data) as object),
    }),
  };
}

const TYPES: Record<PlanEvent['type'], string> = {
  LegislativePlanDrafted: 'drafted',
  PlanEntryAdded: 'entry_added',
  PlanEntryRemoved: 'entry_removed',
  PlanReported: 'reported',
  PlanApproved: 'approved',
  PlanAdjusted: 'adjusted',
};

export const PLAN_INTEGRATION = defineIntegration<PlanState>({
  topic: 'plans',
  aggregate: planAggregate as never,
  events: Object.fromEntries(
    Object.entries(TYPES).map(([internal, type]) => [internal, planEvent(type)]),
  ),
});
