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
  environment: DecisionCommandEnvironment,
  controllers: [DecisionsController],
});
