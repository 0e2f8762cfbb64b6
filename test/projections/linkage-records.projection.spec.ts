import { Actor } from '../../src/events/envelope';
import {
  DecisionRow,
  readDecisions,
  readSuperseded,
} from '../../src/projections/decisions.projection';
import { LinkRow, readLink, readLinks } from '../../src/projections/links.projection';
import { ProposalRow, readProposals } from '../../src/projections/proposals.projection';
import { ProjectionRunner } from '../../src/platform/projections/projection-runner';
import { LogFixture, registry } from '../support/projection-fixture';

const office: Actor = {
  userId: 'jl-office',
  organisationId: 'cn-220000-pco',
  role: 'committee_office',
};
const partyGroup: Actor = {
  userId: 'jl-pg',
  organisationId: 'cn-220000-npcpg',
  role: 'party_group',
};
const gov: Actor = { userId: 'jl-gov', organisationId: 'cn-220000-govpg', role: 'party_group' };

const PC = 'cn-220000-pc';
const PG = 'cn-220000-npcpg';
const GOV = 'cn-220000-govpg';
const D1 = '11111111-1111-4111-8111-111111111111';
const D2 = '22222222-2222-4222-8222-222222222222';
const P1 = '33333333-3333-4333-8333-333333333333';
const L1 = '44444444-4444-4444-8444-444444444444';
const I1 = '55555555-5555-4555-8555-555555555555';
const L2 = '66666666-6666-4666-8666-666666666666';

const at = (n: number) => `2025-03-${String(n).padStart(2, '0')}T02:00:00.000Z`;

const recordedData = (id: string, number: string, decidedOn: string, followUp: string | null) => ({
  decisionId: id,
  committeeId: PC,
  recordedByOfficeId: 'cn-220000-pco',
  documentNumber: number,
  title: `决策 ${number}`,
  summary: 's',
  decidedOn,
  policyAreas: ['农业农村', '生态环境'],
  kind: 'reform_plan',
  followUp,
});

/** The principals of a caller acting for an organisation (with its parent, if any). */
const principals = (org: string, parent?: string, kind?: string) =>
  JSON.stringify(['anyone', `org:${org}`, ...(parent ? [`part:${parent}:${kind}`] : [])]);
const AS_OFFICE = principals('cn-220000-pco', PC, 'committee_office');
const AS_PG = principals(PG);
const AS_FGW = principals('cn-220000-npc-fgw', PG, 'special_committee');
const AS_GOV = principals(GOV);
const AS_CC = principals('cn-220100-pco', 'cn-220100-pc', 'committee_office');

describe('Given the decisions, proposals and links read models', () => {
  let log: LogFixture;
  beforeAll(async () => {
    log = new LogFixture();
    await log.append(
      `decision-${D1}`,
      'CommitteeDecisionRecorded',
      recordedData(D1, '吉发〔2016〕12号', '2016-05-20', 'new_law'),
      at(1),
      office,
    );
    await log.append(
      `decision-${D2}`,
      'CommitteeDecisionRecorded',
      recordedData(D2, '吉发〔2018〕1号', '2018-01-02', null),
      at(2),
      office,
    );
    await log.append(
      `decision-${D1}`,
      'DecisionTransmitted',
      { legislatureId: PG, transmittedAt: at(3) },
      at(3),
      office,
    );
    await log.append(
      `decision-${D1}`,
      'DecisionTransmissionAcknowledged',
      { acknowledgedAt: at(4) },
      at(4),
      partyGroup,
    );
    await log.append(
      `decision-${D1}`,
      'DecisionFollowUpReported',
      { reportNumber: 1, text: 't', reportedAt: at(5) },
      at(5),
      partyGroup,
    );
    await log.append(
      `decision-${D1}`,
      'DecisionSuperseded',
      { supersededByDecisionId: D2, supersededAt: at(6) },
      at(6),
      office,
    );

    await log.append(
      `proposal-${P1}`,
      'LegislativeProposalTransferred',
      {
        proposalId: P1,
        committeeId: PC,
        transferredByOfficeId: 'cn-220000-pco',
        receiverId: GOV,
        route: 'government',
        itemKind: 'government_rule',
        title: '建议制定规章',
        summary: 's',
        decisionId: D1,
        transferredAt: at(7),
      },
      at(7),
      office,
    );
    await log.append(
      `proposal-${P1}`,
      'ProposalArgued',
      { arguedOn: '2025-03-08', note: 'n' },
      at(8),
      gov,
    );
    await log.append(
      `proposal-${P1}`,
      'ProposalAnswered',
      {
        answer: 'outside_government_power',
        explanation: 'e',
        planId: null,
        itemId: null,
        answeredAt: at(9),
      },
      at(9),
      gov,
    );
    await log.append(
      `proposal-${P1}`,
      'ProposalRerouted',
      { receiverId: PG, route: 'standing_committee', reroutedAt: at(9) },
      at(9),
      gov,
    );

    await log.append(
      `link-${L1}`,
      'LinkEstablished',
      {
        linkId: L1,
        type: 'implements',
        from: { kind: 'item', id: I1, point: null },
        to: { kind: 'decision', id: D1, point: null },
        rationale: 'r',
        establishedAt: at(10),
        legislatureId: PG,
        committeeId: PC,
      },
      at(10),
      partyGroup,
    );
    await log.append(
      `link-${L1}`,
      'LinkRemoved',
      { reason: 'gone', removedAt: at(11) },
      at(11),
      partyGroup,
    );
    await log.append(
      `link-${L2}`,
      'LinkEstablished',
      {
        linkId: L2,
        type: 'replaces',
        from: { kind: 'decision', id: D2, point: null },
        to: { kind: 'decision', id: D1, point: null },
        rationale: 'r',
        establishedAt: at(12),
        legislatureId: PG,
        committeeId: PC,
      },
      at(12),
      office,
    );
  });
  afterAll(() => log.close());

  it('when decisions are rebuilt, then each row holds its current state and readers follow the transmission', async () => {
    await log.rebuild('decisions');
    expect(log.rows<DecisionRow>('rm_decisions')).toEqual([
      {
        decision_id: D1,
        committee_id: PC,
        document_number: '吉发〔2016〕12号',
        title: '决策 吉发〔2016〕12号',
        decided_on: '2016-05-20',
        policy_areas: '["农业农村","生态环境"]',
        kind: 'reform_plan',
        follow_up: 'new_law',
        status: 'superseded',
        legislature_id: PG,
        transmitted_at: at(3),
        acknowledged_at: at(4),
        follow_up_reports: 1,
        superseded_by_decision_id: D2,
        superseded_at: at(6),
        revision: 4,
        recorded_at: at(1),
        updated_at: at(6),
      },
      expect.objectContaining({
        decision_id: D2,
        status: 'recorded',
        legislature_id: null,
        revision: 0,
      }),
    ]);
    expect(log.readers('decision')).toEqual([
      [D1, `org:${PG}`, 'legislature'],
      [D1, `org:${PC}`, 'committee'],
      [D1, `part:${PG}:special_committee`, 'legislature'],
      [D1, `part:${PC}:committee_office`, 'committee'],
      [D2, `org:${PC}`, 'committee'],
      [D2, `part:${PC}:committee_office`, 'committee'],
    ]);
  });

  it('when decisions are listed, then only readable ones, filtered, newest first', async () => {
    const db = await log.rebuild('decisions');
    const list = (p: string, over: object = {}) =>
      readDecisions(db, {
        policyArea: null,
        year: null,
        followUpNeeded: null,
        transmitted: null,
        after: null,
        limit: 10,
        principals: p,
        reasons: null,
        ...over,
      }).map((r) => r.decision_id);
    expect(list(AS_OFFICE)).toEqual([D2, D1]);
    expect(list(AS_PG)).toEqual([D1]);
    expect(list(AS_FGW)).toEqual([D1]);
    expect(list(AS_CC)).toEqual([]);
    expect(list(AS_OFFICE, { year: '2016' })).toEqual([D1]);
    expect(list(AS_OFFICE, { policyArea: '生态环境' })).toEqual([D2, D1]);
    expect(list(AS_OFFICE, { policyArea: '营商环境' })).toEqual([]);
    expect(list(AS_OFFICE, { followUpNeeded: false })).toEqual([D2]);
    expect(list(AS_OFFICE, { transmitted: true })).toEqual([D1]);
    expect(list(AS_OFFICE, { after: ['2018-01-02', D2] })).toEqual([D1]);
    expect(readSuperseded(db, D2, AS_OFFICE)).toEqual([D1]);
    expect(readSuperseded(db, D2, AS_CC)).toEqual([]);
  });

  it('when proposals are rebuilt, then a re-route moves the receiver and adds a reader', async () => {
    const db = await log.rebuild('proposals');
    expect(log.rows<ProposalRow>('rm_proposals')).toEqual([
      {
        proposal_id: P1,
        committee_id: PC,
        receiver_id: PG,
        receiver_ids: JSON.stringify([GOV, PG]),
        route: 'standing_committee',
        item_kind: 'government_rule',
        title: '建议制定规章',
        decision_id: D1,
        status: 'transferred',
        answer: 'outside_government_power',
        transferred_at: at(7),
        answered_at: at(9),
        revision: 3,
        updated_at: at(9),
      },
    ]);
    expect(log.readers('proposal').map(([, p]) => p)).toEqual([
      `org:${GOV}`,
      `org:${PG}`,
      `org:${PC}`,
      `part:${GOV}:special_committee`,
      `part:${PG}:special_committee`,
      `part:${PC}:committee_office`,
    ]);
    const list = (p: string, over: object = {}) =>
      readProposals(db, {
        status: null,
        route: null,
        after: null,
        limit: 10,
        principals: p,
        reasons: null,
        ...over,
      }).map((r) => r.proposal_id);
    expect(list(AS_GOV)).toEqual([P1]);
    expect(list(AS_PG, { route: 'standing_committee', status: 'transferred' })).toEqual([P1]);
    expect(list(AS_PG, { route: 'government' })).toEqual([]);
    expect(list(AS_CC)).toEqual([]);
  });

  it('when links are rebuilt, then both ends and the removal are kept, readable by the level', async () => {
    const db = await log.rebuild('links');
    // A link shows a decision or submission end only to its readers: decisions' readers too.
    await new ProjectionRunner(log.store, db, registry.projections, registry.catalogue).rebuild(
      'decisions',
    );
    expect(log.rows<LinkRow>('rm_links')).toEqual([
      {
        link_id: L1,
        type: 'implements',
        from_kind: 'item',
        from_id: I1,
        from_point: null,
        to_kind: 'decision',
        to_id: D1,
        to_point: null,
        rationale: 'r',
        active: 0,
        established_at: at(10),
        removed_at: at(11),
        removal_reason: 'gone',
        legislature_id: PG,
        committee_id: PC,
        revision: 1,
      },
      expect.objectContaining({ link_id: L2, type: 'replaces', active: 1, removed_at: null }),
    ]);
    const find = (p: string, over: object = {}) =>
      readLinks(db, {
        recordKind: null,
        recordId: null,
        type: null,
        active: null,
        after: null,
        limit: 10,
        principals: p,
        reasons: null,
        ...over,
      }).map((r) => r.link_id);
    expect(find(AS_OFFICE, { recordKind: 'decision', recordId: D1 })).toEqual([L1, L2]);
    expect(find(AS_FGW, { recordKind: 'item', recordId: I1 })).toEqual([L1]);
    expect(find(AS_FGW, { recordKind: 'decision', recordId: I1 })).toEqual([]);
    expect(find(AS_OFFICE, { recordKind: 'item' })).toEqual([L1]);
    expect(find(AS_OFFICE, { recordKind: 'plan' })).toEqual([]);
    expect(find(AS_OFFICE, { active: true })).toEqual([L2]);
    expect(find(AS_OFFICE, { type: 'replaces' })).toEqual([L2]);
    expect(find(AS_OFFICE, { after: [at(10), L1] })).toEqual([L2]);
    expect(find(AS_GOV)).toEqual([]);
    // D2 was never transmitted: the legislature reads the link's level but not that end.
    expect(find(AS_PG, { recordKind: 'decision', recordId: D1 })).toEqual([L1]);
    expect(readLink(db, L2, AS_PG)).toBeUndefined();
    expect(readLink(db, L2, AS_OFFICE)?.link_id).toBe(L2);
    expect(readLink(db, L1, AS_PG)?.link_id).toBe(L1);
    expect(readLink(db, L1, AS_CC)).toBeUndefined();
  });

  it('when rebuilt in pages of one event, then the read models are the same', async () => {
    for (const name of ['decisions', 'proposals', 'links']) {
      await log.rebuild(name);
      const whole = ['rm_decisions', 'rm_proposals', 'rm_links'].map((t) => log.rows(t));
      await log.rebuild(name, 1);
      expect(['rm_decisions', 'rm_proposals', 'rm_links'].map((t) => log.rows(t))).toEqual(whole);
    }
  });
});
