import { DECISION_EVENT_SCHEMAS, PROPOSAL_EVENT_SCHEMAS } from '../../events/decision-events';
import { defineFeature } from '../../platform/kernel/feature';
import { decisionsProjection } from '../../projections/decisions.projection';
import { proposalsProjection } from '../../projections/proposals.projection';
import { decisionAggregate, proposalAggregate } from './decision.decider';
import { DECISION_INTEGRATION, PROPOSAL_INTEGRATION } from './decision.integration';
import { DECISION_READ_POLICY, PROPOSAL_READ_POLICY } from './decision.policy';
import { DECISION_COMMANDS, PROPOSAL_COMMANDS } from './decision.routes';
import { DecisionsController } from './decisions.controller';
import { DecisionCommandEnvironment } from './decisions.environment';
import {
  DECISION_KIND_LABELS,
  FOLLOW_UP_KIND_LABELS,
  PROPOSAL_ANSWER_LABELS,
} from '../../events/decision-events';
import { DECISION_STATUS_LABELS } from './decision.state';
import { PROPOSAL_ROUTE_LABELS, PROPOSAL_STATUS_LABELS } from './proposal.state';

/**
 * Committee decisions (党委决策): recorded by the committee office, transmitted to the
 * legislature at the same level, acknowledged and reported on by it, superseded by later ones;
 * and committee-initiated legislative proposals, argued and answered by their receiver.
 */
export const decisionsFeature = defineFeature({
  name: 'decisions',
  events: { ...DECISION_EVENT_SCHEMAS, ...PROPOSAL_EVENT_SCHEMAS },
  aggregates: [decisionAggregate, proposalAggregate],
  commands: [...DECISION_COMMANDS, ...PROPOSAL_COMMANDS],
  projections: [
    decisionsProjection(DECISION_READ_POLICY),
    proposalsProjection(PROPOSAL_READ_POLICY),
  ],
  integration: [DECISION_INTEGRATION, PROPOSAL_INTEGRATION],
  labels: {
    decisionKinds: { description: 'Committee decision kinds', values: DECISION_KIND_LABELS },
    followUpKinds: {
      description: 'Legislative follow-up a decision needs',
      values: FOLLOW_UP_KIND_LABELS,
    },
    decisionStatuses: {
      description: 'Committee decision statuses',
      values: DECISION_STATUS_LABELS,
    },
    proposalStatuses: {
      description: 'Committee proposal statuses',
      values: PROPOSAL_STATUS_LABELS,
    },
    proposalRoutes: { description: 'Committee proposal routes', values: PROPOSAL_ROUTE_LABELS },
    proposalAnswers: {
      description: 'Answers to a committee proposal',
      values: PROPOSAL_ANSWER_LABELS,
    },
  },
  environment: DecisionCommandEnvironment,
  controllers: [DecisionsController],
});
