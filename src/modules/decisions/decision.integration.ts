/**
 * The public events of committee decisions (`decisions` topic) and proposals (`proposals`
 * topic). They carry identifiers, numbers, kinds and dates, never titles, summaries or texts:
 * Party documents are not public. docs/integration-events.md documents every type.
 */
import { Role } from '../../events/envelope';
import {
  CommitteeDecisionRecordedV1,
  DecisionFollowUpReportedV1,
  DecisionSupersededV1,
  DecisionTransmissionAcknowledgedV1,
  DecisionTransmittedV1,
  LegislativeProposalTransferredV1,
  ProposalAnsweredV1,
  ProposalArguedV1,
  ProposalReroutedV1,
} from '../../events/decision-events';
import {
  IntegrationFacts,
  IntegrationMapping,
  defineIntegration,
} from '../../platform/kernel/feature';
import { decisionAggregate, proposalAggregate } from './decision.decider';
import { DecisionState } from './decision.state';
import { ProposalState } from './proposal.state';

interface ActedByV1 {
  organisationId: string;
  role: Role;
}

const decisionRef = (s: DecisionState, facts: IntegrationFacts<DecisionState>) => ({
  decisionId: s.decisionId,
  committeeId: s.committeeId,
  documentNumber: s.documentNumber,
  actedBy: facts.actedBy as ActedByV1,
});

const decisionEvent = <D>(
  type: string,
  extra: (d: D, s: DecisionState) => object,
): IntegrationMapping<DecisionState> => ({
  type,
  data: (d: D, facts: IntegrationFacts<DecisionState>) => ({
    ...decisionRef(facts.state, facts),
    ...extra(d, facts.state),
  }),
});

export const DECISION_INTEGRATION = defineIntegration<DecisionState>({
  topic: 'decisions',
  aggregate: decisionAggregate as never,
  events: {
    CommitteeDecisionRecorded: decisionEvent(
      'decision.recorded.v1',
      (d: CommitteeDecisionRecordedV1) => ({
        decidedOn: d.decidedOn,
        policyAreas: d.policyAreas,
        kind: d.kind,
        followUp: d.followUp,
      }),
    ),
    DecisionTransmitted: decisionEvent('decision.transmitted.v1', (d: DecisionTransmittedV1) => ({
      legislatureId: d.legislatureId,
      transmittedAt: d.transmittedAt,
    })),
    DecisionTransmissionAcknowledged: decisionEvent(
      'decision.transmission_acknowledged.v1',
      (d: DecisionTransmissionAcknowledgedV1, s) => ({
        legislatureId: s.legislatureId,
        acknowledgedAt: d.acknowledgedAt,
      }),
    ),
    DecisionFollowUpReported: decisionEvent(
      'decision.follow_up_reported.v1',
      (d: DecisionFollowUpReportedV1, s) => ({
        legislatureId: s.legislatureId,
        reportNumber: d.reportNumber,
        reportedAt: d.reportedAt,
      }),
    ),
    DecisionSuperseded: decisionEvent('decision.superseded.v1', (d: DecisionSupersededV1) => ({
      supersededByDecisionId: d.supersededByDecisionId,
      supersededAt: d.supersededAt,
    })),
  },
});

const proposalEvent = <D>(
  type: string,
  extra: (d: D, s: ProposalState) => object,
): IntegrationMapping<ProposalState> => ({
  type,
  data: (d: D, facts: IntegrationFacts<ProposalState>) => ({
    proposalId: facts.state.proposalId,
    committeeId: facts.state.committeeId,
    receiverId: facts.state.receiverId,
    route: facts.state.route,
    itemKind: facts.state.itemKind,
    ...extra(d, facts.state),
    actedBy: facts.actedBy as ActedByV1,
  }),
});

export const PROPOSAL_INTEGRATION = defineIntegration<ProposalState>({
  topic: 'proposals',
  aggregate: proposalAggregate as never,
  events: {
    LegislativeProposalTransferred: proposalEvent(
      'proposal.transferred.v1',
      (d: LegislativeProposalTransferredV1) => ({
        decisionId: d.decisionId,
        transferredAt: d.transferredAt,
      }),
    ),
    ProposalArgued: proposalEvent('proposal.argued.v1', (d: ProposalArguedV1) => ({
      arguedOn: d.arguedOn,
    })),
    ProposalAnswered: proposalEvent('proposal.answered.v1', (d: ProposalAnsweredV1) => ({
      answer: d.answer,
      planId: d.planId,
      itemId: d.itemId,
      answeredAt: d.answeredAt,
    })),
    ProposalRerouted: proposalEvent('proposal.rerouted.v1', (d: ProposalReroutedV1) => ({
      reroutedAt: d.reroutedAt,
    })),
  },
});
