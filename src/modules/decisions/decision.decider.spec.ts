import { actor, changchun, jilin } from '../../../test/support/actors';
import { broken, specFor } from '../../../test/support/given-when-then';
import {
  CommitteeDecisionRecordedV1,
  DecisionEvent,
  ProposalEvent,
} from '../../events/decision-events';
import { mayRead } from '../../platform/access/readers';
import { fold } from '../../platform/kernel/decider';
import {
  BusinessRuleError,
  ForbiddenError,
  InvalidStepError,
} from '../../platform/kernel/domain-errors';
import {
  AnswerProposal,
  ArgueProposal,
  RecordDecision,
  ReportFollowUp,
  SupersedeDecision,
  TransferProposal,
  TransmitDecision,
} from './decision.commands';
import { decisionDecider, proposalDecider } from './decision.decider';
import { DECISION_READ_POLICY, PROPOSAL_READ_POLICY } from './decision.policy';
import { DecisionState } from './decision.state';
import { decisionIdOf, normaliseDocumentNumber } from './document-number';

const NOW = '2025-03-10T02:00:00.000Z';
const office = actor(jilin.office, ['committee_office']);
const ccOffice = actor(changchun.office, ['committee_office']);
const partyGroup = actor(jilin.partyGroup, ['party_group']);
const legislature = actor(jilin.specialCommittee, ['legislature']);
const government = actor(jilin.governmentPartyGroup, ['party_group']);
const ccPartyGroup = actor(changchun.partyGroup, ['party_group', 'legislature']);

const ID = 'd-1';
const LATER_ID = 'd-2';
const COMMITTEE = jilin.committee.organisationId;
const LEGISLATURE = jilin.partyGroup.organisationId;

const RECORDED: CommitteeDecisionRecordedV1 = {
  decisionId: ID,
  committeeId: COMMITTEE,
  recordedByOfficeId: jilin.office.organisationId,
  documentNumber: '吉发〔2016〕12号',
  title: '关于加强黑土地保护的意见',
  summary: 's',
  decidedOn: '2016-05-20',
  policyAreas: ['农业农村'],
  kind: 'reform_plan',
  followUp: 'new_law',
};

const recorded: DecisionEvent = { type: 'CommitteeDecisionRecorded', data: RECORDED };
const transmitted: DecisionEvent = {
  type: 'DecisionTransmitted',
  data: { legislatureId: LEGISLATURE, transmittedAt: NOW },
};
const acknowledged: DecisionEvent = {
  type: 'DecisionTransmissionAcknowledged',
  data: { acknowledgedAt: NOW },
};
const superseded: DecisionEvent = {
  type: 'DecisionSuperseded',
  data: { supersededByDecisionId: LATER_ID, supersededAt: NOW },
};

const given = specFor(decisionDecider);

const recordCommand = (over: Partial<RecordDecision> = {}): RecordDecision => ({
  type: 'RecordDecision',
  actor: office,
  now: NOW,
  decisionId: ID,
  committeeId: COMMITTEE,
  committee: jilin.committee,
  documentNumber: ' 吉发〔2016〕12号 ',
  title: RECORDED.title,
  summary: 's',
  decidedOn: '2016-05-20',
  policyAreas: [' 农业农村 ', '农业农村', ''],
  kind: 'reform_plan',
  followUp: 'new_law',
  ...over,
});

const transmit = (over: Partial<TransmitDecision> = {}): TransmitDecision => ({
  type: 'TransmitDecision',
  actor: office,
  now: NOW,
  legislature: jilin.partyGroup,
  ...over,
});

const report = (who = partyGroup): ReportFollowUp => ({
  type: 'ReportFollowUp',
  actor: who,
  now: NOW,
  text: '已列入立法计划',
});

const laterState = (over: Partial<DecisionState> = {}): DecisionState => ({
  ...fold(decisionDecider, [
    {
      type: 'CommitteeDecisionRecorded',
      data: {
        ...RECORDED,
        decisionId: LATER_ID,
        documentNumber: '吉发〔2018〕1号',
        decidedOn: '2018-01-01',
      },
    },
  ]),
  ...over,
});

const supersede = (over: Partial<SupersedeDecision> = {}): SupersedeDecision => ({
  type: 'SupersedeDecision',
  actor: office,
  now: NOW,
  supersededByDecisionId: LATER_ID,
  supersededBy: laterState(),
  ...over,
});

describe('document numbers', () => {
  it('compare without whitespace, full-width forms or the brackets around the year', () => {
    const official = normaliseDocumentNumber('吉发〔2016〕12号');
    for (const written of [
      '吉发[2016]12号',
      ' 吉发【2016】12号',
      '吉发（２０１６）１２号',
      '吉发(2016) 12号',
    ]) {
      expect(normaliseDocumentNumber(written)).toBe(official);
    }
    expect(decisionIdOf('c', '吉发[2016]12号')).toBe(decisionIdOf('c', '吉发〔2016〕12号'));
    expect(decisionIdOf('c', '吉发〔2016〕12号')).not.toBe(
      decisionIdOf('other', '吉发〔2016〕12号'),
    );
    expect(decisionIdOf('c', '吉发〔2016〕12号')).not.toBe(decisionIdOf('c', '吉发〔2016〕13号'));
  });
});

describe('A committee decision', () => {
  describe('record', () => {
    it('is recorded by the committee office, for its committee, with trimmed and unique areas', () => {
      const { actedAs } = given([])
        .when(recordCommand())
        .then([{ type: 'CommitteeDecisionRecorded', data: RECORDED }]);
      expect(actedAs).toBe('committee_office');
    });

    it('is refused to the legislature (403) and to another committee’s office (403)', () => {
      given([])
        .when(recordCommand({ actor: partyGroup }))
        .thenThrows(ForbiddenError, {
          details: { step: 'record', requiredRoles: ['committee_office'] },
        });
      given([])
        .when(recordCommand({ actor: ccOffice }))
        .thenThrows(ForbiddenError, {
          details: {
            step: 'record',
            organisationId: changchun.office.organisationId,
            requiredSide: 'committee',
          },
        });
    });

    it('is refused a second time with the same number: 409 naming the number', () => {
      given([recorded])
        .when(recordCommand())
        .thenThrows(InvalidStepError, {
          details: {
            step: 'record',
            currentState: 'recorded',
            allowedSteps: ['transmit', 'supersede'],
            reason: 'document number 吉发〔2016〕12号 is already recorded for this committee',
            documentNumber: '吉发〔2016〕12号',
            decisionId: ID,
          },
        });
    });

    it('breaks rules with 422: a committee that is not a Party Committee, a future date, no area', () => {
      given([])
        .when(recordCommand({ committee: jilin.partyGroup }))
        .thenThrows(BusinessRuleError, broken('committeeId', 'party_committee'));
      given([])
        .when(recordCommand({ committee: null }))
        .thenThrows(BusinessRuleError, broken('committeeId', 'party_committee'));
      given([])
        .when(recordCommand({ decidedOn: '2025-03-11' }))
        .thenThrows(BusinessRuleError, broken('decidedOn', 'not_in_future'));
      given([])
        .when(recordCommand({ policyAreas: [' '] }))
        .thenThrows(BusinessRuleError, broken('policyAreas', 'not_empty'));
    });
  });

  describe('transmit', () => {
    it('goes to the Standing Committee’s Party group at the same level', () => {
      given([recorded]).when(transmit()).then([transmitted]);
    });

    it('needs one to be registered (422)', () => {
      given([recorded])
        .when(transmit({ legislature: null }))
        .thenThrows(BusinessRuleError, broken('legislatureId', 'registered_at_level'));
    });

    it('is the committee’s step, once', () => {
      given([recorded])
        .when(transmit({ actor: partyGroup }))
        .thenThrows(ForbiddenError, {
          details: { step: 'transmit', requiredRoles: ['committee_office'] },
        });
      given([recorded, transmitted])
        .when(transmit())
        .thenThrows(InvalidStepError, {
          details: {
            step: 'transmit',
            currentState: 'transmitted',
            allowedSteps: ['acknowledge', 'supersede'],
          },
        });
      given([recorded, superseded])
        .when(transmit())
        .thenThrows(InvalidStepError, {
          details: { step: 'transmit', currentState: 'superseded', allowedSteps: [] },
        });
    });
  });

  describe('acknowledge', () => {
    const ack = (who = legislature) => ({
      type: 'AcknowledgeTransmission' as const,
      actor: who,
      now: NOW,
    });

    it('is the legislature’s step, by its Party group or a body belonging to it', () => {
      given([recorded, transmitted]).when(ack()).then([acknowledged]);
      expect(
        given([recorded, transmitted]).when(ack(partyGroup)).then([acknowledged]).actedAs,
      ).toBe('party_group');
    });

    it('is refused to the committee (403), another legislature or the government (403 side)', () => {
      given([recorded, transmitted])
        .when(ack(office))
        .thenThrows(ForbiddenError, {
          details: { step: 'acknowledge', requiredRoles: ['legislature', 'party_group'] },
        });
      for (const who of [ccPartyGroup, government]) {
        given([recorded, transmitted])
          .when(ack(who))
          .thenThrows(ForbiddenError, {
            message: /may not acknowledge/,
          });
      }
    });

    it('needs a transmission first, and happens once', () => {
      given([recorded]).when(ack()).thenThrows(ForbiddenError, {});
      given([recorded, transmitted, acknowledged])
        .when(ack())
        .thenThrows(InvalidStepError, {
          details: {
            step: 'acknowledge',
            currentState: 'acknowledged',
            allowedSteps: ['report_follow_up', 'supersede'],
          },
        });
    });
  });

  describe('report follow-up', () => {
    it('is numbered from 1 and kept in the state', () => {
      const first: DecisionEvent = {
        type: 'DecisionFollowUpReported',
        data: { reportNumber: 1, text: '已列入立法计划', reportedAt: NOW },
      };
      given([recorded, transmitted, acknowledged]).when(report()).then([first]);
      const { state } = given([recorded, transmitted, acknowledged, first])
        .when(report(legislature))
        .then([{ ...first, data: { ...first.data, reportNumber: 2 } }] as DecisionEvent[]);
      expect(state.followUpReports.map((r) => r.reportNumber)).toEqual([1, 2]);
    });

    it('is refused before the acknowledgement, to the committee, and for a decision needing none', () => {
      given([recorded, transmitted])
        .when(report())
        .thenThrows(InvalidStepError, {
          details: {
            step: 'report_follow_up',
            currentState: 'transmitted',
            allowedSteps: ['acknowledge', 'supersede'],
          },
        });
      given([recorded, transmitted, acknowledged])
        .when(report(office))
        .thenThrows(ForbiddenError, {});
      given([
        { type: 'CommitteeDecisionRecorded', data: { ...RECORDED, followUp: null } },
        transmitted,
        acknowledged,
      ])
        .when(report())
        .thenThrows(InvalidStepError, {
          details: {
            step: 'report_follow_up',
            currentState: 'acknowledged',
            allowedSteps: ['report_follow_up', 'supersede'],
            reason: 'the decision needs no legislative follow-up',
            followUp: null,
          },
        });
    });
  });

  describe('supersede', () => {
    it('by a later decision of the same committee, in any state but superseded', () => {
      for (const history of [
        [recorded],
        [recorded, transmitted],
        [recorded, transmitted, acknowledged],
      ]) {
        const { state } = given(history).when(supersede()).then([superseded]);
        expect(state).toMatchObject({ status: 'superseded', supersededByDecisionId: LATER_ID });
      }
      given([recorded, superseded])
        .when(supersede())
        .thenThrows(InvalidStepError, {
          details: { step: 'supersede', currentState: 'superseded', allowedSteps: [] },
        });
    });

    it('breaks rules with 422: itself, unknown, another committee’s, superseded, earlier', () => {
      const field = 'supersededByDecisionId';
      given([recorded])
        .when(supersede({ supersededByDecisionId: ID }))
        .thenThrows(BusinessRuleError, broken(field, 'not_itself'));
      given([recorded])
        .when(supersede({ supersededBy: null }))
        .thenThrows(BusinessRuleError, broken(field, 'exists'));
      given([recorded])
        .when(supersede({ supersededBy: laterState({ committeeId: 'other' }) }))
        .thenThrows(BusinessRuleError, broken(field, 'same_committee'));
      given([recorded])
        .when(supersede({ supersededBy: laterState({ status: 'superseded' }) }))
        .thenThrows(BusinessRuleError, broken(field, 'current'));
      given([recorded])
        .when(supersede({ supersededBy: laterState({ decidedOn: '2015-01-01' }) }))
        .thenThrows(BusinessRuleError, broken(field, 'later'));
    });

    it('is the committee’s step', () => {
      given([recorded, transmitted])
        .when(supersede({ actor: partyGroup }))
        .thenThrows(ForbiddenError, {
          details: { step: 'supersede', requiredRoles: ['committee_office'] },
        });
    });
  });

  it('is read by the committee and its offices, and once transmitted by the legislature and its special committees', () => {
    const before = DECISION_READ_POLICY.readers(fold(decisionDecider, [recorded]));
    expect(before.map((r) => r.principal)).toEqual([
      `org:${COMMITTEE}`,
      `part:${COMMITTEE}:committee_office`,
    ]);
    expect(mayRead(office, before)).toBe(true);
    expect(mayRead(partyGroup, before)).toBe(false);
    const after = DECISION_READ_POLICY.readers(fold(decisionDecider, [recorded, transmitted]));
    expect(mayRead(partyGroup, after)).toBe(true);
    expect(mayRead(legislature, after)).toBe(true);
    expect(mayRead(government, after)).toBe(false);
    expect(mayRead(ccOffice, after)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Proposals
// ---------------------------------------------------------------------------------------------

const P = 'p-1';
const givenProposal = specFor(proposalDecider);

const transfer = (over: Partial<TransferProposal> = {}): TransferProposal => ({
  type: 'TransferProposal',
  actor: office,
  now: NOW,
  proposalId: P,
  committeeId: COMMITTEE,
  route: 'standing_committee',
  itemKind: 'local_regulation',
  title: '建议制定条例',
  summary: 's',
  receiver: jilin.partyGroup,
  decisionId: null,
  decision: null,
  ...over,
});

const transferred = (over: Partial<TransferProposal> = {}): ProposalEvent => {
  const c = transfer(over);
  return {
    type: 'LegislativeProposalTransferred',
    data: {
      proposalId: P,
      committeeId: COMMITTEE,
      transferredByOfficeId: jilin.office.organisationId,
      receiverId: c.receiver!.organisationId,
      route: c.route,
      itemKind: c.itemKind,
      title: c.title,
      summary: 's',
      decisionId: c.decisionId,
      transferredAt: NOW,
    },
  };
};
const toGovernment = transferred({
  route: 'government',
  itemKind: 'government_rule',
  receiver: jilin.governmentPartyGroup,
});
const argued: ProposalEvent = {
  type: 'ProposalArgued',
  data: { arguedOn: '2025-03-09', note: 'n' },
};

const argue = (who = partyGroup, arguedOn = '2025-03-09'): ArgueProposal => ({
  type: 'ArgueProposal',
  actor: who,
  now: NOW,
  arguedOn,
  note: 'n',
});

const answer = (over: Partial<AnswerProposal> = {}): AnswerProposal => ({
  type: 'AnswerProposal',
  actor: partyGroup,
  now: NOW,
  answer: 'taken_into_plan',
  explanation: null,
  planId: null,
  itemId: null,
  unreadable: [],
  standingCommittee: null,
  ...over,
});

describe('A committee-initiated proposal', () => {
  it('is transferred by the committee office to the receiver of its route', () => {
    givenProposal([]).when(transfer()).then([transferred()]);
    givenProposal([])
      .when(
        transfer({
          route: 'government',
          itemKind: 'government_rule',
          receiver: jilin.governmentPartyGroup,
        }),
      )
      .then([toGovernment]);
    const decision = fold(decisionDecider, [recorded]);
    givenProposal([])
      .when(transfer({ decisionId: ID, decision }))
      .then([transferred({ decisionId: ID })]);
  });

  it('refuses a transfer with 422: wrong route, no receiver, unknown or foreign decision', () => {
    givenProposal([])
      .when(transfer({ route: 'government' }))
      .thenThrows(BusinessRuleError, broken('route', 'government_rule_only'));
    givenProposal([])
      .when(transfer({ itemKind: 'government_rule' }))
      .thenThrows(BusinessRuleError, broken('route', 'government_rule_to_government'));
    givenProposal([])
      .when(transfer({ receiver: null }))
      .thenThrows(BusinessRuleError, broken('route', 'receiver_registered'));
    givenProposal([])
      .when(transfer({ decisionId: ID, decision: null }))
      .thenThrows(BusinessRuleError, broken('decisionId', 'exists'));
    givenProposal([])
      .when(
        transfer({
          decisionId: ID,
          decision: { ...fold(decisionDecider, [recorded]), committeeId: 'x' },
        }),
      )
      .thenThrows(BusinessRuleError, broken('decisionId', 'same_committee'));
  });

  it('is transferred only by the committee office (403) and only once (409)', () => {
    givenProposal([])
      .when(transfer({ actor: partyGroup }))
      .thenThrows(ForbiddenError, {
        details: { step: 'transfer', requiredRoles: ['committee_office'] },
      });
    givenProposal([])
      .when(transfer({ actor: ccOffice }))
      .thenThrows(ForbiddenError, {});
    givenProposal([transferred()])
      .when(transfer())
      .thenThrows(InvalidStepError, {
        details: { step: 'transfer', currentState: 'transferred', allowedSteps: ['argue'] },
      });
  });

  it('is argued by the receiver side once, not in the future, then answered', () => {
    const { state } = givenProposal([transferred()]).when(argue(legislature)).then([argued]);
    expect(state.arguments).toEqual([
      { arguedOn: '2025-03-09', note: 'n', receiverId: LEGISLATURE },
    ]);
    givenProposal([transferred()])
      .when(argue(partyGroup, '2025-03-11'))
      .thenThrows(BusinessRuleError, broken('arguedOn', 'not_in_future'));
    givenProposal([transferred(), argued])
      .when(argue())
      .thenThrows(InvalidStepError, {
        details: { step: 'argue', currentState: 'argued', allowedSteps: ['answer'] },
      });
    givenProposal([transferred()]).when(argue(office)).thenThrows(ForbiddenError, {});
    givenProposal([transferred()]).when(argue(government)).thenThrows(ForbiddenError, {});
    givenProposal([transferred()])
      .when(answer())
      .thenThrows(InvalidStepError, {
        details: { step: 'answer', currentState: 'transferred', allowedSteps: ['argue'] },
      });
  });

  it('is answered taken into the plan (with the plan and item when known) or not taken, with an explanation', () => {
    givenProposal([transferred(), argued])
      .when(answer({ planId: 'plan-1', itemId: 'item-1' }))
      .then([
        {
          type: 'ProposalAnswered',
          data: {
            answer: 'taken_into_plan',
            explanation: '',
            planId: 'plan-1',
            itemId: 'item-1',
            answeredAt: NOW,
          },
        },
      ]);
    givenProposal([transferred(), argued])
      .when(answer({ answer: 'not_taken', explanation: ' 条件不成熟 ' }))
      .then([
        {
          type: 'ProposalAnswered',
          data: {
            answer: 'not_taken',
            explanation: '条件不成熟',
            planId: null,
            itemId: null,
            answeredAt: NOW,
          },
        },
      ]);
    givenProposal([transferred(), argued])
      .when(answer({ answer: 'not_taken', explanation: ' ' }))
      .thenThrows(BusinessRuleError, broken('explanation', 'required_unless_taken'));
    givenProposal([transferred(), argued])
      .when(answer({ answer: 'not_taken', explanation: 'x', planId: 'plan-1' }))
      .thenThrows(BusinessRuleError, broken('planId', 'only_when_taken'));
    givenProposal([transferred(), argued])
      .when(answer({ planId: 'plan-1', itemId: 'item-1', unreadable: ['itemId'] }))
      .thenThrows(BusinessRuleError, broken('itemId', 'exists'));
    givenProposal([transferred(), argued])
      .when(answer({ planId: 'plan-1', unreadable: ['planId'] }))
      .thenThrows(BusinessRuleError, broken('planId', 'exists'));
    givenProposal([transferred(), argued])
      .when(answer({ answer: 'outside_government_power', explanation: 'x' }))
      .thenThrows(BusinessRuleError, broken('answer', 'government_route_only'));
    givenProposal([transferred(), argued])
      .when(answer({ actor: office }))
      .thenThrows(ForbiddenError, {});
    givenProposal([
      transferred(),
      argued,
      {
        type: 'ProposalAnswered',
        data: {
          answer: 'taken_into_plan',
          explanation: '',
          planId: null,
          itemId: null,
          answeredAt: NOW,
        },
      },
    ])
      .when(answer())
      .thenThrows(InvalidStepError, {
        details: { step: 'answer', currentState: 'answered', allowedSteps: [] },
      });
  });

  it('on the government route, outside the government’s power re-routes it to the Standing Committee, which argues and answers again', () => {
    const outside = answer({
      actor: government,
      answer: 'outside_government_power',
      explanation: '超出规章权限',
      standingCommittee: jilin.partyGroup,
    });
    const { state } = givenProposal([toGovernment, argued])
      .when(outside)
      .then([
        {
          type: 'ProposalAnswered',
          data: {
            answer: 'outside_government_power',
            explanation: '超出规章权限',
            planId: null,
            itemId: null,
            answeredAt: NOW,
          },
        },
        {
          type: 'ProposalRerouted',
          data: { receiverId: LEGISLATURE, route: 'standing_committee', reroutedAt: NOW },
        },
      ]);
    expect(state).toMatchObject({
      status: 'transferred',
      receiverId: LEGISLATURE,
      route: 'standing_committee',
      receiverIds: [jilin.governmentPartyGroup.organisationId, LEGISLATURE],
    });
    const readers = PROPOSAL_READ_POLICY.readers(state);
    expect(mayRead(government, readers)).toBe(true);
    expect(mayRead(legislature, readers)).toBe(true);
    expect(mayRead(ccPartyGroup, readers)).toBe(false);
    givenProposal([toGovernment, argued])
      .when({ ...outside, standingCommittee: null })
      .thenThrows(BusinessRuleError, broken('answer', 'standing_committee_registered'));
  });

  it('is read by the committee and the receiver, not by another receiver before a re-route', () => {
    const readers = PROPOSAL_READ_POLICY.readers(fold(proposalDecider, [transferred()]));
    expect(mayRead(office, readers)).toBe(true);
    expect(mayRead(legislature, readers)).toBe(true);
    expect(mayRead(government, readers)).toBe(false);
    expect(mayRead(ccOffice, readers)).toBe(false);
  });
});
