/**
 * OIDC sign-in in a real browser (Debian's Chromium via playwright-core) against the real
 * service configured with a real provider (the fixture in test/support/oidc-issuer.ts): the
 * sign-in page sends the browser to the provider with a PKCE challenge, state and nonce; the
 * callback exchanges the code and signs in; the API accepts the provider's token with mapped
 * claims. A forged state exchanges nothing; a wrong verifier is refused by the provider. The
 * browser talks to the service and the provider only. Also: the thread page's official-document
 * download, signed in this way. The session outlives its short-lived access tokens by renewing
 * them with the refresh token; a refresh token the provider revoked ends it with a word why.
 */
import { readFileSync } from 'node:fs';
import { BrowserContext, Page } from 'playwright-core';
import { openDocx, runsOf } from '../support/docx';
import { DRAFT } from '../support/flow';
import { RunningIssuer, startIssuer } from '../support/oidc-issuer';
import { launchBrowser, requireChromium, screenshot, seriousViolations } from './browser';
import { RunningService, startService } from './service';

jest.setTimeout(240_000);

const CLIENT_ID = 'legislink-web';
const ACCESS_TOKEN_SECONDS = 16;

describe('OIDC sign-in (authorization code with PKCE), in a real browser', () => {
  let provider: RunningIssuer;
  let service: RunningService;
  let browser: BrowserContext;
  const redirectUris: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    requireChromium();
    provider = await startIssuer({
      client: { clientId: CLIENT_ID, redirectUris },
      audience: 'legislink',
      // Short-lived access tokens: the browser renews them with the refresh token as it goes.
      accessTokenSeconds: ACCESS_TOKEN_SECONDS,
      users: {
        'jl-party-group': {
          name: '省人大常委会党组',
          legislink: { org: 'cn-220000-npcpg', roles: ['party_group', 'legislature'] },
        },
      },
    });
    service = await startService({
      DEMO_SIGN_IN: 'false',
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_ORGANISATION_CLAIM: 'legislink.org',
      OIDC_ROLES_CLAIM: 'legislink.roles',
    });
    redirectUris.push(`${service.baseUrl}/auth/callback`);
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await provider?.stop();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
    problems.length = 0;
  });

  async function newPage(): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      const url = r.url();
      if (
        !url.startsWith(`${service.baseUrl}/`) &&
        !url.startsWith(`${provider.issuer}/`) &&
        !url.startsWith('data:') &&
        !url.startsWith('blob:')
      )
        problems.push(`outside request: ${url}`);
    });
    return page;
  }

  /** From the sign-in page to the provider's form, checking the authorization request. */
  async function toProvider(page: Page): Promise<URL> {
    await page.goto(`${service.baseUrl}/`);
    await page.waitForURL('**/sign-in');
    await page.getByTestId('oidc-sign-in').click();
    await page.waitForURL(`${provider.issuer}/authorize?**`);
    const url = new URL(page.url());
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(`${service.baseUrl}/auth/callback`);
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    return url;
  }

  /** Signs in at the provider but stops the browser before it comes back: the callback URL. */
  async function callbackHeldBack(page: Page): Promise<string> {
    await toProvider(page);
    // The provider's answer is taken before the browser follows it (Playwright routes no
    // redirected request): its Location is the callback with the code and state.
    let held = '';
    await page.route(`${provider.issuer}/authorize`, async (route) => {
      const answer = await route.fetch({ maxRedirects: 0 });
      held = answer.headers()['location'] ?? '';
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'held back' });
    });
    await page.getByLabel('User').fill('jl-party-group');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('held back').waitFor();
    await page.unroute(`${provider.issuer}/authorize`);
    expect(held.startsWith(`${service.baseUrl}/auth/callback?code=`)).toBe(true);
    return held;
  }

  const tokenInTab = (page: Page) =>
    page.evaluate("sessionStorage.getItem('legislink.token')") as Promise<string | null>;

  it('signs in at the provider and works with the API; the sign-in page is accessible', async () => {
    const page = await newPage();
    await page.goto(`${service.baseUrl}/sign-in`);
    await page.getByTestId('oidc-sign-in').waitFor();
    await page.waitForTimeout(400);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-oidc-zh');

    const exchanges = provider.tokenRequests.length;
    await toProvider(page);
    await page.getByLabel('User').fill('jl-party-group');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${service.baseUrl}/outbox`);
    await expect(page.getByTestId('who').textContent()).resolves.toBe('省人大常委会党组');
    expect(provider.tokenRequests.slice(exchanges).map((r) => r.status)).toEqual([200]);
    // The token is kept for the tab only; the transaction is spent; the code left the address.
    const token = await tokenInTab(page);
    expect(token).toMatch(/^ey/);
    expect(await page.evaluate("sessionStorage.getItem('legislink.oidc')")).toBeNull();
    expect(await page.evaluate("localStorage.getItem('legislink.token')")).toBeNull();
    // The API accepts the provider's token: the outbox answers for the mapped organisation.
    const outbox = await fetch(`${service.baseUrl}/api/outbox`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(outbox.status).toBe(200);
    await page.close();
  });

  it('downloads the submission as an official document from the thread page', async () => {
    const page = await newPage();
    await toProvider(page);
    await page.getByLabel('User').fill('jl-party-group');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${service.baseUrl}/outbox`);
    const token = await tokenInTab(page);
    const created = await fetch(`${service.baseUrl}/api/submissions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(DRAFT),
    });
    expect(created.status).toBe(201);
    const { submissionId } = (await created.json()) as { submissionId: string };
    await page.goto(`${service.baseUrl}/submissions/${submissionId}`);
    // A classified (秘密) document is numbered: the download waits for its copy number.
    await expect(page.getByTestId('download-document').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('download-opinion').count()).resolves.toBe(0);
    await page.getByLabel('份号').fill('5');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-document').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${DRAFT.documentNumber} ${DRAFT.title}.docx`);
    const xml = openDocx(readFileSync((await download.path())!))['word/document.xml'];
    const runs = runsOf(xml);
    expect(runs.find((r) => r.text === '吉林省人大常委会党组文件')).toMatchObject({
      color: 'FF0000',
    });
    expect(runs.map((r) => r.text)).toEqual(expect.arrayContaining(['000005', '秘密']));
    await page.waitForTimeout(400);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('refuses a callback whose state is not the one this tab sent, exchanging nothing', async () => {
    const page = await newPage();
    const held = new URL(await callbackHeldBack(page));
    const exchanges = provider.tokenRequests.length;
    held.searchParams.set('state', 'a-state-this-tab-never-sent-000000000000000');
    await page.goto(held.toString());
    await page.getByTestId('oidc-error').waitFor();
    await expect(page.getByTestId('oidc-error').textContent()).resolves.toContain('(state)');
    expect(provider.tokenRequests.length).toBe(exchanges);
    expect(await tokenInTab(page)).toBeNull();
    expect(page.url()).toBe(`${service.baseUrl}/auth/callback`);
    await page.waitForTimeout(400);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('is refused by the provider when the code comes back with another verifier', async () => {
    const page = await newPage();
    const held = await callbackHeldBack(page);
    // Someone who holds the code but not this tab's verifier cannot redeem it.
    await page.goto(`${service.baseUrl}/sign-in`);
    await page.evaluate(`(() => {
      const kept = JSON.parse(sessionStorage.getItem('legislink.oidc'));
      kept.verifier = 'x'.repeat(43);
      sessionStorage.setItem('legislink.oidc', JSON.stringify(kept));
    })()`);
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 400/.test(m.text()))
        problems.push(`console: ${m.text()}`);
    });
    await page.goto(held);
    await page.getByTestId('oidc-error').waitFor();
    await expect(page.getByTestId('oidc-error').textContent()).resolves.toContain('invalid_grant');
    expect(provider.tokenRequests.at(-1)).toMatchObject({ status: 400, error: 'invalid_grant' });
    expect(await tokenInTab(page)).toBeNull();
    await page.close();
  });

  it('renews the access token before it expires and works on; a revoked sign-in ends with a word why', async () => {
    const page = await newPage();
    await toProvider(page);
    await page.getByLabel('User').fill('jl-party-group');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${service.baseUrl}/outbox`);
    const first = await tokenInTab(page);
    const renewals = () =>
      provider.tokenRequests.filter((r) => r.params.grant_type === 'refresh_token');
    const before = renewals().length;
    // Past the first token's lifetime: renewed (halfway through it), and renewed again.
    await page.waitForTimeout((ACCESS_TOKEN_SECONDS + 2) * 1000);
    expect(
      renewals()
        .slice(before)
        .map((r) => r.status),
    ).toEqual([200, 200]);
    const renewed = await tokenInTab(page);
    expect(renewed).not.toBe(first);
    // The first token has expired; the page works on with the renewed one.
    const expired = await fetch(`${service.baseUrl}/api/outbox`, {
      headers: { Authorization: `Bearer ${first}` },
    });
    expect(expired.status).toBe(401);
    await page.reload();
    await page.getByTestId('outbox').waitFor();
    await expect(page.getByTestId('who').textContent()).resolves.toBe('省人大常委会党组');

    // The provider ends the session: the next renewal is refused, and the tab signs out.
    provider.revokeRefreshTokens();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 400/.test(m.text()))
        problems.push(`console: ${m.text()}`);
    });
    await page.waitForURL(`${service.baseUrl}/sign-in`, { timeout: ACCESS_TOKEN_SECONDS * 1000 });
    await expect(page.getByTestId('sign-in-notice').textContent()).resolves.toBe(
      '登录已失效，请重新登录',
    );
    expect(await tokenInTab(page)).toBeNull();
    expect(await page.evaluate("sessionStorage.getItem('legislink.oidc.refresh')")).toBeNull();
    await page.waitForTimeout(400);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
