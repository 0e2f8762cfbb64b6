import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore } from '../src/platform/event-store/event-store.port';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import { ProjectionRunner } from '../src/platform/projections/projection-runner';
import { beijingDay } from '../src/projections/linkage.projection';
import { Append, IDS, linkageBatches } from './support/linkage-history';
import { TestApp, startTestApp } from './support/test-app';

/**
 * The linkage view over HTTP. The aggregates that write decisions and items belong to other
 * modules, so the history is appended as raw events through the event store port, on the
 * streams those aggregates use; the projection then builds the view the endpoints read.
 */
describe('Given the linkage view of a recorded history (clock at 2025-06-01)', () => {
  let t: TestApp;
  const positions: string[] = [];
  const EXTRA_LINK = 'f1000000-0000-4000-8000-000000000099';

  beforeAll(async () => {
    t = await startTestApp({ LINKAGE_STALLED_DAYS: '200' }, '2025-06-01T04:00:00.000Z');
    const store = t.app.get<EventStore>(EVENT_STORE);
    // The history is written in today's payload shapes, so each event at its current version.
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
    // A city item said to carry out the province's D1: the province cannot read the item.
    positions.push(
      await append(
        `link-${EXTRA_LINK}`,
        'LinkEstablished',
        {
          linkId: EXTRA_LINK,
          type: 'implements',
          from: { kind: 'item', id: IDS.i4, point: null },
          to: { kind: 'decision', id: IDS.d1, point: null },
          rationale: '跨级关联',
          establishedAt: '2025-05-30T02:00:00.000Z',
        },
        '2025-05-30T02:00:00.000Z',
        { userId: 'cc-party-group', organisationId: 'cn-220100-npcpg', role: 'party_group' },
      ),
    );
    const runner = t.app.get(ProjectionRunner);
    expect(await runner.waitFor(positions[positions.length - 1], 20_000, ['linkage'])).toBe(true);
  });
  afterAll(() => t.close());

  const get = (path: string, user: string) => t.http.get(path).set(t.as(user));
  type Decision = {
    decisionId: string;
    items: { itemId: string; stage: string; daysInStage: number; flags: string[] }[];
    flags: string[];
    [key: string]: unknown;
  };
  const ids = (body: { items: { decisionId?: string; itemId?: string }[] }) =>
    body.items.map((i) => i.decisionId ?? i.itemId);

  describe('when the committee office lists the decisions', () => {
    it('then it sees its committee’s decisions, newest first, each with its items, adoption, lag and flags', async () => {
      const { body } = await get('/api/linkage/decisions', 'jl-office').expect(200);
      expect(ids(body)).toEqual([IDS.d1, IDS.d2]);
      const d1 = body.items[0] as Decision;
      expect(d1.items.map((i) => [i.itemId, i.stage, i.daysInStage])).toEqual([
        [IDS.i2, 'drafting', 212],
        [IDS.i3, 'on_agenda', 12],
        [IDS.i1, 'in_force', 31],
      ]);
      expect(d1).toMatchObject({
        documentNumber: '吉发〔2025〕1号',
        level: 'province',
        regionCode: '220000',
        submissionCount: 2,
        opinionPointCount: 3,
        adoption: { adopted: 2, partly_adopted: 0, not_adopted: 0, pending: 1 },
        lag: { toAdoptionDays: 100, toInForceDays: 111 },
        openDivergences: 1,
        inquiryConclusions: [
          { itemId: IDS.i1, inquiryNumber: 1, conclusion: 'amend', effectiveConclusion: 'amend' },
        ],
        assessments: [{ assessmentId: IDS.a1, judgment: 'effective' }],
        followUpReports: 1,
      });
      // I2 has 212 days in drafting but LINKAGE_STALLED_DAYS is 200 here: stalled.
      expect(d1.flags).toEqual([
        'stalled',
        'open_divergence',
        'overdue',
        'amendment_not_started',
        'agenda_without_opinion',
      ]);
      // D2 needs an amendment and its only link was removed: unlinked after 90 days.
      expect(body.items[1].flags).toEqual(['unlinked']);
      expect(body.nextCursor).toBeNull();
    });

    it('then an item of another level linked to the decision is left out of it', async () => {
      const { body } = await get(`/api/linkage/decisions/${IDS.d1}`, 'jl-office').expect(200);
      expect((body as Decision).items.map((i) => i.itemId)).not.toContain(IDS.i4);
      expect(body.links.map((l: { linkId: string }) => l.linkId)).toContain(EXTRA_LINK);
    });

    it.each([
      ['level=province', [IDS.d1, IDS.d2]],
      ['level=city', []],
      ['regionCode=220000', [IDS.d1, IDS.d2]],
      ['regionCode=220100', []],
      [`policyArea=${encodeURIComponent('生态环境')}`, [IDS.d1]],
      ['year=2024', [IDS.d2]],
      ['stage=in_force', [IDS.d1]],
      ['stage=abolished', []],
      ['flag=unlinked', [IDS.d2]],
      ['flag=stalled', [IDS.d1]],
      ['flag=agenda_without_opinion', [IDS.d1]],
      ['sort=title&order=asc', [IDS.d1, IDS.d2]],
      ['sort=lag&order=asc', [IDS.d1, IDS.d2]],
      ['sort=lag&order=desc', [IDS.d2, IDS.d1]],
      ['sort=decidedOn&order=asc', [IDS.d2, IDS.d1]],
    ])('then %s filters or sorts them', async (query, expected) => {
      const { body } = await get(`/api/linkage/decisions?${query}`, 'jl-office').expect(200);
      expect(ids(body)).toEqual(expected);
    });

    it('then pages follow one another by cursor', async () => {
      const first = await get('/api/linkage/decisions?limit=1', 'jl-office').expect(200);
      expect(ids(first.body)).toEqual([IDS.d1]);
      const second = await get(
        `/api/linkage/decisions?limit=1&cursor=${first.body.nextCursor}`,
        'jl-office',
      ).expect(200);
      expect(ids(second.body)).toEqual([IDS.d2]);
      expect(second.body.nextCursor).toBeNull();
    });
  });

  describe('when the legislature reads the view', () => {
    it('then it sees the decision transmitted to it, not the one kept by the committee', async () => {
      const { body } = await get('/api/linkage/decisions', 'jl-party-group').expect(200);
      expect(ids(body)).toEqual([IDS.d1]);
      const special = await get('/api/linkage/decisions', 'jl-fgw').expect(200);
      expect(ids(special.body)).toEqual([IDS.d1]);
      await get(`/api/linkage/decisions/${IDS.d2}`, 'jl-party-group').expect(404);
    });

    it('then its items list shows each item’s stage, decisions, plan and flags', async () => {
      const { body } = await get(
        '/api/linkage/items?sort=proposedOn&order=asc',
        'jl-party-group',
      ).expect(200);
      expect(ids(body)).toEqual([IDS.i2, IDS.i3, IDS.i1]);
      const i3 = body.items[1];
      expect(i3).toMatchObject({
        stage: 'on_agenda',
        preDeliberationOpinionMissing: true,
        flags: ['overdue', 'agenda_without_opinion'],
        decisions: [{ decisionId: IDS.d1 }],
      });
      const filtered = await get(
        '/api/linkage/items?flag=open_divergence',
        'jl-party-group',
      ).expect(200);
      expect(ids(filtered.body)).toEqual([IDS.i2]);
      const byStage = await get(
        '/api/linkage/items?stage=in_force&kind=local_regulation',
        'jl-party-group',
      ).expect(200);
      expect(ids(byStage.body)).toEqual([IDS.i1]);
    });

    it('then an item’s detail shows the decisions it carries out, its plan, submissions and points with their history', async () => {
      const { body } = await get(`/api/linkage/items/${IDS.i1}`, 'jl-party-group').expect(200);
      expect(body).toMatchObject({
        stage: 'in_force',
        plan: { planId: IDS.p1, title: '2025年度立法计划' },
        decisions: [{ decisionId: IDS.d1, lagToAdoptionDays: 100, lagToInForceDays: 111 }],
        // S1's feedback was due 2025-04-03 and point 3 is still unanswered.
        flags: ['overdue', 'amendment_not_started'],
        adoption: { adopted: 2, pending: 1 },
      });
      const point2 = body.submissions[0].points[1];
      expect(point2).toMatchObject({
        adoption: 'adopted',
        readingNumber: 2,
        articles: ['art_12', 'art_13/para_2'],
        revisionNumber: 1,
      });
      expect(point2.history.map((h: { adoption: string }) => h.adoption)).toEqual([
        'partly_adopted',
        'adopted',
      ]);
    });
  });

  describe('when an outsider reads the view', () => {
    it('then lists show nothing of it and details are 404', async () => {
      // The city office sees its own committee's decision only.
      expect(ids((await get('/api/linkage/decisions', 'cc-office').expect(200)).body)).toEqual([
        IDS.d3,
      ]);
      expect(ids((await get('/api/linkage/decisions', 'analyst').expect(200)).body)).toEqual([]);
      expect(ids((await get('/api/linkage/items', 'cc-office').expect(200)).body)).toEqual([
        IDS.i4,
      ]);
      await get(`/api/linkage/decisions/${IDS.d1}`, 'cc-office').expect(404);
      await get(`/api/linkage/items/${IDS.i1}`, 'cc-office').expect(404);
      await get(`/api/linkage/items/${IDS.i1}`, 'analyst').expect(404);
      const csv = await get('/api/linkage/decisions/export?format=csv', 'cc-office').expect(200);
      expect(csv.text).not.toMatch(/吉发〔2025〕1号|吉发〔2024〕2号/);
    });

    it('then an unknown decision is 404 and a token is required', async () => {
      await get(`/api/linkage/decisions/${randomUUID()}`, 'jl-office').expect(404);
      await t.http.get('/api/linkage/decisions').expect(401);
    });
  });

  describe('when a query is malformed', () => {
    it.each([
      ['decisions?level=galaxy', 'level'],
      ['decisions?regionCode=22', 'regionCode'],
      ['decisions?year=abc', 'year'],
      ['decisions?flag=late', 'flag'],
      ['decisions?sort=size', 'sort'],
      ['decisions?stage=done', 'stage'],
      ['decisions?asOf=yesterday', 'asOf'],
      ['decisions?asOf=2025-02-30', 'asOf'],
      ['decisions?cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['decisions?limit=0', 'limit'],
      ['decisions?colour=red', 'colour'],
      ['decisions/export?format=xlsx', 'format'],
      ['items?kind=statute', 'kind'],
      [`items/${IDS.i1}?asOf=soon`, 'asOf'],
    ])('then %s is 400 naming %s', async (path, field) => {
      const { body } = await get(`/api/linkage/${path}`, 'jl-office').expect(400);
      expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('then a malformed id is 400', async () => {
      await get('/api/linkage/decisions/not-a-uuid', 'jl-office').expect(400);
    });
  });

  describe('when the view is read as of a past moment', () => {
    it('then as of the first batch’s position no item was linked yet, and its flags are counted to that day', async () => {
      const { body } = await get(`/api/linkage/decisions?asOf=${positions[0]}`, 'jl-office').expect(
        200,
      );
      expect(ids(body)).toEqual([IDS.d1, IDS.d2]);
      expect(body.items[0].items).toEqual([]);
      const detail = await get(
        `/api/linkage/decisions/${IDS.d1}?asOf=${positions[0]}`,
        'jl-office',
      ).expect(200);
      expect(detail.body.asOf.at).toBe(Number(positions[0].split('/')[0]));
      const item = await get(
        `/api/linkage/items/${IDS.i1}?asOf=${positions[0]}`,
        'jl-party-group',
      ).expect(200);
      expect(item.body).toMatchObject({ stage: 'proposed', plan: null, decisions: [] });
    });

    it('then as of a date before the log nothing existed, and as of today everything does', async () => {
      const before = await get('/api/linkage/decisions?asOf=2020-01-01', 'jl-office').expect(200);
      expect(ids(before.body)).toEqual([]);
      await get(`/api/linkage/decisions/${IDS.d1}?asOf=2020-01-01`, 'jl-office').expect(404);
      const today = beijingDay(new Date().toISOString());
      const now = await get(`/api/linkage/decisions?asOf=${today}`, 'jl-office').expect(200);
      expect(ids(now.body)).toEqual([IDS.d1, IDS.d2]);
    });
  });

  describe('when the clock moves', () => {
    afterEach(() => t.clock.set('2025-06-01T04:00:00.000Z'));

    it('then flags follow it and the configured thresholds', async () => {
      // 2025-05-10: I2 has 190 days in drafting, under LINKAGE_STALLED_DAYS=200.
      t.clock.set('2025-05-10T04:00:00.000Z');
      const { body } = await get('/api/linkage/decisions?flag=stalled', 'jl-office').expect(200);
      expect(ids(body)).toEqual([]);
      t.clock.set('2025-05-25T04:00:00.000Z');
      const later = await get('/api/linkage/decisions?flag=stalled', 'jl-office').expect(200);
      expect(ids(later.body)).toEqual([IDS.d1]);
    });
  });

  it('when the labels are read, then every linkage flag has its zh-CN and en name', async () => {
    const { body } = await get('/api/labels', 'jl-office').expect(200);
    expect(body.linkageFlags.stalled).toEqual({
      zh: '立法项目停滞',
      en: 'Item stalled in a stage',
    });
    expect(Object.keys(body.linkageFlags)).toHaveLength(6);
  });

  describe('when the view is exported', () => {
    it('then CSV is UTF-8 with a BOM, Chinese headers with English beside, one row per decision', async () => {
      const res = await get('/api/linkage/decisions/export?format=csv', 'jl-office')
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /attachment; filename="linkage-decisions-/,
      );
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
      expect(lines[0]).toMatch(/^决策编号 Decision id,文号 Document number,标题 Title,/);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain('吉发〔2025〕1号');
      expect(lines[1]).toContain('吉林省黑土地保护条例（已施行，31天）');
      expect(lines[2]).toContain('需立法跟进但逾期未关联立法项目');
    });

    it('then the filters apply, and lang=en gives English headers and labels', async () => {
      const res = await get(
        '/api/linkage/decisions/export?format=csv&lang=en&flag=unlinked',
        'jl-office',
      ).expect(200);
      const lines = res.text
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter(Boolean);
      expect(lines[0]).toMatch(/^Decision id,Document number,Title,/);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('Needs follow-up, no item linked in time');
    });

    it('then JSON holds the same summaries as the list, with the moment', async () => {
      const res = await get('/api/linkage/decisions/export?format=json', 'jl-office').expect(200);
      const list = await get('/api/linkage/decisions', 'jl-office').expect(200);
      expect(res.body.items).toEqual(list.body.items);
      expect(res.body.asOf).toEqual({ at: null, today: '2025-06-01' });
      expect(res.body.truncated).toBe(false);
    });
  });
});
