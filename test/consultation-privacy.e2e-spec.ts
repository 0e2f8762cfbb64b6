import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrganisationDirectory } from '../src/platform/access/actor';
import { CommandBus } from '../src/platform/commands/command-bus';
import { EVENT_STORE, EventStore, LOG_START } from '../src/platform/event-store/event-store.port';
import { InboundCommandProcessor } from '../src/platform/integration/inbound-commands';
import { toIntegrationMessage } from '../src/platform/integration/integration-events';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import {
  JILIN_LEGISLATURE,
  NOWHERE,
  OFFICE,
  OTHER_OFFICE,
  eventCount,
  registerOutreachOffices,
} from './support/consultations';
import { TestApp, startTestApp } from './support/test-app';

/**
 * Personal data in consultations beyond the contact form: what people type into an opinion's
 * text, the export for the drafting unit and the committee, and erasure asked for by the
 * person with their receipt code.
 */
const fields = (body: { errors?: { field: string; rule: string }[] }) =>
  (body.errors ?? []).map((e) => `${e.field}:${e.rule}`);

/** What people wrote into their opinions about themselves, as written and as bare digits. */
const TYPED = {
  mobile: '139 1234 5678',
  idCard: '11010519491231002X',
  email: 'wang.xiuying@163.com',
  bankCard: '6222 0212 3456 7899 996',
  landline: '0431-88881234',
  onlineMobile: '13812345678',
};
const BARE = ['13912345678', '6222021234567899996', '043188881234'];
const NAME = '王秀英';
const CONTACT_PHONE = '13700000000';

const ARTICLES = [
  { articleId: 'art_1', text: '第一条 为了规范物业管理活动……' },
  { articleId: 'art_12', text: '第十二条 业主大会……' },
];

/** Read the raw bytes of the SQLite file and its WAL. */
function rawFiles(dir: string): Buffer[] {
  const file = join(dir, 'legislink.sqlite');
  return [file, `${file}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p));
}

describe('Personal data in consultations: screened text, exports, erasure by receipt code', () => {
  let t: TestApp;
  let consultation: string;
  let staff: Record<string, string>;
  const as = (who: string) => ({ Authorization: `Bearer ${staff[who] ?? t.tokens[who]}` });
  const events = () => eventCount(t);
  const keyOf = (contributorId: string) => {
    const db = new Database(join(t.dir, 'legislink.sqlite'), { readonly: true });
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
  /** Everything the API lets any reader of this consultation have, as one text. */
  const everythingReadable = async () => {
    const parts: string[] = [];
    for (const who of ['jl-fgw', 'office']) {
      const headers = who === 'office' ? as('office') : t.as(who);
      parts.push(
        JSON.stringify(
          (await t.http.get(`/api/consultations/${consultation}/opinions?limit=200`).set(headers))
            .body,
        ),
        (await t.http.get(`/api/consultations/${consultation}/export.csv`).set(headers)).text,
        (await t.http.get(`/api/consultations/${consultation}/export.json`).set(headers)).text,
      );
    }
    parts.push(
      JSON.stringify(
        (await t.http.get(`/api/public/consultations/${consultation}/noticeboard`)).body,
      ),
      JSON.stringify(
        (await t.http.get(`/api/consultations/${consultation}/clusters`).set(t.as('jl-fgw'))).body,
      ),
    );
    return parts.join('\n');
  };

  beforeAll(async () => {
    t = await startTestApp({
      CONSULTATION_PUBLIC_OPINIONS_PER_HOUR: '3',
      CONSULTATION_PUBLIC_ERASURES_PER_HOUR: '4',
    });
    staff = await registerOutreachOffices(t);
    const network = {
      tier: 'prefecture',
      liaisonOfficerIds: ['lloo-staff'],
      collectionPoints: [],
      outreachUnits: [],
    };
    await t.http
      .post(`/api/organisations/${OFFICE}/outreach`)
      .set(t.as('admin'))
      .send({ ...network, legislatureIds: ['cn-220100-npcpg', JILIN_LEGISLATURE] })
      .expect(200);
    await t.http
      .post(`/api/organisations/${OTHER_OFFICE}/outreach`)
      .set(t.as('admin'))
      .send({ ...network, legislatureIds: ['cn-220100-npcpg'] })
      .expect(200);
    const opened = await t.http
      .post('/api/consultations')
      .set(t.as('jl-fgw'))
      .send({
        legislatureId: JILIN_LEGISLATURE,
        subject: 'draft',
        title: '吉林省物业管理条例（草案）',
        versionLabel: '一审稿',
        articles: ARTICLES,
        opensAt: '2025-03-10T00:00:00.000Z',
        closesAt: '2025-04-10T00:00:00.000Z',
      })
      .expect(201);
    consultation = opened.body.consultationId;
  });
  afterAll(() => t.close());

  let officeOpinions: string[];
  let officeReceipts: string[];
  let onlineReceipt: string;

  describe('personal data typed into an opinion', () => {
    it('is taken out of the text on every channel: office batch, public form, Kafka', async () => {
      const batch = await t.http
        .post(`/api/consultations/${consultation}/opinion-intakes`)
        .set(as('office'))
        .send({
          channel: 'symposium',
          opinions: [
            {
              text: `请联系我：${TYPED.mobile}，身份证号${TYPED.idCard}。建议第十二条增加表决期限。`,
              articleIds: ['art_12'],
              contact: { name: NAME, phone: CONTACT_PHONE },
              tellBackByOffice: true,
            },
            {
              text: `-建议删除第一条，退款请打到${TYPED.bankCard}，回信${TYPED.email}`,
              articleIds: ['art_1'],
            },
          ],
        })
        .expect(201);
      officeOpinions = batch.body.opinionIds;
      officeReceipts = (
        await t.http.get(`/api/consultations/records/${batch.body.recordId}`).set(as('office'))
      ).body.receipts.map((r: { receiptCode: string }) => r.receiptCode);

      const online = await t.http
        .post(`/api/public/consultations/${consultation}/opinions`)
        .send({
          text: `=HYPERLINK("x") 手机${TYPED.onlineMobile}，请回复。`,
          articleIds: ['art_1'],
        })
        .expect(201);
      onlineReceipt = online.body.receiptCode;

      const processor = new InboundCommandProcessor(
        t.app.get(FeatureRegistry),
        t.app.get(CommandBus),
        t.app.get(OrganisationDirectory),
        ['office-system'],
      );
      const header = (values: Record<string, string>) =>
        Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v)]));
      const kafka = await processor.process(
        header({
          ce_specversion: '1.0',
          ce_id: 'privacy-intake-1',
          ce_type: 'cn.legislink.command.consultation.opinions.submit.v1',
          ce_source: 'office-system',
          ce_consultationid: consultation,
          ce_onbehalfof: JSON.stringify({
            userId: 'lloo-system',
            organisationId: OFFICE,
            roles: ['outreach'],
          }),
        }),
        Buffer.from(
          JSON.stringify({
            channel: 'system',
            opinions: [{ text: `热线收集，联系电话${TYPED.landline}。`, articleIds: ['art_12'] }],
          }),
        ),
      );
      expect(kafka.accepted).toBe(true);

      const list = await t.http
        .get(`/api/consultations/${consultation}/opinions`)
        .set(t.as('jl-fgw'))
        .expect(200);
      expect(list.body.items.map((o: { text: string }) => o.text)).toEqual([
        '请联系我：〔已隐去：手机号〕，身份证号〔已隐去：身份证号〕。建议第十二条增加表决期限。',
        '-建议删除第一条，退款请打到〔已隐去：银行卡号〕，回信〔已隐去：电子邮箱〕',
        '=HYPERLINK("x") 手机〔已隐去：手机号〕，请回复。',
        '热线收集，联系电话〔已隐去：电话〕。',
      ]);
    });

    it('never reaches the SQLite file or its WAL, in any form', () => {
      for (const bytes of rawFiles(t.dir)) {
        for (const value of [...Object.values(TYPED), ...BARE, NAME, CONTACT_PHONE]) {
          expect([value, bytes.includes(Buffer.from(value))]).toEqual([value, false]);
        }
      }
    });
  });

  describe('the export for the drafting unit and the committee', () => {
    beforeAll(async () => {
      await t.http
        .post(`/api/consultations/${consultation}/disposition-sheets`)
        .set(t.as('jl-fgw'))
        .send({
          dispositions: [
            {
              opinionIds: [officeOpinions[0]],
              outcome: 'adopted',
              reason: '已增加表决期限。',
              resultingArticleId: 'art_12',
              textChange: '增加“三十日内表决”。',
            },
          ],
        })
        .expect(201);
    });

    const csv = (who: Record<string, string>, query = '') =>
      t.http.get(`/api/consultations/${consultation}/export.csv${query}`).set(who);
    const json = (who: Record<string, string>, query = '') =>
      t.http.get(`/api/consultations/${consultation}/export.json${query}`).set(who);
    const lines = (text: string) => text.split('\r\n').filter((l) => l !== '');

    it('CSV: UTF-8 with a BOM, headers in both languages or one, drafts for the legislature side', async () => {
      const r = await csv(t.as('jl-fgw')).expect(200);
      expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(r.headers['content-disposition']).toBe(
        `attachment; filename="consultation-${consultation}-opinions.csv"`,
      );
      expect(r.text.startsWith('\uFEFF意见编号 Opinion id,')).toBe(true);
      const rows = lines(r.text);
      expect(rows).toHaveLength(5);
      expect(rows[0]).toContain('拟处理结果 Draft disposition');
      expect(rows[1]).toContain(',采纳,已增加表决期限。,art_12,增加“三十日内表决”。');
      // Formula injection: a cell starting with - or = is shown, not run.
      expect(rows[2]).toContain(",'-建议删除第一条");
      expect(rows[3]).toContain(`,"'=HYPERLINK(""x"") 手机〔已隐去：手机号〕，请回复。"`);
      expect(rows[3]).toContain(',网上征求意见,');
      const english = await csv(t.as('jl-fgw'), '?lang=en').expect(200);
      expect(lines(english.text)[0]).toBe(
        '\uFEFFOpinion id,Draft version,Articles,Channel,Outreach office,Cluster,Submitted at,Opinion,Disposition,Reason,Resulting article,Text change,Published at,Told back at,Draft disposition,Draft reason,Draft resulting article,Draft text change',
      );
      expect(lines(english.text)[4]).toContain(',Another system,');
      const chinese = await csv(t.as('jl-fgw'), '?lang=zh&articleId=art_12').expect(200);
      expect(lines(chinese.text)[0].startsWith('\uFEFF意见编号,稿次,涉及条款,渠道')).toBe(true);
      expect(lines(chinese.text)).toHaveLength(3);
    });

    it('JSON: the same opinions and rule; drafts only for the legislature side', async () => {
      const legislature = await json(t.as('jl-fgw')).expect(200);
      expect(legislature.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = JSON.parse(legislature.text);
      expect(body).toMatchObject({ consultationId: consultation, version: 1 });
      expect(body.items).toHaveLength(4);
      expect(body.items[0]).toMatchObject({
        opinionId: officeOpinions[0],
        articleIds: ['art_12'],
        channel: 'symposium',
        officeId: OFFICE,
        clusterId: officeOpinions[0],
        published: null,
        draft: { outcome: 'adopted', resultingArticleId: 'art_12' },
      });
      expect(Object.keys(body.items[0])).not.toContain('contributorId');
      // The office: its own three (symposium and Kafka), without a draft column or value.
      const office = JSON.parse((await json(as('office')).expect(200)).text);
      expect(office.items.map((o: { channel: string }) => o.channel)).toEqual([
        'symposium',
        'symposium',
        'system',
      ]);
      for (const item of office.items) expect(Object.keys(item)).not.toContain('draft');
      const officeCsv = lines((await csv(as('office'))).text);
      expect(officeCsv).toHaveLength(4);
      expect(officeCsv[0]).not.toContain('Draft disposition');
      expect(officeCsv.join('\n')).not.toContain('已增加表决期限');
    });

    it('no reader gets personal data, and the forbidden paths answer as the list does', async () => {
      const everything = await everythingReadable();
      for (const value of [...Object.values(TYPED), ...BARE, NAME, CONTACT_PHONE]) {
        expect([value, everything.includes(value)]).toEqual([value, false]);
      }
      // Exports carry not even the pseudonym (the list has it, for staff to name an erasure).
      for (const who of [t.as('jl-fgw'), as('office')]) {
        expect((await csv(who, '?lang=en')).text).not.toMatch(/contributor/i);
        expect((await json(who)).text).not.toMatch(/contributor/i);
      }
      // Another office reads no record of this consultation: the header, no rows.
      expect(lines((await csv(as('other')).expect(200)).text)).toHaveLength(1);
      expect(JSON.parse((await json(as('other')).expect(200)).text).items).toEqual([]);
      await t.http.get(`/api/consultations/${consultation}/export.csv`).expect(401);
      await t.http.get(`/api/consultations/${consultation}/export.json`).expect(401);
      await t.http.get(`/api/consultations/${NOWHERE}/export.csv`).set(t.as('jl-fgw')).expect(404);
      await t.http.get(`/api/consultations/${NOWHERE}/export.json`).set(t.as('jl-fgw')).expect(404);
      const lang = await csv(t.as('jl-fgw'), '?lang=fr').expect(400);
      expect(fields(lang.body)).toEqual(['lang:isIn']);
      const article = await json(t.as('jl-fgw'), '?articleId=article-1').expect(400);
      expect(fields(article.body)).toEqual(['articleId:matches']);
      await t.http.get('/api/consultations/not-a-uuid/export.csv').set(t.as('jl-fgw')).expect(400);
    });

    it('streams every opinion across pages', async () => {
      for (const size of [1000, 250]) {
        await t.http
          .post(`/api/consultations/${consultation}/opinion-intakes`)
          .set(as('office'))
          .send({
            channel: 'letter',
            opinions: Array.from({ length: size }, (_, i) => ({
              text: `第${size}批第${i}封来信：物业费应当按面积分档。`,
              articleIds: ['art_1'],
            })),
          })
          .expect(201);
      }
      const rows = lines((await csv(t.as('jl-fgw'), '?lang=en').expect(200)).text);
      expect(rows).toHaveLength(1 + 4 + 1250);
      expect(new Set(rows.map((r) => r.split(',')[0])).size).toBe(rows.length);
      const items = JSON.parse((await json(as('office')).expect(200)).text).items;
      expect(items).toHaveLength(3 + 1250);
    }, 120_000);
  });

  describe('erasure asked for by the person with a receipt code', () => {
    const erase = (receiptCode: unknown) =>
      t.http.post('/api/public/contributor-erasures').send({ receiptCode });
    let contributorId: string;

    beforeAll(async () => {
      await t.http
        .post(`/api/consultations/${consultation}/publications`)
        .set(t.as('jl-fgw'))
        .send({})
        .expect(200);
      const list = await t.http
        .get(`/api/consultations/${consultation}/telling-back`)
        .set(as('office'))
        .expect(200);
      // What was taken out of the text sits with the contact, for the office to tell them back.
      expect(list.body.items[0].contact).toEqual({
        name: NAME,
        phone: CONTACT_PHONE,
        fromText: [
          { kind: 'mobile', value: TYPED.mobile },
          { kind: 'id_card', value: TYPED.idCard },
        ],
      });
      contributorId = list.body.items[0].contributorId;
    });

    it('erases without an account: the receipt still shows the disposition, nothing personal is left', async () => {
      const key = keyOf(contributorId)!;
      expect(key).toHaveLength(32);
      const before = events();
      const r = await erase(officeReceipts[0].toLowerCase()).expect(202);
      expect(r.body).toEqual({ erased: true });
      expect(events()).toBe(before + 1);
      expect(keyOf(contributorId)).toBeUndefined();
      const receipt = await t.http.get(`/api/public/receipts/${officeReceipts[0]}`).expect(200);
      expect(receipt.body.disposition).toMatchObject({
        outcome: 'adopted',
        reason: '已增加表决期限。',
      });
      const tell = await t.http
        .get(`/api/consultations/${consultation}/telling-back`)
        .set(as('office'));
      expect(tell.body.items).toEqual([expect.objectContaining({ contributorId, contact: null })]);

      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const bytes of rawFiles(t.dir)) {
        expect(bytes.includes(key)).toBe(false);
        for (const value of [...Object.values(TYPED), ...BARE, NAME, CONTACT_PHONE]) {
          expect([value, bytes.includes(Buffer.from(value))]).toEqual([value, false]);
        }
      }
      const everything = await everythingReadable();
      for (const value of [...Object.values(TYPED), NAME, CONTACT_PHONE]) {
        expect([value, everything.includes(value)]).toEqual([value, false]);
      }
      // Integration events: the pseudonym only in the erasure's own, no text, no contact.
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
      const carried = JSON.stringify(messages);
      for (const value of [
        ...Object.values(TYPED),
        NAME,
        CONTACT_PHONE,
        'ciphertext',
        '〔已隐去',
      ]) {
        expect([value, carried.includes(value)]).toEqual([value, false]);
      }
      const erasures = messages.filter((m) => m!.value.includes(contributorId));
      expect(erasures.map((m) => m!.topic)).toEqual(['legislink.consultation-contributors']);
      expect(JSON.parse(erasures[0]!.value.toString())).toMatchObject({
        actedBy: { organisationId: 'public', role: 'public' },
      });
      const verification = await t.http
        .get('/api/event-store/verification')
        .set(t.as('admin'))
        .expect(200);
      expect(verification.body.valid).toBe(true);
    });

    it('asking again is answered alike and appends nothing; the public form’s person erases too', async () => {
      const before = events();
      expect((await erase(officeReceipts[0]).expect(202)).body).toEqual({ erased: true });
      expect(events()).toBe(before);
      await erase(onlineReceipt).expect(202);
      expect(events()).toBe(before + 1);
      const receipt = await t.http.get(`/api/public/receipts/${onlineReceipt}`).expect(200);
      expect(receipt.body).toMatchObject({ articleIds: ['art_1'], disposition: null });
    });

    it('an unknown code is 404 and a malformed one 400, writing nothing', async () => {
      const before = events();
      const unknown = await erase('AAAAA-BBBBB-CCCCC').expect(404);
      expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
      // Nothing about whom or what a code might have been.
      expect(unknown.body).toMatchObject({
        status: 404,
        detail: 'No opinion has this receipt code',
      });
      expect(Object.keys(unknown.body).sort()).toEqual([
        'correlationId',
        'detail',
        'instance',
        'status',
        'title',
        'type',
      ]);
      const malformed = await erase('not-a-code').expect(400);
      expect(fields(malformed.body)).toEqual(['receiptCode:matches']);
      expect(fields((await erase(undefined).expect(400)).body)).toContain('receiptCode:matches');
      const extra = await t.http
        .post('/api/public/contributor-erasures')
        .send({ receiptCode: officeReceipts[1], contributorId })
        .expect(400);
      expect(fields(extra.body)).toContain('contributorId:unknown_field');
      expect(events()).toBe(before);
    });

    it('staff paths stay as they were: the person’s code does not let another office erase', async () => {
      const other = await t.http
        .post('/api/consultations/contributor-erasures')
        .set(as('other'))
        .send({ contributorId: NOWHERE, receiptCode: officeReceipts[1] })
        .expect(403);
      expect(other.headers['content-type']).toMatch(/problem\+json/);
    });

    it('a flood of requests is refused with 429 and Retry-After, and writes nothing', async () => {
      // Four an hour here: three erasures and the unknown code spent them.
      const before = events();
      const flood = await erase(officeReceipts[1]).expect(429);
      expect(flood.headers['content-type']).toMatch(/problem\+json/);
      expect(Number(flood.headers['retry-after'])).toBeGreaterThan(0);
      expect(events()).toBe(before);
      expect(keyOf(contributorId)).toBeUndefined();
      // The public form's budget is its own (three an hour, one spent), and says when to retry.
      const give = () =>
        t.http
          .post(`/api/public/consultations/${consultation}/opinions`)
          .send({ text: '物业服务收费标准应当公开', articleIds: ['art_1'] });
      expect([(await give()).status, (await give()).status]).toEqual([201, 201]);
      const written = events();
      const form = await give().expect(429);
      expect(Number(form.headers['retry-after'])).toBeGreaterThan(0);
      expect(events()).toBe(written);
    });
  });
});
