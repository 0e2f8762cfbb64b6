import Database from 'better-sqlite3';
import { join } from 'node:path';
import { decisionIdOf } from '../src/modules/decisions/document-number';
import { DECISION } from './support/decisions';
import { ITEM_PROPOSAL, proposeItem } from './support/flow';
import { TestApp, startTestApp } from './support/test-app';

const fields = (body: { errors: { field: string; rule: string }[] }) =>
  body.errors.map((e) => `${e.field}:${e.rule}`);

describe('Committee decisions over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const record = (body: object, user = 'jl-office') =>
    t.http.post('/api/decisions').set(t.as(user)).send(body);
  const post = (id: string, path: string, user: string, body: object = {}) =>
    t.http.post(`/api/decisions/${id}/${path}`).set(t.as(user)).send(body);
  const detail = (id: string, user = 'jl-office') =>
    t.http.get(`/api/decisions/${id}`).set(t.as(user));
  let n = 100;
  /** A fresh decision of the Jilin committee, recorded (and transmitted when asked). */
  const recorded = async (over: object = {}, transmit = false): Promise<string> => {
    const response = await record({ ...DECISION, documentNumber: `吉发〔2017〕${n++}号`, ...over });
    expect(response.status).toBe(201);
    const id = response.body.decisionId as string;
    if (transmit) await post(id, 'transmission', 'jl-office').expect(200);
    return id;
  };

  it('records, transmits, acknowledges and reports on a decision, each step by its side', async () => {
    const created = await record(DECISION).expect(201);
    const id = created.body.decisionId as string;
    expect(id).toBe(decisionIdOf('cn-220000-pc', DECISION.documentNumber));
    expect(created.headers.location).toBe(`/api/decisions/${id}`);
    expect(created.body).toMatchObject({
      revision: 0,
      status: 'recorded',
      events: ['CommitteeDecisionRecorded'],
    });
    // Not transmitted yet: the legislature does not know it.
    await detail(id, 'jl-party-group').expect(404);
    await post(id, 'acknowledgement', 'jl-party-group').expect(404);

    const sent = await post(id, 'transmission', 'jl-office').expect(200);
    expect(sent.body).toMatchObject({ status: 'transmitted', events: ['DecisionTransmitted'] });
    await detail(id, 'jl-fgw').expect(200);
    await post(id, 'acknowledgement', 'jl-fgw').expect(200);
    const first = await post(id, 'follow-up-reports', 'jl-party-group', {
      text: '已列入2017年立法计划',
    }).expect(200);
    expect(first.body.reportNumber).toBe(1);
    const second = await post(id, 'follow-up-reports', 'jl-fgw', { text: '条例草案已一审' });
    expect(second.body).toMatchObject({ reportNumber: 2, status: 'acknowledged' });

    const view = await detail(id, 'jl-party-group').expect(200);
    expect(view.headers.etag).toBe('"4"');
    expect(view.body).toMatchObject({
      decisionId: id,
      committeeId: 'cn-220000-pc',
      recordedByOfficeId: 'cn-220000-pco',
      documentNumber: '吉发〔2016〕12号',
      summary: DECISION.summary,
      policyAreas: DECISION.policyAreas,
      followUp: 'new_law',
      status: 'acknowledged',
      legislatureId: 'cn-220000-npcpg',
      transmittedAt: '2025-03-10T02:00:00.000Z',
      acknowledgedAt: '2025-03-10T02:00:00.000Z',
      followUpReports: [
        { reportNumber: 1, text: '已列入2017年立法计划' },
        { reportNumber: 2, text: '条例草案已一审' },
      ],
      supersededByDecisionId: null,
      supersedes: [],
      links: [],
      chainVerification: { valid: true, streams: 1, events: 5, firstBrokenLink: null },
    });
  });

  it('shows the hash chain of the decision’s stream, and names the link someone forged behind the API', async () => {
    const id = await recorded({}, true);
    expect((await detail(id).expect(200)).body.chainVerification).toEqual({
      valid: true,
      streams: 1,
      events: 2,
      firstBrokenLink: null,
    });
    const db = new Database(join(t.dir, 'legislink.sqlite'));
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.title', 'forged') WHERE stream_id = ? AND revision = 0`,
    ).run(`decision-${id}`);
    db.close();
    // A new event makes the detail verify the stream again.
    await post(id, 'acknowledgement', 'jl-party-group').expect(200);
    expect((await detail(id).expect(200)).body.chainVerification).toMatchObject({
      valid: false,
      firstBrokenLink: { streamId: `decision-${id}`, revision: 0, problem: 'hash_mismatch' },
    });
  });

  it('refuses a second decision with the same number of the same committee (409 naming it), however bracketed', async () => {
    const number = '吉发〔2018〕3号';
    const first = await record({ ...DECISION, documentNumber: number }).expect(201);
    const again = await record({ ...DECISION, documentNumber: ' 吉发[2018]3号 ' }).expect(409);
    expect(again.body).toMatchObject({
      status: 409,
      step: 'record',
      currentState: 'recorded',
      documentNumber: number,
      decisionId: first.body.decisionId,
    });
    expect(again.body.detail).toContain(number);
    // Another committee may use the same number.
    await record({ ...DECISION, documentNumber: number }, 'cc-office').expect(201);
  });

  it('lets only the committee office record, and checks the input (400 naming the field, 422 the rule)', async () => {
    await record(DECISION, 'jl-party-group').expect(403);
    await record(DECISION, 'analyst').expect(403);
    const bad = await record({ ...DECISION, title: '', kind: 'law', policyAreas: [] }).expect(400);
    expect(fields(bad.body)).toEqual(
      expect.arrayContaining(['title:isLength', 'kind:isIn', 'policyAreas:arrayMinSize']),
    );
    const date = await record({ ...DECISION, decidedOn: '2016-02-30' }).expect(400);
    expect(fields(date.body)).toEqual(['decidedOn:isIso8601']);
    const future = await record({
      ...DECISION,
      documentNumber: '吉发〔2026〕1号',
      decidedOn: '2026-01-01',
    });
    expect(future.status).toBe(422);
    expect(fields(future.body)).toEqual(['decidedOn:not_in_future']);
  });

  it('keeps the committee’s and the legislature’s steps apart (403) and outsiders out (404)', async () => {
    const id = await recorded({}, true);
    await post(id, 'acknowledgement', 'jl-office').expect(403);
    await post(id, 'follow-up-reports', 'jl-office', { text: 't' }).expect(403);
    await post(id, 'transmission', 'jl-party-group').expect(403);
    await post(id, 'supersession', 'jl-fgw', { supersededByDecisionId: id }).expect(403);
    await detail(id, 'cc-office').expect(404);
    await detail(id, 'cc-party-group').expect(404);
    await detail(id, 'jl-gov').expect(404);
    await post(id, 'transmission', 'cc-office').expect(404);
    await post(id, 'acknowledgement', 'cc-party-group').expect(404);
    await post(id, 'acknowledgement', 'jl-gov').expect(404);
    await detail('00000000-0000-4000-8000-000000000000').expect(404);
    await detail('not-a-uuid').expect(400);
    await post('not-a-uuid', 'transmission', 'jl-office').expect(400);
  });

  it('refuses steps the state does not allow with 409 naming the state', async () => {
    const id = await recorded();
    const early = await post(id, 'acknowledgement', 'jl-office').expect(403);
    expect(early.body.status).toBe(403);
    await post(id, 'transmission', 'jl-office').expect(200);
    const twice = await post(id, 'transmission', 'jl-office').expect(409);
    expect(twice.body).toMatchObject({
      currentState: 'transmitted',
      allowedSteps: ['acknowledge', 'supersede'],
    });
    const notYet = await post(id, 'follow-up-reports', 'jl-fgw', { text: 't' }).expect(409);
    expect(notYet.body.currentState).toBe('transmitted');
    await post(id, 'acknowledgement', 'jl-fgw').expect(200);
    await post(id, 'acknowledgement', 'jl-fgw').expect(409);
    await post(id, 'follow-up-reports', 'jl-fgw', { text: '' }).expect(400);

    const none = await recorded({ followUp: null }, true);
    await post(none, 'acknowledgement', 'jl-party-group').expect(200);
    const noFollowUp = await post(none, 'follow-up-reports', 'jl-party-group', { text: 't' });
    expect(noFollowUp.status).toBe(409);
    expect(noFollowUp.body.reason).toBe('the decision needs no legislative follow-up');
  });

  it('supersedes a decision by a later one of the same committee, which then closes it', async () => {
    const old = await recorded({ decidedOn: '2016-01-10' }, true);
    const later = await recorded({ decidedOn: '2017-03-01' });
    const earlier = await recorded({ decidedOn: '2015-01-01' });
    const foreign = (
      await record({ ...DECISION, documentNumber: '长发〔2017〕1号' }, 'cc-office').expect(201)
    ).body.decisionId as string;
    const supersede = (by: string, user = 'jl-office') =>
      post(old, 'supersession', user, { supersededByDecisionId: by });
    expect(fields((await supersede(old).expect(422)).body)).toEqual([
      'supersededByDecisionId:not_itself',
    ]);
    expect(fields((await supersede(foreign).expect(422)).body)).toEqual([
      'supersededByDecisionId:exists',
    ]);
    expect(
      fields((await supersede('00000000-0000-4000-8000-000000000000').expect(422)).body),
    ).toEqual(['supersededByDecisionId:exists']);
    expect(fields((await supersede(earlier).expect(422)).body)).toEqual([
      'supersededByDecisionId:later',
    ]);
    await supersede('nope').expect(400);
    await supersede(later, 'jl-party-group').expect(403);
    const done = await supersede(later).expect(200);
    expect(done.body).toMatchObject({ status: 'superseded', events: ['DecisionSuperseded'] });
    await supersede(later).expect(409);
    await post(old, 'acknowledgement', 'jl-party-group').expect(409);
    // The superseded decision supersedes nothing any more.
    const third = await recorded({ decidedOn: '2017-05-01' });
    expect(
      fields(
        (
          await post(third, 'supersession', 'jl-office', { supersededByDecisionId: old }).expect(
            422,
          )
        ).body,
      ),
    ).toEqual(['supersededByDecisionId:current']);

    expect((await detail(old).expect(200)).body).toMatchObject({
      status: 'superseded',
      supersededByDecisionId: later,
    });
    expect((await detail(later).expect(200)).body.supersedes).toEqual([old]);
  });

  it('answers 422 when no Standing Committee Party group is registered at the committee’s level', async () => {
    const region = '220200';
    const base = { level: 'city', regionCode: region };
    await t.http
      .post('/api/organisations')
      .set(t.as('admin'))
      .send({
        ...base,
        organisationId: 'cn-220200-pc',
        kind: 'party_committee',
        nameZh: '中共吉林市委',
        nameEn: 'CPC Jilin Municipal Committee',
      })
      .expect(201);
    await t.http
      .post('/api/organisations')
      .set(t.as('admin'))
      .send({
        ...base,
        organisationId: 'cn-220200-pco',
        kind: 'committee_office',
        nameZh: '中共吉林市委办公室',
        nameEn: 'General Office of the CPC Jilin Municipal Committee',
        parentOrganisationId: 'cn-220200-pc',
      })
      .expect(201);
    const token = await t.token({
      userId: 'jlc-office',
      userName: '吉林市委办公室',
      organisationId: 'cn-220200-pco',
      roles: ['committee_office'],
    });
    const auth = { Authorization: `Bearer ${token}` };
    const created = await t.http
      .post('/api/decisions')
      .set(auth)
      .send({ ...DECISION, documentNumber: '吉市发〔2017〕1号' })
      .expect(201);
    const refused = await t.http
      .post(`/api/decisions/${created.body.decisionId}/transmission`)
      .set(auth)
      .send({})
      .expect(422);
    expect(fields(refused.body)).toEqual(['legislatureId:registered_at_level']);
  });

  it('lists the decisions the caller reads, newest first, by policy area, year, follow-up and transmission', async () => {
    const list = async (query: string, user = 'jl-office') =>
      (await t.http.get(`/api/decisions${query}`).set(t.as(user)).expect(200)).body as {
        items: { decisionId: string; decidedOn: string; transmittedAt: string | null }[];
        nextCursor: string | null;
      };
    const a = await recorded({ decidedOn: '2019-06-01', policyAreas: ['营商环境'] }, true);
    const b = await recorded({
      decidedOn: '2019-07-01',
      policyAreas: ['营商环境'],
      followUp: null,
    });
    const area = await list('?policyArea=营商环境');
    expect(area.items.map((d) => d.decisionId)).toEqual([b, a]);
    expect(
      (await list('?policyArea=营商环境&followUpNeeded=true')).items.map((d) => d.decisionId),
    ).toEqual([a]);
    expect(
      (await list('?policyArea=营商环境&followUpNeeded=false')).items.map((d) => d.decisionId),
    ).toEqual([b]);
    expect((await list('?year=2019&transmitted=true')).items.map((d) => d.decisionId)).toEqual([a]);
    expect((await list('?year=2019&transmitted=false')).items.map((d) => d.decisionId)).toEqual([
      b,
    ]);
    // The legislature sees only what was transmitted to it; another region nothing of Jilin's.
    expect((await list('?year=2019', 'jl-party-group')).items.map((d) => d.decisionId)).toEqual([
      a,
    ]);
    expect((await list('?year=2019', 'jl-fgw')).items.map((d) => d.decisionId)).toEqual([a]);
    expect((await list('?year=2019', 'cc-office')).items).toEqual([]);
    expect((await list('?year=2019', 'analyst')).items).toEqual([]);
    // Keyset paging walks every readable decision once.
    const all = await list('?limit=200');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((d) => d.decisionId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((d) => d.decisionId));
    const dates = all.items.map((d) => d.decidedOn);
    expect(dates).toEqual([...dates].sort().reverse());
    const bad = await t.http
      .get('/api/decisions?year=19&transmitted=yes')
      .set(t.as('jl-office'))
      .expect(400);
    expect(fields(bad.body)).toEqual(expect.arrayContaining(['year:matches', 'transmitted:isIn']));
    await t.http.get('/api/decisions').expect(401);
  });

  describe('committee-initiated proposals', () => {
    const PROPOSAL = {
      route: 'standing_committee',
      itemKind: 'local_regulation',
      title: '建议制定《吉林省黑土地保护条例》',
      summary: '请省人大常委会党组研究论证',
    };
    const transfer = (body: object, user = 'jl-office') =>
      t.http.post('/api/proposals').set(t.as(user)).send(body);
    const step = (id: string, path: string, user: string, body: object) =>
      t.http.post(`/api/proposals/${id}/${path}`).set(t.as(user)).send(body);
    const view = (id: string, user = 'jl-office') =>
      t.http.get(`/api/proposals/${id}`).set(t.as(user));
    const ARGUED = { arguedOn: '2025-03-09', note: '经论证，立法条件基本成熟' };

    it('goes to the Standing Committee’s Party group, which argues and answers it', async () => {
      const decisionId = await recorded();
      const created = await transfer({ ...PROPOSAL, decisionId }).expect(201);
      const id = created.body.proposalId as string;
      expect(created.headers.location).toBe(`/api/proposals/${id}`);
      expect(created.body).toMatchObject({ status: 'transferred' });
      await view(id, 'jl-party-group').expect(200);
      await view(id, 'jl-gov').expect(404);
      await view(id, 'cc-office').expect(404);

      await step(id, 'answer', 'jl-party-group', { answer: 'taken_into_plan' }).expect(409);
      await step(id, 'argumentation', 'jl-office', ARGUED).expect(403);
      await step(id, 'argumentation', 'cc-party-group', ARGUED).expect(404);
      await step(id, 'argumentation', 'jl-gov', ARGUED).expect(404);
      await step(id, 'argumentation', 'jl-fgw', { ...ARGUED, arguedOn: '2025-04-01' }).expect(422);
      await step(id, 'argumentation', 'jl-fgw', { note: '' }).expect(400);
      await step(id, 'argumentation', 'jl-fgw', ARGUED).expect(200);
      await step(id, 'argumentation', 'jl-fgw', ARGUED).expect(409);

      const outside = await step(id, 'answer', 'jl-party-group', {
        answer: 'outside_government_power',
        explanation: 'x',
      }).expect(422);
      expect(fields(outside.body)).toEqual(['answer:government_route_only']);
      const unexplained = await step(id, 'answer', 'jl-party-group', { answer: 'not_taken' });
      expect(unexplained.status).toBe(422);
      expect(fields(unexplained.body)).toEqual(['explanation:required_unless_taken']);
      await step(id, 'answer', 'jl-office', { answer: 'taken_into_plan' }).expect(403);
      await step(id, 'answer', 'jl-party-group', { answer: 'maybe' }).expect(400);
      // The item it became must be one the receiver reads: not made up, not another region's.
      const elsewhere = await proposeItem(t, ITEM_PROPOSAL, 'cc-party-group');
      for (const itemId of ['00000000-0000-4000-8000-000000000000', elsewhere]) {
        const unknown = await step(id, 'answer', 'jl-party-group', {
          answer: 'taken_into_plan',
          itemId,
        }).expect(422);
        expect(fields(unknown.body)).toEqual(['itemId:exists']);
      }
      const itemId = await proposeItem(t);
      const answered = await step(id, 'answer', 'jl-party-group', {
        answer: 'taken_into_plan',
        itemId,
      }).expect(200);
      expect(answered.body).toMatchObject({ status: 'answered', events: ['ProposalAnswered'] });
      await step(id, 'answer', 'jl-party-group', { answer: 'taken_into_plan' }).expect(409);

      expect((await view(id, 'jl-fgw').expect(200)).body).toMatchObject({
        proposalId: id,
        committeeId: 'cn-220000-pc',
        transferredByOfficeId: 'cn-220000-pco',
        receiverId: 'cn-220000-npcpg',
        receiverIds: ['cn-220000-npcpg'],
        route: 'standing_committee',
        decisionId,
        status: 'answered',
        answer: 'taken_into_plan',
        arguments: [{ receiverId: 'cn-220000-npcpg', arguedOn: '2025-03-09' }],
        answers: [{ answer: 'taken_into_plan', explanation: '', planId: null, itemId }],
        links: [],
      });
    });

    it('on the government route, re-routes an answer “outside the government’s power” to the Standing Committee', async () => {
      const created = await transfer({
        ...PROPOSAL,
        route: 'government',
        itemKind: 'government_rule',
      }).expect(201);
      const id = created.body.proposalId as string;
      await view(id, 'jl-party-group').expect(404);
      await step(id, 'argumentation', 'jl-gov', ARGUED).expect(200);
      const rerouted = await step(id, 'answer', 'jl-gov', {
        answer: 'outside_government_power',
        explanation: '涉及行政处罚设定，超出规章权限',
      }).expect(200);
      expect(rerouted.body).toMatchObject({
        status: 'transferred',
        events: ['ProposalAnswered', 'ProposalRerouted'],
      });
      // The new receiver reads, argues and answers it; the government keeps reading it.
      await view(id, 'jl-gov').expect(200);
      await step(id, 'argumentation', 'jl-gov', ARGUED).expect(403);
      await step(id, 'argumentation', 'jl-party-group', ARGUED).expect(200);
      await step(id, 'answer', 'jl-party-group', {
        answer: 'outside_government_power',
        explanation: 'x',
      }).expect(422);
      await step(id, 'answer', 'jl-party-group', {
        answer: 'not_taken',
        explanation: '列入调研项目',
      }).expect(200);
      expect((await view(id, 'jl-party-group').expect(200)).body).toMatchObject({
        receiverId: 'cn-220000-npcpg',
        receiverIds: ['cn-220000-govpg', 'cn-220000-npcpg'],
        route: 'standing_committee',
        status: 'answered',
        answer: 'not_taken',
        answers: [
          { receiverId: 'cn-220000-govpg', answer: 'outside_government_power' },
          { receiverId: 'cn-220000-npcpg', answer: 'not_taken' },
        ],
      });
    });

    it('checks who transfers what to whom', async () => {
      await transfer(PROPOSAL, 'jl-party-group').expect(403);
      const wrongRoute = await transfer({ ...PROPOSAL, route: 'government' }).expect(422);
      expect(fields(wrongRoute.body)).toEqual(['route:government_rule_only']);
      const ruleToSc = await transfer({ ...PROPOSAL, itemKind: 'government_rule' }).expect(422);
      expect(fields(ruleToSc.body)).toEqual(['route:government_rule_to_government']);
      const foreign = (
        await record({ ...DECISION, documentNumber: '长发〔2018〕9号' }, 'cc-office').expect(201)
      ).body.decisionId as string;
      const notOurs = await transfer({ ...PROPOSAL, decisionId: foreign }).expect(422);
      expect(fields(notOurs.body)).toEqual(['decisionId:exists']);
      const bad = await transfer({ ...PROPOSAL, route: 'npc', decisionId: 'x' }).expect(400);
      expect(fields(bad.body)).toEqual(expect.arrayContaining(['route:isIn', 'decisionId:isUuid']));
      await view('00000000-0000-4000-8000-000000000000').expect(404);
    });

    it('lists the proposals the caller reads, by status and route', async () => {
      const list = async (query: string, user: string) =>
        (await t.http.get(`/api/proposals${query}`).set(t.as(user)).expect(200)).body as {
          items: { proposalId: string; status: string; route: string }[];
          nextCursor: string | null;
        };
      const id = (await transfer(PROPOSAL).expect(201)).body.proposalId as string;
      expect(
        (await list('?status=transferred', 'jl-office')).items.map((p) => p.proposalId),
      ).toContain(id);
      expect(
        (await list('?status=answered', 'jl-office')).items.map((p) => p.proposalId),
      ).not.toContain(id);
      expect((await list('', 'jl-party-group')).items.map((p) => p.proposalId)).toContain(id);
      expect((await list('', 'cc-office')).items).toEqual([]);
      const gov = await list('', 'jl-gov');
      expect(gov.items.length).toBeGreaterThan(0);
      expect(gov.items.map((p) => p.proposalId)).not.toContain(id);
      const page = await list('?limit=1', 'jl-office');
      expect(page.items).toHaveLength(1);
      expect(page.nextCursor).not.toBeNull();
      const next = await list(`?limit=1&cursor=${page.nextCursor}`, 'jl-office');
      expect(next.items[0].proposalId).not.toBe(page.items[0].proposalId);
      await t.http.get('/api/proposals?route=court').set(t.as('jl-office')).expect(400);
    });
  });

  it('names decision kinds, follow-up kinds, statuses, proposal answers and link types in GET /api/labels', async () => {
    const labels = (await t.http.get('/api/labels').set(t.as('jl-fgw')).expect(200)).body;
    expect(labels.decisionKinds.reform_plan).toEqual({ zh: '改革方案', en: 'Reform plan' });
    expect(labels.followUpKinds.abolition.zh).toBe('废止');
    expect(labels.decisionStatuses.transmitted.en).toBe('Transmitted to the legislature');
    expect(labels.proposalAnswers.outside_government_power.zh).toBe(
      '超出政府权限，建议制定地方性法规',
    );
    expect(labels.proposalStatuses.argued.zh).toBe('已论证');
    expect(labels.proposalRoutes.government.en).toBe('Government');
    expect(labels.linkTypes.implements).toEqual({ zh: '落实', en: 'Implements' });
    expect(labels.linkStatuses.removed.en).toBe('Removed');
    expect(labels.linkedRecordKinds.opinion_point.zh).toBe('意见条目');
  });
});
