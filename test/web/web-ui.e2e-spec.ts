/**
 * The web UI in a real browser (Debian's Chromium via playwright-core) against the real service:
 * the Party group drafts, records its discussion and submits; the office sees it in its inbox
 * and receives it; both open the thread with its history and hash-chain status; a user of
 * another organisation sees none of it. In Chinese and in English, with axe-core on every page
 * and screenshots in test-results/web/.
 */
import { Page } from 'playwright-core';
import { Labels } from '../../web/src/api';
import { screenshot } from './browser';
import { BrowserUi, Lang, choose } from './ui';

jest.setTimeout(240_000);

const TEXT = {
  zh: {
    english: 'English',
    inbox: '收文',
    dashboards: '统计分析',
    notFound: '未找到，或无权查看',
    chainValid: '哈希链校验通过',
  },
  en: {
    english: 'English',
    inbox: 'Inbox',
    dashboards: 'Dashboards',
    notFound: 'Not found, or not readable by you',
    chainValid: 'Hash chain verified',
  },
};

describe('The web UI, in a real browser', () => {
  let ui: BrowserUi;
  let labels: Labels;
  let service: { baseUrl: string };

  beforeAll(async () => {
    ui = await BrowserUi.start();
    labels = ui.labels;
    service = ui.service;
  }, 240_000);

  afterAll(async () => {
    await ui?.stop();
  });

  const newPage = (): Promise<Page> => ui.newPage();
  const expectAccessible = (page: Page, name: string) => ui.expectAccessible(page, name);
  const signIn = (userId: string, lang: Lang) => ui.signIn(userId, lang);

  for (const lang of ['zh', 'en'] as const) {
    const title = `关于《长春市文明行为促进条例（草案）》有关问题的请示（${lang}）`;
    const documentNumber = lang === 'zh' ? '长人党字〔2025〕12号' : '长人党字〔2025〕13号';
    const L = (l: { zh: string; en: string }) => l[lang];
    let threadPath = '';

    it(`[${lang}] the Party group drafts a request, records its discussion and submits it`, async () => {
      const page = await signIn('cc-party-group', lang);
      await expectAccessible(page, 'outbox');
      if (lang === 'zh') {
        // The first page: sign-in, before anyone signs in.
        const signInPage = await newPage();
        await signInPage.goto(`${service.baseUrl}/sign-in`);
        await signInPage.getByTestId('demo-cc-office').waitFor();
        await expectAccessible(signInPage, 'sign-in');
        await screenshot(signInPage, `sign-in-${lang}`);
        await signInPage.close();
      }
      const compose = lang === 'zh' ? '起草请示报告' : 'Compose a request or report';
      await page.getByRole('button', { name: compose }).click();
      await page.waitForURL('**/compose');
      await choose(page, lang === 'zh' ? '类别' : 'Category', L(labels.categories.major_issue));
      await page.getByLabel(lang === 'zh' ? '标题' : 'Title', { exact: true }).fill(title);
      await page
        .getByLabel(lang === 'zh' ? '文号' : 'Document number', { exact: true })
        .fill(documentNumber);
      await page
        .getByLabel(lang === 'zh' ? '请求答复日期' : 'Reply requested by', { exact: true })
        .fill('2099-12-30');
      await page.keyboard.press('Enter');
      await page
        .getByLabel(lang === 'zh' ? '摘要' : 'Summary', { exact: true })
        .fill('请市委就执法主体问题作出决定。');
      await page
        .getByLabel(lang === 'zh' ? '正文' : 'Body', { exact: true })
        .fill('一、关于执法主体……\n二、关于处罚标准……');
      await expectAccessible(page, 'compose');
      await screenshot(page, `compose-${lang}`);
      await page.getByRole('button', { name: lang === 'zh' ? '保存草稿' : 'Save draft' }).click();
      await page.waitForURL('**/submissions/*');
      threadPath = new URL(page.url()).pathname;
      await expect(page.getByTestId('thread-title').textContent()).resolves.toBe(title);
      await expect(page.getByTestId('document-number').textContent()).resolves.toBe(documentNumber);
      await expect(page.getByTestId('status').textContent()).resolves.toBe(
        L(labels.statuses.drafted),
      );

      await page.getByTestId('action-discuss').click();
      await choose(
        page,
        lang === 'zh' ? '会议类型' : 'Meeting kind',
        L(labels.meetingKinds.party_group_meeting),
      );
      await page
        .getByLabel(lang === 'zh' ? '会议日期' : 'Meeting date', { exact: true })
        .fill('2025-03-07');
      await page.keyboard.press('Enter');
      await page
        .getByLabel(lang === 'zh' ? '会议纪要编号' : 'Minutes reference', { exact: true })
        .fill('党组会议纪要〔2025〕5号');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByTestId('action-submit').click();
      await page
        .getByTestId('status')
        .getByText(L(labels.statuses.submitted), { exact: true })
        .waitFor();
      // The submitter has nothing more to do now.
      await expect(page.getByTestId('action-submit').count()).resolves.toBe(0);

      await page.goto(`${service.baseUrl}/outbox`);
      const row = page.getByTestId('outbox').getByRole('row', { name: new RegExp(documentNumber) });
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain(L(labels.statuses.submitted));
      await screenshot(page, `outbox-${lang}`);
      await page.close();
    });

    it(`[${lang}] the committee office finds it in its inbox, opens the thread and receives it`, async () => {
      const page = await signIn('cc-office', lang);
      await page.waitForURL('**/inbox');
      const row = page.getByTestId('inbox').getByRole('row', { name: new RegExp(documentNumber) });
      await row.waitFor();
      await expectAccessible(page, 'inbox');
      await screenshot(page, `inbox-${lang}`);
      // The office cannot compose: its menu offers its inbox and no composer.
      const menu = await page.getByRole('menuitem').allTextContents();
      expect(menu[0]).toBe(TEXT[lang].inbox);
      expect(menu.join()).not.toMatch(/起草请示报告|Compose/);

      await row.getByRole('link', { name: title }).click();
      await page.waitForURL(`**${threadPath}`);
      await page.getByTestId('action-receive').click();
      await page
        .getByLabel(lang === 'zh' ? '收文编号' : 'Office log number', { exact: true })
        .fill('市委办收〔2025〕118号');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page
        .getByTestId('status')
        .getByText(L(labels.statuses.received), { exact: true })
        .waitFor();
      await expect(page.getByTestId('action-receive').count()).resolves.toBe(0);

      const timeline = page.getByTestId('timeline');
      const entries = await timeline.locator('.ant-timeline-item').allTextContents();
      expect(entries).toHaveLength(4); // drafted, discussed, submitted, received
      expect(entries[0]).toContain('市人大常委会党组');
      expect(entries[3]).toContain('市委办公室');
      expect(entries.every((e) => /\d{2}:\d{2}/.test(e))).toBe(true);
      await expect(page.getByTestId('chain').textContent()).resolves.toContain(
        TEXT[lang].chainValid,
      );
      await expectAccessible(page, 'thread');
      await screenshot(page, `thread-${lang}`);
      await page.close();
    });

    it(`[${lang}] a user of another organisation sees none of it`, async () => {
      const page = await signIn('jl-office', lang);
      await page.waitForURL('**/inbox');
      await page.getByTestId('inbox').waitFor();
      await page.waitForLoadState('networkidle');
      await expect(page.getByTestId('inbox').textContent()).resolves.not.toContain(title);
      await page.goto(`${service.baseUrl}${threadPath}`);
      await page.getByText(TEXT[lang].notFound).waitFor();
      await expect(page.content()).resolves.not.toContain(title);
      await page.close();
    });
  }

  it('remembers the language across reloads, and loads ECharts only when a chart is asked for', async () => {
    const page = await signIn('cc-party-group', 'zh');
    await page.getByText('English', { exact: true }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Chart by status' }).waitFor();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.getByRole('button', { name: 'Chart by status' }).click();
    await page.getByTestId('status-chart').locator('canvas').waitFor();
    expect(scripts.some((s) => /StatusChart/.test(s))).toBe(true);
    await expectAccessible(page, 'outbox with chart');
    await page.getByText('中文', { exact: true }).click();
    await page.close();
  });

  it('serves the UI at / with the service’s own assets, and leaves /api and /health as they were', async () => {
    const index = await fetch(`${service.baseUrl}/inbox`, { headers: { Accept: 'text/html' } });
    expect(index.status).toBe(200);
    const html = await index.text();
    expect(html).toContain('<div id="root">');
    expect(html).not.toMatch(/https?:\/\//);
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('https:');
    const api = await fetch(`${service.baseUrl}/api/no-such-thing`, {
      headers: { Accept: 'text/html' },
    });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${service.baseUrl}/health`)).status).toBe(200);
    expect(ui.problems).toEqual([]);
  });
});
