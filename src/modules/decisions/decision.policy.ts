/**
 * Who may do and read what on committee decisions and committee-initiated proposals, stated
 * once: the steps open in each state, the roles and sides that take each step, and the readers.
 */
import { ActorContext } from '../../platform/access/actor';
import { ReadPolicy } from '../../platform/access/readers';
import { StepActors } from '../../platform/kernel/workflow';
import {
  committeeReaders,
  isCommitteeOffice,
  isLegislatureSide,
  legislatureReaders,
} from '../organisations/sides';
import { DecisionCommand, ProposalCommand } from './decision.commands';
import { DecisionState } from './decision.state';
import { ProposalState } from './proposal.state';

// ---------------------------------------------------------------------------------------------
// Sides
// ---------------------------------------------------------------------------------------------

const legislatureRoles = <Side extends string>(side: Side) =>
  ({ legislature: side, party_group: side }) as const;

// ---------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------

export type DecisionStep = 'record' | 'transmit' | 'acknowledge' | 'report_follow_up' | 'supersede';

export const DECISION_ALLOWED_STEPS: Record<DecisionState['status'], readonly DecisionStep[]> = {
  none: ['record'],
  recorded: ['transmit', 'supersede'],
  transmitted: ['acknowledge', 'supersede'],
  acknowledged: ['report_follow_up', 'supersede'],
  superseded: [],
};

export type DecisionSide = 'committee' | 'legislature';

const decisionOffice = { committee_office: 'committee' } as const;

export const DECISION_STEPS: Record<
  DecisionCommand['type'],
  { step: DecisionStep; actors: StepActors<DecisionSide> }
> = {
  RecordDecision: { step: 'record', actors: decisionOffice },
  TransmitDecision: { step: 'transmit', actors: decisionOffice },
  SupersedeDecision: { step: 'supersede', actors: decisionOffice },
  AcknowledgeTransmission: { step: 'acknowledge', actors: legislatureRoles('legislature') },
  ReportFollowUp: { step: 'report_follow_up', actors: legislatureRoles('legislature') },
};

export const DECISION_SIDES: Record<
  DecisionSide,
  (actor: ActorContext, state: DecisionState, command: DecisionCommand) => boolean
> = {
  committee: (actor, state, command) =>
    isCommitteeOffice(
      actor,
      command.type === 'RecordDecision' ? command.committeeId : state.committeeId,
    ),
  legislature: (actor, state) => isLegislatureSide(actor, state.legislatureId),
};

/** The facts that decide who reads a decision. */
export interface DecisionReadership {
  committeeId: string;
  /** Null until it is transmitted. */
  legislatureId: string | null;
}

/** The committee and its offices; once transmitted, the legislature and its special committees. */
export const DECISION_READ_POLICY: ReadPolicy<DecisionReadership> = {
  recordType: 'decision',
  readers(r) {
    return [
      ...committeeReaders(r.committeeId, 'committee'),
      ...(r.legislatureId ? legislatureReaders(r.legislatureId, 'legislature') : []),
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// Proposals
// ---------------------------------------------------------------------------------------------

export type ProposalStep = 'transfer' | 'argue' | 'answer';

export const PROPOSAL_ALLOWED_STEPS: Record<ProposalState['status'], readonly ProposalStep[]> = {
  none: ['transfer'],
  transferred: ['argue'],
  argued: ['answer'],
  answered: [],
};

export type ProposalSide = 'committee' | 'receiver';

export const PROPOSAL_STEPS: Record<
  ProposalCommand['type'],
  { step: ProposalStep; actors: StepActors<ProposalSide> }
> = {
  TransferProposal: { step: 'transfer', actors: { committee_office: 'committee' } },
  ArgueProposal: { step: 'argue', actors: legislatureRoles('receiver') },
  AnswerProposal: { step: 'answer', actors: legislatureRoles('receiver') },
};

export const PROPOSAL_SIDES: Record<
  ProposalSide,
  (actor: ActorContext, state: ProposalState, command: ProposalCommand) => boolean
> = {
  committee: (actor, state, command) =>
    isCommitteeOffice(
      actor,
      command.type === 'TransferProposal' ? command.committeeId : state.committeeId,
    ),
  receiver: (actor, state) => isLegislatureSide(actor, state.receiverId),
};

/** The facts that decide who reads a proposal. */
export interface ProposalReadership {
  committeeId: string;
  /** Every receiver it has had. */
  receiverIds: readonly string[];
}

/** The committee and its offices, and every receiver it has had with its special committees. */
export const PROPOSAL_READ_POLICY: ReadPolicy<ProposalReadership> = {
  recordType: 'proposal',
  readers(r) {
    return [
      ...committeeReaders(r.committeeId, 'committee'),
      ...r.receiverIds.flatMap((id) => legislatureReaders(id, 'receiver')),
    ];
  },
};
