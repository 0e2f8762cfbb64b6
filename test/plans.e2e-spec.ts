import { DRAFT, proposeItem, registerCountyLegislature } from './support/flow';
import { TestApp, startTestApp } from './support/test-app';

const TODAY = '2025-03-10';
const ITEM = {
  kind: 'local_regulation',
  title: '吉林省黑土地保护条例',
  summary: 's',
  policyAreas: ['agriculture'],
  proposedOn: '2025-01-06',
};
const entry = (itemId: string) => ({
  itemId,
  necessity: '黑土地退化严重，亟需立法保护',
  feasibility: '已有试点经验',
  socialEffects: '有利于粮食安全',
  obstacles: '补偿资金来源待明确',
});

describe('Legislative plans over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await registerCountyLegislature(t);
  });
  afterAll(() => t.close());

  const post = (path: string, user: string, body: object = {}) =>
    t.http.post(`/api/${path}`).set(t.as(user)).send(body);
  const item = (user = 'jl-fgw') => proposeItem(t, ITEM, user);
  const submission = async (category: string) =>
    (await post('submissions', 'jl-fgw', { ...DRAFT, category }).expect(201)).body
      .submissionId as string;
  const plan = (entries: object[]) => ({
    kind: 'annual',
    fromYear: 2026,
    toYear: 2026,
    title: '吉林省人大常委会2026年度立法计划',
    entries,
  });

  it('drafts a plan with entries, reports it through a submission, approves it, plans its items, adjusts it', async () => {
    const [a, b, c] = [await item(), await item(), await item()];
    const created = await post('plans', 'jl-fgw', plan([entry(a)])).expect(201);
    const id = created.body.planId as string;
    expect(created.headers.location).toBe(`/api/plans/${id}`);
    expect(created.body).toMatchObject({ status: 'drafted', events: ['LegislativePlanDrafted'] });
    // The detail names the steps open to the caller: the legislature's while drafted.
    const steps = async (user: string) =>
      (await t.http.get(`/api/plans/${id}`).set(t.as(user)).expect(200)).body.openSteps;
    await expect(steps('jl-fgw')).resolves.toEqual(['add_entry', 'remove_entry', 'report']);
    await expect(steps('jl-office')).resolves.toEqual([]);

    await post(`plans/${id}/entries`, 'jl-party-group', entry(b)).expect(200);
    await post(`plans/${id}/entry-removals`, 'jl-fgw', { itemId: b, reason: '条件不成熟' }).expect(
      200,
    );
    const twice = await post(`plans/${id}/entries`, 'jl-fgw', entry(a)).expect(422);
    expect(twice.body.errors[0]).toMatchObject({
      field: 'entries[0].itemId',
      rule: 'not_in_plan_yet',
    });
    await post(`plans/${id}/entries`, 'jl-fgw', entry(b)).expect(200);

    // The item is planned once the plan is approved.
    const early = await post(`items/${a}/plan`, 'jl-fgw', { planId: id }).expect(422);
    expect(early.body.errors[0]).toMatchObject({ field: 'planId', rule: 'plan_approved' });

    const wrongCategory = await post(`plans/${id}/report`, 'jl-party-group', {
      submissionId: await submission('major_issue'),
    }).expect(422);
    expect(wrongCategory.body.errors[0]).toMatchObject({
      field: 'submissionId',
      rule: 'legislative_plan_category',
    });
    const unknown = await post(`plans/${id}/report`, 'jl-party-group', {
      submissionId: '00000000-0000-4000-8000-000000000000',
    }).expect(422);
    expect(unknown.body.errors[0]).toMatchObject({ rule: 'readable_submission' });
    const submissionId = await submission('legislative_plan');
    await post(`plans/${id}/report`, 'jl-office', { submissionId }).expect(403);
    const reported = await post(`plans/${id}/report`, 'jl-party-group', { submissionId }).expect(
      200,
    );
    expect(reported.body.status).toBe('reported');
    await expect(steps('jl-office')).resolves.toEqual(['approve']);
    await expect(steps('jl-fgw')).resolves.toEqual([]);
    const late = await post(`plans/${id}/entries`, 'jl-fgw', entry(c)).expect(409);
    expect(late.body).toMatchObject({ step: 'add_entry', currentState: 'reported' });

    const approval = { approvedOn: TODAY, approvalReference: '省委常委会会议纪要〔2025〕3号' };
    await post(`plans/${id}/approval`, 'jl-party-group', approval).expect(403);
    await post(`plans/${id}/approval`, 'cc-office', approval).expect(404);
    await post(`plans/${id}/approval`, 'jl-office', approval).expect(200);

    const planned = await post(`items/${a}/plan`, 'jl-fgw', { planId: id }).expect(200);
    expect(planned.body.status).toBe('planned');
    const notListed = await post(`items/${c}/plan`, 'jl-fgw', { planId: id }).expect(422);
    expect(notListed.body.errors[0]).toMatchObject({ field: 'planId', rule: 'item_in_plan' });
    await post(`items/${a}/plan`, 'jl-fgw', { planId: id }).expect(409);
    expect((await t.http.get(`/api/items/${a}`).set(t.as('jl-office'))).body.planIds).toEqual([id]);

    await post(`plans/${id}/adjustments`, 'jl-office', {
      reason: 'r',
      adjustedOn: TODAY,
      added: [entry(c)],
      removed: [],
    }).expect(403);
    const empty = await post(`plans/${id}/adjustments`, 'jl-fgw', {
      reason: 'r',
      adjustedOn: TODAY,
      added: [],
      removed: [],
    }).expect(422);
    expect(empty.body.errors[0]).toMatchObject({ field: 'added', rule: 'not_empty' });
    const adjusted = await post(`plans/${id}/adjustments`, 'jl-party-group', {
      reason: '中期调整',
      adjustedOn: TODAY,
      submissionId,
      added: [entry(c)],
      removed: [{ itemId: b, reason: '暂缓' }],
    }).expect(200);
    expect(adjusted.body).toMatchObject({
      status: 'approved',
      adjustmentNumber: 1,
      events: ['PlanAdjusted', 'PlanEntryRemoved', 'PlanEntryAdded'],
    });

    const view = await t.http.get(`/api/plans/${id}`).set(t.as('jl-office')).expect(200);
    expect(view.headers.etag).toBe(`"${adjusted.body.revision}"`);
    expect(view.body).toMatchObject({
      chainVerification: { valid: true, streams: 1, events: adjusted.body.revision + 1 },
      planId: id,
      kind: 'annual',
      kindLabel: { zh: '年度立法计划', en: 'Annual legislative plan' },
      status: 'approved',
      legislatureId: 'cn-220000-npcpg',
      committeeId: 'cn-220000-pc',
      fromYear: 2026,
      toYear: 2026,
      submissionId,
      approval,
      adjustments: [
        {
          adjustmentNumber: 1,
          reason: '中期调整',
          adjustedOn: TODAY,
          submissionId,
          added: [c],
          removed: [b],
        },
      ],
    });
    expect(view.body.entries.map((e: { itemId: string }) => e.itemId)).toEqual([a, c]);
    expect(view.body.entries[0]).toEqual(entry(a));
    expect(view.body.removedEntries).toEqual([
      { itemId: b, reason: '条件不成熟', adjustmentNumber: 0 },
      { itemId: b, reason: '暂缓', adjustmentNumber: 1 },
    ]);

    const listed = await t.http
      .get('/api/plans?kind=annual&year=2026&status=approved')
      .set(t.as('jl-office'))
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ planId: id, entryCount: 2, adjustments: 1, submissionId }),
    ]);
    expect(
      (await t.http.get('/api/plans?year=2027').set(t.as('jl-office')).expect(200)).body.items,
    ).toEqual([]);
    expect(
      (await t.http.get('/api/plans').set(t.as('cc-party-group')).expect(200)).body.items,
    ).toEqual([]);
    await t.http.get(`/api/plans/${id}`).set(t.as('cc-party-group')).expect(404);
    await t.http.get(`/api/plans/${id}`).set(t.as('jl-gov')).expect(404);
  });

  it('refuses a county body, another legislature’s items, bad years (422) and the committee (403)', async () => {
    const county = await post('plans', 'county-party-group', plan([])).expect(422);
    expect(county.body.errors[0]).toMatchObject({
      field: 'legislatureId',
      rule: 'legislative_power',
    });
    const ccItem = await item('cc-fgw');
    const foreign = await post('plans', 'jl-fgw', plan([entry(ccItem)])).expect(422);
    expect(foreign.body.errors[0]).toMatchObject({
      field: 'entries[0].itemId',
      rule: 'item_of_legislature',
    });
    const years = await post('plans', 'jl-fgw', {
      ...plan([]),
      kind: 'five_year',
      toYear: 2026,
    }).expect(422);
    expect(years.body.errors[0]).toMatchObject({
      field: 'toYear',
      rule: 'five_year_plan_five_years',
    });
    await post('plans', 'jl-office', plan([])).expect(403);
  });

  it('rejects malformed input with 400 naming the field, and outsiders with 404', async () => {
    const bad = await post('plans', 'jl-fgw', {
      ...plan([{ ...entry('x'), itemId: 'not-a-uuid' }]),
      kind: 'decade',
      fromYear: 'soon',
    }).expect(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'fromYear']));
    expect(JSON.stringify(bad.body.errors)).toContain('itemId');
    await post('plans/not-a-uuid/entries', 'jl-fgw', entry('x')).expect(400);
    await t.http.get('/api/plans/not-a-uuid').set(t.as('jl-fgw')).expect(400);
    const id = (await post('plans', 'jl-fgw', plan([])).expect(201)).body.planId as string;
    const b = await item();
    await post(`plans/${id}/entries`, 'cc-party-group', entry(b)).expect(404);
    await post(`plans/${id}/entry-removals`, 'cc-fgw', { itemId: b, reason: 'r' }).expect(404);
    const missing = await post(`plans/${id}/entry-removals`, 'jl-fgw', {
      itemId: b,
      reason: 'r',
    }).expect(422);
    expect(missing.body.errors[0]).toMatchObject({ field: 'itemId', rule: 'in_plan' });
    await post(`plans/${id}/approval`, 'jl-office', {
      approvedOn: TODAY,
      approvalReference: 'r',
    }).expect(409);
    await post(`plans/${id}/adjustments`, 'jl-fgw', {
      reason: 'r',
      adjustedOn: TODAY,
      added: [entry(b)],
      removed: [],
    }).expect(409);
    await t.http
      .get('/api/plans/00000000-0000-4000-8000-000000000000')
      .set(t.as('jl-fgw'))
      .expect(404);
  });
});
