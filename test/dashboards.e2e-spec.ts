import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore } from '../src/platform/event-store/event-store.port';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import { ProjectionRunner } from '../src/platform/projections/projection-runner';
import { Append, linkageBatches } from './support/linkage-history';
import { DRAFT, draft, step } from './support/flow';
import { TestApp, startTestApp } from './support/test-app';

/**
 * The dashboards over HTTP: the linkage history appended as raw events through the event store
 * port (its aggregates belong to other modules), then submissions sent and answered through the
 * API, and every chart read by the committee office, the legislature and outsiders.
 */
describe('Given the dashboards over a recorded history (clock at 2025-06-01)', () => {
  let t: TestApp;
  const positions: string[] = [];
  const CHARTS = [
    'adoption',
    'timeliness',
    'overdue',
    'stages',
    'flow',
    'lag',
    'divergences',
    'inquiries',
  ];

  beforeAll(async () => {
    t = await startTestApp({}, '2025-06-01T04:00:00.000Z');
    const store = t.app.get<EventStore>(EVENT_STORE);
    const catalogue = t.app.get(FeatureRegistry).catalogue;
    const append: Append = async (streamId, type, data, occurredAt, actor) => {
      const eventId = randomUUID();
      const result = await store.append(
        streamId,
        [
          {
            eventId,
            type,
            schemaVersion: catalogue.currentVersion(type),
            data,
            metadata: { occurredAt, actor, correlationId: eventId, causationId: null },
          },
        ],
        'any',
      );
      return result.position;
    };
    for (const batch of linkageBatches(append)) positions.push(await batch());
    const runner = t.app.get(ProjectionRunner);
    const last = positions[positions.length - 1];
    expect(await runner.waitFor(last, 20_000, ['linkage', 'dashboards'])).toBe(true);
  });
  afterAll(() => t.close());

  type Row = Record<string, string | number | null>;
  type Answer = { rows: Row[]; [key: string]: unknown };
  const get = (path: string, user: string) => t.http.get(path).set(t.as(user));
  /** Reads a chart until `done` holds: the dashboards projection follows the log. */
  const eventually = async (path: string, user: string, done: (body: Answer) => boolean) => {
    const until = Date.now() + 10_000;
    for (;;) {
      const { body } = await get(path, user).expect(200);
      if (done(body) || Date.now() > until) return body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('then the committee office sees the adoption of its opinion points by year, category and body', async () => {
    const { body } = await get('/api/dashboards/adoption', 'jl-office').expect(200);
    expect(body).toMatchObject({
      chart: 'adoption',
      asOf: { at: null, today: '2025-06-01' },
      ignoredFilters: [],
      rows: [
        {
          year: 2025,
          adopted: 2,
          partly_adopted: 0,
          not_adopted: 0,
          pending: 1,
          total: 3,
          adoptedShare: 1,
        },
      ],
    });
    expect(body.columns.map((c: { key: string }) => c.key)).toEqual([
      'year',
      'adopted',
      'partly_adopted',
      'not_adopted',
      'pending',
      'total',
      'adoptedShare',
    ]);
    const byBody = await get('/api/dashboards/adoption?groupBy=body', 'jl-office').expect(200);
    expect(byBody.body.rows).toEqual([expect.objectContaining({ body: 'cn-220000-npcpg' })]);
    expect(byBody.body.names['cn-220000-npcpg'].zh).toBe('吉林省人大常委会党组');
  });

  it('then every chart answers the office with its figures', async () => {
    const figures = async (chart: string) =>
      (await get(`/api/dashboards/${chart}`, 'jl-office').expect(200)).body;
    expect((await figures('timeliness')).summary).toEqual({
      reply: { answered: 1, onTime: 1, onTimeShare: 1 },
      feedback: { answered: 2, onTime: 2, onTimeShare: 1 },
    });
    expect((await figures('overdue')).summary).toEqual({
      today: '2025-06-01',
      reply: { open: 1, overdue: 1 },
      feedback: { open: 1, overdue: 1 },
    });
    expect((await figures('stages')).rows.map((r: Row) => [r.stage, r.count])).toEqual([
      ['drafting', 1],
      ['on_agenda', 1],
      ['in_force', 1],
    ]);
    expect((await figures('flow')).rows).toHaveLength(4);
    expect((await figures('lag')).rows.filter((r: Row) => Number(r.count) > 0)).toEqual([
      { measure: 'to_adoption', bucket: 'within_180', count: 1 },
      { measure: 'to_in_force', bucket: 'within_180', count: 1 },
    ]);
    expect((await figures('divergences')).rows).toEqual([
      { state: 'open', step: 'consultation', count: 1 },
    ]);
    expect((await figures('inquiries')).rows).toEqual([
      { state: 'answered', conclusion: 'amend', count: 1 },
    ]);
  });

  it.each(CHARTS)('then %s downloads as CSV in UTF-8 with a BOM', async (chart) => {
    const response = await get(`/api/dashboards/${chart}?format=csv&lang=zh`, 'jl-office')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      new RegExp(`attachment; filename="dashboard-${chart}-2025-06-01\\.csv"`),
    );
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const json = (await get(`/api/dashboards/${chart}`, 'jl-office').expect(200)).body;
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(json.columns.map((c: { zh: string }) => c.zh).join(','));
    expect(lines).toHaveLength(json.rows.length + 2);
  });

  it('then the CSV names values by the API’s own labels, in the language asked', async () => {
    const zh = await get('/api/dashboards/inquiries?format=csv&lang=zh', 'jl-office').expect(200);
    expect(zh.text).toContain('已答复,修改,1');
    const en = await get('/api/dashboards/inquiries?format=csv&lang=en', 'jl-office').expect(200);
    expect(en.text).toContain('State,Conclusion,Inquiries\r\nAnswered,Amend,1');
  });

  it.each([
    ['level=city', 0],
    ['level=province', 3],
    ['regionCode=220000', 3],
    ['regionCode=220100', 0],
    ['year=2025', 3],
    ['year=2024', 0],
    ['category=drafting', 3],
    ['category=major_issue', 0],
  ])('then the filter %s applies to the adoption', async (query, total) => {
    const { body } = await get(`/api/dashboards/adoption?${query}`, 'jl-office').expect(200);
    expect(body.rows.reduce((sum: number, r: Row) => sum + Number(r.total), 0)).toBe(total);
  });

  it('then a chart that does not file by category says it ignored it', async () => {
    const { body } = await get('/api/dashboards/stages?category=drafting', 'jl-office').expect(200);
    expect(body.ignoredFilters).toEqual(['category']);
    expect(body.rows).toHaveLength(3);
  });

  it('then "as of" a past position applies to every chart', async () => {
    const asOf = encodeURIComponent(positions[1]);
    const at = Number(positions[1].split('/')[0]);
    for (const chart of CHARTS) {
      const { body } = await get(`/api/dashboards/${chart}?asOf=${asOf}`, 'jl-office').expect(200);
      expect(body.asOf.at).toBe(at);
    }
    const stages = await get(`/api/dashboards/stages?asOf=${asOf}`, 'jl-office').expect(200);
    expect(stages.body.rows.map((r: Row) => r.stage)).toEqual(['planned', 'drafting']);
    const adoption = await get(`/api/dashboards/adoption?asOf=${asOf}`, 'jl-office').expect(200);
    expect(adoption.body.rows).toEqual([]);
    // A day before anything was recorded: nothing at all.
    const before = await get('/api/dashboards/stages?asOf=2000-01-01', 'jl-office').expect(200);
    expect(before.body).toMatchObject({ asOf: { at: 0, today: '2000-01-01' }, rows: [] });
  });

  it.each([
    ['level=galaxy', 'level', 'isIn'],
    ['regionCode=22', 'regionCode', 'matches'],
    ['year=1900', 'year', 'min'],
    ['year=abc', 'year', 'isInt'],
    ['category=gossip', 'category', 'isIn'],
    ['asOf=yesterday', 'asOf', 'matches'],
    ['asOf=2025-02-30', 'asOf', 'date'],
    ['format=xlsx', 'format', 'isIn'],
    ['groupBy=colour', 'groupBy', 'isIn'],
    ['colour=red', 'colour', 'unknown_field'],
  ])(
    'then a bad filter (%s) is a 400 problem naming the field and the rule',
    async (query, field, rule) => {
      const response = await get(`/api/dashboards/adoption?${query}`, 'jl-office').expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, rule })]),
      );
    },
  );

  it('then the legislature sees its own figures but not a decision never transmitted to it', async () => {
    const { body } = await get('/api/dashboards/flow', 'jl-party-group').expect(200);
    expect(body.rows.map((r: Row) => r.itemKind)).not.toContain('unlinked');
    expect(body.rows).toHaveLength(3);
    const office = await get('/api/dashboards/flow', 'jl-office').expect(200);
    expect(office.body.rows.map((r: Row) => r.itemKind)).toContain('unlinked');
  });

  it.each(CHARTS)(
    'then another organisation sees none of the province’s %s figures',
    async (chart) => {
      const { body } = await get(`/api/dashboards/${chart}`, 'cc-office').expect(200);
      const province = (await get(`/api/dashboards/${chart}`, 'jl-office').expect(200)).body;
      const counted = (rows: Row[]) =>
        rows.reduce((sum, r) => sum + Number(r.count ?? r.total ?? 0), 0);
      expect(counted(province.rows)).toBeGreaterThan(0);
      // The city's own history holds one item (proposed) and one decision without items.
      const own: Record<string, number> = { stages: 1, flow: 1 };
      expect(counted(body.rows)).toBe(own[chart] ?? 0);
    },
  );

  it('then an administrator alone may not open the dashboards, and no token gets 401', async () => {
    const forbidden = await get('/api/dashboards/adoption', 'admin').expect(403);
    expect(forbidden.headers['content-type']).toMatch(/^application\/problem\+json/);
    await t.http.get('/api/dashboards/adoption').expect(401);
  });

  it('then the analyst sees the numbers change as a submission is answered and fed back', async () => {
    const id = await draft(t, { ...DRAFT, category: 'drafting' });
    for (const name of ['discuss', 'submit', 'receive', 'meet', 'opinion'] as const) {
      await step(t, id, name);
    }
    const path = '/api/dashboards/adoption?category=drafting';
    const opened = await eventually(path, 'jl-office', (b) => b.rows[0]?.total === 5);
    expect(opened.rows[0]).toMatchObject({ adopted: 2, pending: 3, total: 5 });
    await t.http
      .post(`/api/submissions/${id}/opinion/points/1/feedback`)
      .set(t.as('jl-fgw'))
      .send({ adoption: 'not_adopted', explanation: '与上位法不一致' })
      .expect(200);
    const answered = await eventually(path, 'jl-office', (b) => b.rows[0]?.not_adopted === 1);
    expect(answered.rows[0]).toMatchObject({ adopted: 2, not_adopted: 1, pending: 2, total: 5 });
    const timeliness = await get('/api/dashboards/timeliness', 'jl-office').expect(200);
    expect(timeliness.body.summary).toMatchObject({
      reply: { answered: 2 },
      feedback: { answered: 3 },
    });
    // An analyst of the committee office sees what the office sees.
    t.tokens['jl-analyst'] = await t.token({
      userId: 'jl-analyst',
      userName: '省委办公厅评估分析员',
      organisationId: 'cn-220000-pco',
      roles: ['analyst'],
    });
    expect((await get(path, 'jl-analyst').expect(200)).body.rows).toEqual(answered.rows);
    // The city's office still sees none of it.
    const city = await get(path, 'cc-office').expect(200);
    expect(city.body.rows).toEqual([]);
  });
});
