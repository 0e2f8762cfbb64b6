/**
 * The public events of plans on the `plans` topic: ids, kinds, years, item ids, numbers and
 * dates; no text (title, the case for each entry, reasons).
 */
import { PlanEvent } from '../../events/plan-events';
import { textlessEvents } from '../../platform/integration/public-events';
import { defineIntegration } from '../../platform/kernel/feature';
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

/** Every plan event: which plan, whose, overseen by whom, in which state. */
const ref = (s: PlanState) => ({
  planId: s.planId,
  kind: s.kind,
  legislatureId: s.legislatureId,
  committeeId: s.committeeId,
  status: s.status,
});

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
  events: textlessEvents('plan', TYPES, ref, TEXT_KEYS),
});
