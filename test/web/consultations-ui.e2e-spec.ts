/**
 * The public's consultation pages in a real browser (Debian's Chromium via playwright-core)
 * against the real service, without signing in: the legislature opens a consultation on a draft
 * (over the API); a member of the public reads the draft and gives an opinion in the browser, a
 * blank one being refused beside its field with nothing written; after the legislature disposes
 * of it and publishes, the receipt lookup shows the disposition and the noticeboard shows the
 * adopted opinion, in Chinese and in English. axe-core on each page; no request leaves the
 * service; nothing personal is shown.
 */
import { Page } from 'playwright-core';
import { screenshot } from './browser';
import { BrowserUi, Lang } from './ui';

jest.setTimeout(240_000);

const ARTICLES = [
  {
    articleId: 'art_1',
    text: '第一条 为了规范物业管理活动，维护业主和物业服务企业的合法权益，制定本条例。',
  },
  {
    articleId: 'art_12',
    text: '第十二条 业主大会应当在首次业主大会会议召开之日起三十日内选举业主委员会。',
  },
];
const TEXT = {
  zh: { text: '意见内容', articles: '涉及条文', submit: '提交意见', find: /^查\s?询$/ },
  en: { text: 'Your opinion', articles: 'Articles concerned', submit: 'Submit', find: 'Look up' },
};

describe('Public consultation pages, in a real browser', () => {
  let ui: BrowserUi;
  let consultation = '';
  const receipts: Record<string, string> = {};
  const opinionCount = async () =>
    (await ui.api<{ opinions: number }>('jl-fgw', 'GET', `/api/consultations/${consultation}`))
      .opinions;

  beforeAll(async () => {
    ui = await BrowserUi.start();
    const now = Date.now();
    const opened = await ui.api('jl-fgw', 'POST', '/api/consultations', {
      legislatureId: 'cn-220000-npcpg',
      subject: 'draft',
      title: '吉林省物业管理条例（草案）',
      versionLabel: '一审稿',
      articles: ARTICLES,
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 30 * 86_400_000).toISOString(),
    });
    consultation = opened.consultationId as string;
  }, 240_000);

  afterAll(async () => {
    await ui?.stop();
  });

  /** A page opened without signing in, in `lang`. */
  async function openAnonymously(path: string, lang: Lang): Promise<Page> {
    const page = await ui.newPage();
    await page.goto(ui.url(path));
    await page.getByText(lang === 'en' ? 'English' : '中文', { exact: true }).click();
    return page;
  }

  for (const lang of ['zh', 'en'] as const) {
    const T = TEXT[lang];
    const opinion =
      lang === 'zh'
        ? '建议第十二条明确业主委员会选举的表决期限。'
        : '建议第一条增加“保障业主知情权”的表述。';

    it(`[${lang}] the public reads the draft and gives an opinion without an account`, async () => {
      const page = await openAnonymously(`/public/consultations/${consultation}`, lang);
      await page.getByRole('heading', { level: 1, name: /吉林省物业管理条例（草案）/ }).waitFor();
      expect(page.url()).toBe(ui.url(`/public/consultations/${consultation}`));
      await page.getByText(ARTICLES[1].text).waitFor();

      // A blank opinion: the API's rule beside the field, and nothing written.
      const before = await opinionCount();
      await page.getByLabel(T.text, { exact: true }).fill('   ');
      await page.getByRole('button', { name: T.submit }).click();
      await page
        .locator('.ant-form-item', { has: page.getByLabel(T.text, { exact: true }) })
        .locator('.ant-form-item-explain-error')
        .getByText(/text/)
        .waitFor();
      expect(await opinionCount()).toBe(before);

      await page.getByLabel(T.text, { exact: true }).fill(opinion);
      await page.getByLabel(T.articles, { exact: true }).click();
      await page
        .locator('.ant-select-dropdown:visible')
        .getByTitle(lang === 'zh' ? 'art_12' : 'art_1', { exact: true })
        .click();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: T.submit }).click();
      const code = page.getByTestId('receipt-code');
      await code.waitFor();
      receipts[lang] = ((await code.textContent()) ?? '').trim();
      expect(receipts[lang]).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){2}$/);
      expect(await opinionCount()).toBe(before + 1);
      await page.waitForTimeout(400);
      await ui.expectAccessible(page, `public consultation (${lang})`);
      await screenshot(page, `public-consultation-${lang}`);
      await page.close();
    });

    it(`[${lang}] once published, the receipt shows the disposition and the noticeboard the adopted opinion`, async () => {
      const { items: listed } = await ui.api<{ items: { opinionId: string; text: string }[] }>(
        'jl-fgw',
        'GET',
        `/api/consultations/${consultation}/opinions`,
      );
      const mine = listed.find((o) => o.text === opinion)!;
      await ui.api('jl-fgw', 'POST', `/api/consultations/${consultation}/disposition-sheets`, {
        dispositions: [
          {
            opinionIds: [mine.opinionId],
            outcome: 'adopted',
            reason: '已采纳，修改相应条文。',
            resultingArticleId: lang === 'zh' ? 'art_12' : 'art_1',
            textChange: '增加“三十日内表决”。',
          },
        ],
      });
      // Drafted, not yet published: the receipt says it is being considered.
      const page = await openAnonymously(
        `/public/receipts?code=${encodeURIComponent(receipts[lang])}`,
        lang,
      );
      await page.getByTestId('receipt').waitFor();
      await expect(page.getByTestId('receipt').textContent()).resolves.not.toContain('已采纳');
      await ui.api('jl-fgw', 'POST', `/api/consultations/${consultation}/publications`, {});

      await page.reload();
      const adopted = lang === 'zh' ? '采纳' : 'Adopted';
      await page.getByTestId('receipt').getByText(adopted, { exact: true }).waitFor();
      await expect(page.getByTestId('receipt').textContent()).resolves.toContain(
        '已采纳，修改相应条文。',
      );
      await page.waitForTimeout(400);
      await ui.expectAccessible(page, `receipt (${lang})`);
      await screenshot(page, `public-receipt-${lang}`);

      // An unknown code says so, and nothing more.
      await page.getByLabel(lang === 'zh' ? '回执码' : 'Receipt code').fill('ABCDE-FGHJK-MNPQR');
      await page.getByRole('button', { name: T.find }).click();
      await page.getByTestId('receipt-problem').waitFor();

      await page.goto(ui.url(`/public/consultations/${consultation}`));
      const board = page.getByTestId('noticeboard');
      await board.getByText(opinion).waitFor();
      const shown = (await board.textContent()) ?? '';
      expect(shown).toContain('增加“三十日内表决”。');
      // No contributor, office or contact on the public page.
      expect(await page.content()).not.toMatch(/contributor|lloo|13[0-9]{9}/);
      await page.close();
    });
  }

  it('the browser met no script error and sent no request outside the service', () => {
    expect(ui.problems).toEqual([]);
  });
});
