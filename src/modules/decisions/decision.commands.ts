/**
 * The commands of committee decisions and committee-initiated proposals. Each carries the caller
 * and the instant it is decided at; what it needs of other records (the committee, the
 * legislature at the same level, the superseding decision) is looked up before the decider runs.
 */
import {
  DecisionKind,
  FollowUpKind,
  ProposalAnswer,
  ProposalRoute,
} from '../../events/decision-events';
import { ActorContext, OrganisationProfile } from '../../platform/access/actor';
import type { DecisionState } from './decision.state';

interface CommandBase {
  actor: ActorContext;
  now: string;
}

export interface RecordDecision extends CommandBase {
  type: 'RecordDecision';
  decisionId: string;
  /** The Party Committee the recording office belongs to; null if not registered. */
  committeeId: string;
  committee: OrganisationProfile | null;
  documentNumber: string;
  title: string;
  summary: string;
  decidedOn: string;
  policyAreas: string[];
  kind: DecisionKind;
  followUp: FollowUpKind | null;
}

export interface TransmitDecision extends CommandBase {
  type: 'TransmitDecision';
  /** The Standing Committee's Party group of the committee's region; null when none is registered. */
  legislature: OrganisationProfile | null;
}

export interface AcknowledgeTransmission extends CommandBase {
  type: 'AcknowledgeTransmission';
}

export interface ReportFollowUp extends CommandBase {
  type: 'ReportFollowUp';
  text: string;
}

export interface SupersedeDecision extends CommandBase {
  type: 'SupersedeDecision';
  supersededByDecisionId: string;
  /** The superseding decision's state, as the caller may read it; null if not found. */
  supersededBy: DecisionState | null;
}

export type DecisionCommand =
  RecordDecision | TransmitDecision | AcknowledgeTransmission | ReportFollowUp | SupersedeDecision;

export interface TransferProposal extends CommandBase {
  type: 'TransferProposal';
  proposalId: string;
  committeeId: string;
  route: ProposalRoute;
  itemKind: 'local_regulation' | 'government_rule' | 'legislative_decision';
  title: string;
  summary: string;
  /** The receiver of the route at the committee's place; null when none is registered. */
  receiver: OrganisationProfile | null;
  decisionId: string | null;
  /** The decision it carries out, as the caller reads it; null if none or not found. */
  decision: DecisionState | null;
}

export interface ArgueProposal extends CommandBase {
  type: 'ArgueProposal';
  arguedOn: string;
  note: string;
}

export interface AnswerProposal extends CommandBase {
  type: 'AnswerProposal';
  answer: ProposalAnswer;
  explanation: string | null;
  planId: string | null;
  itemId: string | null;
  /** Which of `planId` and `itemId` name no plan or item the receiver may read. */
  unreadable: ('planId' | 'itemId')[];
  /** The Standing Committee's Party group at the same place, for a re-route; null if none. */
  standingCommittee: OrganisationProfile | null;
}

export type ProposalCommand = TransferProposal | ArgueProposal | AnswerProposal;
