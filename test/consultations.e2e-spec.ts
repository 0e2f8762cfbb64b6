import Database from 'better-sqlite3';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { OrganisationDirectory } from '../src/platform/access/actor';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import { CommandBus } from '../src/platform/commands/command-bus';
import { InboundCommandProcessor } from '../src/platform/integration/inbound-commands';
import { toIntegrationMessage } from '../src/platform/integration/integration-events';
import { EVENT_STORE, EventStore, LOG_START } from '../src/platform/event-store/event-store.port';
import {
  JILIN_LEGISLATURE,
  NOWHERE,
  OFFICE,
  OTHER_OFFICE,
  eventCount,
  registerOutreachOffices,
} from './support/consultations';
import { TestApp, startTestApp } from './support/test-app';

const fields = (body: { errors?: { field: string; rule: string }[] }) =>
  (body.errors ?? []).map((e) => `${e.field}:${e.rule}`);

const ARTICLES = [
  { articleId: 'art_1', text: '第一条 为了规范物业管理活动……' },
  { articleId: 'art_12', text: '第十二条 业主大会……' },
  { articleId: 'art_12/para_2', text: '第十二条第二款 ……' },
];

const PHONE = '13912345678';
const NAME = '王秀英';
const ADDRESS = '长春市南关区自由大路一号';

describe('Public consultations through outreach offices over HTTP', () => {
  let t: TestApp;
  let consultation: string;
  let staff: Record<string, string>;
  const as = (who: string) => ({ Authorization: `Bearer ${staff[who] ?? t.tokens[who]}` });
  const events = () => eventCount(t);

  beforeAll(async () => {
    t = await startTestApp({ CONSULTATION_PUBLIC_OPINIONS_PER_HOUR: '4' });
    staff = await registerOutreachOffices(t);
  });
  afterAll(() => t.close());

  describe('outreach offices as organisations', () => {
    const describeOffice = (id: string, body: object, who = 'admin') =>
      t.http.post(`/api/organisations/${id}/outreach`).set(t.as(who)).send(body);
    const NETWORK = {
      tier: 'prefecture',
      legislatureIds: ['cn-220100-npcpg', JILIN_LEGISLATURE],
      liaisonOfficerIds: ['lloo-staff', 'liaison-2'],
      collectionPoints: [
        { placeId: 'grid-0001', nameZh: '自由大路社区采集点', regionCode: '220102' },
      ],
      outreachUnits: [{ placeId: 'unit-school', nameZh: '东北师大附中', regionCode: '220102' }],
    };

    it('an administrator describes an office serving two legislatures; the directory shows it', async () => {
      await describeOffice(OFFICE, NETWORK).expect(200);
      await describeOffice(OTHER_OFFICE, {
        ...NETWORK,
        legislatureIds: ['cn-220100-npcpg'],
      }).expect(200);
      const office = await t.http
        .get(`/api/organisations/${OFFICE}`)
        .set(t.as('jl-fgw'))
        .expect(200);
      expect(office.body.outreach).toEqual({
        tier: 'prefecture',
        legislatureIds: ['cn-220100-npcpg', JILIN_LEGISLATURE],
        liaisonOfficers: 2,
        collectionPoints: NETWORK.collectionPoints,
        outreachUnits: NETWORK.outreachUnits,
      });
      const serving = await t.http
        .get(`/api/organisations?servesLegislatureId=${JILIN_LEGISLATURE}`)
        .set(t.as('jl-fgw'))
        .expect(200);
      expect(serving.body.items.map((o: { organisationId: string }) => o.organisationId)).toEqual([
        OFFICE,
      ]);
      const party = await t.http.get('/api/organisations/cn-220000-npcpg').set(t.as('jl-fgw'));
      expect(party.body.outreach).toBeNull();
    });

    it('only an administrator describes one, only an outreach office has one, of registered legislatures', async () => {
      expect((await describeOffice(OFFICE, NETWORK, 'jl-fgw')).status).toBe(403);
      const notOffice = await describeOffice('cn-220000-npcpg', NETWORK).expect(422);
      expect(fields(notOffice.body)).toEqual(['organisationId:outreach_office']);
      const unknown = await describeOffice(OFFICE, {
        ...NETWORK,
        legislatureIds: ['cn-220100-npcpg', 'no-such-body'],
      }).expect(422);
      expect(fields(unknown.body)).toEqual(['legislatureIds[1]:legislature']);
      const tier = await describeOffice(OFFICE, { ...NETWORK, tier: 'national' }).expect(422);
      expect(fields(tier.body)).toEqual(['tier:tier_matches_legislature']);
      const bad = await describeOffice(OFFICE, { ...NETWORK, tier: 'county' }).expect(400);
      expect(fields(bad.body)).toContain('tier:isIn');
    });
  });

  describe('a consultation on a draft', () => {
    const OPEN = {
      legislatureId: JILIN_LEGISLATURE,
      subject: 'draft',
      title: '吉林省物业管理条例（草案）',
      versionLabel: '一审稿',
      articles: ARTICLES,
      opensAt: '2025-03-10T00:00:00.000Z',
      closesAt: '2025-04-10T00:00:00.000Z',
    };

    it('the legislature side opens it; the committee office and another city may not', async () => {
      const opened = await t.http
        .post('/api/consultations')
        .set(t.as('jl-fgw'))
        .send(OPEN)
        .expect(201);
      consultation = opened.body.consultationId;
      expect(opened.headers.location).toBe(`/api/consultations/${consultation}`);
      expect(
        (await t.http.post('/api/consultations').set(t.as('jl-office')).send(OPEN)).status,
      ).toBe(403);
      expect((await t.http.post('/api/consultations').set(t.as('cc-fgw')).send(OPEN)).status).toBe(
        403,
      );
      const detail = await t.http
        .get(`/api/consultations/${consultation}`)
        .set(as('office'))
        .expect(200);
      expect(detail.body).toMatchObject({ version: 1, status: 'open', opinions: 0 });
      expect(detail.body.articles.map((a: { articleId: string }) => a.articleId)).toEqual([
        'art_1',
        'art_12',
        'art_12/para_2',
      ]);
    });

    it('is listed for anyone signed in, not for the anonymous; an unknown one is 404', async () => {
      const list = await t.http.get('/api/consultations').set(as('office')).expect(200);
      expect(list.body.items.map((c: { consultationId: string }) => c.consultationId)).toEqual([
        consultation,
      ]);
      await t.http.get('/api/consultations').expect(401);
      await t.http.get(`/api/consultations/${consultation}`).expect(401);
      await t.http.get(`/api/consultations/${NOWHERE}`).set(as('office')).expect(404);
      await t.http.get(`/api/public/consultations/${NOWHERE}/noticeboard`).expect(404);
      await t.http.get(`/api/consultations/records/${NOWHERE}`).set(as('office')).expect(404);
    });

    it('shows the public its draft for the form, without an account; an unknown one is 404', async () => {
      const staffView = await t.http
        .get(`/api/consultations/${consultation}`)
        .set(as('office'))
        .expect(200);
      const publicView = await t.http.get(`/api/public/consultations/${consultation}`).expect(200);
      expect(publicView.body).toEqual(staffView.body);
      expect(publicView.body.articles.map((a: { articleId: string }) => a.articleId)).toEqual(
        ARTICLES.map((a) => a.articleId),
      );
      await t.http.get(`/api/public/consultations/${NOWHERE}`).expect(404);
      await t.http.get('/api/public/consultations/not-a-uuid').expect(400);
    });

    it('refuses bad article ids and windows', async () => {
      const ids = await t.http
        .post('/api/consultations')
        .set(t.as('jl-fgw'))
        .send({ ...OPEN, articles: [{ articleId: 'article twelve', text: 'x' }] })
        .expect(400);
      expect(fields(ids.body)).toContain('articles.0.articleId:matches');
      const window = await t.http
        .post('/api/consultations')
        .set(t.as('jl-fgw'))
        .send({ ...OPEN, closesAt: '2025-03-01T00:00:00.000Z' })
        .expect(422);
      expect(fields(window.body)).toEqual(['closesAt:after_opens_at']);
    });
  });

  let opinionIds: string[];
  let intake: string;
  /** The receipt code of the online opinion, which joins the symposium's cluster. */
  let receipt: string;

  describe('intake', () => {
    const batch = {
      channel: 'symposium',
      opinions: [
        {
          text: '建议第十二条第二款增加业主大会的表决期限。',
          articleIds: ['art_12/para_2'],
          contact: { name: NAME, phone: PHONE, address: ADDRESS },
          tellBackByOffice: true,
        },
        {
          text: '建议第十二条第二款增加业主大会的表决期限！',
          articleIds: ['art_12/para_2'],
          contact: { name: '李四', phone: '13800000001' },
        },
        { text: '第一条立法目的应写明保护业主权益。', articleIds: ['art_1'] },
      ],
    };

    it('an office serving the legislature enters a symposium batch: one event per opinion', async () => {
      const before = events();
      const r = await t.http
        .post(`/api/consultations/${consultation}/opinion-intakes`)
        .set(as('office'))
        .send(batch)
        .expect(201);
      intake = r.body.recordId;
      opinionIds = r.body.opinionIds;
      expect(opinionIds).toHaveLength(3);
      expect(events() - before).toBe(3);
      const record = await t.http
        .get(`/api/consultations/records/${intake}`)
        .set(as('office'))
        .expect(200);
      expect(record.body.receipts).toHaveLength(3);
      expect(record.body.receipts[0].receiptCode).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}$/);
      // The other office reads neither the record nor its opinions.
      await t.http.get(`/api/consultations/records/${intake}`).set(as('other')).expect(404);
      const others = await t.http
        .get(`/api/consultations/${consultation}/opinions`)
        .set(as('other'))
        .expect(200);
      expect(others.body.items).toEqual([]);
    });

    it('refuses an office that does not serve the legislature, unknown articles, the wrong role', async () => {
      const before = events();
      const other = await t.http
        .post(`/api/consultations/${consultation}/opinion-intakes`)
        .set(as('other'))
        .send(batch)
        .expect(422);
      expect(fields(other.body)).toEqual(['consultationId:served_legislature']);
      const article = await t.http
        .post(`/api/consultations/${consultation}/opinion-intakes`)
        .set(as('office'))
        .send({ channel: 'letter', opinions: [{ text: '意见', articleIds: ['art_99'] }] })
        .expect(422);
      expect(fields(article.body)).toEqual(['opinions[0].articleIds[0]:article_of_version']);
      await t.http
        .post(`/api/consultations/${consultation}/opinion-intakes`)
        .set(t.as('jl-fgw'))
        .send(batch)
        .expect(403);
      await t.http
        .post(`/api/consultations/${NOWHERE}/opinion-intakes`)
        .set(as('office'))
        .send(batch)
        .expect(404);
      const online = await t.http
        .post(`/api/consultations/${consultation}/opinion-intakes`)
        .set(as('office'))
        .send({ ...batch, channel: 'online' })
        .expect(400);
      expect(fields(online.body)).toContain('channel:isIn');
      expect(events()).toBe(before);
    });

    it('an office’s system sends a batch over the Kafka inbound command; a redelivery appends nothing', async () => {
      const processor = new InboundCommandProcessor(
        t.app.get(FeatureRegistry),
        t.app.get(CommandBus),
        t.app.get(OrganisationDirectory),
        ['office-system'],
      );
      const header = (values: Record<string, string>) =>
        Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v)]));
      const message = (id: string, body: object) =>
        processor.process(
          header({
            ce_specversion: '1.0',
            ce_id: id,
            ce_type: 'cn.legislink.command.consultation.opinions.submit.v1',
            ce_source: 'office-system',
            ce_consultationid: consultation,
            ce_onbehalfof: JSON.stringify({
              userId: 'lloo-system',
              organisationId: OFFICE,
              roles: ['outreach'],
            }),
          }),
          Buffer.from(JSON.stringify(body)),
        );
      const body = {
        channel: 'system',
        opinions: [{ text: '微信群收集：建议增设电梯加装条款。', articleIds: ['art_12'] }],
      };
      const before = events();
      const first = await message('kafka-intake-1', body);
      expect(first.accepted).toBe(true);
      expect(events() - before).toBe(1);
      const again = await message('kafka-intake-1', body);
      expect(again.accepted).toBe(true);
      expect(events() - before).toBe(1);
      const refused = await message('kafka-intake-2', { ...body, channel: 'online' });
      expect(refused.accepted).toBe(false);
      // A refused intake's dead letter keeps no opinion (they hold contacts).
      expect(refused.accepted === false && refused.withheld).toEqual(['opinions']);
      const list = await t.http
        .get(`/api/consultations/${consultation}/opinions?articleId=art_12`)
        .set(t.as('jl-fgw'));
      expect(list.body.items.map((o: { channel: string }) => o.channel)).toEqual(['system']);
    });

    it('anyone gives an opinion online without an account and gets a receipt code', async () => {
      const r = await t.http
        .post(`/api/public/consultations/${consultation}/opinions`)
        .send({ text: '建议第十二条第二款增加业主大会的表决期限', articleIds: ['art_12/para_2'] })
        .expect(201);
      receipt = r.body.receiptCode;
      expect(Object.keys(r.body)).toEqual(['receiptCode']);
      const looked = await t.http.get(`/api/public/receipts/${receipt}`).expect(200);
      expect(looked.body).toEqual({
        consultationTitle: '吉林省物业管理条例（草案）',
        submittedAt: '2025-03-10T02:00:00.000Z',
        articleIds: ['art_12/para_2'],
        disposition: null,
      });
      await t.http.get('/api/public/receipts/AAAAA-BBBBB-CCCCC').expect(404);
      const bad = await t.http.get('/api/public/receipts/not-a-code').expect(400);
      expect(fields(bad.body)).toEqual(['code:matches']);
    });

    it('hostile public input gets a clear 4xx and writes nothing', async () => {
      const before = events();
      const post = (body: unknown) =>
        t.http.post(`/api/public/consultations/${consultation}/opinions`).send(body as object);
      const script = await post({ text: '好<script>alert(1)</script>', articleIds: [] }).expect(
        400,
      );
      expect(fields(script.body)).toEqual(['text:matches']);
      expect(fields((await post({ text: '   ', articleIds: [] }).expect(400)).body)).toEqual([
        'text:matches',
      ]);
      expect(fields((await post({ text: '', articleIds: [] }).expect(400)).body)).toContain(
        'text:isLength',
      );
      const long = await post({ text: '长'.repeat(5001), articleIds: [] }).expect(400);
      expect(fields(long.body)).toEqual(['text:isLength']);
      await post({ text: 'x'.repeat(2_000_000), articleIds: [] }).expect(413);
      const contact = await post({
        text: '意见',
        articleIds: [],
        contact: { name: '<img src=x onerror=alert(1)>' },
      }).expect(400);
      expect(fields(contact.body)).toEqual(['contact.name:matches']);
      await post({ text: '意见', articleIds: ['art_99'] }).expect(422);
      await t.http
        .post(`/api/public/consultations/not-a-uuid/opinions`)
        .send({ text: 'x', articleIds: [] })
        .expect(400);
      await post({ text: '意见', articleIds: [], officeId: OFFICE }).expect(400);
      expect(events()).toBe(before);
    });

    it('a flood from one address is refused with 429 and Retry-After, and writes nothing', async () => {
      // The limit is 4 an hour here: the first opinion above and the refused art_99 one counted.
      const post = () =>
        t.http
          .post(`/api/public/consultations/${consultation}/opinions`)
          .send({ text: '物业服务收费标准应当公开', articleIds: ['art_1'] });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await post()).status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      const before = events();
      const flood = await post().expect(429);
      expect(flood.headers['content-type']).toMatch(/problem\+json/);
      expect(events()).toBe(before);
    });
  });

  describe('clusters, dispositions, publication, noticeboard', () => {
    let cluster: string;

    it('identical and near-identical opinions form a cluster with its count and members', async () => {
      const clusters = await t.http
        .get(`/api/consultations/${consultation}/clusters`)
        .set(t.as('jl-fgw'))
        .expect(200);
      // Two from the symposium and one online; the flood's two; two lone opinions.
      expect(clusters.body.items.map((c: { size: number }) => c.size)).toEqual([3, 2, 1, 1]);
      const top = clusters.body.items[0];
      cluster = top.clusterId;
      // Named by its first opinion, with a sample of its text.
      expect(cluster).toBe(opinionIds[0]);
      expect(top.sample).toBe('建议第十二条第二款增加业主大会的表决期限。');
      const members = await t.http
        .get(`/api/consultations/${consultation}/opinions?clusterId=${cluster}`)
        .set(t.as('jl-fgw'))
        .expect(200);
      expect(members.body.items).toHaveLength(3);
      await t.http.get(`/api/consultations/${consultation}/clusters`).set(as('office')).expect(404);
    });

    it('staff split and merge clusters, each an event', async () => {
      const split = await t.http
        .post(`/api/consultations/${consultation}/cluster-splits`)
        .set(t.as('jl-fgw'))
        .send({ clusterId: cluster, opinionIds: [opinionIds[1]] })
        .expect(200);
      expect(split.body.events).toEqual(['ClusterSplit']);
      let sizes = (
        await t.http.get(`/api/consultations/${consultation}/clusters`).set(t.as('jl-fgw'))
      ).body.items.map((c: { clusterId: string; size: number }) => [c.clusterId, c.size]);
      expect(sizes).toContainEqual([cluster, 2]);
      expect(sizes).toContainEqual([opinionIds[1], 1]);
      const notMember = await t.http
        .post(`/api/consultations/${consultation}/cluster-splits`)
        .set(t.as('jl-fgw'))
        .send({ clusterId: cluster, opinionIds: [opinionIds[2]] })
        .expect(422);
      expect(fields(notMember.body)).toEqual(['opinionIds[0]:member']);
      await t.http
        .post(`/api/consultations/${consultation}/cluster-merges`)
        .set(t.as('jl-fgw'))
        .send({ clusterId: cluster, mergedClusterIds: [opinionIds[1]] })
        .expect(200);
      sizes = (
        await t.http.get(`/api/consultations/${consultation}/clusters`).set(t.as('jl-fgw'))
      ).body.items.map((c: { clusterId: string; size: number }) => [c.clusterId, c.size]);
      expect(sizes).toContainEqual([cluster, 3]);
      expect(sizes.map((s: [string, number]) => s[0])).not.toContain(opinionIds[1]);
      await t.http
        .post(`/api/consultations/${consultation}/cluster-merges`)
        .set(as('office'))
        .send({ clusterId: cluster, mergedClusterIds: [opinionIds[2]] })
        .expect(403);
    });

    it('dispositions per cluster and per opinion are drafts, internal until published together', async () => {
      const sheet = await t.http
        .post(`/api/consultations/${consultation}/disposition-sheets`)
        .set(t.as('jl-fgw'))
        .send({
          dispositions: [
            {
              clusterId: cluster,
              outcome: 'adopted',
              reason: '已增加表决期限。',
              resultingArticleId: 'art_12/para_2',
              textChange: '增加“业主大会应当自收到提议之日起三十日内表决”。',
            },
            { opinionIds: [opinionIds[2]], outcome: 'not_adopted', reason: '第一条已体现。' },
          ],
        })
        .expect(201);
      expect(sheet.body.dispositions).toBe(4);
      const noArticle = await t.http
        .post(`/api/consultations/${consultation}/disposition-sheets`)
        .set(t.as('jl-fgw'))
        .send({
          dispositions: [{ opinionIds: [opinionIds[2]], outcome: 'adopted', reason: '采纳' }],
        })
        .expect(422);
      expect(fields(noArticle.body)).toEqual([
        'dispositions[0].resultingArticleId:required_when_adopted',
      ]);
      const unknown = await t.http
        .post(`/api/consultations/${consultation}/disposition-sheets`)
        .set(t.as('jl-fgw'))
        .send({ dispositions: [{ opinionIds: [NOWHERE], outcome: 'not_adopted', reason: 'r' }] })
        .expect(422);
      expect(fields(unknown.body)).toEqual(['dispositions[0].opinionIds[0]:exists']);
      await t.http
        .post(`/api/consultations/${consultation}/disposition-sheets`)
        .set(as('office'))
        .send({
          dispositions: [{ opinionIds: [opinionIds[2]], outcome: 'not_adopted', reason: 'r' }],
        })
        .expect(403);

      // Before publication: nothing public, nothing for the office, the draft for the legislature.
      const board = await t.http
        .get(`/api/public/consultations/${consultation}/noticeboard`)
        .expect(200);
      expect(board.body).toEqual({ items: [], nextCursor: null });
      const own = await t.http.get(`/api/consultations/${consultation}/opinions`).set(as('office'));
      // The office's own four (symposium and Kafka): neither a draft nor a publication shows.
      expect(own.body.items).toHaveLength(4);
      for (const o of own.body.items) expect([o.draft, o.published]).toEqual([null, null]);
      const legislature = await t.http
        .get(`/api/consultations/${consultation}/opinions`)
        .set(t.as('jl-fgw'));
      expect(legislature.body.items[0].draft.outcome).toBe('adopted');
      const lookup = await t.http.get(`/api/public/receipts/${receipt}`).expect(200);
      expect(lookup.body.disposition).toBeNull();
    });

    it('publication makes them public: noticeboard, receipt lookup, summary', async () => {
      await t.http
        .post(`/api/consultations/${consultation}/publications`)
        .set(as('office'))
        .send({})
        .expect(403);
      await t.http
        .post(`/api/consultations/${consultation}/publications`)
        .set(t.as('jl-fgw'))
        .send({})
        .expect(200);
      const again = await t.http
        .post(`/api/consultations/${consultation}/publications`)
        .set(t.as('jl-fgw'))
        .send({})
        .expect(422);
      expect(fields(again.body)).toEqual(['consultationId:nothing_to_publish']);
      const board = await t.http
        .get(`/api/public/consultations/${consultation}/noticeboard?limit=2`)
        .expect(200);
      expect(board.body.items).toHaveLength(2);
      const text = JSON.stringify(board.body);
      for (const secret of [NAME, PHONE, 'contributor', 'office', 'lloo', 'draft']) {
        expect(text).not.toContain(secret);
      }
      expect(board.body.items[0]).toMatchObject({
        outcome: 'adopted',
        resultingArticleId: 'art_12/para_2',
        textChange: '增加“业主大会应当自收到提议之日起三十日内表决”。',
      });
      const next = await t.http
        .get(
          `/api/public/consultations/${consultation}/noticeboard?limit=2&cursor=${board.body.nextCursor}`,
        )
        .expect(200);
      expect(next.body.items).toHaveLength(1);
      expect(next.body.nextCursor).toBeNull();
      const lookup = await t.http.get(`/api/public/receipts/${receipt.toLowerCase()}`).expect(200);
      expect(lookup.body.disposition).toEqual({
        outcome: 'adopted',
        reason: '已增加表决期限。',
        resultingArticleId: 'art_12/para_2',
        textChange: '增加“业主大会应当自收到提议之日起三十日内表决”。',
      });

      const summary = await t.http
        .get(`/api/consultations/${consultation}/summary`)
        .set(t.as('jl-fgw'))
        .expect(200);
      expect(summary.body.articles).toContainEqual({
        articleId: 'art_12/para_2',
        opinions: 3,
        adopted: 3,
        partlyAdopted: 0,
        notAdopted: 0,
      });
      expect(summary.body.unpublishedDrafts).toBe(0);
      expect(summary.body.linkage).toBeNull();
      expect(summary.body.topClusters[0]).toMatchObject({ clusterId: opinionIds[0], size: 3 });
      await t.http.get(`/api/consultations/${consultation}/summary`).set(as('office')).expect(404);
    });
  });

  describe('telling back and erasure', () => {
    let contributorId: string;

    it('an office sees whom to tell, with the contact opened, and records that it did', async () => {
      const list = await t.http
        .get(`/api/consultations/${consultation}/telling-back`)
        .set(as('office'))
        .expect(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0].contact).toEqual({ name: NAME, phone: PHONE, address: ADDRESS });
      contributorId = list.body.items[0].contributorId;
      await t.http
        .get(`/api/consultations/${consultation}/telling-back`)
        .set(t.as('jl-fgw'))
        .expect(404);
      const others = await t.http
        .get(`/api/consultations/${consultation}/telling-back`)
        .set(as('other'))
        .expect(200);
      expect(others.body.items).toEqual([]);
      const other = await t.http
        .post(`/api/consultations/${consultation}/telling-back`)
        .set(as('other'))
        .send({ opinionIds: [opinionIds[0]], means: 'phone' })
        .expect(422);
      expect(fields(other.body)).toEqual(['opinionIds[0]:own_office']);
      await t.http
        .post(`/api/consultations/${consultation}/telling-back`)
        .set(as('office'))
        .send({ opinionIds: [opinionIds[0]], means: 'phone' })
        .expect(201);
      const after = await t.http
        .get(`/api/consultations/${consultation}/telling-back`)
        .set(as('office'));
      expect(after.body.items).toEqual([]);
    });

    it('erasure deletes the key: no personal data is readable anywhere and verification passes', async () => {
      const file = join(t.dir, 'legislink.sqlite');
      const keyOf = () => {
        const db = new Database(file, { readonly: true });
        try {
          return (
            db
              .prepare('SELECT key FROM contributor_keys WHERE contributor_id = ?')
              .get(contributorId) as { key: Buffer } | undefined
          )?.key;
        } finally {
          db.close();
        }
      };
      const key = keyOf()!;
      expect(key).toHaveLength(32);
      await t.http
        .post('/api/consultations/contributor-erasures')
        .set(as('other'))
        .send({ contributorId })
        .expect(403);
      await t.http
        .post('/api/consultations/contributor-erasures')
        .set(as('office'))
        .send({ contributorId })
        .expect(201);
      expect(keyOf()).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The raw files: the contact was never there in clear, and the key is gone from them.
      for (const path of [file, `${file}-wal`]) {
        if (!existsSync(path)) continue;
        const bytes = readFileSync(path);
        for (const clear of [NAME, PHONE, ADDRESS])
          expect(bytes.includes(Buffer.from(clear))).toBe(false);
        expect(bytes.includes(key)).toBe(false);
      }
      // The API: the opinion's contact cannot be opened, the opinion list never had it.
      const db = new Database(file, { readonly: true });
      const sealed = db
        .prepare(`SELECT data FROM events WHERE type = 'OpinionSubmitted'`)
        .all() as { data: string }[];
      db.close();
      expect(
        sealed.some((e) => e.data.includes(contributorId) && e.data.includes('ciphertext')),
      ).toBe(true);
      const opinions = await t.http
        .get(`/api/consultations/${consultation}/opinions`)
        .set(t.as('jl-fgw'));
      expect(JSON.stringify(opinions.body)).not.toMatch(new RegExp(`${NAME}|${PHONE}|ciphertext`));
      // Integration events (what Kafka would carry) of every event in the log: no contact, no
      // sealed contact, no pseudonym of an opinion's author, no opinion text.
      const store = t.app.get<EventStore>(EVENT_STORE);
      const log = await store.readAll({ from: LOG_START, maxCount: 100_000 });
      const messages = log
        .map((e) =>
          toIntegrationMessage(t.app.get(FeatureRegistry), e, null, {
            topicPrefix: 'legislink.',
            source: 'urn:legislink:test',
            textCategories: [],
          }),
        )
        .filter((m) => m !== null && m.topic.startsWith('legislink.consultation'));
      expect(messages.length).toBeGreaterThan(10);
      const carried = JSON.stringify(messages);
      for (const secret of [NAME, PHONE, ADDRESS, 'ciphertext', '建议第十二条第二款增加']) {
        expect(carried).not.toContain(secret);
      }
      // The pseudonym only in the erasure's own event.
      expect(messages.filter((m) => m!.value.includes(contributorId)).map((m) => m!.topic)).toEqual(
        ['legislink.consultation-contributors'],
      );
      const verification = await t.http
        .get('/api/event-store/verification')
        .set(t.as('admin'))
        .expect(200);
      expect(verification.body.valid).toBe(true);
      await t.http
        .post('/api/consultations/contributor-erasures')
        .set(t.as('admin'))
        .send({ contributorId })
        .expect(409);
      await t.http
        .post('/api/consultations/contributor-erasures')
        .set(t.as('admin'))
        .send({ contributorId: NOWHERE })
        .expect(422);
    });
  });

  describe('rounds and windows', () => {
    it('a closed round refuses opinions; a new draft version is consulted again', async () => {
      await t.http
        .post(`/api/consultations/${consultation}/closure`)
        .set(t.as('jl-fgw'))
        .send({})
        .expect(200);
      const closed = await t.http
        .post(`/api/consultations/${consultation}/opinion-intakes`)
        .set(as('office'))
        .send({ channel: 'letter', opinions: [{ text: '意见', articleIds: [] }] })
        .expect(422);
      expect(fields(closed.body)).toEqual(['consultationId:accepts_opinions']);
      const round = {
        version: 2,
        versionLabel: '二审稿',
        articles: [...ARTICLES, { articleId: 'art_13', text: '第十三条 ……' }],
        opensAt: '2025-05-01T00:00:00.000Z',
        closesAt: '2025-06-01T00:00:00.000Z',
      };
      const stale = await t.http
        .post(`/api/consultations/${consultation}/rounds`)
        .set(t.as('jl-fgw'))
        .send({ ...round, version: 1 })
        .expect(400);
      expect(fields(stale.body)).toEqual(['version:min']);
      await t.http
        .post(`/api/consultations/${consultation}/rounds`)
        .set(t.as('jl-fgw'))
        .send(round)
        .expect(200);
      // Before the window opens.
      await t.http
        .post(`/api/consultations/${consultation}/opinion-intakes`)
        .set(as('office'))
        .send({ channel: 'letter', opinions: [{ text: '意见', articleIds: ['art_13'] }] })
        .expect(422);
      t.clock.set(new Date('2025-05-02T00:00:00.000Z'));
      const r = await t.http
        .post(`/api/consultations/${consultation}/opinion-intakes`)
        .set(as('office'))
        .send({
          channel: 'letter',
          opinions: [{ text: '第十三条应明确维修基金。', articleIds: ['art_13'] }],
        })
        .expect(201);
      const list = await t.http
        .get(`/api/consultations/${consultation}/opinions?articleId=art_13`)
        .set(t.as('jl-fgw'));
      expect(
        list.body.items.map((o: { opinionId: string; version: number }) => [
          o.opinionId,
          o.version,
        ]),
      ).toEqual([[r.body.opinionIds[0], 2]]);
      t.clock.set(new Date('2025-06-01T00:00:00.000Z'));
      await t.http
        .post(`/api/consultations/${consultation}/opinion-intakes`)
        .set(as('office'))
        .send({ channel: 'letter', opinions: [{ text: '意见', articleIds: [] }] })
        .expect(422);
    });
  });
});
