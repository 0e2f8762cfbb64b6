import { DRAFT, ITEM_PROPOSAL, proposeItem, registerCountyLegislature, step } from './support/flow';
import { TestApp, startTestApp } from './support/test-app';

/** The clock stands at 10:00 on Monday 10 March 2025 in Beijing. */
const TODAY = '2025-03-10';

const ITEM = ITEM_PROPOSAL;

describe('Legislative items over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await registerCountyLegislature(t);
  });
  afterAll(() => t.close());

  const post = (path: string, user: string, body: object = {}) =>
    t.http.post(`/api/${path}`).set(t.as(user)).send(body);
  const detail = (id: string, user = 'jl-fgw') => t.http.get(`/api/items/${id}`).set(t.as(user));

  const propose = (user = 'jl-fgw', body: object = ITEM) => proposeItem(t, body, user);

  const STEPS: [string, string, object][] = [
    ['drafting', 'drafting', { draftingUnitId: 'cn-220000-npc-fgw', startedOn: '2025-02-01' }],
    [
      'deliberation',
      'readings',
      { readingNumber: 1, heldOn: '2025-02-20', meetingReference: 'm1' },
    ],
    ['on_agenda', 'agenda', { agendaDate: TODAY }],
    ['adopted', 'adoption', { adoptedOn: TODAY, tally: { for: 50, against: 2, abstentions: 1 } }],
    ['promulgated', 'promulgation', { announcementNumber: '公告第12号', promulgatedOn: TODAY }],
    ['in_force', 'entry-into-force', { inForceOn: TODAY }],
  ];

  /** An item proposed by jl-fgw and taken along the lifecycle up to `stage`. */
  async function itemAt(stage: string): Promise<string> {
    const id = await propose();
    for (const [reached, path, body] of STEPS) {
      await post(`items/${id}/${path}`, 'jl-party-group', body).expect(200);
      if (reached === stage) break;
    }
    return id;
  }

  it('takes an item from proposal to force, recording stages, readings and the tally', async () => {
    const created = await post('items', 'jl-fgw', ITEM).expect(201);
    const id = created.body.itemId as string;
    expect(created.headers.location).toBe(`/api/items/${id}`);
    expect(created.body).toMatchObject({
      revision: 0,
      status: 'proposed',
      events: ['LegislativeItemProposed'],
    });
    await post(`items/${id}/drafting`, 'jl-fgw', STEPS[0][2]).expect(200);
    await post(`items/${id}/readings`, 'jl-party-group', STEPS[1][2]).expect(200);
    const second = await post(`items/${id}/readings`, 'jl-fgw', {
      readingNumber: 2,
      heldOn: '2025-03-05',
      meetingReference: 'm2',
    }).expect(200);
    expect(second.body.status).toBe('deliberation');
    for (const [stage, path, body] of STEPS.slice(2)) {
      const response = await post(`items/${id}/${path}`, 'jl-party-group', body).expect(200);
      expect(response.body.status).toBe(stage);
    }
    const view = await detail(id).expect(200);
    expect(view.headers.etag).toBe('"7"');
    expect(view.body).toMatchObject({
      chainVerification: { valid: true, streams: 1, events: 8 },
      itemId: id,
      kind: 'local_regulation',
      kindLabel: { zh: '地方性法规', en: 'Local regulation' },
      stage: 'in_force',
      stageLabel: { zh: '已施行', en: 'In force' },
      stageSince: TODAY,
      legislatureId: 'cn-220000-npcpg',
      committeeId: 'cn-220000-pc',
      version: 1,
      draftingUnitId: 'cn-220000-npc-fgw',
      agendaDate: TODAY,
      tally: { for: 50, against: 2, abstentions: 1 },
      announcementNumber: '公告第12号',
      inForceOn: TODAY,
      readings: [
        { version: 1, readingNumber: 1, heldOn: '2025-02-20', meetingReference: 'm1' },
        { version: 1, readingNumber: 2, heldOn: '2025-03-05', meetingReference: 'm2' },
      ],
      divergences: [],
      openDivergences: [],
      inquiries: [],
      inspections: [],
    });
    expect(view.body.stageHistory.map((s: { stage: string }) => s.stage)).toEqual([
      'proposed',
      'drafting',
      'deliberation',
      'on_agenda',
      'adopted',
      'promulgated',
      'in_force',
    ]);
    // The committee reads it; another region does not.
    await detail(id, 'jl-office').expect(200);
    await detail(id, 'cc-office').expect(404);
    await detail(id, 'cc-party-group').expect(404);
  });

  it('lists the items the caller reads, filtered by kind, stage, year and policy area, paged', async () => {
    const a = await propose('jl-fgw', {
      ...ITEM,
      policyAreas: ['water'],
      proposedOn: '2024-12-01',
    });
    const b = await propose('jl-gov', { ...ITEM, kind: 'government_rule', policyAreas: ['water'] });
    const ids = (response: { body: { items: { itemId: string }[] } }) =>
      response.body.items.map((i) => i.itemId);
    const water = await t.http
      .get('/api/items?policyArea=water')
      .set(t.as('jl-office'))
      .expect(200);
    expect(ids(water)).toEqual([a, b]);
    expect(water.body.items[1]).toMatchObject({
      kind: 'government_rule',
      stage: 'proposed',
      legislatureId: 'cn-220000-govpg',
      committeeId: 'cn-220000-pc',
      policyAreas: ['water'],
      openDivergences: 0,
    });
    const y2024 = await t.http.get('/api/items?year=2024').set(t.as('jl-office')).expect(200);
    expect(ids(y2024)).toEqual([a]);
    const rules = await t.http
      .get('/api/items?kind=government_rule&stage=proposed')
      .set(t.as('jl-office'))
      .expect(200);
    expect(ids(rules)).toContain(b);
    expect(ids(rules)).not.toContain(a);
    // The Standing Committee side does not read the government's items, nor Changchun Jilin's.
    expect(ids(await t.http.get('/api/items?policyArea=water').set(t.as('jl-fgw')))).toEqual([a]);
    expect(ids(await t.http.get('/api/items').set(t.as('cc-office')))).toEqual([]);
    const first = await t.http
      .get('/api/items?policyArea=water&limit=1')
      .set(t.as('jl-office'))
      .expect(200);
    expect(ids(first)).toEqual([a]);
    const next = await t.http
      .get(`/api/items?policyArea=water&limit=1&cursor=${first.body.nextCursor}`)
      .set(t.as('jl-office'))
      .expect(200);
    expect(ids(next)).toEqual([b]);
    expect(next.body.nextCursor).toBeNull();
  });

  it('refuses a county body (422), a kind the body does not make (422) and the committee office (403)', async () => {
    const county = await post('items', 'county-party-group', ITEM).expect(422);
    expect(county.body.errors[0]).toMatchObject({
      field: 'legislatureId',
      rule: 'legislative_power',
    });
    const wrongKind = await post('items', 'jl-gov', ITEM).expect(422);
    expect(wrongKind.body.errors[0]).toMatchObject({ field: 'kind', rule: 'kind_for_legislature' });
    await post('items', 'jl-office', ITEM).expect(403);
    await post('items', 'analyst', ITEM).expect(403);
  });

  it('rejects malformed input with 400 naming the field', async () => {
    const bad = await post('items', 'jl-fgw', { ...ITEM, kind: 'law', proposedOn: '2025-13-01' });
    expect(bad.status).toBe(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'proposedOn']));
    const id = await propose();
    const reading = await post(`items/${id}/readings`, 'jl-fgw', { readingNumber: 'one' });
    expect(reading.status).toBe(400);
    expect(reading.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['readingNumber', 'heldOn', 'meetingReference']),
    );
    const param = await post('items/not-a-uuid/drafting', 'jl-fgw', STEPS[0][2]).expect(400);
    expect(param.body.errors[0]).toMatchObject({ field: 'itemId' });
    await t.http.get('/api/items/not-a-uuid').set(t.as('jl-fgw')).expect(400);
    const tally = await post(`items/${id}/adoption`, 'jl-fgw', {
      adoptedOn: TODAY,
      tally: { for: -1, against: 0, abstentions: 0 },
    }).expect(400);
    expect(JSON.stringify(tally.body.errors)).toContain('for');
  });

  it('refuses steps out of order with 409, outsiders with 404 and the wrong side with 403', async () => {
    const id = await propose();
    const wrong = await post(`items/${id}/adoption`, 'jl-party-group', { adoptedOn: TODAY }).expect(
      409,
    );
    expect(wrong.body).toMatchObject({ step: 'adopt', currentState: 'proposed' });
    expect(wrong.body.allowedSteps).toContain('start_drafting');
    await post(`items/${id}/drafting`, 'cc-party-group', STEPS[0][2]).expect(404);
    await post(`items/${id}/drafting`, 'cc-office', STEPS[0][2]).expect(404);
    await post(`items/${id}/drafting`, 'jl-office', STEPS[0][2]).expect(403);
    await post(`items/${id}/drafting`, 'jl-gov', STEPS[0][2]).expect(404);
    const unknownUnit = await post(`items/${id}/drafting`, 'jl-fgw', {
      draftingUnitId: 'cn-999999-nobody',
      startedOn: '2025-02-01',
    }).expect(422);
    expect(unknownUnit.body.errors[0]).toMatchObject({
      field: 'draftingUnitId',
      rule: 'registered',
    });
    await post('items/00000000-0000-4000-8000-000000000000/drafting', 'jl-fgw', STEPS[0][2]).expect(
      404,
    );
    await t.http
      .get('/api/items/00000000-0000-4000-8000-000000000000')
      .set(t.as('jl-fgw'))
      .expect(404);
    await post(`items/${id}/drafting`, 'jl-fgw', STEPS[0][2]).expect(200);
    const outOfTurn = await post(`items/${id}/readings`, 'jl-fgw', {
      readingNumber: 2,
      heldOn: TODAY,
      meetingReference: 'm',
    }).expect(422);
    expect(outOfTurn.body.errors[0]).toMatchObject({ field: 'readingNumber', rule: 'consecutive' });
  });

  it('keeps the item off the agenda while a pre-deliberation submission about it awaits its opinion', async () => {
    const id = await itemAt('deliberation');
    const draft = await post('submissions', 'jl-fgw', {
      ...DRAFT,
      category: 'pre_deliberation',
      itemIds: [id],
      replyRequestedBy: '2026-12-31',
    }).expect(201);
    const submissionId = draft.body.submissionId as string;
    // Once the submission is sent, the item waits for its opinion.
    await step(t, submissionId, 'discuss');
    await step(t, submissionId, 'submit');
    const held = await post(`items/${id}/agenda`, 'jl-party-group', { agendaDate: TODAY }).expect(
      409,
    );
    expect(held.body).toMatchObject({
      step: 'schedule_for_vote',
      currentState: 'deliberation',
      rule: 'pre_deliberation_opinion_first',
      pendingPreDeliberation: [submissionId],
    });
    await step(t, submissionId, 'receive');
    await step(t, submissionId, 'meet');
    await step(t, submissionId, 'opinion');
    await post(`items/${id}/agenda`, 'jl-party-group', { agendaDate: TODAY }).expect(200);
  });

  it('records a divergence through its steps to its result, open on the item until then', async () => {
    const id = await itemAt('deliberation');
    const recorded = await post(`items/${id}/divergences`, 'jl-party-group', {
      description: '常委会审议意见与省委意见在补偿范围上不一致',
      recordedOn: TODAY,
    }).expect(200);
    expect(recorded.body.divergenceNumber).toBe(1);
    await post(`items/${id}/divergences/1/steps`, 'jl-fgw', {
      step: 'consultation',
      note: '与省委办公厅沟通',
      on: TODAY,
    }).expect(200);
    const open = await detail(id, 'jl-office').expect(200);
    expect(open.body.openDivergences).toEqual([1]);
    expect(open.body.divergences[0]).toMatchObject({
      open: true,
      steps: [{ step: 'consultation', note: '与省委办公厅沟通', on: TODAY }],
    });
    const listed = await t.http.get('/api/items?stage=deliberation').set(t.as('jl-office'));
    expect(listed.body.items.find((i: { itemId: string }) => i.itemId === id).openDivergences).toBe(
      1,
    );
    const order = await post(`items/${id}/divergences/1/steps`, 'jl-fgw', {
      step: 'referred_to_plenary',
      note: '',
      on: TODAY,
    }).expect(422);
    expect(order.body.errors[0]).toMatchObject({ field: 'step', rule: 'divergence_step_order' });
    await post(`items/${id}/divergences/1/steps`, 'jl-office', {
      step: 'consultation',
      note: '',
      on: TODAY,
    }).expect(403);
    await post(`items/${id}/divergences/1/resolution`, 'jl-party-group', {
      result: '按省委意见修改补偿范围',
      resolvedOn: TODAY,
    }).expect(200);
    await post(`items/${id}/divergences/1/resolution`, 'jl-party-group', {
      result: 'again',
      resolvedOn: TODAY,
    }).expect(409);
    const bad = await post(`items/${id}/divergences/0/steps`, 'jl-fgw', {
      step: 'consultation',
      note: '',
      on: TODAY,
    }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'divergenceNumber' });
    const closed = await detail(id).expect(200);
    expect(closed.body.openDivergences).toEqual([]);
    expect(closed.body.divergences[0].resolution).toEqual({
      result: '按省委意见修改补偿范围',
      resolvedOn: TODAY,
    });
  });

  it('runs a post-legislation inquiry: the committee asks, the legislature answers, the review concludes', async () => {
    const id = await itemAt('in_force');
    // The detail names the steps open to the caller by role, side and stage.
    const steps = async (user: string) =>
      (
        (await t.http.get(`/api/items/${id}`).set(t.as(user)).expect(200)).body
          .openSteps as string[]
      )
        .slice()
        .sort();
    await expect(steps('jl-office')).resolves.toEqual([
      'dispute_inquiry_conclusion',
      'open_inquiry',
    ]);
    const legislature = await steps('jl-fgw');
    expect(legislature).toEqual(
      expect.arrayContaining(['answer_inquiry', 'record_inspection', 'report_assessment']),
    );
    expect(legislature).not.toContain('open_inquiry');
    await post(`items/${id}/inquiries`, 'jl-party-group', {
      question: 'q',
      dueBy: '2025-04-10',
    }).expect(403);
    await post(`items/${id}/inquiries`, 'cc-office', { question: 'q', dueBy: '2025-04-10' }).expect(
      404,
    );
    const past = await post(`items/${id}/inquiries`, 'jl-office', {
      question: 'q',
      dueBy: TODAY,
    }).expect(422);
    expect(past.body.errors[0]).toMatchObject({ field: 'dueBy', rule: 'in_future' });
    const opened = await post(`items/${id}/inquiries`, 'jl-office', {
      question: '补偿资金落实情况如何？',
      dueBy: '2025-04-10',
    }).expect(200);
    expect(opened.body.inquiryNumber).toBe(1);
    await post(`items/${id}/inquiries/1/answer`, 'jl-office', {
      conclusion: 'keep',
      text: 't',
    }).expect(403);
    await post(`items/${id}/inquiries/1/answer`, 'jl-fgw', {
      conclusion: 'keep',
      text: '实施良好，继续施行',
    }).expect(200);
    await post(`items/${id}/inquiries/1/answer`, 'jl-fgw', {
      conclusion: 'keep',
      text: 't',
    }).expect(409);
    await post(`items/${id}/inquiries/1/dispute`, 'jl-fgw', { reason: 'r' }).expect(403);
    await post(`items/${id}/inquiries/1/dispute`, 'jl-office', {
      reason: '补偿标准偏低，应当修改',
    }).expect(200);
    await post(`items/${id}/inquiries/1/review`, 'jl-party-group', {
      finalConclusion: 'amend',
      note: '协商一致',
    }).expect(200);
    await post(`items/${id}/inquiries/1/results`, 'jl-fgw', { text: '已启动修改' }).expect(200);
    const unknown = await post(`items/${id}/inquiries/7/answer`, 'jl-fgw', {
      conclusion: 'keep',
      text: 't',
    }).expect(422);
    expect(unknown.body.errors[0]).toMatchObject({
      field: 'inquiryNumber',
      rule: 'existing_inquiry',
    });
    const badConclusion = await post(`items/${id}/inquiries/1/review`, 'jl-fgw', {
      finalConclusion: 'ignore',
      note: '',
    }).expect(400);
    expect(badConclusion.body.errors[0]).toMatchObject({ field: 'finalConclusion' });
    const view = await detail(id, 'jl-office').expect(200);
    expect(view.body.inquiries[0]).toMatchObject({
      inquiryNumber: 1,
      dueBy: '2025-04-10',
      status: 'result_reported',
      answer: { conclusion: 'keep', text: '实施良好，继续施行' },
      dispute: { reason: '补偿标准偏低，应当修改' },
      review: { finalConclusion: 'amend', note: '协商一致' },
      results: [{ text: '已启动修改' }],
      conclusion: 'amend',
    });
    // The list row moves with every event, so its revision is the detail's ETag.
    const listed = await t.http.get('/api/items?stage=in_force').set(t.as('jl-office'));
    const row = listed.body.items.find((i: { itemId: string }) => i.itemId === id);
    expect(`"${row.revision}"`).toBe(view.headers.etag);
  });

  it('records inspections of an item in force, then amends it as version 2 and abolishes it', async () => {
    const id = await itemAt('in_force');
    const inspected = await post(`items/${id}/inspections`, 'jl-fgw', {
      heldFrom: '2025-03-03',
      heldTo: '2025-03-07',
      findings: '执法检查发现……',
    }).expect(200);
    expect(inspected.body.inspectionNumber).toBe(1);
    await post(`items/${id}/inspections`, 'jl-office', {
      heldFrom: '2025-03-03',
      heldTo: '2025-03-07',
      findings: 'f',
    }).expect(403);
    const backwards = await post(`items/${id}/inspections`, 'jl-fgw', {
      heldFrom: '2025-03-07',
      heldTo: '2025-03-03',
      findings: 'f',
    }).expect(422);
    expect(backwards.body.errors[0]).toMatchObject({ field: 'heldTo', rule: 'not_before_start' });
    const amended = await post(`items/${id}/amendments`, 'jl-party-group', {
      reason: '适应新情况',
    }).expect(200);
    expect(amended.body).toMatchObject({ status: 'drafting', version: 2 });
    await post(`items/${id}/readings`, 'jl-fgw', {
      readingNumber: 1,
      heldOn: TODAY,
      meetingReference: 'm',
    }).expect(200);
    await post(`items/${id}/abolition`, 'jl-party-group', {
      abolishedOn: TODAY,
      reason: 'r',
    }).expect(409);
    const view = await detail(id).expect(200);
    expect(view.body).toMatchObject({
      version: 2,
      stage: 'deliberation',
      amendments: [{ version: 2, reason: '适应新情况', startedOn: TODAY }],
      inspections: [{ inspectionNumber: 1, heldFrom: '2025-03-03', heldTo: '2025-03-07' }],
    });
    expect(view.body.readings.map((r: { version: number }) => r.version)).toEqual([1, 2]);

    const other = await itemAt('in_force');
    const abolished = await post(`items/${other}/abolition`, 'jl-party-group', {
      abolishedOn: TODAY,
      reason: '已被新法规替代',
    }).expect(200);
    expect(abolished.body.status).toBe('abolished');
    expect((await detail(other).expect(200)).body.abolition).toEqual({
      abolishedOn: TODAY,
      reason: '已被新法规替代',
    });
  });

  describe('Assessments', () => {
    it('are reported on an item by its legislature side and judged by the committee office', async () => {
      const itemId = await itemAt('in_force');
      const body = {
        subjectKind: 'item',
        subjectId: itemId,
        title: '《黑土地保护条例》立法后评估报告',
        findings: '总体有效，补偿标准偏低',
        reportedOn: TODAY,
      };
      await post('assessments', 'jl-office', body).expect(403);
      const foreign = await post('assessments', 'cc-fgw', body).expect(422);
      expect(foreign.body.errors[0]).toMatchObject({
        field: 'subjectId',
        rule: 'readable_subject',
      });
      const noDecision = await post('assessments', 'jl-office', {
        ...body,
        subjectKind: 'decision',
        subjectId: '00000000-0000-4000-8000-000000000000',
      }).expect(422);
      expect(noDecision.body.errors[0]).toMatchObject({ field: 'subjectId' });
      await post('assessments', 'jl-fgw', { ...body, subjectKind: 'law' }).expect(400);
      const created = await post('assessments', 'jl-fgw', body).expect(201);
      const id = created.body.assessmentId as string;
      expect(created.headers.location).toBe(`/api/assessments/${id}`);
      expect(created.body.status).toBe('reported');
      const judge = async (user: string) =>
        (await t.http.get(`/api/assessments/${id}`).set(t.as(user)).expect(200)).body.openSteps;
      await expect(judge('jl-office')).resolves.toEqual(['judge']);
      await expect(judge('jl-fgw')).resolves.toEqual([]);

      await post(`assessments/${id}/judgment`, 'jl-fgw', {
        judgment: 'effective',
        note: '',
      }).expect(403);
      await post(`assessments/${id}/judgment`, 'cc-office', {
        judgment: 'effective',
        note: '',
      }).expect(404);
      await post(`assessments/${id}/judgment`, 'jl-office', {
        judgment: 'adjust_law',
        note: '建议修改补偿标准',
      }).expect(200);
      await post(`assessments/${id}/judgment`, 'jl-office', {
        judgment: 'effective',
        note: '',
      }).expect(409);

      const view = await t.http.get(`/api/assessments/${id}`).set(t.as('jl-fgw')).expect(200);
      expect(view.body).toMatchObject({
        assessmentId: id,
        subject: { kind: 'item', id: itemId },
        reportedByOrganisationId: 'cn-220000-npc-fgw',
        committeeId: 'cn-220000-pc',
        findings: '总体有效，补偿标准偏低',
        status: 'judged',
        judgment: {
          judgment: 'adjust_law',
          judgmentLabel: { zh: '调整法规', en: 'Adjust the law' },
          note: '建议修改补偿标准',
        },
      });
      await t.http.get(`/api/assessments/${id}`).set(t.as('cc-office')).expect(404);
      const list = await t.http
        .get(`/api/assessments?subjectKind=item&subjectId=${itemId}`)
        .set(t.as('jl-office'))
        .expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ assessmentId: id, judgment: 'adjust_law', status: 'judged' }),
      ]);
      const outsiders = await t.http.get('/api/assessments').set(t.as('cc-office')).expect(200);
      expect(outsiders.body.items).toEqual([]);
    });
  });

  it('names item kinds and stages, divergence steps, conclusions, judgments and plan kinds', async () => {
    const labels = (await t.http.get('/api/labels').set(t.as('analyst')).expect(200)).body;
    expect(labels.itemStages.on_agenda).toEqual({
      zh: '已列入表决议程',
      en: 'On the agenda for a vote',
    });
    expect(labels.itemKinds.government_rule.zh).toBe('政府规章');
    expect(labels.divergenceSteps.referred_to_plenary.zh).toBe('提请人民代表大会审议');
    expect(labels.inquiryConclusions.amend.en).toBe('Amend');
    expect(labels.inquiryStatuses.disputed.en).toBe('Disputed, under review');
    expect(labels.assessmentJudgments.adjust_decision.zh).toBe('调整决策');
    expect(labels.planKinds.five_year.zh).toBe('五年立法规划');
  });
});
