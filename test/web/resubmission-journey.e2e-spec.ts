/**
 * Withdrawing and resubmitting in a real browser, with a grant on the way: the Party group grants
 * the provincial office a view of a sent request, withdraws it with a reason and drafts its
 * revision from the withdrawn text; the two threads link each other; the granted office reads
 * the withdrawn one but may take no step on it. axe-core on the pages it passes.
 */
import { screenshot } from './browser';
import { BrowserUi, choose } from './ui';

jest.setTimeout(300_000);

describe('Withdrawal and resubmission through the web UI', () => {
  let ui: BrowserUi;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    ui = await BrowserUi.start();
    const demo = (await (await fetch(ui.url('/api/demo-users'))).json()) as {
      users: { userId: string; token: string }[];
    };
    tokens = Object.fromEntries(demo.users.map((u) => [u.userId, u.token]));
  }, 240_000);

  afterAll(async () => {
    await ui?.stop();
  });

  /** A step over the API, for what this journey does not show. */
  async function post(
    user: string,
    path: string,
    body: object,
  ): Promise<{ submissionId?: string }> {
    const response = await fetch(ui.url(path), {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens[user]}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { submissionId?: string };
  }

  it('grants a view, withdraws, and drafts the revision from the withdrawn text', async () => {
    const { labels } = ui;
    const title = '关于《长春市物业管理条例（草案）》有关问题的请示';
    const { submissionId } = await post('cc-party-group', '/api/submissions', {
      kind: 'request',
      category: 'major_issue',
      title,
      summary: '请市委就物业服务收费问题作出决定。',
      body: '一、关于收费标准……',
      documentNumber: '长人党字〔2025〕41号',
      classification: 'internal',
      addressedCommitteeId: 'cn-220100-pc',
    });
    const thread = `/submissions/${submissionId}`;
    await post('cc-party-group', `/api${thread}/party-group-discussion`, {
      meetingKind: 'party_group_meeting',
      meetingDate: '2025-04-02',
      minutesReference: '党组会议纪要〔2025〕12号',
    });
    await post('cc-party-group', `/api${thread}/submission`, {});

    const page = await ui.signIn('cc-party-group', 'zh');
    await page.goto(ui.url(thread));
    await page.getByTestId('action-grant').click();
    const grant = page.getByTestId('dialog-grant');
    await choose(page, '授权单位', '中共吉林省委办公厅', grant);
    await page.getByTestId('dialog-grant-ok').click();
    await page.getByTestId('viewers').getByText('中共吉林省委办公厅').waitFor();

    await page.getByTestId('action-withdraw').click();
    await page
      .getByTestId('dialog-withdraw')
      .getByLabel('撤回理由', { exact: true })
      .fill('收费标准需重新测算');
    await ui.expectAccessible(page, 'withdraw dialog');
    await page.getByTestId('dialog-withdraw-ok').click();
    await page.getByTestId('status').getByText(labels.statuses.withdrawn.zh).waitFor();
    await expect(page.getByTestId('action-withdraw').count()).resolves.toBe(0);

    await page.getByTestId('action-revision').click();
    await page.waitForURL(`**${thread}/revision`);
    const titleField = page.getByLabel('标题', { exact: true });
    // The form is filled once the withdrawn submission has loaded.
    await page.waitForFunction(
      `[...document.querySelectorAll('input')].some((i) => i.value === ${JSON.stringify(title)})`,
    );
    await expect(titleField.inputValue()).resolves.toBe(title);
    await expect(page.getByLabel('摘要', { exact: true }).inputValue()).resolves.toBe(
      '请市委就物业服务收费问题作出决定。',
    );
    await titleField.fill(`${title}（修改稿）`);
    await ui.expectAccessible(page, 'revision');
    await screenshot(page, 'revision-zh');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL((url) => /^\/submissions\/[0-9a-f-]{36}$/.test(url.pathname));
    expect(new URL(page.url()).pathname).not.toBe(thread);
    await expect(page.getByTestId('thread-title').textContent()).resolves.toBe(
      `${title}（修改稿）`,
    );
    await expect(page.getByTestId('status').textContent()).resolves.toBe(
      labels.statuses.drafted.zh,
    );
    const revision = new URL(page.url()).pathname;
    await page.goto(ui.url(thread));
    await page.getByTestId('replaced-by').getByRole('link').click();
    await page.waitForURL(`**${revision}`);
    // Replaced once: no second revision is offered.
    await page.goto(ui.url(thread));
    await page.getByTestId('replaced-by').waitFor();
    await expect(page.getByTestId('action-revision').count()).resolves.toBe(0);
    await page.close();

    // The granted office reads the withdrawn request, and may take no step on it.
    const office = await ui.signIn('jl-office', 'zh');
    await office.goto(ui.url(thread));
    await office.getByTestId('thread-title').getByText(title).waitFor();
    await office.getByTestId('no-actions').waitFor();
    await ui.expectAccessible(office, 'granted thread');
    await office.close();
    expect(ui.problems).toEqual([]);
  });
});
