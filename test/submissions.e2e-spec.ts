import { DRAFT, STEPS, draft, step, submissionAt } from './support/flow';
import { WorkingDayCalendar } from '../src/modules/calendar/working-day-calendar';
import { TestApp, startTestApp } from './support/test-app';

describe('Submissions over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const post = (id: string, path: string, user: string, body: object = {}) =>
    t.http.post(`/api/submissions/${id}/${path}`).set(t.as(user)).send(body);
  const detail = (id: string, user = 'jl-party-group') =>
    t.http.get(`/api/submissions/${id}`).set(t.as(user));

  it('takes a request from draft to closed, recording every step with its actor', async () => {
    const created = await t.http
      .post('/api/submissions')
      .set(t.as('jl-fgw'))
      .send(DRAFT)
      .expect(201);
    const id = created.body.submissionId as string;
    expect(created.headers.location).toBe(`/api/submissions/${id}`);
    expect(created.headers.etag).toBe('"0"');
    expect(created.body).toMatchObject({
      revision: 0,
      status: 'drafted',
      events: ['SubmissionDrafted'],
    });

    await post(id, 'proposal', 'jl-fgw', {
      proposingOrganisationId: 'cn-220000-npc-fgw',
      proposedOn: '2025-03-05',
      note: '法工委集体研究后建议党组报告',
    }).expect(200);
    await step(t, id, 'discuss');
    const submitted = await post(id, 'submission', 'jl-party-group').expect(200);
    // 15 working days after Monday 2025-03-10 (no holidays in between) is Monday 2025-03-31.
    expect(submitted.body.status).toBe('submitted');
    await step(t, id, 'receive');
    const asked = await post(id, 'material-requests', 'jl-office', {
      description: '请补充补偿标准测算材料',
      dueBy: '2025-03-20',
    }).expect(200);
    expect(asked.body.status).toBe('awaiting_material');
    await post(id, 'material-requests/1/supply', 'jl-fgw', {
      description: '测算材料',
      documentReferences: ['附件1'],
    }).expect(200);
    await step(t, id, 'meet');
    await step(t, id, 'opinion');
    await post(id, 'opinion/points/1/feedback', 'jl-fgw', { adoption: 'adopted' }).expect(200);
    const last = await post(id, 'opinion/points/2/feedback', 'jl-party-group', {
      adoption: 'partly_adopted',
      explanation: '执法主体已明确，处罚权限另行规定',
    }).expect(200);
    expect(last.body).toMatchObject({
      status: 'closed',
      events: ['OpinionPointFeedbackGiven', 'SubmissionClosed'],
    });

    const view = await detail(id).expect(200);
    expect(view.headers.etag).toBe(`"${last.body.revision}"`);
    expect(view.body).toMatchObject({
      status: 'closed',
      replyDueBy: '2025-03-31',
      officeLogNumber: '省委办收〔2025〕118号',
      chainVerification: { valid: true, streams: 1, events: last.body.revision + 1 },
      opinion: {
        outcome: 'approved_with_opinions',
        points: [
          { number: 1, feedback: { adoption: 'adopted', explanation: null } },
          { number: 2, feedback: { adoption: 'partly_adopted' } },
        ],
      },
      materialRequests: [
        { requestNumber: 1, dueBy: '2025-03-20', supplied: { documentReferences: ['附件1'] } },
      ],
    });
    expect(view.body.history.map((h: { type: string }) => h.type)).toEqual([
      'SubmissionDrafted',
      'ProposalToPartyGroupRecorded',
      'PartyGroupDiscussionRecorded',
      'SubmissionSubmitted',
      'SubmissionReceived',
      'SupplementaryMaterialRequested',
      'SupplementaryMaterialSupplied',
      'CommitteeMeetingRecorded',
      'OpinionIssued',
      'OpinionPointFeedbackGiven',
      'OpinionPointFeedbackGiven',
      'SubmissionClosed',
    ]);
    expect(view.body.history[3].actor).toEqual({
      userId: 'jl-party-group',
      userName: '省人大常委会党组',
      organisationId: 'cn-220000-npcpg',
      role: 'party_group',
    });
    expect(view.body.history[4].actor.role).toBe('committee_office');
  });

  it('names every state, outcome, adoption and meeting kind in zh-CN and en, for anyone', async () => {
    // Public: the pages the public opens (a consultation's form, a receipt) show them too.
    const anonymous = (await t.http.get('/api/labels').expect(200)).body;
    const labels = (await t.http.get('/api/labels').set(t.as('analyst')).expect(200)).body;
    expect(anonymous).toEqual(labels);
    expect(Object.keys(labels).sort()).toEqual([
      'administrativeLevels',
      'adoptions',
      'assessmentJudgments',
      'categories',
      'classifications',
      'committeeMeetingKinds',
      'consultationSubjects',
      'dashboardBuckets',
      'dashboardMeasures',
      'dashboardStates',
      'deadlineFacts',
      'deadlines',
      'decisionKinds',
      'decisionStatuses',
      'dispositionOutcomes',
      'divergenceSteps',
      'followUpKinds',
      'inquiryConclusions',
      'inquiryStatuses',
      'itemKinds',
      'itemStages',
      'kinds',
      'linkStatuses',
      'linkTypes',
      'linkageFlags',
      'linkedRecordKinds',
      'meetingKinds',
      'notificationKinds',
      'opinionChannels',
      'organisationKinds',
      'outcomes',
      'outreachTiers',
      'partyGroupMeetingKinds',
      'planKinds',
      'planStatuses',
      'proposalAnswers',
      'proposalRoutes',
      'proposalStatuses',
      'reportOutcomes',
      'requestOutcomes',
      'searchKinds',
      'statuses',
      'tellBackMeans',
    ]);
    expect(labels.statuses.superseded).toEqual({
      zh: '已被修改稿替代',
      en: 'Superseded by a revision',
    });
    expect(labels.meetingKinds.committee_plenary_session).toEqual({
      zh: '党委全会',
      en: 'Plenary session of the Party Committee',
    });
    expect(labels.kinds.report.zh).toBe('报告');
    // The values each step takes, for a form to offer: subsets of the full tables, in order.
    expect(Object.keys(labels.committeeMeetingKinds)).toEqual([
      'standing_committee_meeting',
      'secretaries_meeting',
      'committee_plenary_session',
    ]);
    expect(Object.keys(labels.partyGroupMeetingKinds)).toContain('chairmans_meeting');
    expect(Object.keys(labels.reportOutcomes)).toEqual(['noted', 'noted_with_comments']);
    expect(labels.requestOutcomes.revise_and_resubmit).toEqual(labels.outcomes.revise_and_resubmit);

    const id = await submissionAt(t, 'receive');
    const expected = {
      categoryZh: '重大问题',
      categoryLabel: { zh: '重大问题', en: 'Major issue' },
      statusLabel: { zh: '已收文', en: 'Received' },
    };
    expect((await detail(id).expect(200)).body).toMatchObject(expected);
    const inbox = await t.http.get('/api/inbox?status=received').set(t.as('jl-office')).expect(200);
    expect(
      inbox.body.items.find((s: { submissionId: string }) => s.submissionId === id),
    ).toMatchObject(expected);
  });

  it('keeps drafts from the committee side until they are sent', async () => {
    const id = await submissionAt(t, 'discuss');
    await detail(id, 'jl-office').expect(404);
    const inbox = await t.http.get('/api/inbox').set(t.as('jl-office')).expect(200);
    expect(inbox.body.items.map((s: { submissionId: string }) => s.submissionId)).not.toContain(id);
    await step(t, id, 'submit');
    await detail(id, 'jl-office').expect(200);
  });

  it('refuses a step the state does not allow with 409 naming the state and the allowed steps', async () => {
    const id = await submissionAt(t, 'receive');
    const response = await post(id, STEPS.opinion.path, 'jl-office', STEPS.opinion.body).expect(
      409,
    );
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 409,
      currentState: 'received',
      allowedSteps: ['request_material', 'record_committee_meeting', 'withdraw', 'grant_viewer'],
    });
    expect((await detail(id).expect(200)).body.revision).toBe(3);
  });

  it('enforces business rules with 422 naming the field and the rule, writing nothing', async () => {
    const wrongLevel = await t.http
      .post('/api/submissions')
      .set(t.as('jl-fgw'))
      .send({ ...DRAFT, addressedCommitteeId: 'cn-220100-pc' })
      .expect(422);
    expect(wrongLevel.body.errors).toEqual([
      expect.objectContaining({ field: 'addressedCommitteeId', rule: 'same_level' }),
    ]);
    const id = await submissionAt(t, 'opinion');
    const noReason = await post(id, 'opinion/points/1/feedback', 'jl-fgw', {
      adoption: 'not_adopted',
    }).expect(422);
    expect(noReason.body.errors[0]).toMatchObject({
      field: 'explanation',
      rule: 'required_unless_adopted',
    });
    const draftId = await submissionAt(t, 'drafted');
    const foreignProposal = await post(draftId, 'proposal', 'jl-fgw', {
      proposingOrganisationId: 'cn-220100-npc-fgw',
      proposedOn: '2025-03-05',
      note: '',
    }).expect(422);
    expect(foreignProposal.body.errors[0]).toMatchObject({
      field: 'proposingOrganisationId',
      rule: 'special_committee_of_party_group',
    });
    const missing = await post(id, 'opinion/points/7/feedback', 'jl-fgw', {
      adoption: 'adopted',
    }).expect(422);
    expect(missing.body.errors[0]).toMatchObject({ field: 'pointNumber', rule: 'existing_point' });
    expect((await detail(id).expect(200)).body.history).toHaveLength(6);
  });

  it('rejects malformed input with 400 listing each field and rule', async () => {
    const response = await t.http
      .post('/api/submissions')
      .set(t.as('jl-fgw'))
      .send({ ...DRAFT, kind: 'memo', replyRequestedBy: '2025-02-30', title: '', extra: 1 })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const rules = response.body.errors.map(
      (e: { field: string; rule: string }) => `${e.field}:${e.rule}`,
    );
    expect(rules).toEqual(
      expect.arrayContaining([
        'kind:isIn',
        'replyRequestedBy:isIso8601',
        'title:isLength',
        'extra:unknown_field',
      ]),
    );
    const id = await submissionAt(t, 'receive');
    const nested = await post(id, 'committee-meetings', 'jl-office', {
      meetingKind: 'tea',
      meetingDate: '10/03/2025',
    }).expect(400);
    expect(nested.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['meetingKind', 'meetingDate']),
    );
    // v1 named the committee plenary plenary_session; stored events keep it, new commands may not.
    const oldName = await post(id, 'committee-meetings', 'jl-office', {
      meetingKind: 'plenary_session',
      meetingDate: '2025-03-10',
    }).expect(400);
    expect(oldName.body.errors[0]).toMatchObject({ field: 'meetingKind', rule: 'isIn' });
    await t.http.get('/api/submissions/not-a-uuid').set(t.as('jl-fgw')).expect(400);
    await post(id, 'material-requests/x/supply', 'jl-fgw', {
      description: 'd',
      documentReferences: [],
    }).expect(400);
    expect((await detail(id).expect(200)).body.revision).toBe(3);
  });

  it('honours If-Match: the current ETag goes through, a stale one is refused with 412', async () => {
    const id = await submissionAt(t, 'drafted');
    await post(id, 'amendments', 'jl-fgw', { summary: 'first' }).set('If-Match', '"0"').expect(200);
    const stale = await post(id, 'amendments', 'jl-fgw', { summary: 'second' })
      .set('If-Match', '"0"')
      .expect(412);
    expect(stale.body).toMatchObject({
      title: 'Precondition Failed',
      currentRevision: 1,
      ifMatch: 0,
    });
    await post(id, 'amendments', 'jl-fgw', { summary: 'x' })
      .set('If-Match', 'yesterday')
      .expect(400);
    const view = await detail(id).expect(200);
    expect(view.body.summary).toBe('first');
    expect(view.body.revision).toBe(1);
  });

  it('returns the first result for a repeated Idempotency-Key and appends nothing', async () => {
    const key = { 'Idempotency-Key': 'draft-0001' };
    const first = await t.http
      .post('/api/submissions')
      .set(t.as('jl-fgw'))
      .set(key)
      .send(DRAFT)
      .expect(201);
    const again = await t.http
      .post('/api/submissions')
      .set(t.as('jl-fgw'))
      .set(key)
      .send(DRAFT)
      .expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.etag).toBe(first.headers.etag);
    const id = first.body.submissionId as string;
    await step(t, id, 'discuss');
    const submitKey = { 'Idempotency-Key': 'submit-0001' };
    const sent = await post(id, 'submission', 'jl-party-group').set(submitKey).expect(200);
    const resent = await post(id, 'submission', 'jl-party-group').set(submitKey).expect(200);
    expect(resent.body).toEqual(sent.body);
    const other = await post(id, 'submission', 'jl-party-group', { documentNumber: 'other' })
      .set(submitKey)
      .expect(422);
    expect(other.body.detail).toMatch(/different request/);
    const view = await detail(id).expect(200);
    expect(view.body.history.map((h: { type: string }) => h.type)).toEqual([
      'SubmissionDrafted',
      'PartyGroupDiscussionRecorded',
      'SubmissionSubmitted',
    ]);
  });

  it('lets a refused command be corrected and retried under the same Idempotency-Key', async () => {
    const key = { 'Idempotency-Key': 'retry-after-400' };
    await t.http
      .post('/api/submissions')
      .set(t.as('jl-fgw'))
      .set(key)
      .send({ ...DRAFT, kind: 'memo' })
      .expect(400);
    await t.http
      .post('/api/submissions')
      .set(t.as('jl-fgw'))
      .set(key)
      .send({ ...DRAFT, kind: 'memo' })
      .expect(400);
  });

  it('lists the inbox for the addressed office and the outbox for the submitting side, overdue first', async () => {
    const fresh = await startTestApp({}, '2025-03-10T02:00:00.000Z');
    try {
      const late = await submissionAt(fresh, 'receive');
      fresh.clock.set('2025-03-25T02:00:00.000Z');
      const recent = await submissionAt(fresh, 'submit');
      fresh.clock.set('2025-04-02T02:00:00.000Z'); // past 2025-03-31, the first one's reply due date
      const inbox = await fresh.http.get('/api/inbox').set(fresh.as('jl-office')).expect(200);
      expect(inbox.body.items.map((s: { submissionId: string }) => s.submissionId)).toEqual([
        late,
        recent,
      ]);
      expect(inbox.body.items[0]).toMatchObject({
        overdue: true,
        overdueReasons: ['reply'],
        replyDueBy: '2025-03-31',
      });
      expect(inbox.body.items[1]).toMatchObject({ overdue: false, status: 'submitted' });
      const overdueOnly = await fresh.http
        .get('/api/inbox?overdue=true')
        .set(fresh.as('jl-office'))
        .expect(200);
      expect(overdueOnly.body.items).toHaveLength(1);
      const byState = await fresh.http
        .get('/api/inbox?status=submitted')
        .set(fresh.as('jl-office'))
        .expect(200);
      expect(byState.body.items.map((s: { submissionId: string }) => s.submissionId)).toEqual([
        recent,
      ]);
      const outbox = await fresh.http.get('/api/outbox').set(fresh.as('jl-fgw')).expect(200);
      expect(outbox.body.items.map((s: { submissionId: string }) => s.submissionId)).toEqual([
        late,
        recent,
      ]);
      const otherCity = await fresh.http.get('/api/inbox').set(fresh.as('cc-office')).expect(200);
      expect(otherCity.body.items).toEqual([]);
      await fresh.http.get('/api/inbox').set(fresh.as('jl-party-group')).expect(403);
      await fresh.http.get('/api/outbox').set(fresh.as('jl-office')).expect(403);
      await fresh.http.get('/api/inbox?overdue=maybe').set(fresh.as('jl-office')).expect(400);
      const badState = await fresh.http
        .get('/api/inbox?status=lost')
        .set(fresh.as('jl-office'))
        .expect(400);
      expect(badState.body.errors[0]).toMatchObject({ field: 'status', rule: 'isIn' });
    } finally {
      await fresh.close();
    }
  });

  it('gives a report no reply due date, never lists it overdue for a reply, and lets it be noted without a meeting', async () => {
    const fresh = await startTestApp({}, '2025-03-10T02:00:00.000Z');
    try {
      const id = await draft(fresh, { ...DRAFT, kind: 'report', title: '关于立法调研情况的报告' });
      for (const name of ['discuss', 'submit', 'receive'] as const) await step(fresh, id, name);
      fresh.clock.set('2025-06-02T02:00:00.000Z');
      const inbox = await fresh.http.get('/api/inbox').set(fresh.as('jl-office')).expect(200);
      expect(inbox.body.items[0]).toMatchObject({
        submissionId: id,
        replyDueBy: null,
        dueBy: null,
        overdue: false,
        overdueReasons: [],
      });
      const noted = await fresh.http
        .post(`/api/submissions/${id}/opinion`)
        .set(fresh.as('jl-office'))
        .send({ documentNumber: '吉委办函〔2025〕40号', outcome: 'noted', points: [] })
        .expect(200);
      expect(noted.body).toMatchObject({ status: 'closed' });
    } finally {
      await fresh.close();
    }
  });

  it('stops the reply clock while material is awaited and moves the reply due date by the working days it took', async () => {
    const fresh = await startTestApp({}, '2025-03-10T02:00:00.000Z');
    try {
      const calendar = fresh.app.get(WorkingDayCalendar);
      const id = await submissionAt(fresh, 'receive');
      const inbox = async () =>
        (await fresh.http.get('/api/inbox').set(fresh.as('jl-office')).expect(200)).body.items[0];
      const dueBefore = (await inbox()).replyDueBy as string;
      fresh.clock.set('2025-03-11T02:00:00.000Z');
      await fresh.http
        .post(`/api/submissions/${id}/material-requests`)
        .set(fresh.as('jl-office'))
        .send({ description: '补充材料', dueBy: '2025-06-30' })
        .expect(200);
      // Past the reply due date, but the reply clock stands while the material is awaited.
      const supplied = '2025-04-15T02:00:00.000Z';
      fresh.clock.set(supplied);
      expect(await inbox()).toMatchObject({ status: 'awaiting_material', overdue: false });
      await fresh.http
        .post(`/api/submissions/${id}/material-requests/1/supply`)
        .set(fresh.as('jl-fgw'))
        .send({ description: '论证报告', documentReferences: ['吉人法工〔2025〕9号'] })
        .expect(200);
      const waited = calendar.workingDaysBetween(
        new Date('2025-03-11T02:00:00.000Z'),
        new Date(supplied),
      );
      const moved = calendar.addWorkingDays(new Date(`${dueBefore}T12:00:00+08:00`), waited);
      expect(moved > '2025-04-15').toBe(true);
      expect(await inbox()).toMatchObject({
        status: 'received',
        replyDueBy: moved,
        overdue: false,
      });
    } finally {
      await fresh.close();
    }
  });

  it('shows overdue feedback and overdue material in the outbox', async () => {
    const fresh = await startTestApp(
      { FEEDBACK_DUE_WORKING_DAYS: '2' },
      '2025-03-10T02:00:00.000Z',
    );
    try {
      const answered = await submissionAt(fresh, 'opinion');
      const waiting = await submissionAt(fresh, 'receive');
      await fresh.http
        .post(`/api/submissions/${waiting}/material-requests`)
        .set(fresh.as('jl-office'))
        .send({ description: '补充材料', dueBy: '2025-03-11' })
        .expect(200);
      fresh.clock.set('2025-03-13T02:00:00.000Z');
      const outbox = await fresh.http
        .get('/api/outbox')
        .set(fresh.as('jl-party-group'))
        .expect(200);
      const byId = Object.fromEntries(
        outbox.body.items.map((s: { submissionId: string }) => [s.submissionId, s]),
      );
      expect(byId[answered]).toMatchObject({
        overdue: true,
        overdueReasons: ['feedback'],
        feedbackDueBy: '2025-03-12',
      });
      expect(byId[waiting]).toMatchObject({ overdue: true, overdueReasons: ['material'] });
    } finally {
      await fresh.close();
    }
  });

  it('withdraws before an opinion but not after, and links a revised resubmission', async () => {
    const early = await submissionAt(t, 'submit');
    const withdrawn = await post(early, 'withdrawal', 'jl-party-group', {
      reason: '情况变化',
    }).expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const late = await submissionAt(t, 'opinion');
    await post(late, 'withdrawal', 'jl-party-group', { reason: '太晚' }).expect(409);

    const sentBack = await submissionAt(t, 'meet');
    await post(sentBack, 'opinion', 'jl-office', {
      documentNumber: '吉委办函〔2025〕30号',
      outcome: 'revise_and_resubmit',
      points: [{ number: 1, text: '重新论证必要性' }],
    }).expect(200);
    const revised = await t.http
      .post(`/api/submissions/${sentBack}/revisions`)
      .set(t.as('jl-fgw'))
      .send({ ...DRAFT, title: '修改后的请示' })
      .expect(201);
    const newId = revised.body.submissionId as string;
    expect((await detail(newId).expect(200)).body.replacesSubmissionId).toBe(sentBack);
    expect((await detail(sentBack).expect(200)).body.replacedBySubmissionId).toBe(newId);
    const again = await t.http
      .post(`/api/submissions/${sentBack}/revisions`)
      .set(t.as('jl-fgw'))
      .send({ ...DRAFT, title: '再次修改的请示' })
      .expect(422);
    expect(again.body.errors[0].rule).toBe('replaced_once');
    // Sending the revision supersedes the one it replaces, whose feedback is then due no more.
    expect((await detail(sentBack).expect(200)).body.status).toBe('opinion_issued');
    await post(newId, 'party-group-discussion', STEPS.discuss.user, STEPS.discuss.body).expect(200);
    await post(newId, 'submission', 'jl-party-group').expect(200);
    expect((await detail(sentBack).expect(200)).body).toMatchObject({
      status: 'superseded',
      dueBy: null,
      overdue: false,
    });
    const notReplaceable = await t.http
      .post(`/api/submissions/${late}/revisions`)
      .set(t.as('jl-fgw'))
      .send(DRAFT)
      .expect(422);
    expect(notReplaceable.body.errors[0].rule).toBe('replaceable');
  });

  it('tells each reader the steps open to them now, by role, side and state', async () => {
    const open = async (id: string, user: string) =>
      ((await detail(id, user).expect(200)).body.openSteps as string[]).slice().sort();
    const drafted = await submissionAt(t, 'drafted');
    // A special committee drafts and proposes; only its Party group discusses, withdraws, grants.
    expect(await open(drafted, 'jl-fgw')).toEqual(['amend_draft', 'record_proposal']);
    expect(await open(drafted, 'jl-party-group')).toEqual([
      'amend_draft',
      'grant_viewer',
      'record_party_group_discussion',
      'record_proposal',
      'withdraw',
    ]);

    const sent = await submissionAt(t, 'submit');
    expect(await open(sent, 'jl-office')).toEqual(['grant_viewer', 'receive']);
    // Each reader's own answer under one ETag: no cache may give it to another reader.
    const answer = await detail(sent, 'jl-office').expect(200);
    expect(answer.headers.vary).toContain('Authorization');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(await open(sent, 'jl-fgw')).toEqual([]);

    const received = await submissionAt(t, 'receive');
    expect(await open(received, 'jl-office')).toEqual([
      'grant_viewer',
      'record_committee_meeting',
      'request_material',
    ]);
    expect(await open(received, 'jl-party-group')).toEqual(['grant_viewer', 'withdraw']);
    await post(received, 'material-requests', 'jl-office', {
      description: '请补充测算材料',
      dueBy: '2099-03-20',
    }).expect(200);
    expect(await open(received, 'jl-fgw')).toEqual(['supply_material']);

    // A report may be noted without a meeting.
    const report = await draft(t, { ...DRAFT, kind: 'report' });
    for (const name of ['discuss', 'submit', 'receive'] as const) await step(t, report, name);
    expect(await open(report, 'jl-office')).toContain('issue_opinion');

    const answered = await submissionAt(t, 'opinion');
    expect(await open(answered, 'jl-fgw')).toEqual(['give_feedback', 'revise_feedback']);
    expect(await open(answered, 'jl-office')).toEqual(['grant_viewer']);

    const sentBack = await submissionAt(t, 'meet');
    await post(sentBack, 'opinion', 'jl-office', {
      documentNumber: '吉委办函〔2025〕32号',
      outcome: 'revise_and_resubmit',
      points: [{ number: 1, text: '重新论证必要性' }],
    }).expect(200);
    expect(await open(sentBack, 'jl-fgw')).toContain('draft_revision');
    expect(await open(sentBack, 'jl-office')).not.toContain('draft_revision');
    await t.http
      .post(`/api/submissions/${sentBack}/revisions`)
      .set(t.as('jl-fgw'))
      .send(DRAFT)
      .expect(201);
    expect(await open(sentBack, 'jl-fgw')).not.toContain('draft_revision');
  });

  it('closes at once an opinion with no points to answer', async () => {
    const id = await submissionAt(t, 'meet');
    const response = await post(id, 'opinion', 'jl-office', {
      documentNumber: '吉委办函〔2025〕31号',
      outcome: 'approved',
      points: [],
    }).expect(200);
    expect(response.body).toMatchObject({
      status: 'closed',
      events: ['OpinionIssued', 'SubmissionClosed'],
    });
  });

  it('shares a submission with a granted analyst, read-only', async () => {
    const id = await submissionAt(t, 'submit');
    await detail(id, 'analyst').expect(404);
    await post(id, 'viewers', 'analyst', { userId: 'analyst' }).expect(404);
    await post(id, 'viewers', 'jl-fgw', { userId: 'analyst' }).expect(403);
    await post(id, 'viewers', 'jl-party-group', {
      userId: 'analyst',
      organisationId: 'x-1',
    }).expect(422);
    await post(id, 'viewers', 'jl-party-group', { userId: 'analyst' }).expect(200);
    await detail(id, 'analyst').expect(200);
    const granted = await t.http.get('/api/granted').set(t.as('analyst')).expect(200);
    expect(granted.body.items.map((s: { submissionId: string }) => s.submissionId)).toEqual([id]);
    await post(id, STEPS.receive.path, 'analyst', STEPS.receive.body).expect(403);
    await post(id, 'viewers', 'admin', { organisationId: 'cn-220100-pc' }).expect(200);
    const view = await detail(id, 'analyst').expect(200);
    expect(view.body.viewers).toEqual({ organisationIds: ['cn-220100-pc'], userIds: ['analyst'] });
  });

  it('lets an administrator grant only what was sent, never to themself, and shows every grant in the history', async () => {
    const draftId = await submissionAt(t, 'discuss');
    // A draft never sent stays the legislature's own: the administrator learns nothing of it.
    await post(draftId, 'viewers', 'admin', { userId: 'analyst' }).expect(404);
    await detail(draftId, 'analyst').expect(404);
    await step(t, draftId, 'submit');
    const self = await post(draftId, 'viewers', 'admin', { userId: 'admin' }).expect(422);
    expect(self.body.errors[0]).toMatchObject({ field: 'userId', rule: 'not_to_self' });
    await post(draftId, 'viewers', 'admin', { organisationId: 'legislink-operator' }).expect(422);
    await post(draftId, 'viewers', 'admin', { userId: 'analyst' }).expect(200);
    await detail(draftId, 'analyst').expect(200);
    await detail(draftId, 'admin').expect(404);
    const grants = (await detail(draftId).expect(200)).body.history.filter(
      (h: { type: string }) => h.type === 'SubmissionViewerGranted',
    );
    expect(grants).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ userId: 'admin', role: 'admin' }),
        data: { organisationId: null, userId: 'analyst' },
      }),
    ]);
  });

  it('records the role a step was taken in when the user holds several', async () => {
    const id = await submissionAt(t, 'submit');
    const token = await t.token({
      userId: 'jl-office-2',
      userName: '兼职人员',
      organisationId: 'cn-220000-pco',
      roles: ['party_group', 'committee_office'],
    });
    await t.http
      .post(`/api/submissions/${id}/viewers`)
      .set('Authorization', `Bearer ${token}`)
      .send({ organisationId: 'cn-220000-govpg' })
      .expect(200);
    const view = await detail(id).expect(200);
    expect(view.body.history.at(-1).actor).toMatchObject({
      userId: 'jl-office-2',
      role: 'committee_office',
    });
  });

  it('lets a special committee draft for its Party group but only the Party group submit', async () => {
    const id = await draft(t);
    const view = await detail(id, 'jl-fgw').expect(200);
    expect(view.body.submittingOrganisationId).toBe('cn-220000-npcpg');
    await step(t, id, 'discuss');
    const refused = await post(id, 'submission', 'jl-fgw').expect(403);
    expect(refused.body).toMatchObject({ step: 'submit', requiredRoles: ['party_group'] });
  });
});
