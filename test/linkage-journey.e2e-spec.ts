import { EVENT_STORE, EventStore } from '../src/platform/event-store/event-store.port';
import { ProjectionRunner } from '../src/platform/projections/projection-runner';
import { recordDecision } from './support/decisions';
import { DRAFT, proposeItem, step } from './support/flow';
import { TestApp, startTestApp } from './support/test-app';

/**
 * The linkage view fed by the real commands, not by appended events: a decision is recorded and
 * transmitted, an item carrying it out is proposed, linked and drafted, a submission about both
 * gets an opinion and feedback; the view shows each step, time travels back, and stays closed to
 * another region.
 */
describe('Linkage view, from the commands that record it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const post = (path: string, user: string, body: object = {}) =>
    t.http.post(`/api/${path}`).set(t.as(user)).send(body);
  const view = (path: string, user = 'jl-office') =>
    t.http.get(`/api/linkage/${path}`).set(t.as(user)).expect(200);
  /** Commands wait for their own read models only: let the linkage view catch up with a stream. */
  const settle = async (streamId: string) => {
    const events = await t.app.get<EventStore>(EVENT_STORE).readStream(streamId);
    const last = events[events.length - 1].position;
    expect(await t.app.get(ProjectionRunner).waitFor(last, 10_000, ['linkage'])).toBe(true);
    return last;
  };

  it('shows a decision with its item, stage, submissions and adoption, as of any moment', async () => {
    const decisionId = await recordDecision(t, '吉发〔2025〕9号');
    await post(`decisions/${decisionId}/acknowledgement`, 'jl-party-group').expect(200);
    const beforeLink = await settle(`decision-${decisionId}`);
    const unlinked = (await view(`decisions/${decisionId}`)).body;
    expect(unlinked).toMatchObject({ decisionId, documentNumber: '吉发〔2025〕9号', items: [] });

    const itemId = await proposeItem(t);
    await post('links', 'jl-party-group', {
      type: 'implements',
      from: { kind: 'item', id: itemId, point: null },
      to: { kind: 'decision', id: decisionId, point: null },
      rationale: '条例落实省委关于黑土地保护的意见',
    }).expect(201);
    await post(`items/${itemId}/drafting`, 'jl-party-group', {
      draftingUnitId: 'cn-220000-npc-fgw',
      startedOn: '2025-02-01',
    }).expect(200);

    const submissionId = (
      await post('submissions', 'jl-fgw', {
        ...DRAFT,
        itemIds: [itemId],
        decisionIds: [decisionId],
      }).expect(201)
    ).body.submissionId as string;
    for (const name of ['discuss', 'submit', 'receive', 'meet', 'opinion'] as const) {
      await step(t, submissionId, name);
    }
    await post(`submissions/${submissionId}/opinion/points/1/feedback`, 'jl-fgw', {
      adoption: 'adopted',
    }).expect(200);
    await settle(`submission-${submissionId}`);

    const linked = (await view(`decisions/${decisionId}`)).body;
    expect(linked.items).toEqual([
      expect.objectContaining({ itemId, stage: 'drafting', daysInStage: expect.any(Number) }),
    ]);
    expect(linked.adoption).toMatchObject({ adopted: 1, pending: 1 });
    expect(linked.submissions.map((s: { submissionId: string }) => s.submissionId)).toEqual([
      submissionId,
    ]);
    const item = (await view(`items/${itemId}`, 'jl-party-group')).body;
    expect(item.decisions.map((d: { decisionId: string }) => d.decisionId)).toEqual([decisionId]);

    // The view as it stood before the item was linked: the decision had no item yet.
    const past = (await view(`decisions/${decisionId}?asOf=${beforeLink}`)).body;
    expect(past.items).toEqual([]);
  });

  it('keeps another region’s office out of the view of Jilin’s decisions and items', async () => {
    const decisionId = await recordDecision(t, '吉发〔2025〕10号');
    const itemId = await proposeItem(t);
    await settle(`item-${itemId}`);
    await t.http.get(`/api/linkage/decisions/${decisionId}`).set(t.as('cc-office')).expect(404);
    await t.http.get(`/api/linkage/items/${itemId}`).set(t.as('cc-office')).expect(404);
    const listed = (await view('decisions', 'cc-office')).body.items.map(
      (d: { decisionId: string }) => d.decisionId,
    );
    expect(listed).not.toContain(decisionId);
  });
});
