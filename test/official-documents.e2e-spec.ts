import { Response } from 'superagent';
import { DRAFT, draft, step, submissionAt } from './support/flow';
import { openDocx, paragraphsOf, runsOf } from './support/docx';
import { TestApp, startTestApp } from './support/test-app';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Collects a binary body into a Buffer (supertest would leave a DOCX unparsed). */
function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('Official documents (GB/T 9704-2012) over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const get = (id: string, which: 'document' | 'opinion', user?: string, query = '') => {
    const request = t.http
      .get(`/api/submissions/${id}/${which}.docx${query}`)
      .buffer(true)
      .parse(binary);
    return user ? request.set(t.as(user)) : request;
  };
  const body = (res: { body: Buffer }) => openDocx(res.body)['word/document.xml'];
  const texts = (xml: string) => runsOf(xml).map((r) => r.text);

  it('exports the request as sent upward: mark, 发文字号 with 签发人, 密级 and 份号, addressed to the committee', async () => {
    const id = await submissionAt(t, 'submit');
    const res = await get(id, 'document', 'jl-party-group', '?copyNumber=7').expect(200);
    expect(res.headers['content-type']).toBe(DOCX);
    expect(res.headers['cache-control']).toBe('private, no-store');
    // RFC 6266: an ASCII fallback and the title in UTF-8 (RFC 8187 / 5987).
    const disposition = res.headers['content-disposition'];
    expect(disposition).toMatch(
      /^attachment; filename="submission-[0-9a-f-]+\.docx"; filename\*=UTF-8''/,
    );
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1];
    expect(decodeURIComponent(encoded)).toBe(`${DRAFT.documentNumber} ${DRAFT.title}.docx`);

    const xml = body(res);
    const runs = runsOf(xml);
    const mark = runs.find((r) => r.text.endsWith('文件'))!;
    expect(mark).toMatchObject({ color: 'FF0000', eastAsia: '方正小标宋简体' });
    expect(mark.text).toBe('吉林省人大常委会党组文件');
    expect(texts(xml)).toEqual(
      expect.arrayContaining([
        '000007',
        '秘密',
        DRAFT.documentNumber,
        '签发人：',
        '省人大常委会党组',
        DRAFT.title,
        '中共吉林省委：',
        '2025年3月10日',
      ]),
    );
    const numberLine = paragraphsOf(xml).find((p) => p.includes(DRAFT.documentNumber))!;
    expect(numberLine).toMatch(/<w:bottom [^>]*w:color="FF0000"/);
    expect(xml).toContain('<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"');
  });

  it('exports the opinion point by point, centred 发文字号 and no 签发人, only once it is issued', async () => {
    const id = await submissionAt(t, 'meet');
    const absent = await t.http
      .get(`/api/submissions/${id}/opinion.docx?copyNumber=1`)
      .set(t.as('jl-office'))
      .expect(404);
    expect(absent.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(absent.body.detail).toBe(`Submission ${id} has no opinion yet`);
    await step(t, id, 'opinion');

    const res = await get(id, 'opinion', 'jl-office', '?copyNumber=3').expect(200);
    expect(res.headers['content-type']).toBe(DOCX);
    const name = decodeURIComponent(
      /filename\*=UTF-8''(.+)$/.exec(res.headers['content-disposition'])![1],
    );
    expect(name).toBe(
      '吉委办函〔2025〕21号 关于《吉林省黑土地保护条例（草案）》有关重大问题的意见.docx',
    );
    const xml = body(res);
    const runs = runsOf(xml);
    expect(runs.find((r) => r.text === '中共吉林省委文件')).toMatchObject({ color: 'FF0000' });
    expect(
      runs.find((r) => r.text === '关于《吉林省黑土地保护条例（草案）》有关重大问题的意见'),
    ).toMatchObject({ eastAsia: '方正小标宋简体', size: '44' });
    expect(runs.find((r) => r.text === '一、进一步明确补偿标准')).toMatchObject({
      eastAsia: '黑体',
    });
    expect(runs.find((r) => r.text === '二、明确执法主体')).toMatchObject({ eastAsia: '黑体' });
    expect(texts(xml)).toEqual(
      expect.arrayContaining([
        '吉林省人大常委会党组：',
        `你组《${DRAFT.title}》（${DRAFT.documentNumber}）收悉。经党委常委会会议研究，原则同意并提出意见。现提出如下意见：`,
        '中共吉林省委办公厅',
      ]),
    );
    expect(texts(xml)).not.toContain('签发人：');
    const numberLine = paragraphsOf(xml).find((p) => p.includes('吉委办函〔2025〕21号'))!;
    expect(numberLine).toContain('<w:jc w:val="center"/>');
    expect(numberLine).toMatch(/<w:bottom [^>]*w:color="FF0000"/);

    // The Party group it answers reads it too.
    await get(id, 'opinion', 'jl-party-group', '?copyNumber=4').expect(200);
  });

  it('prints neither 份号 nor 密级 for an internal document, and asks for 份号 for a classified one', async () => {
    const internal = await draft(t, { ...DRAFT, classification: 'internal' });
    const res = await get(internal, 'document', 'jl-fgw').expect(200);
    const xml = body(res);
    expect(texts(xml)).not.toContain('秘密');
    expect(texts(xml)).not.toContain('签发人：'); // a draft has not been signed off
    const classified = await draft(t);
    const refused = await t.http
      .get(`/api/submissions/${classified}/document.docx`)
      .set(t.as('jl-fgw'))
      .expect(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors[0]).toMatchObject({
      field: 'copyNumber',
      rule: 'required_for_classified',
    });
    for (const bad of ['0', '1000000', 'x', '1.5']) {
      const r = await t.http
        .get(`/api/submissions/${classified}/document.docx?copyNumber=${bad}`)
        .set(t.as('jl-fgw'))
        .expect(400);
      expect(r.body.errors[0].field).toBe('copyNumber');
    }
  });

  it('refuses every caller who may not read the submission exactly as the detail does', async () => {
    const id = await submissionAt(t, 'opinion');
    for (const which of ['document', 'opinion'] as const) {
      const path = `/api/submissions/${id}/${which}.docx?copyNumber=1`;
      await t.http.get(path).expect(401);
      // Another city's bodies, the platform's users: 404, as for the detail.
      for (const user of ['cc-party-group', 'cc-office', 'cc-fgw', 'analyst', 'admin', 'jl-gov']) {
        const detail = await t.http.get(`/api/submissions/${id}`).set(t.as(user));
        const res = await t.http.get(path).set(t.as(user));
        expect([user, res.status]).toEqual([user, detail.status]);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      await t.http
        .get(`/api/submissions/00000000-0000-4000-8000-000000000000/${which}.docx?copyNumber=1`)
        .set(t.as('jl-office'))
        .expect(404);
      await t.http
        .get(`/api/submissions/not-a-uuid/${which}.docx`)
        .set(t.as('jl-office'))
        .expect(400);
    }
    // A draft is the legislature's own: the committee's office learns nothing of it.
    const drafted = await draft(t, { ...DRAFT, classification: 'internal' });
    await get(drafted, 'document', 'jl-office').expect(404);
    // A granted viewer reads both.
    await t.http
      .post(`/api/submissions/${id}/viewers`)
      .set(t.as('jl-party-group'))
      .send({ userId: 'analyst' })
      .expect(200);
    await get(id, 'document', 'analyst', '?copyNumber=9').expect(200);
    await get(id, 'opinion', 'analyst', '?copyNumber=9').expect(200);
  });

  it('documents both downloads and the public sign-in configuration in OpenAPI', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    for (const which of ['document', 'opinion']) {
      const operation = doc.paths[`/api/submissions/{submissionId}/${which}.docx`].get;
      expect(Object.keys(operation.responses['200'].content)).toEqual([DOCX]);
      expect(operation.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
        'copyNumber',
        'submissionId',
      ]);
      for (const status of ['400', '401', '404', '422']) {
        expect(Object.keys(operation.responses[status].content)).toEqual([
          'application/problem+json',
        ]);
      }
    }
    const signIn = doc.paths['/api/sign-in/config'].get;
    expect(signIn.security).toEqual([]);
    expect(signIn.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/SignInConfigView',
    );
  });
});
