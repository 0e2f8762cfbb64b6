import { DEADLINE_EVENT_LABELS, DEADLINE_EVENT_SCHEMAS } from '../../events/deadline-events';
import { defineFeature } from '../../platform/kernel/feature';
import { submissionDeadlinesAggregate } from './deadline.decider';
import { DeadlineSweep } from './deadline-sweep';
import { DEADLINE_INTEGRATION } from './deadlines.integration';

/**
 * Deadlines: the clock sweep that records a submission's due dates coming near and going by as
 * facts, published as `due_soon` and `overdue` notifications for SMS and OA gateways (the app
 * shows the same ones from the same rule; see the notifications feature).
 */
export const deadlinesFeature = defineFeature({
  name: 'deadlines',
  events: DEADLINE_EVENT_SCHEMAS,
  aggregates: [submissionDeadlinesAggregate],
  commands: [],
  projections: [],
  integration: [DEADLINE_INTEGRATION],
  labels: {
    deadlineFacts: {
      description: 'Deadline facts the clock records',
      values: DEADLINE_EVENT_LABELS,
    },
  },
  providers: [DeadlineSweep],
});
