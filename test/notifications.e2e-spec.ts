import { draft, step } from './support/flow';
import { settle } from './support/settle';
import { TestApp, startTestApp } from './support/test-app';

/**
 * GET /api/notifications, GET /api/notifications/summary, POST /api/notifications/read: the
 * steps that notify reach the side they concern, due dates near or past appear as the clock
 * moves, unread come first, and another organisation is told nothing.
 */
describe('notifications (e2e)', () => {
  let t: TestApp;
  let id: string;

  interface Notification {
    notificationId: string;
    kind: string;
    kindLabel: { zh: string; en: string };
    deadline: string | null;
    submissionId: string;
    title: string;
    dueBy: string | null;
    number: number | null;
    at: string;
    readAt: string | null;
  }
  const list = async (user: string, query: Record<string, string | number> = {}) => {
    const response = await t.http
      .get('/api/notifications')
      .query(query)
      .set(t.as(user))
      .expect(200);
    return response.body as { items: Notification[]; nextCursor: string | null };
  };
  const kinds = async (user: string) =>
    (await list(user)).items.map((n) => [n.kind, n.deadline, n.number]);
  const unread = async (user: string) =>
    (await t.http.get('/api/notifications/summary').set(t.as(user)).expect(200)).body.unread;
  const settled = () => settle(t, ['notifications'], `submission-${id}`);

  beforeAll(async () => {
    t = await startTestApp();
    id = await draft(t);
    await step(t, id, 'discuss');
    await step(t, id, 'submit');
    await settled();
  });
  afterAll(() => t.close());

  it('tells the office when the reply is due soon, then overdue, as the clock moves; the submitting side is not told', async () => {
    const detail = await t.http.get(`/api/submissions/${id}`).set(t.as('jl-office')).expect(200);
    const replyDueBy = detail.body.replyDueBy as string;
    expect(await kinds('jl-office')).toEqual([]);
    t.clock.set(`${replyDueBy}T01:00:00.000Z`);
    expect(await kinds('jl-office')).toEqual([['due_soon', 'reply', null]]);
    const [soon] = (await list('jl-office')).items;
    expect(soon).toMatchObject({ submissionId: id, dueBy: replyDueBy, readAt: null });
    expect(soon.kindLabel).toEqual({ zh: '即将到期', en: 'Due soon' });
    expect(soon.title).toContain('黑土地');
    expect(await kinds('jl-party-group')).toEqual([]);
    const next = new Date(`${replyDueBy}T01:00:00.000Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    t.clock.set(next);
    expect(await kinds('jl-office')).toEqual([['overdue', 'reply', null]]);
    expect((await list('jl-office')).items[0].at).toBe(`${replyDueBy}T16:00:00.000Z`);
    expect(await unread('jl-office')).toBe(1);
    t.clock.set('2025-03-10T02:00:00.000Z');
  });

  it('tells the submitting side, not the office, that material was requested, and that it is due', async () => {
    await step(t, id, 'receive');
    await t.http
      .post(`/api/submissions/${id}/material-requests`)
      .set(t.as('jl-office'))
      .send({ description: '请补充测算材料', dueBy: '2025-03-12' })
      .expect(200);
    await settled();
    expect(await kinds('jl-party-group')).toEqual([
      ['material_requested', null, 1],
      ['due_soon', 'material', 1],
    ]);
    expect(await kinds('jl-fgw')).toEqual(await kinds('jl-party-group'));
    expect(await kinds('jl-office')).toEqual([]);
    t.clock.set('2025-03-13T02:00:00.000Z');
    expect(await kinds('jl-party-group')).toEqual([
      ['overdue', 'material', 1],
      ['material_requested', null, 1],
    ]);
    await t.http
      .post(`/api/submissions/${id}/material-requests/1/supply`)
      .set(t.as('jl-party-group'))
      .send({ description: '测算材料', documentReferences: ['附件1'] })
      .expect(200);
    await settled();
    expect(await kinds('jl-party-group')).toEqual([['material_requested', null, 1]]);
  });

  it('tells the submitting side of the opinion and the office of each point’s feedback', async () => {
    await step(t, id, 'meet');
    await step(t, id, 'opinion');
    await settled();
    const answered = (await list('jl-party-group')).items.find((n) => n.kind === 'answered');
    expect(answered).toMatchObject({ submissionId: id, number: null });
    expect(answered!.dueBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const pointNumber of [1, 2]) {
      await t.http
        .post(`/api/submissions/${id}/opinion/points/${pointNumber}/feedback`)
        .set(t.as('jl-party-group'))
        .send({ adoption: 'adopted' })
        .expect(200);
    }
    await settled();
    const office = await kinds('jl-office');
    expect(office.filter(([kind]) => kind === 'feedback_given')).toEqual([
      ['feedback_given', null, 1],
      ['feedback_given', null, 2],
    ]);
    expect(await kinds('jl-office')).not.toContainEqual(['answered', null, null]);
  });

  it('lists unread first, pages with a keyset cursor, and marks read for the caller only', async () => {
    const all = (await list('jl-party-group')).items;
    expect(all.length).toBeGreaterThanOrEqual(2);
    const first = await list('jl-party-group', { limit: 1 });
    const second = await list('jl-party-group', { limit: 1, cursor: first.nextCursor! });
    expect([first.items[0].notificationId, second.items[0].notificationId]).toEqual(
      all.slice(0, 2).map((n) => n.notificationId),
    );
    const before = await unread('jl-party-group');
    const target = all[0].notificationId;
    const marked = await t.http
      .post('/api/notifications/read')
      .set(t.as('jl-party-group'))
      .send({ notificationIds: [target, target] })
      .expect(200);
    expect(marked.body).toEqual({ marked: 1 });
    expect(await unread('jl-party-group')).toBe(before - 1);
    const after = (await list('jl-party-group')).items;
    expect(after[after.length - 1]).toMatchObject({ notificationId: target });
    expect(after[after.length - 1].readAt).not.toBeNull();
    expect(
      (await list('jl-party-group', { unread: 'true' })).items.map((n) => n.notificationId),
    ).not.toContain(target);
    // Another user of the same organisation still has it unread.
    expect(
      (await list('jl-fgw')).items.find((n) => n.notificationId === target)?.readAt,
    ).toBeNull();
  });

  it('tells another organisation nothing, and refuses to mark what the caller is not told of', async () => {
    for (const user of ['cc-office', 'cc-party-group', 'jl-gov']) {
      expect(await kinds(user)).toEqual([]);
      expect(await unread(user)).toBe(0);
    }
    const [theirs] = (await list('jl-office')).items;
    const refused = await t.http
      .post('/api/notifications/read')
      .set(t.as('cc-office'))
      .send({ notificationIds: [theirs.notificationId] })
      .expect(404);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await list('jl-office')).items[0].readAt).toBeNull();
  });

  it.each([
    [{}, 'notificationIds'],
    [{ notificationIds: [] }, 'notificationIds'],
    [{ notificationIds: ['not an id'] }, 'notificationIds'],
    [{ notificationIds: 'answered:x' }, 'notificationIds'],
    [{ notificationIds: ['answered:6f1c8a52-3f0e-4bb8-9d0e-2a7f5f0c1d11'], extra: 1 }, 'extra'],
  ])('answers 400 problem+json naming the field when marking %j', async (body, field) => {
    const response = await t.http
      .post('/api/notifications/read')
      .set(t.as('jl-office'))
      .send(body)
      .expect(400);
    expect((response.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
  });

  it.each([
    [{ unread: 'yes' }, 'unread'],
    [{ limit: 500 }, 'limit'],
    [{ cursor: 'bad!' }, 'cursor'],
  ])('answers 400 naming the field for the list query %j', async (query, field) => {
    const response = await t.http
      .get('/api/notifications')
      .query(query)
      .set(t.as('jl-office'))
      .expect(400);
    expect((response.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
  });

  it('answers 401 without a token', async () => {
    await t.http.get('/api/notifications').expect(401);
    await t.http.get('/api/notifications/summary').expect(401);
    await t.http.post('/api/notifications/read').send({ notificationIds: [] }).expect(401);
  });
});
