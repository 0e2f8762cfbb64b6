/** One decision per command, once the workflow admitted the step; rules give 422s. */
import { DecisionEvent, ProposalEvent } from '../../events/decision-events';
import { rule } from '../../platform/kernel/domain-errors';
import { StepRefused } from '../../platform/kernel/workflow';
import { beijingDate } from '../calendar/working-day-calendar';
import * as C from './decision.commands';
import { DecisionState } from './decision.state';
import { ProposalState } from './proposal.state';

const today = (now: string) => beijingDate(new Date(now));

function checkHappened(date: string, now: string, field: string, what: string): void {
  rule(date <= today(now), field, 'not_in_future', `${what} is recorded after it took place`);
}

// ---------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------

type DecideDecision<Command> = (command: Command, state: DecisionState) => DecisionEvent[];

export const recordDecision: DecideDecision<C.RecordDecision> = (command) => {
  rule(
    command.committee?.kind === 'party_committee',
    'committeeId',
    'party_committee',
    'A decision is recorded by the office of a Party Committee, for that committee',
  );
  checkHappened(command.decidedOn, command.now, 'decidedOn', 'A decision');
  const areas = [...new Set(command.policyAreas.map((a) => a.trim()).filter((a) => a))];
  rule(areas.length > 0, 'policyAreas', 'not_empty', 'A decision names at least one policy area');
  return [
    {
      type: 'CommitteeDecisionRecorded',
      data: {
        decisionId: command.decisionId,
        committeeId: command.committeeId,
        recordedByOfficeId: command.actor.organisation.organisationId,
        documentNumber: command.documentNumber.trim(),
        title: command.title,
        summary: command.summary,
        decidedOn: command.decidedOn,
        policyAreas: areas,
        kind: command.kind,
        followUp: command.followUp,
      },
    },
  ];
};

export const transmitDecision: DecideDecision<C.TransmitDecision> = (command) => {
  rule(
    command.legislature !== null,
    'legislatureId',
    'registered_at_level',
    'No Standing Committee Party group is registered at the committee’s level to transmit it to',
  );
  return [
    {
      type: 'DecisionTransmitted',
      data: { legislatureId: command.legislature!.organisationId, transmittedAt: command.now },
    },
  ];
};

export const acknowledgeTransmission: DecideDecision<C.AcknowledgeTransmission> = (command) => [
  { type: 'DecisionTransmissionAcknowledged', data: { acknowledgedAt: command.now } },
];

export const reportFollowUp: DecideDecision<C.ReportFollowUp> = (command, state) => {
  if (state.followUp === null) {
    throw new StepRefused('the decision needs no legislative follow-up', { followUp: null });
  }
  return [
    {
      type: 'DecisionFollowUpReported',
      data: {
        reportNumber: state.followUpReports.length + 1,
        text: command.text,
        reportedAt: command.now,
      },
    },
  ];
};

export const supersedeDecision: DecideDecision<C.SupersedeDecision> = (command, state) => {
  const field = 'supersededByDecisionId';
  rule(
    command.supersededByDecisionId !== state.decisionId,
    field,
    'not_itself',
    'A decision cannot supersede itself',
  );
  const later = command.supersededBy;
  rule(
    later !== null && later.status !== 'none',
    field,
    'exists',
    `Decision ${command.supersededByDecisionId} is not recorded`,
  );
  rule(
    later!.committeeId === state.committeeId,
    field,
    'same_committee',
    'A decision is superseded only by a later decision of the same committee',
  );
  rule(
    later!.status !== 'superseded',
    field,
    'current',
    `Decision ${later!.documentNumber} is itself superseded`,
  );
  rule(
    later!.decidedOn >= state.decidedOn,
    field,
    'later',
    `Decision ${later!.documentNumber} (${later!.decidedOn}) was taken before this one (${state.decidedOn})`,
  );
  return [
    {
      type: 'DecisionSuperseded',
      data: { supersededByDecisionId: command.supersededByDecisionId, supersededAt: command.now },
    },
  ];
};

// ---------------------------------------------------------------------------------------------
// Proposals
// ---------------------------------------------------------------------------------------------

type DecideProposal<Command> = (command: Command, state: ProposalState) => ProposalEvent[];

export const transferProposal: DecideProposal<C.TransferProposal> = (command) => {
  rule(
    command.route !== 'government' || command.itemKind === 'government_rule',
    'route',
    'government_rule_only',
    'Only a government rule is proposed to the government',
  );
  rule(
    command.itemKind !== 'government_rule' || command.route === 'government',
    'route',
    'government_rule_to_government',
    'A government rule is proposed to the government, not to the Standing Committee',
  );
  rule(
    command.receiver !== null,
    'route',
    'receiver_registered',
    `No ${command.route === 'government' ? 'government Party group' : 'Standing Committee Party group'} is registered at the committee’s level`,
  );
  if (command.decisionId !== null) {
    rule(
      command.decision !== null && command.decision.status !== 'none',
      'decisionId',
      'exists',
      `Decision ${command.decisionId} is not recorded`,
    );
    rule(
      command.decision!.committeeId === command.committeeId,
      'decisionId',
      'same_committee',
      'A proposal carries out a decision of its own committee',
    );
  }
  return [
    {
      type: 'LegislativeProposalTransferred',
      data: {
        proposalId: command.proposalId,
        committeeId: command.committeeId,
        transferredByOfficeId: command.actor.organisation.organisationId,
        receiverId: command.receiver!.organisationId,
        route: command.route,
        itemKind: command.itemKind,
        title: command.title,
        summary: command.summary,
        decisionId: command.decisionId,
        transferredAt: command.now,
      },
    },
  ];
};

export const argueProposal: DecideProposal<C.ArgueProposal> = (command) => {
  checkHappened(command.arguedOn, command.now, 'arguedOn', 'An argumentation');
  return [{ type: 'ProposalArgued', data: { arguedOn: command.arguedOn, note: command.note } }];
};

export const answerProposal: DecideProposal<C.AnswerProposal> = (command, state) => {
  const taken = command.answer === 'taken_into_plan';
  const outside = command.answer === 'outside_government_power';
  rule(
    !outside || state.route === 'government',
    'answer',
    'government_route_only',
    'Only the government answers that a proposal lies outside its power',
  );
  const explanation = command.explanation?.trim() ?? '';
  rule(
    taken || explanation !== '',
    'explanation',
    'required_unless_taken',
    `An answer of ${command.answer} must explain why`,
  );
  rule(
    taken || (command.planId === null && command.itemId === null),
    command.planId !== null ? 'planId' : 'itemId',
    'only_when_taken',
    'A plan or item is named only when the proposal was taken into the plan',
  );
  const unreadable = command.unreadable[0];
  rule(
    unreadable === undefined,
    unreadable ?? 'planId',
    'exists',
    `There is no ${unreadable === 'itemId' ? 'item' : 'plan'} ${unreadable ? command[unreadable] : ''} that the receiver may read`,
  );
  rule(
    !outside || command.standingCommittee !== null,
    'answer',
    'standing_committee_registered',
    'No Standing Committee Party group is registered at this level to take the proposal over',
  );
  const answered: ProposalEvent = {
    type: 'ProposalAnswered',
    data: {
      answer: command.answer,
      explanation,
      planId: command.planId,
      itemId: command.itemId,
      answeredAt: command.now,
    },
  };
  if (!outside) return [answered];
  return [
    answered,
    {
      type: 'ProposalRerouted',
      data: {
        receiverId: command.standingCommittee!.organisationId,
        route: 'standing_committee',
        reroutedAt: command.now,
      },
    },
  ];
};
