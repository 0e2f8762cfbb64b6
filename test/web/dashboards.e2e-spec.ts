/**
 * The dashboards in a real browser (Debian's Chromium via playwright-core) against the real
 * service: a submission is sent, answered with points and fed back through the API; the
 * committee office opens the dashboards in Chinese and in English, a chart's table shows the
 * figures the API gives, the CSV and the PNG download, axe-core finds nothing serious; a user
 * of another organisation sees none of the figures.
 */
import { BrowserContext, Page } from 'playwright-core';
import { DRAFT, STEPS } from '../support/flow';
import { launchBrowser, requireChromium, screenshot, seriousViolations } from './browser';
import { RunningService, startService } from './service';

jest.setTimeout(240_000);

interface AdoptionRow {
  year: number;
  adopted: number;
  partly_adopted: number;
  not_adopted: number;
  pending: number;
  total: number;
}

describe('The dashboards, in a real browser', () => {
  let service: RunningService;
  let browser: BrowserContext;
  let tokens: Record<string, string>;
  const problems: string[] = [];

  const api = async (user: string, method: string, path: string, body?: object) => {
    const response = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${tokens[user]}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const adoption = async (user: string) =>
    (await api(user, 'GET', '/api/dashboards/adoption')).rows as AdoptionRow[];

  beforeAll(async () => {
    requireChromium();
    service = await startService();
    browser = await launchBrowser();
    const demo = (await (await fetch(`${service.baseUrl}/api/demo-users`)).json()) as {
      users: { userId: string; token: string }[];
    };
    tokens = Object.fromEntries(demo.users.map((u) => [u.userId, u.token]));
    // A request sent, answered with two points, one point fed back.
    const { submissionId } = (await api('jl-fgw', 'POST', '/api/submissions', {
      ...DRAFT,
      category: 'drafting',
    })) as { submissionId: string };
    for (const name of ['discuss', 'submit', 'receive', 'meet', 'opinion'] as const) {
      const s = STEPS[name];
      await api(s.user, 'POST', `/api/submissions/${submissionId}/${s.path}`, s.body);
    }
    await api('jl-fgw', 'POST', `/api/submissions/${submissionId}/opinion/points/1/feedback`, {
      adoption: 'adopted',
    });
    // The dashboards projection follows the log: wait until it counted the feedback.
    const until = Date.now() + 20_000;
    while ((await adoption('jl-office'))[0]?.adopted !== 1 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  async function signIn(userId: string, lang: 'zh' | 'en'): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(service.baseUrl) && !/^(data|blob):/.test(r.url()))
        problems.push(`outside request: ${r.url()}`);
    });
    await page.goto(`${service.baseUrl}/`);
    await page.waitForURL('**/sign-in');
    // The language is remembered across pages: choose it every time.
    await page.getByText(lang === 'en' ? 'English' : '中文', { exact: true }).click();
    await page.getByTestId(`demo-${userId}`).click();
    await page.getByTestId('who').waitFor();
    return page;
  }

  async function openDashboards(page: Page, lang: 'zh' | 'en'): Promise<void> {
    await page.getByRole('menuitem', { name: lang === 'zh' ? '统计分析' : 'Dashboards' }).click();
    await page.waitForURL('**/dashboards');
    await page.getByTestId('card-adoption').waitFor();
    await page.getByTestId('chart-stages').or(page.getByTestId('card-stages')).first().waitFor();
  }

  /** The cells of a chart's table, row by row. */
  async function tableCells(page: Page, chart: string): Promise<string[][]> {
    const table = page.getByTestId(`card-${chart}`).locator('table');
    await table.waitFor();
    return table
      .locator('tbody tr:not(.ant-table-placeholder)')
      .evaluateAll((rows) =>
        rows.map((row) =>
          [...(row as unknown as { cells: { textContent: string | null }[] }).cells].map(
            (cell) => cell.textContent ?? '',
          ),
        ),
      );
  }

  for (const lang of ['zh', 'en'] as const) {
    // The office's analyst in Chinese, the office itself in English: the same figures.
    const user = lang === 'zh' ? 'jl-analyst' : 'jl-office';
    it(`[${lang}] ${user}'s adoption table shows the figures the API gives`, async () => {
      const page = await signIn(user, lang);
      await openDashboards(page, lang);
      const heading = lang === 'zh' ? '立法后评估统计' : 'Post-legislation assessment dashboards';
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      // The chart is drawn (ECharts, its own chunk), then its table is asked for.
      await page.getByTestId('chart-adoption').waitFor();
      const card = page.getByTestId('card-adoption');
      await card.getByText(lang === 'zh' ? '表格' : 'Table', { exact: true }).click();
      const [row] = await adoption(user);
      expect(row).toMatchObject({ adopted: 1, pending: 1, total: 2 });
      const cells = await tableCells(page, 'adoption');
      expect(cells).toEqual([
        [
          String(row.year),
          String(row.adopted),
          String(row.partly_adopted),
          String(row.not_adopted),
          String(row.pending),
          String(row.total),
          '100.0%',
        ],
      ]);
      const headers = await card.locator('thead th').allTextContents();
      expect(headers[1]).toBe(lang === 'zh' ? '采纳' : 'Adopted');
      // The overdue chart's table names its values by the API's labels.
      const overdue = page.getByTestId('card-overdue');
      await overdue.getByText(lang === 'zh' ? '表格' : 'Table', { exact: true }).click();
      const overdueCells = await tableCells(page, 'overdue');
      expect(overdueCells[0][0]).toBe(lang === 'zh' ? '党委答复' : "Committee's reply");
      await page.waitForTimeout(400);
      expect({ lang, violations: await seriousViolations(page) }).toEqual({
        lang,
        violations: [],
      });
      await screenshot(page, `dashboards-${lang}`);
      if (lang === 'zh') {
        const csv = page.waitForEvent('download');
        await card.getByRole('button', { name: /CSV/ }).click();
        const download = await csv;
        expect(download.suggestedFilename()).toMatch(/^dashboard-adoption-.*\.csv$/);
        const path = await download.path();
        const bytes = (await import('node:fs')).readFileSync(path!);
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        expect(bytes.subarray(3).toString('utf8')).toContain(`${row.year},1,0,0,1,2,1`);
        const png = page.waitForEvent('download');
        await page.getByRole('button', { name: '导出图片（PNG）' }).click();
        const image = await png;
        expect(image.suggestedFilename()).toMatch(/^dashboard-.*\.png$/);
        const pngBytes = (await import('node:fs')).readFileSync((await image.path())!);
        expect([...pngBytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      }
      await page.close();
    });
  }

  it('a user of another organisation sees none of the figures', async () => {
    const page = await signIn('cc-office', 'zh');
    await openDashboards(page, 'zh');
    const card = page.getByTestId('card-adoption');
    await card.getByText('暂无数据').first().waitFor();
    await card.getByText('表格', { exact: true }).click();
    expect(await tableCells(page, 'adoption')).toEqual([]);
    expect(await adoption('cc-office')).toEqual([]);
    await page.close();
  });

  it('the browser met no script error and sent no request outside the service', () => {
    expect(problems).toEqual([]);
  });
});
