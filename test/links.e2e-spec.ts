import { linkIdOf } from '../src/modules/links/link.model';
import { LinkEnd, LinkedRecordKind } from '../src/events/link-events';
import { DECISION } from './support/decisions';
import { submissionAt } from './support/flow';
import { TestApp, startTestApp } from './support/test-app';

const fields = (body: { errors: { field: string; rule: string }[] }) =>
  body.errors.map((e) => `${e.field}:${e.rule}`);

const NOWHERE = '00000000-0000-4000-8000-000000000000';

describe('Typed links over HTTP', () => {
  let t: TestApp;
  /** A transmitted Jilin decision, one not yet transmitted, a submission with opinion points. */
  let decision: string;
  let kept: string;
  let submission: string;
  let proposal: string;
  let n = 1;

  const record = async (user = 'jl-office', transmit = true): Promise<string> => {
    const id = (
      await t.http
        .post('/api/decisions')
        .set(t.as(user))
        .send({ ...DECISION, documentNumber: `链发〔2020〕${n++}号` })
        .expect(201)
    ).body.decisionId as string;
    if (transmit) {
      await t.http.post(`/api/decisions/${id}/transmission`).set(t.as(user)).send({}).expect(200);
    }
    return id;
  };
  const link = (body: object, user = 'jl-fgw') =>
    t.http.post('/api/links').set(t.as(user)).send(body);
  const remove = (id: string, user: string, reason = '项目调整') =>
    t.http.post(`/api/links/${id}/removal`).set(t.as(user)).send({ reason });
  const end = (kind: LinkedRecordKind, id: string, point: number | null = null): LinkEnd => ({
    kind,
    id,
    point,
  });
  const reportsOn = () => ({
    type: 'reports_on',
    from: end('submission', submission),
    to: end('decision', decision),
    rationale: '该请示涉及决策落实中的重大问题',
  });

  beforeAll(async () => {
    t = await startTestApp();
    decision = await record();
    kept = await record('jl-office', false);
    submission = await submissionAt(t, 'opinion');
    proposal = (
      await t.http
        .post('/api/proposals')
        .set(t.as('jl-office'))
        .send({
          route: 'standing_committee',
          itemKind: 'local_regulation',
          title: '建议制定条例',
          summary: 's',
        })
        .expect(201)
    ).body.proposalId as string;
  });
  afterAll(() => t.close());

  it('establishes a link between readable records, with a name-based id, readable at both ends', async () => {
    const created = await link(reportsOn()).expect(201);
    const id = linkIdOf('reports_on', end('submission', submission), end('decision', decision));
    expect(created.body).toMatchObject({
      linkId: id,
      status: 'active',
      events: ['LinkEstablished'],
    });
    expect(created.headers.location).toBe(`/api/links/${id}`);
    const view = await t.http.get(`/api/links/${id}`).set(t.as('jl-office')).expect(200);
    expect(view.body).toEqual({
      linkId: id,
      type: 'reports_on',
      from: end('submission', submission),
      to: end('decision', decision),
      rationale: '该请示涉及决策落实中的重大问题',
      active: true,
      establishedAt: '2025-03-10T02:00:00.000Z',
      removedAt: null,
      removalReason: null,
      legislatureId: 'cn-220000-npcpg',
      committeeId: 'cn-220000-pc',
    });
    await t.http.get(`/api/links/${id}`).set(t.as('cc-office')).expect(404);
    await t.http.get(`/api/links/${id}`).set(t.as('jl-gov')).expect(404);
    await t.http.get('/api/links/not-a-uuid').set(t.as('jl-office')).expect(400);
    // Both ends show it.
    const atDecision = await t.http
      .get(`/api/decisions/${decision}`)
      .set(t.as('jl-party-group'))
      .expect(200);
    expect(atDecision.body.links.map((l: { linkId: string }) => l.linkId)).toContain(id);
    const again = await link(reportsOn()).expect(409);
    expect(again.body).toMatchObject({ currentState: 'active', allowedSteps: ['remove'] });
  });

  it('lets only the side that owns a link type establish it (403)', async () => {
    const byCommittee = await link(
      { ...reportsOn(), to: end('decision', await record()) },
      'jl-office',
    ).expect(403);
    expect(byCommittee.body.requiredSide).toBe('committee');
    const later = await record();
    const replaces = {
      type: 'replaces',
      from: end('decision', later),
      to: end('decision', decision),
      rationale: '新决策取代旧决策',
    };
    await link(replaces, 'jl-party-group').expect(403);
    await link(replaces, 'jl-office').expect(201);
  });

  it('shows a link only to who reads its decision, proposal and submission ends', async () => {
    const secret = await record('jl-office', false);
    const id = (
      await link(
        {
          type: 'replaces',
          from: end('decision', secret),
          to: end('decision', decision),
          rationale: 'r',
        },
        'jl-office',
      ).expect(201)
    ).body.linkId as string;
    const atDecision = async (user: string) =>
      (
        await t.http
          .get(`/api/links?recordKind=decision&recordId=${decision}`)
          .set(t.as(user))
          .expect(200)
      ).body.items.map((l: { linkId: string }) => l.linkId) as string[];
    expect(await atDecision('jl-office')).toContain(id);
    expect(await atDecision('jl-party-group')).not.toContain(id);
    await t.http.get(`/api/links/${id}`).set(t.as('jl-party-group')).expect(404);
    const shown = await t.http.get(`/api/decisions/${decision}`).set(t.as('jl-fgw')).expect(200);
    expect(shown.body.links.map((l: { linkId: string }) => l.linkId)).not.toContain(id);
    await t.http
      .post(`/api/decisions/${secret}/transmission`)
      .set(t.as('jl-office'))
      .send({})
      .expect(200);
    expect(await atDecision('jl-party-group')).toContain(id);
    await t.http.get(`/api/links/${id}`).set(t.as('jl-party-group')).expect(200);
  });

  it('requires both ends to exist and be readable by the caller (422 naming the end)', async () => {
    const foreign = await link(reportsOn(), 'cc-party-group').expect(422);
    expect(fields(foreign.body)).toEqual(['from.id:exists']);
    const notSent = await link({ ...reportsOn(), to: end('decision', kept) }).expect(422);
    expect(fields(notSent.body)).toEqual(['to.id:exists']);
    const missing = await link({ ...reportsOn(), to: end('decision', NOWHERE) }).expect(422);
    expect(fields(missing.body)).toEqual(['to.id:exists']);
    // Items are kept by another feature: until it is there, they cannot be found either.
    const item = await link({
      type: 'implements',
      from: end('item', NOWHERE),
      to: end('decision', decision),
      rationale: 'r',
    }).expect(422);
    expect(['from.kind:kept_here', 'from.id:exists']).toContain(fields(item.body)[0]);
  });

  it('allows each type only between its kinds (422 naming the end’s kind)', async () => {
    const wrongFrom = await link({ ...reportsOn(), type: 'implements' }).expect(422);
    expect(fields(wrongFrom.body)).toEqual(['from.kind:allowed_for_type']);
    const wrongTo = await link(
      {
        type: 'replaces',
        from: end('decision', decision),
        to: end('submission', submission),
        rationale: 'r',
      },
      'jl-office',
    ).expect(422);
    expect(fields(wrongTo.body)).toEqual(['to.kind:allowed_for_type']);
    const self = await link(
      {
        type: 'replaces',
        from: end('decision', decision),
        to: end('decision', decision),
        rationale: 'r',
      },
      'jl-office',
    ).expect(422);
    expect(fields(self.body)).toEqual(['to.id:not_itself']);
    const bad = await link({
      type: 'cites',
      from: { kind: 'law', id: 'x' },
      to: {},
      rationale: '',
    });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(expect.arrayContaining(['type:isIn', 'rationale:isLength']));
    expect(bad.body.errors.map((e: { field: string }) => e.field).join(' ')).toMatch(/from/);
  });

  it('answers opinion points (which must exist) and proposals', async () => {
    const other = await submissionAt(t, 'opinion');
    const answers = (to: object) => ({
      type: 'answers',
      from: end('submission', other),
      to,
      rationale: '修改稿已吸收该条意见',
    });
    const point = await link(answers(end('opinion_point', submission, 1))).expect(201);
    const nine = await link(answers(end('opinion_point', submission, 9))).expect(422);
    expect(fields(nine.body)).toEqual(['to.point:exists']);
    const noPoint = await link(answers(end('opinion_point', submission))).expect(422);
    expect(fields(noPoint.body)).toEqual(['to.point:point_of_opinion']);
    const toProposal = await link(answers(end('proposal', proposal))).expect(201);
    const atProposal = await t.http
      .get(`/api/proposals/${proposal}`)
      .set(t.as('jl-office'))
      .expect(200);
    expect(atProposal.body.links.map((l: { linkId: string }) => l.linkId)).toEqual([
      toProposal.body.linkId,
    ]);
    // A submission's links include those at its opinion points.
    const list = await t.http
      .get(`/api/links?recordKind=submission&recordId=${submission}`)
      .set(t.as('jl-party-group'))
      .expect(200);
    expect(list.body.items.map((l: { linkId: string }) => l.linkId)).toContain(point.body.linkId);
  });

  it('removes a link with a reason, by its side only, and establishes it again on the same stream', async () => {
    const id = (await link({ ...reportsOn(), to: end('decision', await record()) }).expect(201))
      .body.linkId as string;
    await remove(id, 'jl-office').expect(403);
    await remove(id, 'cc-office').expect(404);
    await remove(id, 'cc-party-group').expect(404);
    await remove(id, 'jl-fgw', '').expect(400);
    await remove(NOWHERE, 'jl-fgw').expect(404);
    await remove('nope', 'jl-fgw').expect(400);
    const removed = await remove(id, 'jl-party-group').expect(200);
    expect(removed.body).toMatchObject({ status: 'removed', events: ['LinkRemoved'] });
    const twice = await remove(id, 'jl-party-group').expect(409);
    expect(twice.body).toMatchObject({ currentState: 'removed', allowedSteps: ['establish'] });
    const view = await t.http.get(`/api/links/${id}`).set(t.as('jl-fgw')).expect(200);
    expect(view.body).toMatchObject({ active: false, removalReason: '项目调整' });
    const again = await link({ ...reportsOn(), to: view.body.to }).expect(201);
    expect(again.body).toMatchObject({ linkId: id, revision: 2, status: 'active' });
  });

  it('lists the links the caller reads at either end of a record, paged', async () => {
    const target = await record();
    const make = async (user: string, body: object) =>
      (await link(body, user).expect(201)).body.linkId as string;
    const first = await make('jl-fgw', { ...reportsOn(), to: end('decision', target) });
    // Listed oldest first: the second link a moment later.
    t.clock.set('2025-03-10T03:00:00.000Z');
    const second = await make('jl-office', {
      type: 'replaces',
      from: end('decision', target),
      to: end('decision', decision),
      rationale: 'r',
    });
    const list = (query: string, user = 'jl-office') =>
      t.http.get(`/api/links${query}`).set(t.as(user)).expect(200);
    const both = await list(`?recordKind=decision&recordId=${target}`);
    expect(both.body.items.map((l: { linkId: string }) => l.linkId)).toEqual([first, second]);
    const typed = await list(`?recordKind=decision&recordId=${target}&type=replaces`);
    expect(typed.body.items.map((l: { linkId: string }) => l.linkId)).toEqual([second]);
    await remove(first, 'jl-fgw').expect(200);
    const active = await list(`?recordKind=decision&recordId=${target}&active=true`, 'jl-fgw');
    expect(active.body.items.map((l: { linkId: string }) => l.linkId)).toEqual([second]);
    const page = await list(`?recordKind=decision&recordId=${target}&limit=1`);
    expect(page.body.items.map((l: { linkId: string }) => l.linkId)).toEqual([first]);
    const next = await list(
      `?recordKind=decision&recordId=${target}&limit=1&cursor=${page.body.nextCursor}`,
    );
    expect(next.body).toEqual({
      items: [expect.objectContaining({ linkId: second })],
      nextCursor: null,
    });
    expect((await list('', 'cc-office')).body.items).toEqual([]);
    expect((await list('', 'analyst')).body.items).toEqual([]);
    const bad = await t.http
      .get('/api/links?recordKind=law&recordId=x&active=maybe')
      .set(t.as('jl-office'))
      .expect(400);
    expect(fields(bad.body)).toEqual(
      expect.arrayContaining(['recordKind:isIn', 'recordId:isUuid', 'active:isIn']),
    );
    await t.http.get('/api/links').expect(401);
  });
});
