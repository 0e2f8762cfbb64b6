/**
 * What every browser journey needs: the real service and Chromium, pages that record what the
 * browser complains about, signing in as a demo user, picking from antd selects, and axe.
 */
import { BrowserContext, Locator, Page } from 'playwright-core';
import { Labels } from '../../web/src/api';
import { launchBrowser, requireChromium, seriousViolations } from './browser';
import { RunningService, startService } from './service';

export type Lang = 'zh' | 'en';

export class BrowserUi {
  /** What the browser complained about: CSP refusals, script errors, failed requests. */
  readonly problems: string[] = [];

  private constructor(
    readonly service: RunningService,
    readonly browser: BrowserContext,
    readonly labels: Labels,
    /** The demo users' tokens, by user id, for setting a scene up over the API. */
    readonly tokens: Record<string, string>,
  ) {}

  static async start(): Promise<BrowserUi> {
    requireChromium();
    const service = await startService();
    const browser = await launchBrowser();
    const demo = (await (await fetch(`${service.baseUrl}/api/demo-users`)).json()) as {
      users: { userId: string; token: string }[];
    };
    const labels = (await (await fetch(`${service.baseUrl}/api/labels`)).json()) as Labels;
    const tokens = Object.fromEntries(demo.users.map((u) => [u.userId, u.token]));
    return new BrowserUi(service, browser, labels, tokens);
  }

  /** The API as a demo user (null: no account), answering the JSON body or throwing. */
  async api<T = Record<string, unknown>>(
    user: string | null,
    method: string,
    path: string,
    body?: object,
  ): Promise<T> {
    const response = await fetch(this.url(path), {
      method,
      headers: {
        ...(user ? { Authorization: `Bearer ${this.tokens[user]}` } : {}),
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await response.json()) as T;
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    }
    return json;
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.service.stop();
  }

  url(path: string): string {
    return `${this.service.baseUrl}${path}`;
  }

  async newPage(): Promise<Page> {
    const page = await this.browser.newPage();
    page.on('console', (m) => {
      // A 400, 404 or 422 is an answer the page expects (a broken rule shown beside its field, an
      // outsider's thread); anything else is not.
      if (m.type() === 'error' && !/status of (400|404|422)/.test(m.text()))
        this.problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => {
      // Leaving a page cancels what it still had in flight: not a failure of the service.
      if (r.failure()?.errorText !== 'net::ERR_ABORTED')
        this.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(this.service.baseUrl) && !/^(data|blob):/.test(r.url()))
        this.problems.push(`outside request: ${r.url()}`);
    });
    return page;
  }

  async expectAccessible(page: Page, name: string): Promise<void> {
    // Let antd's transitions finish before axe reads colours.
    await page.waitForTimeout(400);
    const violations = await seriousViolations(page);
    expect({ page: name, violations }).toEqual({ page: name, violations: [] });
  }

  /** Signs in through the sign-in page, as a demo user it offers. */
  async signIn(userId: string, lang: Lang): Promise<Page> {
    const page = await this.newPage();
    await page.goto(this.url('/'));
    await page.waitForURL('**/sign-in');
    if (lang === 'en') await page.getByText('English', { exact: true }).click();
    await page.getByTestId(`demo-${userId}`).click();
    await page.getByTestId('who').waitFor();
    return page;
  }
}

/** Picks an option of the antd select labelled `field` (within `scope`, the page by default). */
export async function choose(
  page: Page,
  field: string,
  option: string,
  scope: Page | Locator = page,
): Promise<void> {
  const input = scope.getByLabel(field, { exact: true });
  await input.click();
  // This select's own dropdown (the one holding its listbox): another may still be fading out.
  const list = await input.getAttribute('aria-controls');
  const dropdown = list
    ? page.locator('.ant-select-dropdown', { has: page.locator(`[id="${list}"]`) })
    : page.locator('.ant-select-dropdown:visible');
  await dropdown.getByTitle(option, { exact: true }).click();
}

/** Types a day into the antd date picker labelled `field`. */
export async function fillDay(
  page: Page,
  field: string,
  day: string,
  scope: Page | Locator = page,
): Promise<void> {
  await scope.getByLabel(field, { exact: true }).fill(day);
  await page.keyboard.press('Enter');
}
