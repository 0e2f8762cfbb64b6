/**
 * Submissions about items and decisions, the pre-deliberation due date, revisable feedback and
 * stored v1 events, over HTTP.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SubmissionPreDeliberationOpinions } from '../src/modules/submissions/submission-pre-deliberation';
import { submissionAggregate } from '../src/modules/submissions/submission.decider';
import { CommandHandler } from '../src/platform/commands/command-handler';
import { EVENT_STORE, EventStore } from '../src/platform/event-store/event-store.port';
import { ReadDatabase } from '../src/platform/event-store/read-database';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import { ProjectionRunner } from '../src/platform/projections/projection-runner';
import { SubmissionRow } from '../src/projections/submissions.projection';
import { DRAFT, STEPS, proposeItem, step } from './support/flow';
import { recordDecision } from './support/decisions';
import { TestApp, startTestApp } from './support/test-app';

/** Proposed before the tests: references must name items the caller may read. */
let ITEM = '';
let OTHER_ITEM = '';
let DECISION = '';
/** The planned agenda date of the vote, far beyond 15 working days from 10 March 2025. */
const AGENDA_DATE = '2025-05-28';

const PRE_DELIBERATION = {
  ...DRAFT,
  category: 'pre_deliberation',
  title: '关于《吉林省黑土地保护条例（草案）》提请表决前的请示',
  itemIds: [] as string[],
  decisionIds: [] as string[],
  replyRequestedBy: AGENDA_DATE,
};

describe('Submissions about items and decisions, over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    ITEM = await proposeItem(t);
    OTHER_ITEM = await proposeItem(t);
    DECISION = await recordDecision(t, '吉发〔2024〕7号');
    PRE_DELIBERATION.itemIds = [ITEM];
    PRE_DELIBERATION.decisionIds = [DECISION];
  });
  afterAll(() => t.close());

  const post = (id: string, path: string, user: string, body: object = {}) =>
    t.http.post(`/api/submissions/${id}/${path}`).set(t.as(user)).send(body);
  const detail = (id: string, user = 'jl-party-group') =>
    t.http.get(`/api/submissions/${id}`).set(t.as(user));
  const create = async (body: object, user = 'jl-fgw') =>
    (await t.http.post('/api/submissions').set(t.as(user)).send(body).expect(201)).body
      .submissionId as string;
  const listed = async (query: string, user = 'jl-party-group') =>
    (await t.http.get(`/api/submissions?${query}`).set(t.as(user)).expect(200)).body.items.map(
      (s: { submissionId: string }) => s.submissionId,
    ) as string[];
  const pending = (itemId: string) =>
    t.app.get(SubmissionPreDeliberationOpinions).pendingFor(itemId);

  it('shows the items and decisions a submission is about, in the detail and the lists, and filters by them', async () => {
    const id = await create({ ...DRAFT, itemIds: [ITEM], decisionIds: [DECISION] });
    const other = await create({ ...DRAFT, itemIds: [OTHER_ITEM] });
    expect((await detail(id).expect(200)).body).toMatchObject({
      itemIds: [ITEM],
      decisionIds: [DECISION],
    });
    const all = (await t.http.get('/api/submissions').set(t.as('jl-fgw')).expect(200)).body.items;
    expect(all.find((s: { submissionId: string }) => s.submissionId === other)).toMatchObject({
      itemIds: [OTHER_ITEM],
      decisionIds: [],
    });
    expect(await listed(`itemId=${ITEM}`)).toEqual([id]);
    expect(await listed(`itemId=${OTHER_ITEM}`)).toEqual([other]);
    expect(await listed(`decisionId=${DECISION}`)).toEqual([id]);
    expect(await listed(`itemId=${ITEM}&decisionId=${DECISION}`)).toEqual([id]);
    expect(await listed(`itemId=${OTHER_ITEM}&decisionId=${DECISION}`)).toEqual([]);
    // The filter selects among what the caller reads: a draft stays the legislature's own.
    expect(await listed(`itemId=${ITEM}`, 'jl-office')).toEqual([]);
    expect(await listed(`itemId=${ITEM}`, 'cc-party-group')).toEqual([]);
    const bad = await t.http
      .get('/api/submissions?itemId=not-a-uuid')
      .set(t.as('jl-fgw'))
      .expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'itemId' });

    // Amended before it is sent: the subjects follow, in the detail and the filter.
    await post(id, 'amendments', 'jl-fgw', { itemIds: [OTHER_ITEM] }).expect(200);
    expect((await detail(id).expect(200)).body).toMatchObject({
      itemIds: [OTHER_ITEM],
      decisionIds: [DECISION],
    });
    expect(await listed(`itemId=${ITEM}`)).toEqual([]);
    expect((await listed(`itemId=${OTHER_ITEM}`)).sort()).toEqual([id, other].sort());
    // Once sent, the subjects no longer change.
    await step(t, id, 'discuss');
    await step(t, id, 'submit');
    await post(id, 'amendments', 'jl-fgw', { itemIds: [ITEM] }).expect(409);
    expect(await listed(`itemId=${OTHER_ITEM}`, 'jl-office')).toEqual([id]);
  });

  it('refuses subjects that are not ids, repeated or too many, naming the field (400)', async () => {
    const before = await listed('');
    const cases: [object, string][] = [
      [{ itemIds: ['item-1'] }, 'itemIds'],
      [{ decisionIds: [ITEM, ITEM] }, 'decisionIds'],
      [
        {
          itemIds: Array.from({ length: 51 }, () => randomUUID()),
        },
        'itemIds',
      ],
      [{ itemIds: ITEM }, 'itemIds'],
    ];
    for (const [fields, field] of cases) {
      const response = await t.http
        .post('/api/submissions')
        .set(t.as('jl-fgw'))
        .send({ ...DRAFT, ...fields })
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const id = await create(DRAFT);
    const amended = await post(id, 'amendments', 'jl-fgw', { decisionIds: ['x'] }).expect(400);
    expect(amended.body.errors[0]).toMatchObject({ field: 'decisionIds' });
    expect((await listed('')).length).toBe(before.length + 1);
  });

  it('keeps a pre-deliberation request to the vote’s agenda date: it names an item and the date (422 otherwise), and its reply is due then', async () => {
    const noItem = await t.http
      .post('/api/submissions')
      .set(t.as('jl-fgw'))
      .send({ ...PRE_DELIBERATION, itemIds: [] })
      .expect(422);
    expect(noItem.body.errors[0]).toMatchObject({
      field: 'itemIds',
      rule: 'required_for_pre_deliberation',
    });
    const { replyRequestedBy: _omitted, ...withoutDate } = PRE_DELIBERATION;
    const noDate = await t.http
      .post('/api/submissions')
      .set(t.as('jl-fgw'))
      .send(withoutDate)
      .expect(422);
    expect(noDate.body.errors[0]).toMatchObject({
      field: 'replyRequestedBy',
      rule: 'required_for_pre_deliberation',
    });

    const id = await create(PRE_DELIBERATION);
    const cleared = await post(id, 'amendments', 'jl-fgw', { itemIds: [] }).expect(422);
    expect(cleared.body.errors[0]).toMatchObject({ field: 'itemIds' });
    expect(await pending(ITEM)).not.toContain(id);
    await step(t, id, 'discuss');
    await step(t, id, 'submit');
    const sent = (await detail(id).expect(200)).body;
    // Not the 15 working days of an ordinary request (2025-03-31): the agenda date.
    expect(sent).toMatchObject({ replyDueBy: AGENDA_DATE, replyRequestedBy: AGENDA_DATE });
    expect(await pending(ITEM)).toContain(id);
    expect(await pending(OTHER_ITEM)).not.toContain(id);

    await step(t, id, 'receive');
    await step(t, id, 'meet');
    expect(await pending(ITEM)).toContain(id);
    await step(t, id, 'opinion');
    expect(await pending(ITEM)).not.toContain(id);

    // A withdrawn one is not awaited either.
    const withdrawn = await create(PRE_DELIBERATION);
    await step(t, withdrawn, 'discuss');
    await step(t, withdrawn, 'submit');
    expect(await pending(ITEM)).toContain(withdrawn);
    await post(withdrawn, 'withdrawal', 'jl-party-group', { reason: '议程调整' }).expect(200);
    expect(await pending(ITEM)).not.toContain(withdrawn);
  });

  describe('revisable feedback', () => {
    const revise = (id: string, point: number, user: string, body: object) =>
      post(id, `opinion/points/${point}/feedback-revisions`, user, body);

    it('revises a point’s feedback reading by reading: the current adoption and every revision show', async () => {
      const id = await create({ ...DRAFT, itemIds: [ITEM] });
      for (const name of ['discuss', 'submit', 'receive', 'meet', 'opinion'] as const) {
        await step(t, id, name);
      }
      const early = await revise(id, 1, 'jl-fgw', { adoption: 'adopted' }).expect(409);
      expect(early.body).toMatchObject({ pointNumber: 1 });

      await post(id, 'opinion/points/1/feedback', 'jl-fgw', {
        adoption: 'not_adopted',
        explanation: '一审稿暂未吸收',
        readingNumber: 1,
        articles: ['art_12'],
      }).expect(200);
      const first = await revise(id, 1, 'jl-fgw', {
        adoption: 'partly_adopted',
        explanation: '二审稿部分吸收',
        readingNumber: 2,
        articles: ['art_12/para_2'],
      }).expect(200);
      expect(first.body).toMatchObject({
        status: 'opinion_issued',
        events: ['OpinionPointFeedbackRevised'],
      });
      // Closing by answering point 2 leaves point 1 revisable.
      await post(id, 'opinion/points/2/feedback', 'jl-party-group', { adoption: 'adopted' }).expect(
        200,
      );
      const second = await revise(id, 1, 'jl-party-group', {
        adoption: 'adopted',
        readingNumber: 3,
        articles: ['art_12/para_2', 'art_13'],
      }).expect(200);
      expect(second.body.status).toBe('closed');

      const view = (await detail(id, 'jl-office').expect(200)).body;
      const [one, two] = view.opinion.points;
      expect(one.feedback).toMatchObject({
        adoption: 'adopted',
        explanation: null,
        readingNumber: 3,
        articles: ['art_12/para_2', 'art_13'],
        revisionNumber: 2,
        revisedAt: expect.any(String),
      });
      expect(
        one.feedback.revisions.map((r: { revisionNumber: number; adoption: string }) => [
          r.revisionNumber,
          r.adoption,
        ]),
      ).toEqual([
        [0, 'not_adopted'],
        [1, 'partly_adopted'],
        [2, 'adopted'],
      ]);
      expect(one.feedback.revisions[1]).toMatchObject({
        explanation: '二审稿部分吸收',
        readingNumber: 2,
        articles: ['art_12/para_2'],
      });
      expect(two.feedback).toMatchObject({
        adoption: 'adopted',
        readingNumber: null,
        articles: [],
        revisionNumber: 0,
        revisedAt: null,
      });
      expect(two.feedback.revisions).toHaveLength(1);
      const revisedEvents = view.history.filter(
        (h: { type: string }) => h.type === 'OpinionPointFeedbackRevised',
      );
      expect(
        revisedEvents.map((h: { data: { revisionNumber: number } }) => h.data.revisionNumber),
      ).toEqual([1, 2]);
    });

    it('refuses the committee (403), outsiders (404), a bad article or reading (400) and an unknown point (422)', async () => {
      const id = await create(DRAFT);
      for (const name of ['discuss', 'submit', 'receive', 'meet', 'opinion'] as const) {
        await step(t, id, name);
      }
      await post(id, 'opinion/points/1/feedback', 'jl-fgw', { adoption: 'adopted' }).expect(200);
      const revision = { adoption: 'partly_adopted', explanation: 'e', articles: ['art_3'] };
      const office = await revise(id, 1, 'jl-office', revision).expect(403);
      expect(office.body).toMatchObject({
        step: 'revise_feedback',
        requiredRoles: ['legislature', 'party_group'],
      });
      await revise(id, 1, 'cc-fgw', revision).expect(404);
      await revise(id, 1, 'cc-party-group', revision).expect(404);
      await revise(id, 1, 'analyst', revision).expect(404);

      const badArticle = await revise(id, 1, 'jl-fgw', {
        ...revision,
        articles: ['art_3', '第十二条'],
      }).expect(400);
      expect(badArticle.body.errors[0]).toMatchObject({ field: 'articles' });
      const tooMany = await revise(id, 1, 'jl-fgw', {
        ...revision,
        articles: Array.from({ length: 101 }, (_, i) => `art_${i + 1}`),
      }).expect(400);
      expect(tooMany.body.errors[0]).toMatchObject({ field: 'articles' });
      for (const readingNumber of [0, 1.5, '2']) {
        const bad = await revise(id, 1, 'jl-fgw', { ...revision, readingNumber }).expect(400);
        expect(bad.body.errors[0]).toMatchObject({ field: 'readingNumber' });
      }
      const badFeedback = await post(id, 'opinion/points/2/feedback', 'jl-fgw', {
        adoption: 'adopted',
        articles: ['para_2'],
      }).expect(400);
      expect(badFeedback.body.errors[0]).toMatchObject({ field: 'articles' });
      await revise(id, 'x' as unknown as number, 'jl-fgw', revision).expect(400);
      const unknown = await revise(id, 3, 'jl-fgw', revision).expect(422);
      expect(unknown.body.errors[0]).toMatchObject({
        field: 'pointNumber',
        rule: 'existing_point',
      });
      const noReason = await revise(id, 1, 'jl-fgw', { adoption: 'not_adopted' }).expect(422);
      expect(noReason.body.errors[0]).toMatchObject({ field: 'explanation' });
      // Nothing of the refused attempts was recorded.
      expect((await detail(id).expect(200)).body.opinion.points[0].feedback.revisions).toHaveLength(
        1,
      );
      await revise(id, 1, 'jl-fgw', { ...revision, readingNumber: null }).expect(200);
    });
  });

  it('reads submissions stored by the v1 code: catalogue, decider, detail and a rebuild all see no items and no decisions', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const id = randomUUID();
    const actor = {
      userId: 'jl-fgw',
      userName: '省人大常委会法工委',
      organisationId: 'cn-220000-npc-fgw',
      role: 'legislature',
    } as const;
    // Exactly as the v1 code wrote them: schema version 1, no subject fields.
    const v1 = (type: string, data: object) => ({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      data,
      metadata: {
        occurredAt: t.clock.now().toISOString(),
        actor,
        correlationId: 'v1-import',
        causationId: null,
      },
    });
    const { position } = await store.append(
      `submission-${id}`,
      [
        v1('SubmissionDrafted', {
          submissionId: id,
          kind: 'request',
          category: 'major_issue',
          title: DRAFT.title,
          summary: DRAFT.summary,
          body: DRAFT.body,
          documentNumber: DRAFT.documentNumber,
          classification: 'confidential',
          replyRequestedBy: null,
          references: [],
          submittingOrganisationId: 'cn-220000-npcpg',
          addressedCommitteeId: 'cn-220000-pc',
          replacesSubmissionId: null,
        }),
        v1('SubmissionDraftAmended', { summary: '旧版修改' }),
      ],
      'no_stream',
    );
    expect(await t.app.get(ProjectionRunner).waitFor(position, 5000)).toBe(true);

    // The catalogue brings them up to v2, and the decider folds them.
    const registry = t.app.get(FeatureRegistry);
    const stored = await store.readStream(`submission-${id}`);
    expect(stored.map((e) => e.schemaVersion)).toEqual([1, 1]);
    expect(registry.catalogue.upcast(stored[0]).data).toMatchObject({
      itemIds: [],
      decisionIds: [],
    });
    const { state } = await t.app.get(CommandHandler).load(submissionAggregate, id);
    expect(state).toMatchObject({ status: 'drafted', itemIds: [], decisionIds: [] });

    // Over HTTP: the detail, its history, the lists.
    const view = (await detail(id).expect(200)).body;
    expect(view).toMatchObject({ itemIds: [], decisionIds: [], summary: '旧版修改' });
    expect(view.history[0].data).toMatchObject({ itemIds: [], decisionIds: [] });
    expect(await listed(`itemId=${ITEM}`)).not.toContain(id);

    // The decider takes the next steps on it; a v2 amendment then names an item.
    await post(id, 'amendments', 'jl-fgw', { itemIds: [ITEM] }).expect(200);
    await step(t, id, 'discuss');
    await t.http
      .post(`/api/submissions/${id}/${STEPS.submit.path}`)
      .set(t.as(STEPS.submit.user))
      .send({})
      .expect(200);
    expect((await detail(id).expect(200)).body).toMatchObject({
      status: 'submitted',
      itemIds: [ITEM],
      decisionIds: [],
    });
    expect((await store.readStream(`submission-${id}`)).map((e) => e.schemaVersion)).toEqual([
      1, 1, 2, 1, 1,
    ]);

    // A rebuild from the log, in a database of its own, ends where the live projection is.
    const rebuilt = new ReadDatabase(join(t.dir, 'rebuilt.sqlite'));
    try {
      await new ProjectionRunner(
        store,
        rebuilt.db,
        registry.projections,
        registry.catalogue,
      ).rebuild('submissions');
      const row = rebuilt.db
        .prepare<[string], SubmissionRow>('SELECT * FROM rm_submissions WHERE submission_id = ?')
        .get(id)!;
      expect(row).toMatchObject({ item_ids: JSON.stringify([ITEM]), decision_ids: '[]' });
      const live = t.app
        .get(ReadDatabase)
        .db.prepare<[string], SubmissionRow>('SELECT * FROM rm_submissions WHERE submission_id = ?')
        .get(id)!;
      expect(row).toEqual(live);
    } finally {
      rebuilt.close();
    }
  });
});
