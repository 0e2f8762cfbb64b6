/**
 * A submission's whole journey in a real browser, in Chinese and in English, on the real service:
 * the Party group drafts and submits; the committee office receives it and asks for material,
 * which the Party group supplies; the office records the committee meeting and composes an
 * opinion of three numbered points (a rule the API enforces shown beside the list, points
 * reordered); the Party group feeds back on each point (a broken rule shown beside its field)
 * and revises one; the thread shows the rounds, the opinion with each point's feedback and its
 * revisions, and the timeline with the hash-chain status. The committee office's analyst sees the
 * adoption dashboard change by exactly what was fed back. A user of another organisation sees none
 * of it, nor does another committee's analyst. axe-core on every page; screenshots in
 * test-results/web/.
 */
import { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { BrowserUi, Lang, choose, fillDay } from './ui';

jest.setTimeout(300_000);

const TEXT = {
  zh: {
    compose: '起草请示报告',
    category: '类别',
    title: '标题',
    documentNumber: '文号',
    summary: '摘要',
    body: '正文',
    saveDraft: '保存草稿',
    meetingKind: '会议类型',
    meetingDate: '会议日期',
    minutes: '会议纪要编号',
    officeLog: '收文编号',
    materialWanted: '需补充的材料',
    materialDueBy: '补充期限',
    materialSupplied: '补充材料说明',
    documents: '附件（可输入多项，回车分隔）',
    opinionNumber: '意见文号',
    outcome: '办理结果',
    point: (n: number) => `第${n}条`,
    moveUp: (n: number) => `上移第${n}条`,
    remove: (n: number) => `删除第${n}条`,
    adoption: '采纳情况',
    explanation: '说明（未全部采纳时必填）',
    reading: '审议次数',
    articles: '落实条款（如 art_12/para_2，回车分隔）',
    give: (n: number) => `提交第${n}条反馈`,
    revise: (n: number) => `修订第${n}条反馈`,
    revisions: '反馈修订记录',
    notFound: '未找到，或无权查看',
    chainValid: '哈希链校验通过',
    dashboards: '统计分析',
    table: '表格',
  },
  en: {
    compose: 'Compose a request or report',
    category: 'Category',
    title: 'Title',
    documentNumber: 'Document number',
    summary: 'Summary',
    body: 'Body',
    saveDraft: 'Save draft',
    meetingKind: 'Meeting kind',
    meetingDate: 'Meeting date',
    minutes: 'Minutes reference',
    officeLog: 'Office log number',
    materialWanted: 'Material wanted',
    materialDueBy: 'Due by',
    materialSupplied: 'What is supplied',
    documents: 'Documents (Enter after each)',
    opinionNumber: 'Document number of the opinion',
    outcome: 'Outcome',
    point: (n: number) => `Point ${n}`,
    moveUp: (n: number) => `Move point ${n} up`,
    remove: (n: number) => `Remove point ${n}`,
    adoption: 'Adoption',
    explanation: 'Explanation (unless adopted in full)',
    reading: 'Reading',
    articles: 'Articles (such as art_12/para_2; Enter after each)',
    give: (n: number) => `Give feedback on point ${n}`,
    revise: (n: number) => `Revise feedback on point ${n}`,
    revisions: 'Feedback revisions',
    notFound: 'Not found, or not readable by you',
    chainValid: 'Hash chain verified',
    dashboards: 'Dashboards',
    table: 'Table',
  },
};

const POINTS = ['进一步明确执法主体', '细化处罚标准', '做好与上位法的衔接'];

/** The adoption chart's figures, summed over its years: what an analyst reads off the table. */
interface Adoption {
  adopted: number;
  partly: number;
  not: number;
  pending: number;
  total: number;
}
const ADOPTION_COLUMNS = ['adopted', 'partly', 'not', 'pending', 'total'] as const;
const sumRows = (rows: number[][]): Adoption =>
  Object.fromEntries(
    ADOPTION_COLUMNS.map((column, i) => [column, rows.reduce((sum, row) => sum + row[i], 0)]),
  ) as unknown as Adoption;

describe('A submission’s journey through the web UI', () => {
  let ui: BrowserUi;

  beforeAll(async () => {
    ui = await BrowserUi.start();
  }, 240_000);

  afterAll(async () => {
    await ui?.stop();
  });

  /** The current page's thread, freshly loaded, once its status shows `status`. */
  async function openThread(page: Page, path: string, status: string): Promise<void> {
    await page.goto(ui.url(path));
    await page.getByTestId('status').getByText(status, { exact: true }).waitFor();
  }

  /** The analyst's adoption table (the chart's table view), read in the browser. */
  async function dashboardAdoption(page: Page, lang: Lang): Promise<Adoption> {
    await page.goto(ui.url('/'));
    await page.getByRole('menuitem', { name: TEXT[lang].dashboards }).click();
    await page.waitForURL('**/dashboards');
    const card = page.getByTestId('card-adoption');
    await card.waitFor();
    // The figures are in (the table is there, kept for printing), then the table is shown.
    await card.getByTestId('table-adoption').waitFor({ state: 'attached' });
    await card.getByText(TEXT[lang].table, { exact: true }).click();
    await card.getByTestId('table-adoption').waitFor();
    await page.waitForLoadState('networkidle');
    const rows = await card
      .locator('tbody tr:not(.ant-table-placeholder)')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          [...(tr as unknown as { cells: { textContent: string | null }[] }).cells].map(
            (cell) => cell.textContent ?? '',
          ),
        ),
      );
    // year, adopted, partly, not, pending, total, adoption share
    return sumRows(rows.map((cells) => cells.slice(1, 6).map(Number)));
  }

  /** Reads the table again until it shows `expected` (the projection follows the log). */
  async function awaitAdoption(page: Page, lang: Lang, expected: Adoption): Promise<void> {
    const until = Date.now() + 20_000;
    let shown = await dashboardAdoption(page, lang);
    while (JSON.stringify(shown) !== JSON.stringify(expected) && Date.now() < until) {
      await page.waitForTimeout(250);
      shown = await dashboardAdoption(page, lang);
    }
    expect(shown).toEqual(expected);
  }

  async function typeTags(page: Page, field: Locator, tags: string[]): Promise<void> {
    await field.click();
    for (const tag of tags) {
      await page.keyboard.type(tag);
      await page.keyboard.press('Enter');
    }
  }

  for (const lang of ['zh', 'en'] as const satisfies Lang[]) {
    const T = TEXT[lang];
    const L = (l: { zh: string; en: string }) => l[lang];
    const title = `关于《长春市养犬管理条例（修订草案）》有关问题的请示（${lang}）`;
    const documentNumber = lang === 'zh' ? '长人党字〔2025〕21号' : '长人党字〔2025〕22号';
    const opinionNumber = lang === 'zh' ? '长委办函〔2025〕31号' : '长委办函〔2025〕32号';
    let thread = '';
    /** The analysts' figures before this journey: the city's, and the province's (unmoved). */
    let before: Adoption;
    let provinceBefore: Adoption;

    it(`[${lang}] the analysts note the adoption figures before`, async () => {
      const page = await ui.signIn('cc-analyst', lang);
      before = await dashboardAdoption(page, lang);
      await page.close();
      const province = await ui.signIn('jl-analyst', lang);
      provinceBefore = await dashboardAdoption(province, lang);
      await province.close();
    });

    it(`[${lang}] the Party group drafts a request and submits it`, async () => {
      const { labels } = ui;
      const page = await ui.signIn('cc-party-group', lang);
      await page.getByRole('button', { name: T.compose }).click();
      await page.waitForURL('**/compose');
      await choose(page, T.category, L(labels.categories.major_issue));
      await page.getByLabel(T.title, { exact: true }).fill(title);
      await page.getByLabel(T.documentNumber, { exact: true }).fill(documentNumber);
      await page
        .getByLabel(T.summary, { exact: true })
        .fill('请市委就执法主体和处罚标准作出决定。');
      await page.getByLabel(T.body, { exact: true }).fill('一、关于执法主体……\n二、关于处罚标准……');
      await page.getByRole('button', { name: T.saveDraft }).click();
      await page.waitForURL('**/submissions/*');
      thread = new URL(page.url()).pathname;

      await page.getByTestId('action-discuss').click();
      const discuss = page.getByTestId('dialog-discuss');
      await choose(
        page,
        T.meetingKind,
        L(labels.partyGroupMeetingKinds.party_group_meeting),
        discuss,
      );
      await fillDay(page, T.meetingDate, '2025-03-07', discuss);
      await discuss.getByLabel(T.minutes, { exact: true }).fill('党组会议纪要〔2025〕9号');
      await page.getByTestId('dialog-discuss-ok').click();
      await page.getByTestId('action-submit').click();
      await page.getByTestId('status').getByText(L(labels.statuses.submitted)).waitFor();
      await page.close();
    });

    it(`[${lang}] the office receives it and asks for material; the Party group supplies it`, async () => {
      const { labels } = ui;
      const office = await ui.signIn('cc-office', lang);
      await office.waitForURL('**/inbox');
      await office.getByTestId('inbox').getByRole('link', { name: title }).click();
      await office.waitForURL(`**${thread}`);
      await office.getByTestId('action-receive').click();
      await office.getByLabel(T.officeLog, { exact: true }).fill('市委办收〔2025〕131号');
      await office.getByTestId('dialog-receive-ok').click();
      await office.getByTestId('status').getByText(L(labels.statuses.received)).waitFor();

      await office.getByTestId('action-request-material').click();
      const request = office.getByTestId('dialog-request-material');
      // The day first: Enter in the last field would send the form at once.
      await fillDay(office, T.materialDueBy, '2099-03-20', request);
      await request
        .getByLabel(T.materialWanted, { exact: true })
        .fill('请补充各区执法力量配置情况及处罚标准测算材料');
      await ui.expectAccessible(office, 'request material dialog');
      await office.getByTestId('dialog-request-material-ok').click();
      await office.getByTestId('status').getByText(L(labels.statuses.awaiting_material)).waitFor();
      await expect(office.getByTestId('round-1').textContent()).resolves.toContain('2099-03-20');
      // Only the submitting side supplies it; the office, waiting, may still ask for more.
      await expect(office.getByTestId('action-supply-1').count()).resolves.toBe(0);
      await expect(office.getByTestId('action-request-material').count()).resolves.toBe(1);
      await office.close();

      const party = await ui.signIn('cc-party-group', lang);
      await openThread(party, thread, L(labels.statuses.awaiting_material));
      await party.getByTestId('action-supply-1').click();
      const supply = party.getByTestId('dialog-supply');
      await supply
        .getByLabel(T.materialSupplied, { exact: true })
        .fill('各区执法力量配置表及测算说明');
      await typeTags(party, supply.getByLabel(T.documents, { exact: true }), [
        '附件1：执法力量配置表',
        '附件2：处罚标准测算说明',
      ]);
      await party.getByTestId('dialog-supply-ok').click();
      await party.getByTestId('status').getByText(L(labels.statuses.received)).waitFor();
      await expect(party.getByTestId('round-1').textContent()).resolves.toContain(
        '附件2：处罚标准测算说明',
      );
      await ui.expectAccessible(party, 'thread with a material round');
      await screenshot(party, `journey-material-${lang}`);
      await party.close();
    });

    it(`[${lang}] the office records the meeting and issues an opinion of three points`, async () => {
      const { labels } = ui;
      const page = await ui.signIn('cc-office', lang);
      await openThread(page, thread, L(labels.statuses.received));
      await page.getByTestId('action-meeting').click();
      const meeting = page.getByTestId('dialog-meeting');
      await fillDay(page, T.meetingDate, '2025-03-20', meeting);
      await choose(
        page,
        T.meetingKind,
        L(labels.committeeMeetingKinds.standing_committee_meeting),
        meeting,
      );
      await page.getByTestId('dialog-meeting-ok').click();
      await page.getByTestId('status').getByText(L(labels.statuses.committee_discussed)).waitFor();

      await page.getByTestId('action-opinion').click();
      await page.waitForURL(`**${thread}/opinion`);
      const composer = page.getByTestId('opinion-composer');
      await composer.getByLabel(T.opinionNumber, { exact: true }).fill(opinionNumber);
      await choose(page, T.outcome, L(labels.requestOutcomes.approved_with_opinions), composer);
      // With its one empty point removed, the API refuses an opinion with opinions but no
      // points, and the composer shows why beside the list of points.
      await composer.getByRole('button', { name: T.remove(1) }).click();
      await page.getByTestId('issue-opinion').click();
      await composer
        .locator('fieldset .ant-form-item-explain-error')
        .getByText(/must state its numbered points/)
        .waitFor();
      await expect(page.url()).toMatch(/\/opinion$/);

      for (const text of [POINTS[0], POINTS[2], POINTS[1]]) {
        await page.getByTestId('add-point').click();
        const n = await composer.locator('[data-testid^="composer-point-"]').count();
        await composer.getByLabel(T.point(n), { exact: true }).fill(text);
      }
      // Reordered: the third point moves up to second, and the numbers follow the order.
      await composer.getByRole('button', { name: T.moveUp(3) }).click();
      for (const [i, text] of POINTS.entries()) {
        await expect(
          composer.getByLabel(T.point(i + 1), { exact: true }).inputValue(),
        ).resolves.toBe(text);
      }
      await ui.expectAccessible(page, 'opinion composer');
      await screenshot(page, `journey-opinion-composer-${lang}`);
      await page.getByTestId('issue-opinion').click();
      await page.waitForURL(`**${thread}`);
      await page.getByTestId('status').getByText(L(labels.statuses.opinion_issued)).waitFor();
      await expect(page.getByTestId('outcome').textContent()).resolves.toBe(
        L(labels.outcomes.approved_with_opinions),
      );
      await expect(page.getByTestId('opinion-number').textContent()).resolves.toBe(opinionNumber);
      const points = page.getByTestId('opinion-points').locator(':scope > li');
      await expect(points.count()).resolves.toBe(3);
      for (const [i, text] of POINTS.entries())
        await expect(points.nth(i).textContent()).resolves.toContain(text);
      // The office has nothing more to take but a grant: the Party group feeds back.
      await page.getByTestId('action-grant').waitFor();
      for (const action of ['opinion', 'meeting', 'request-material', 'receive'])
        await expect(page.getByTestId(`action-${action}`).count()).resolves.toBe(0);
      await page.close();
    });

    it(`[${lang}] the Party group feeds back on each point and revises one`, async () => {
      const { labels } = ui;
      const page = await ui.signIn('cc-party-group', lang);
      await openThread(page, thread, L(labels.statuses.opinion_issued));
      await page.getByTestId('action-feedback').click();
      await page.waitForURL(`**${thread}/feedback`);
      await ui.expectAccessible(page, 'feedback');

      const form = (n: number) => page.getByTestId(`feedback-form-${n}`);
      await choose(page, T.adoption, L(labels.adoptions.adopted), form(1));
      await form(1).getByLabel(T.reading, { exact: true }).fill('2');
      await typeTags(page, form(1).getByLabel(T.articles, { exact: true }), [
        'art_12',
        'art_13/para_2',
      ]);
      await form(1)
        .getByRole('button', { name: T.give(1) })
        .click();
      await page.getByTestId('adoption-1').getByText(L(labels.adoptions.adopted)).waitFor();

      // Partly adopted without saying why: the API's rule is shown beside the explanation.
      await choose(page, T.adoption, L(labels.adoptions.partly_adopted), form(2));
      await form(2)
        .getByRole('button', { name: T.give(2) })
        .click();
      await form(2)
        .locator('.ant-form-item', { has: page.getByLabel(T.explanation, { exact: true }) })
        .locator('.ant-form-item-explain-error')
        .getByText(/must explain why/)
        .waitFor();
      await form(2)
        .getByLabel(T.explanation, { exact: true })
        .fill('处罚标准已细化，罚款幅度待下次审议确定');
      await form(2)
        .getByRole('button', { name: T.give(2) })
        .click();
      await page.getByTestId('adoption-2').getByText(L(labels.adoptions.partly_adopted)).waitFor();

      await choose(page, T.adoption, L(labels.adoptions.not_adopted), form(3));
      await form(3).getByLabel(T.explanation, { exact: true }).fill('上位法尚未修订，暂不衔接');
      await form(3)
        .getByRole('button', { name: T.give(3) })
        .click();
      await page.getByTestId('adoption-3').getByText(L(labels.adoptions.not_adopted)).waitFor();

      // Revised as the item moves on: adopted in full at the third reading.
      await choose(page, T.adoption, L(labels.adoptions.adopted), form(2));
      await form(2).getByLabel(T.reading, { exact: true }).fill('3');
      await form(2)
        .getByRole('button', { name: T.revise(2) })
        .click();
      await page.getByTestId('adoption-2').getByText(L(labels.adoptions.adopted)).waitFor();
      await page.getByTestId('feedback-point-2').getByText(T.revisions).click();
      await expect(
        page.getByTestId('revisions-2').locator('li').allTextContents(),
      ).resolves.toHaveLength(2);
      await screenshot(page, `journey-feedback-${lang}`);

      await openThread(page, thread, L(labels.statuses.closed));
      for (const [n, adoption] of [
        [1, 'adopted'],
        [2, 'adopted'],
        [3, 'not_adopted'],
      ] as const) {
        await expect(page.getByTestId(`adoption-${n}`).textContent()).resolves.toBe(
          L(labels.adoptions[adoption]),
        );
      }
      await expect(page.getByTestId('point-1').textContent()).resolves.toContain('art_13/para_2');
      await page.getByTestId('point-2').getByText(T.revisions).click();
      const revisions = await page.getByTestId('revisions-2').locator('li').allTextContents();
      expect(revisions[0]).toContain(L(labels.adoptions.partly_adopted));
      expect(revisions[1]).toContain(L(labels.adoptions.adopted));

      const entries = await page
        .getByTestId('timeline')
        .locator('.ant-timeline-item')
        .allTextContents();
      // Drafted, discussed, submitted, received, material asked and supplied, the meeting, the
      // opinion, three feedbacks, closed, and the revision.
      expect(entries).toHaveLength(13);
      expect(entries.every((e) => /\d{2}:\d{2}/.test(e))).toBe(true);
      expect(entries[4]).toContain('市委办公室');
      expect(entries[5]).toContain('市人大常委会党组');
      expect(entries[7]).toContain(opinionNumber);
      await expect(page.getByTestId('chain').textContent()).resolves.toContain(T.chainValid);
      await ui.expectAccessible(page, 'closed thread');
      await screenshot(page, `journey-thread-${lang}`);
      await page.close();
    });

    it(`[${lang}] the committee's analyst sees the dashboard change by what was fed back`, async () => {
      const page = await ui.signIn('cc-analyst', lang);
      // Three points: two adopted in the end (one after a revision), one not adopted.
      await awaitAdoption(page, lang, {
        adopted: before.adopted + 2,
        partly: before.partly,
        not: before.not + 1,
        pending: before.pending,
        total: before.total + 3,
      });
      await ui.expectAccessible(page, 'dashboards');
      await screenshot(page, `journey-dashboards-${lang}`);
      await page.close();
    });

    it(`[${lang}] a user of another organisation sees none of it`, async () => {
      // Another committee's analyst: the province's figures did not move.
      const analyst = await ui.signIn('jl-analyst', lang);
      expect(await dashboardAdoption(analyst, lang)).toEqual(provinceBefore);
      await analyst.close();

      const office = await ui.signIn('jl-office', lang);
      await office.waitForURL('**/inbox');
      await office.getByTestId('inbox').waitFor();
      await office.waitForLoadState('networkidle');
      await expect(office.getByTestId('inbox').textContent()).resolves.not.toContain(title);
      for (const path of [thread, `${thread}/opinion`]) {
        await office.goto(ui.url(path));
        await office.getByText(T.notFound).waitFor();
        await expect(office.content()).resolves.not.toContain(title);
      }
      await office.close();

      const party = await ui.signIn('jl-party-group', lang);
      await party.waitForURL('**/outbox');
      await party.getByTestId('outbox').waitFor();
      await party.waitForLoadState('networkidle');
      await expect(party.getByTestId('outbox').textContent()).resolves.not.toContain(title);
      await party.goto(ui.url(`${thread}/feedback`));
      await party.getByText(T.notFound).waitFor();
      await expect(party.content()).resolves.not.toContain(title);
      await party.close();
    });
  }

  it('met no script error, refused request or request leaving the service', () => {
    expect(ui.problems).toEqual([]);
  });
});
