import { recordDecision } from './support/decisions';
import { DRAFT, draft, proposeItem, step } from './support/flow';
import { settle } from './support/settle';
import { TestApp, startTestApp } from './support/test-app';

/**
 * GET /api/search: submissions, decisions and items found by any substring, Chinese included,
 * exactly among the records the caller reads; a secret submission's text never indexed; bad
 * input of any kind a 400 problem naming the field.
 */
describe('search (e2e)', () => {
  let t: TestApp;
  let sent: string;
  let drafted: string;
  let secret: string;
  let decision: string;
  let item: string;

  interface Hit {
    kind: string;
    id: string;
    href: string;
    title: string;
    titleSegments: { text: string; match: boolean }[];
    documentNumber: string | null;
    snippet: { field: string; segments: { text: string; match: boolean }[] } | null;
  }
  const search = async (user: string, query: Record<string, string | number>) => {
    const response = await t.http.get('/api/search').query(query).set(t.as(user)).expect(200);
    return response.body as { items: Hit[]; nextCursor: string | null };
  };
  const ids = async (user: string, q: string, extra: Record<string, string> = {}) =>
    (await search(user, { q, ...extra })).items.map((h) => h.id).sort();

  beforeAll(async () => {
    t = await startTestApp();
    sent = await draft(t, {
      ...DRAFT,
      title: '关于《吉林省黑土地保护条例（草案）》有关重大问题的请示',
      summary: 'Asks the Provincial Committee to settle the scope of compensation.',
      body: '一、关于补偿范围……二、关于执法主体……',
    });
    await step(t, sent, 'discuss');
    await step(t, sent, 'submit');
    await step(t, sent, 'receive');
    drafted = await draft(t, {
      ...DRAFT,
      title: '关于湿地保护立法的请示（草稿）',
      body: '湿地生态补偿机制',
      documentNumber: null,
    });
    secret = await draft(t, {
      ...DRAFT,
      title: '关于边境管理条例的请示',
      summary: '机密摘要内容',
      body: '机密正文：边防部署细节',
      documentNumber: '吉人党字〔2025〕9号',
      classification: 'secret',
    });
    decision = await recordDecision(t, '吉发〔2016〕12号');
    item = await proposeItem(t);
    await settle(
      t,
      ['search'],
      `submission-${sent}`,
      `submission-${drafted}`,
      `submission-${secret}`,
      `decision-${decision}`,
      `item-${item}`,
    );
  });
  afterAll(() => t.close());

  it('finds a sent submission by a phrase of its title for both sides, with the match marked', async () => {
    const found = await search('jl-office', { q: '黑土地保护', kind: 'submission' });
    expect(found.items.map((h) => [h.kind, h.id])).toEqual([['submission', sent]]);
    const [hit] = found.items;
    expect(hit.href).toBe(`/api/submissions/${sent}`);
    expect(hit.documentNumber).toBe('吉人党字〔2025〕3号');
    expect(hit.titleSegments.filter((s) => s.match).map((s) => s.text)).toEqual(['黑土地保护']);
    expect(hit.titleSegments.map((s) => s.text).join('')).toBe(hit.title);
    expect(await ids('jl-fgw', '黑土地保护', { kind: 'submission' })).toEqual([sent]);
  });

  it('finds two- and one-character Chinese terms, which the trigram index cannot, with a snippet of the body', async () => {
    const found = await search('jl-office', { q: '补偿' });
    expect(found.items.map((h) => h.id)).toEqual([sent]);
    expect(found.items[0].snippet?.field).toBe('body');
    expect(found.items[0].snippet?.segments.find((s) => s.match)?.text).toBe('补偿');
    expect(await ids('jl-fgw', '补偿')).toEqual([drafted, sent].sort());
    expect(await ids('jl-fgw', '湿')).toEqual([drafted]);
  });

  it('needs every term: long and short terms together', async () => {
    expect(await ids('jl-fgw', '黑土地 补偿')).toEqual([sent]);
    expect(await ids('jl-fgw', '湿地 黑土地')).toEqual([]);
    expect(await ids('jl-office', 'COMPENSATION scope', { kind: 'submission' })).toEqual([sent]);
    expect(await ids('jl-office', 'COMPENSATION scope')).toEqual([item, sent].sort());
  });

  it('finds a submission by every number it carries: document number and office log number', async () => {
    expect(await ids('jl-office', '〔2025〕3号')).toEqual([sent]);
    expect(await ids('jl-office', '省委办收〔2025〕118号')).toEqual([sent]);
    expect(await ids('jl-office', '3号', { kind: 'submission' })).toEqual([sent]);
    expect(await ids('jl-office', '〕3', { kind: 'submission' })).toEqual([sent]);
  });

  it('finds a draft only on the legislature side: the committee reads it once it is sent', async () => {
    expect(await ids('jl-fgw', '湿地保护')).toEqual([drafted]);
    expect(await ids('jl-office', '湿地保护')).toEqual([]);
    expect(await ids('jl-office', '湿地')).toEqual([]);
  });

  it('never indexes the text of a secret submission: found by its title and number, never by its summary or body', async () => {
    expect(await ids('jl-fgw', '边境管理')).toEqual([secret]);
    expect(await ids('jl-fgw', '〔2025〕9号')).toEqual([secret]);
    expect(await ids('jl-fgw', '边防部署')).toEqual([]);
    expect(await ids('jl-fgw', '机密摘要')).toEqual([]);
    const [hit] = (await search('jl-fgw', { q: '边境' })).items;
    expect(hit.snippet).toBeNull();
  });

  it('finds decisions and items for the bodies that read them, ranking title matches first, and filters by kind', async () => {
    expect(await ids('jl-office', '吉发〔2016〕12号')).toEqual([decision]);
    expect(await ids('jl-party-group', '吉发〔2016〕12号')).toEqual([decision]);
    const both = await search('jl-fgw', { q: '黑土地' });
    expect(both.items.map((h) => h.kind).sort()).toEqual(['decision', 'item', 'submission']);
    expect(await ids('jl-fgw', '黑土地', { kind: 'item' })).toEqual([item]);
    const summaryOnly = await search('jl-fgw', { q: 'black soil' });
    expect(summaryOnly.items.map((h) => h.snippet?.field).sort()).toEqual(['summary', 'summary']);
  });

  it('finds nothing of another region for a user of another organisation', async () => {
    for (const q of ['黑土地', '补偿', '吉发〔2016〕12号', '法', '〔2025〕']) {
      expect(await ids('cc-office', q)).toEqual([]);
      expect(await ids('cc-party-group', q)).toEqual([]);
    }
  });

  it('pages with a keyset cursor: every hit once, in order', async () => {
    const first = await search('jl-fgw', { q: '黑土地', limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await search('jl-fgw', { q: '黑土地', limit: 2, cursor: first.nextCursor! });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const all = await search('jl-fgw', { q: '黑土地' });
    expect([...first.items, ...second.items].map((h) => h.id)).toEqual(all.items.map((h) => h.id));
  });

  it('treats FTS5 syntax as characters to find, never as a query, and never fails', async () => {
    for (const q of [
      '"',
      '""',
      'NEAR(',
      'NEAR(黑土地 补偿, 2)',
      '黑土地"',
      'a OR b',
      '*',
      'title:黑土',
      '^黑',
      '(黑',
      '%',
      '_',
      '\\',
      'NOT 黑土地',
      '-黑土地',
    ]) {
      const response = await t.http.get('/api/search').query({ q }).set(t.as('jl-fgw'));
      expect([q, response.status]).toEqual([q, 200]);
    }
    expect(await ids('jl-fgw', '%')).toEqual([]);
    expect(await ids('jl-fgw', 'NOT 黑土地')).toEqual([]);
  });

  it.each([
    [{}, 'q'],
    [{ q: '' }, 'q'],
    [{ q: '   ' }, 'q'],
    [{ q: '黑'.repeat(101) }, 'q'],
    [{ q: 'a b c d e f g h i' }, 'q'],
    [{ q: '黑土地', kind: 'plan' }, 'kind'],
    [{ q: '黑土地', limit: 0 }, 'limit'],
    [{ q: '黑土地', cursor: 'not-a-cursor!' }, 'cursor'],
    [{ q: '黑土地', cursor: Buffer.from('[1,2]').toString('base64url') }, 'cursor'],
    [{ q: '黑土地', extra: 'x' }, 'extra'],
  ])('answers 400 problem+json naming the field for %j', async (query, field) => {
    const response = await t.http.get('/api/search').query(query).set(t.as('jl-fgw')).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((response.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
  });

  it('answers 401 without a token', async () => {
    await t.http.get('/api/search').query({ q: '黑土地' }).expect(401);
  });
});
