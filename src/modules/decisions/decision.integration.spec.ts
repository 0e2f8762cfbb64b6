import { DecisionEvent, ProposalEvent } from '../../events/decision-events';
import { LinkEvent } from '../../events/link-events';
import { fold } from '../../platform/kernel/decider';
import { IntegrationDeclaration } from '../../platform/kernel/feature';
import { LINK_INTEGRATION } from '../links/link.integration';
import { linkDecider } from '../links/link.model';
import { decisionDecider, proposalDecider } from './decision.decider';
import { DECISION_INTEGRATION, PROPOSAL_INTEGRATION } from './decision.integration';

const NOW = '2025-03-10T02:00:00.000Z';
const SECRET = '绝密正文';
const actedBy = { organisationId: 'cn-220000-pco', role: 'committee_office' as const };

const decisionEvents: DecisionEvent[] = [
  {
    type: 'CommitteeDecisionRecorded',
    data: {
      decisionId: 'd',
      committeeId: 'pc',
      recordedByOfficeId: 'pco',
      documentNumber: '吉发〔2016〕12号',
      title: SECRET,
      summary: SECRET,
      decidedOn: '2016-05-20',
      policyAreas: ['农业农村'],
      kind: 'reform_plan',
      followUp: 'new_law',
    },
  },
  { type: 'DecisionTransmitted', data: { legislatureId: 'pg', transmittedAt: NOW } },
  { type: 'DecisionTransmissionAcknowledged', data: { acknowledgedAt: NOW } },
  { type: 'DecisionFollowUpReported', data: { reportNumber: 1, text: SECRET, reportedAt: NOW } },
  { type: 'DecisionSuperseded', data: { supersededByDecisionId: 'd2', supersededAt: NOW } },
];

const proposalEvents: ProposalEvent[] = [
  {
    type: 'LegislativeProposalTransferred',
    data: {
      proposalId: 'p',
      committeeId: 'pc',
      transferredByOfficeId: 'pco',
      receiverId: 'gov',
      route: 'government',
      itemKind: 'government_rule',
      title: SECRET,
      summary: SECRET,
      decisionId: null,
      transferredAt: NOW,
    },
  },
  { type: 'ProposalArgued', data: { arguedOn: '2025-03-09', note: SECRET } },
  {
    type: 'ProposalAnswered',
    data: {
      answer: 'outside_government_power',
      explanation: SECRET,
      planId: null,
      itemId: null,
      answeredAt: NOW,
    },
  },
  {
    type: 'ProposalRerouted',
    data: { receiverId: 'pg', route: 'standing_committee', reroutedAt: NOW },
  },
];

const linkEvents: LinkEvent[] = [
  {
    type: 'LinkEstablished',
    data: {
      linkId: 'l',
      type: 'implements',
      from: { kind: 'item', id: 'i', point: null },
      to: { kind: 'decision', id: 'd', point: null },
      rationale: SECRET,
      establishedAt: NOW,
      legislatureId: 'pg',
      committeeId: 'pc',
    },
  },
  { type: 'LinkRemoved', data: { reason: SECRET, removedAt: NOW } },
];

/** Each event's public payload, mapped with the state after it. */
function published<E extends { type: string; data: unknown }>(
  declaration: IntegrationDeclaration<unknown>,
  decider: Parameters<typeof fold>[0],
  events: E[],
) {
  return events.map((event, i) => {
    const state = fold(decider, events.slice(0, i + 1));
    const mapping = declaration.events[event.type];
    return {
      type: mapping.type,
      data: mapping.data(event.data as never, { actedBy, state, settings: { textCategories: [] } }),
    };
  });
}

describe('The public events of decisions, proposals and links', () => {
  const all = [
    ...published(DECISION_INTEGRATION, decisionDecider as never, decisionEvents),
    ...published(PROPOSAL_INTEGRATION, proposalDecider as never, proposalEvents),
    ...published(LINK_INTEGRATION, linkDecider as never, linkEvents),
  ];

  it('never carry a title, summary, text, note, explanation, rationale or reason', () => {
    for (const event of all) expect(JSON.stringify(event.data)).not.toContain(SECRET);
  });

  it('name the record, its committee and who acted', () => {
    expect(all.map((e) => e.type)).toEqual([
      'decision.recorded.v1',
      'decision.transmitted.v1',
      'decision.transmission_acknowledged.v1',
      'decision.follow_up_reported.v1',
      'decision.superseded.v1',
      'proposal.transferred.v1',
      'proposal.argued.v1',
      'proposal.answered.v1',
      'proposal.rerouted.v1',
      'link.established.v1',
      'link.removed.v1',
    ]);
    for (const event of all) expect(event.data).toMatchObject({ committeeId: 'pc', actedBy });
    expect(all[1].data).toMatchObject({ decisionId: 'd', legislatureId: 'pg' });
    expect(all[8].data).toMatchObject({ receiverId: 'pg', route: 'standing_committee' });
    expect(all[10].data).toMatchObject({ linkId: 'l', to: { kind: 'decision', id: 'd' } });
  });
});
