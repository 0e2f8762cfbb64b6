/**
 * Search and notifications in a real browser (Debian's Chromium) against the real service: the
 * Changchun Party group's side is told that material was requested (the bell's badge, the list,
 * marking read) and finds the submission from the header's search box by a two-character
 * Chinese word, opening its thread; the Jilin office finds and is told nothing of it. In Chinese
 * and in English, with axe-core on every page and screenshots in test-results/web/.
 */
import { BrowserContext, Page } from 'playwright-core';
import { Labels } from '../../web/src/api';
import { launchBrowser, requireChromium, screenshot, seriousViolations } from './browser';
import { RunningService, startService } from './service';

jest.setTimeout(240_000);

const TITLE = '关于《长春市养犬管理条例（草案）》有关问题的请示';
const TEXT = {
  zh: { search: '检索', noHits: '没有找到可查看的记录', none: '暂无通知', markAll: '全部标为已读' },
  en: {
    search: 'Search',
    noHits: 'Nothing you may read matches',
    none: 'No notifications',
    markAll: 'Mark all read',
  },
};

describe('Search and notifications in the web UI, in a real browser', () => {
  let service: RunningService;
  let browser: BrowserContext;
  let labels: Labels;
  let submissionId: string;
  const problems: string[] = [];

  beforeAll(async () => {
    requireChromium();
    service = await startService();
    browser = await launchBrowser();
    const demo = (await (await fetch(`${service.baseUrl}/api/demo-users`)).json()) as {
      users: { userId: string; token: string }[];
    };
    const token = (userId: string) => demo.users.find((u) => u.userId === userId)!.token;
    const post = async (user: string, path: string, body: object) => {
      const response = await fetch(`${service.baseUrl}/api/${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token(user)}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    labels = (await (
      await fetch(`${service.baseUrl}/api/labels`, {
        headers: { Authorization: `Bearer ${token('cc-office')}` },
      })
    ).json()) as Labels;
    const drafted = await post('cc-party-group', 'submissions', {
      kind: 'request',
      category: 'major_issue',
      title: TITLE,
      summary: '请市委明确养犬登记和执法分工',
      body: '一、关于养犬登记……二、关于执法分工……',
      documentNumber: '长人党字〔2025〕21号',
      classification: 'internal',
      addressedCommitteeId: 'cn-220100-pc',
    });
    submissionId = drafted.submissionId as string;
    await post('cc-party-group', `submissions/${submissionId}/party-group-discussion`, {
      meetingKind: 'party_group_meeting',
      meetingDate: '2025-03-07',
      minutesReference: '党组会议纪要〔2025〕5号',
    });
    await post('cc-party-group', `submissions/${submissionId}/submission`, {});
    await post('cc-office', `submissions/${submissionId}/receipt`, {
      officeLogNumber: '市委办收〔2025〕9号',
    });
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await post('cc-office', `submissions/${submissionId}/material-requests`, {
      description: '请补充养犬登记数据',
      dueBy: due,
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  async function signIn(userId: string, lang: 'zh' | 'en'): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    await page.goto(`${service.baseUrl}/`);
    await page.waitForURL('**/sign-in');
    if (lang === 'en') await page.getByText('English', { exact: true }).click();
    await page.getByTestId(`demo-${userId}`).click();
    await page.getByTestId('who').waitFor();
    return page;
  }

  async function expectAccessible(page: Page, name: string): Promise<void> {
    await page.waitForTimeout(400);
    const violations = await seriousViolations(page);
    expect({ page: name, violations }).toEqual({ page: name, violations: [] });
  }

  async function headerSearch(page: Page, q: string): Promise<void> {
    const box = page.getByTestId('header-search').locator('input');
    await box.fill(q);
    await box.press('Enter');
    await page.waitForURL(`**/search?q=${encodeURIComponent(q)}`);
  }

  // zh as the Party group, en as its working body: each told and reading for itself.
  for (const [lang, user] of [
    ['zh', 'cc-party-group'],
    ['en', 'cc-fgw'],
  ] as const) {
    const L = (l: { zh: string; en: string }) => l[lang];

    it(`(${lang}) tells ${user} that material was requested: the bell's badge, the list, marking read`, async () => {
      const page = await signIn(user, lang);
      const bell = page.getByTestId('notification-bell');
      // The count comes after the page: wait for it rather than read the first render's 0.
      await page.waitForFunction(
        "/: [1-9]\\d* /.test(document.querySelector('[data-testid=notification-bell]')?.getAttribute('aria-label') ?? '')",
      );
      await expect(bell.getAttribute('aria-label')).resolves.toMatch(/: [1-9]\d* /);
      await bell.click();
      await page.waitForURL('**/notifications');
      const list = page.getByTestId('notifications');
      const requested = list
        .locator('.ant-list-item')
        .filter({ hasText: L(labels.notificationKinds.material_requested) });
      await requested.first().waitFor();
      await expect(requested.first().textContent()).resolves.toContain(TITLE);
      await expectAccessible(page, `notifications-${lang}`);
      await screenshot(page, `notifications-${lang}`);
      await page.getByRole('button', { name: TEXT[lang].markAll }).click();
      await page.locator('[data-unread="true"]').first().waitFor({ state: 'detached' });
      await expect(bell.getAttribute('aria-label')).resolves.toMatch(/: 0 /);
      await requested.first().getByRole('link').click();
      await page.waitForURL(`**/submissions/${submissionId}`);
      await page.close();
    });

    it(`(${lang}) finds the submission from the header by a two-character word, marked, and opens it`, async () => {
      const page = await signIn(user, lang);
      await headerSearch(page, '养犬');
      const results = page.getByTestId('search-results');
      const hit = results.locator('.ant-list-item').filter({ hasText: TITLE });
      await hit.waitFor();
      await expect(hit.locator('mark').first().textContent()).resolves.toBe('养犬');
      await expect(hit.textContent()).resolves.toContain(L(labels.searchKinds.submission));
      await expectAccessible(page, `search-${lang}`);
      await screenshot(page, `search-${lang}`);
      // The search page's own box: a document number, then the thread.
      const box = page.getByTestId('search-input').locator('input');
      await box.fill('〔2025〕21号');
      await box.press('Enter');
      await page.waitForURL('**/search?q=*');
      await hit.waitFor();
      await hit.getByRole('link').click();
      await page.waitForURL(`**/submissions/${submissionId}`);
      await page.close();
    });

    it(`(${lang}) finds and is told nothing of it as the office of another region`, async () => {
      const page = await signIn('jl-office', lang);
      await headerSearch(page, '养犬');
      await page.getByText(TEXT[lang].noHits).waitFor();
      await page.goto(`${service.baseUrl}/notifications`);
      await page.getByTestId('notifications').waitFor();
      await page.waitForTimeout(500);
      await expect(page.getByTestId('notifications').textContent()).resolves.not.toContain(TITLE);
      await page.close();
    });
  }

  it('met no script error or failed request', () => {
    expect(problems).toEqual([]);
  });
});
