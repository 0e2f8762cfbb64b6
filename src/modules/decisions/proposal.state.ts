import { Label } from '../../events/envelope';
import {
  PROPOSAL_ROUTES,
  ProposalAnswer,
  ProposalEvent,
  ProposalRoute,
} from '../../events/decision-events';

export const PROPOSAL_STATUSES = ['transferred', 'argued', 'answered'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, Label> = {
  transferred: { zh: '已转交', en: 'Transferred' },
  argued: { zh: '已论证', en: 'Argued' },
  answered: { zh: '已答复', en: 'Answered' },
};

export const PROPOSAL_ROUTE_LABELS: Record<ProposalRoute, Label> = {
  standing_committee: { zh: '人大常委会', en: 'Standing Committee' },
  government: { zh: '政府', en: 'Government' },
};
export { PROPOSAL_ROUTES };

export interface ProposalArgument {
  arguedOn: string;
  note: string;
  receiverId: string;
}

export interface ProposalAnswerRecord {
  answer: ProposalAnswer;
  explanation: string;
  planId: string | null;
  itemId: string | null;
  answeredAt: string;
  receiverId: string;
}

/** A committee-initiated proposal, folded from its events. */
export interface ProposalState {
  status: ProposalStatus | 'none';
  proposalId: string;
  committeeId: string;
  transferredByOfficeId: string;
  /** The body that has it now: it argues and answers. */
  receiverId: string;
  route: ProposalRoute;
  itemKind: 'local_regulation' | 'government_rule' | 'legislative_decision';
  title: string;
  summary: string;
  decisionId: string | null;
  transferredAt: string;
  /** Every receiver it has had, in order: each keeps reading it. */
  receiverIds: string[];
  arguments: ProposalArgument[];
  answers: ProposalAnswerRecord[];
  reroutedAt: string | null;
}

export const initialProposalState: ProposalState = {
  status: 'none',
  proposalId: '',
  committeeId: '',
  transferredByOfficeId: '',
  receiverId: '',
  route: 'standing_committee',
  itemKind: 'local_regulation',
  title: '',
  summary: '',
  decisionId: null,
  transferredAt: '',
  receiverIds: [],
  arguments: [],
  answers: [],
  reroutedAt: null,
};

export function evolveProposal(state: ProposalState, event: ProposalEvent): ProposalState {
  switch (event.type) {
    case 'LegislativeProposalTransferred':
      return {
        ...state,
        ...event.data,
        status: 'transferred',
        receiverIds: [event.data.receiverId],
      };
    case 'ProposalArgued':
      return {
        ...state,
        status: 'argued',
        arguments: [...state.arguments, { ...event.data, receiverId: state.receiverId }],
      };
    case 'ProposalAnswered':
      return {
        ...state,
        status: 'answered',
        answers: [...state.answers, { ...event.data, receiverId: state.receiverId }],
      };
    case 'ProposalRerouted':
      return {
        ...state,
        status: 'transferred',
        receiverId: event.data.receiverId,
        route: event.data.route,
        receiverIds: [...state.receiverIds, event.data.receiverId],
        reroutedAt: event.data.reroutedAt,
      };
  }
}
