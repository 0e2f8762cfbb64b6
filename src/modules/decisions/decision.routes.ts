/**
 * Every decision and proposal command, declared once: its route, body, Kafka name and the
 * command it builds for the decider.
 */
import { Role } from '../../events/envelope';
import { DecisionFollowUpReportedV1 } from '../../events/decision-events';
import { defineCommand } from '../../platform/kernel/feature';
import * as C from './decision.commands';
import { decisionAggregate, proposalAggregate } from './decision.decider';
import {
  AcknowledgeTransmissionDto,
  AnswerProposalDto,
  ArgueProposalDto,
  RecordDecisionDto,
  ReportFollowUpDto,
  SupersedeDecisionDto,
  TransferProposalDto,
  TransmitDecisionDto,
} from './decisions.dto';
import { DecisionCommandEnvironment, RECEIVER_KIND, committeeIdOf } from './decisions.environment';
import { decisionIdOf } from './document-number';

type Env = DecisionCommandEnvironment;
/** Services act for people in the roles that take these steps, never as admin or analyst. */
const SERVICE_ROLES: Role[] = ['legislature', 'party_group', 'committee_office'];
const ON_DECISION = { decisionId: 'uuid' } as const;
const ON_PROPOSAL = { proposalId: 'uuid' } as const;
const onDecision = { aggregate: decisionAggregate, inboundRoles: SERVICE_ROLES } as const;
const onProposal = { aggregate: proposalAggregate, inboundRoles: SERVICE_ROLES } as const;

export const DECISION_COMMANDS = [
  defineCommand<RecordDecisionDto, C.DecisionCommand, Env>({
    ...onDecision,
    name: 'decision.record',
    path: 'decisions',
    summary:
      'Record a committee decision (committee_office); the document number is unique per committee (409 naming documentNumber)',
    dto: RecordDecisionDto,
    creates: true,
    newId: ({ dto, context }) => decisionIdOf(committeeIdOf(context.actor), dto.documentNumber),
    command: async ({ dto, id, context, env }) => ({
      type: 'RecordDecision',
      decisionId: id,
      committeeId: committeeIdOf(context.actor),
      committee: await env.committeeOf(context.actor),
      documentNumber: dto.documentNumber,
      title: dto.title,
      summary: dto.summary,
      decidedOn: dto.decidedOn,
      policyAreas: dto.policyAreas,
      kind: dto.kind,
      followUp: dto.followUp ?? null,
    }),
  }),
  defineCommand<TransmitDecisionDto, C.DecisionCommand, Env>({
    ...onDecision,
    name: 'decision.transmit',
    path: 'decisions/:decisionId/transmission',
    summary:
      'Transmit it to the Standing Committee’s Party group at the same level (committee_office)',
    dto: TransmitDecisionDto,
    params: ON_DECISION,
    command: async ({ params, env }) => ({
      type: 'TransmitDecision',
      legislature: await env.legislatureFor(params.decisionId as string),
    }),
  }),
  defineCommand<AcknowledgeTransmissionDto, C.DecisionCommand, Env>({
    ...onDecision,
    name: 'decision.acknowledge',
    path: 'decisions/:decisionId/acknowledgement',
    summary: 'Acknowledge the transmitted decision (legislature side)',
    dto: AcknowledgeTransmissionDto,
    params: ON_DECISION,
    command: () => ({ type: 'AcknowledgeTransmission' }),
  }),
  defineCommand<ReportFollowUpDto, C.DecisionCommand, Env>({
    ...onDecision,
    name: 'decision.follow_up.report',
    path: 'decisions/:decisionId/follow-up-reports',
    summary: 'Report back on the legislative follow-up, numbered from 1 (legislature side)',
    dto: ReportFollowUpDto,
    params: ON_DECISION,
    command: ({ dto }) => ({ type: 'ReportFollowUp', text: dto.text }),
    respond: (events) => {
      const reported = events.find((e) => e.type === 'DecisionFollowUpReported');
      return { reportNumber: (reported?.data as DecisionFollowUpReportedV1).reportNumber };
    },
  }),
  defineCommand<SupersedeDecisionDto, C.DecisionCommand, Env>({
    ...onDecision,
    name: 'decision.supersede',
    path: 'decisions/:decisionId/supersession',
    summary: 'Record that a later decision of the same committee supersedes it (committee_office)',
    dto: SupersedeDecisionDto,
    params: ON_DECISION,
    command: async ({ dto, context, env }) => ({
      type: 'SupersedeDecision',
      supersededByDecisionId: dto.supersededByDecisionId,
      supersededBy: await env.readableDecision(dto.supersededByDecisionId, context.actor),
    }),
  }),
];

export const PROPOSAL_COMMANDS = [
  defineCommand<TransferProposalDto, C.ProposalCommand, Env>({
    ...onProposal,
    name: 'proposal.transfer',
    path: 'proposals',
    summary:
      'Transfer a legislative proposal to the Standing Committee’s Party group, or for a government rule to the government’s (committee_office)',
    dto: TransferProposalDto,
    creates: true,
    command: async ({ dto, id, context, env }) => {
      const committeeId = committeeIdOf(context.actor);
      const decisionId = dto.decisionId ?? null;
      return {
        type: 'TransferProposal',
        proposalId: id,
        committeeId,
        route: dto.route,
        itemKind: dto.itemKind,
        title: dto.title,
        summary: dto.summary,
        receiver: await env.atCommitteesPlace(committeeId, RECEIVER_KIND[dto.route]),
        decisionId,
        decision: decisionId ? await env.readableDecision(decisionId, context.actor) : null,
      };
    },
  }),
  defineCommand<ArgueProposalDto, C.ProposalCommand, Env>({
    ...onProposal,
    name: 'proposal.argue',
    path: 'proposals/:proposalId/argumentation',
    summary: 'Record the receiver’s argumentation (论证) of the proposal (receiver side)',
    dto: ArgueProposalDto,
    params: ON_PROPOSAL,
    command: ({ dto }) => ({ type: 'ArgueProposal', arguedOn: dto.arguedOn, note: dto.note }),
  }),
  defineCommand<AnswerProposalDto, C.ProposalCommand, Env>({
    ...onProposal,
    name: 'proposal.answer',
    path: 'proposals/:proposalId/answer',
    summary:
      'Answer it: taken into the plan, not taken, or (government) outside its power, which re-routes it to the Standing Committee (receiver side)',
    dto: AnswerProposalDto,
    params: ON_PROPOSAL,
    command: async ({ dto, params, env, context }) => ({
      type: 'AnswerProposal',
      answer: dto.answer,
      explanation: dto.explanation ?? null,
      planId: dto.planId ?? null,
      itemId: dto.itemId ?? null,
      unreadable: await env.unreadable(
        [
          ['planId', 'plan', dto.planId ?? null],
          ['itemId', 'item', dto.itemId ?? null],
        ] as const,
        context.actor,
      ),
      standingCommittee:
        dto.answer === 'outside_government_power'
          ? await env.standingCommitteeFor(params.proposalId as string)
          : null,
    }),
  }),
];
