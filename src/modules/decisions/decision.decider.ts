import { DecisionEvent, ProposalEvent } from '../../events/decision-events';
import { Decider } from '../../platform/kernel/decider';
import { InvalidStepError } from '../../platform/kernel/domain-errors';
import { defineAggregate } from '../../platform/kernel/feature';
import { workflow } from '../../platform/kernel/workflow';
import { DecisionCommand, ProposalCommand } from './decision.commands';
import * as decisions from './decision.decisions';
import {
  DECISION_ALLOWED_STEPS,
  DECISION_READ_POLICY,
  DECISION_SIDES,
  DECISION_STEPS,
  DecisionSide,
  PROPOSAL_ALLOWED_STEPS,
  PROPOSAL_READ_POLICY,
  PROPOSAL_SIDES,
  PROPOSAL_STEPS,
  ProposalSide,
} from './decision.policy';
import { DecisionState, evolveDecision, initialDecisionState } from './decision.state';
import { ProposalState, evolveProposal, initialProposalState } from './proposal.state';

const decisionWorkflow = workflow<
  DecisionCommand,
  DecisionState,
  DecisionEvent,
  DecisionState['status'],
  DecisionSide
>({
  aggregate: 'decision',
  initialState: initialDecisionState,
  status: (state) => state.status,
  allowedSteps: DECISION_ALLOWED_STEPS,
  steps: DECISION_STEPS,
  sides: DECISION_SIDES,
  decisions: {
    RecordDecision: decisions.recordDecision,
    TransmitDecision: decisions.transmitDecision,
    AcknowledgeTransmission: decisions.acknowledgeTransmission,
    ReportFollowUp: decisions.reportFollowUp,
    SupersedeDecision: decisions.supersedeDecision,
  },
  evolve: evolveDecision,
});

/**
 * The life of a committee decision. Its id comes from the committee and the document number, so
 * recording a number a second time reaches the first decision's stream: the workflow refuses
 * the step there, and the refusal names the number.
 */
export const decisionDecider: Decider<DecisionCommand, DecisionState, DecisionEvent> & {
  spec: typeof decisionWorkflow.spec;
} = {
  ...decisionWorkflow,
  decide(command, state) {
    try {
      return decisionWorkflow.decide(command, state);
    } catch (error) {
      if (error instanceof InvalidStepError && command.type === 'RecordDecision') {
        throw new InvalidStepError(
          'decision',
          'record',
          state.status,
          DECISION_ALLOWED_STEPS[state.status],
          {
            reason: `document number ${state.documentNumber} is already recorded for this committee`,
            documentNumber: state.documentNumber,
            decisionId: state.decisionId,
          },
        );
      }
      throw error;
    }
  },
};

export const decisionAggregate = defineAggregate({
  name: 'decision',
  idField: 'decisionId',
  decider: decisionDecider,
  exists: (state) => state.status !== 'none',
  status: (state) => state.status,
  readers: (state) => DECISION_READ_POLICY.readers(state),
  location: (id) => `/api/decisions/${id}`,
  reads: ['decisions'],
});

/** The life of a committee-initiated proposal: transferred, argued, answered (or re-routed). */
export const proposalDecider = workflow<
  ProposalCommand,
  ProposalState,
  ProposalEvent,
  ProposalState['status'],
  ProposalSide
>({
  aggregate: 'proposal',
  initialState: initialProposalState,
  status: (state) => state.status,
  allowedSteps: PROPOSAL_ALLOWED_STEPS,
  steps: PROPOSAL_STEPS,
  sides: PROPOSAL_SIDES,
  decisions: {
    TransferProposal: decisions.transferProposal,
    ArgueProposal: decisions.argueProposal,
    AnswerProposal: decisions.answerProposal,
  },
  evolve: evolveProposal,
});

export const proposalAggregate = defineAggregate({
  name: 'proposal',
  idField: 'proposalId',
  decider: proposalDecider,
  exists: (state) => state.status !== 'none',
  status: (state) => state.status,
  readers: (state) => PROPOSAL_READ_POLICY.readers(state),
  location: (id) => `/api/proposals/${id}`,
  reads: ['proposals'],
});
