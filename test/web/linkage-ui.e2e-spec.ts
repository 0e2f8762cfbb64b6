/**
 * The linkage workspaces in a real browser (Debian's Chromium via playwright-core) against the
 * real service: the committee office records a decision and transmits it; the legislature
 * acknowledges it, proposes an item, drafts and reads it and links it to the decision; the
 * linkage view shows the decision with its item, stage and days in stage, and "as of" an
 * earlier day shows the past (nothing yet); the legislature unlinks with a reason. Then a
 * committee proposal is transferred and answered, and an item is taken to force and inquired
 * about. The oversight is recorded in the UI (a divergence refused beside its field then recorded,
 * an inspection, an inquiry, an assessment and its judgment, all then in the linkage view), and a
 * plan is drafted, listed, revised, reported and approved. In Chinese and in English; a user of another organisation sees none of it; axe-core on
 * every page; screenshots in test-results/web/ (and two in docs/screenshots/).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserContext, Page } from 'playwright-core';
import { Labels } from '../../web/src/api';
import { beijingToday } from '../../web/src/format';
import { launchBrowser, requireChromium, screenshot, seriousViolations } from './browser';
import { RunningService, startService } from './service';

jest.setTimeout(300_000);

type Lang = 'zh' | 'en';
/** The UI's own strings the test reads (the pages' defineText tables say the same). */
const T = {
  zh: {
    decisionsMenu: '党委决策',
    recordDecision: '登记党委决策',
    documentNumber: '文号',
    title: '标题',
    summary: '摘要',
    decidedOn: '决策日期',
    kind: '类型',
    policyAreas: '政策领域',
    followUp: '立法跟进需求',
    proposeItem: '提出立法项目',
    itemKind: '立法形式',
    proposedOn: '提出日期',
    draftingUnit: '起草单位',
    startedOn: '开始日期',
    heldOn: '会议日期',
    meetingReference: '会议名称或编号',
    decision: '党委决策',
    rationale: '关联理由',
    reason: '理由',
    asOf: '截至日期',
    asOfNotYet: '截至该日尚无此记录，或无权查看',
    notFound: '未找到，或无权查看',
    removed: '已解除',
    days: '天',
    route: '转交对象',
    arguedOn: '论证日期',
    note: '说明',
    answer: '答复',
    agendaDate: '表决会议日期',
    adoptedOn: '通过日期',
    announcementNumber: '公告号',
    promulgatedOn: '公布日期',
    inForceOn: '施行日期',
    question: '询问事项',
    dueBy: '答复期限',
    conclusion: '结论',
    answerText: '答复内容',
    disputeReason: '异议理由',
    finalConclusion: '复核结论',
    description: '分歧内容',
    recordedOn: '记录日期',
    pointNumber: '意见要点序号',
    heldFrom: '开始日期',
    heldTo: '结束日期',
    findings: '主要发现',
    notBeforeStart: '不得早于开始日期',
    reportedOn: '报告日期',
    judgment: '审定意见',
    item: '立法项目',
    necessity: '必要性',
    feasibility: '可行性',
    socialEffects: '社会效果',
    obstacles: '立法障碍',
    fromYear: '起始年度',
    toYear: '截止年度',
    planSubmission: '报送的请示报告',
    approvedOn: '同意日期',
    approvalReference: '批复文号',
    planId: '立法计划',
  },
  en: {
    decisionsMenu: 'Decisions',
    recordDecision: 'Record a decision',
    documentNumber: 'Document number',
    title: 'Title',
    summary: 'Summary',
    decidedOn: 'Decided on',
    kind: 'Kind',
    policyAreas: 'Policy areas',
    followUp: 'Legislative follow-up',
    proposeItem: 'Propose an item',
    itemKind: 'Kind of legislation',
    proposedOn: 'Proposed on',
    draftingUnit: 'Drafting unit',
    startedOn: 'Started on',
    heldOn: 'Held on',
    meetingReference: 'Meeting reference',
    decision: 'Committee decision',
    rationale: 'Rationale',
    reason: 'Reason',
    asOf: 'As of',
    asOfNotYet: 'Not recorded yet on that day, or not readable by you',
    notFound: 'Not found, or not readable by you',
    removed: 'Removed',
    days: 'days',
    route: 'Route',
    arguedOn: 'Argued on',
    note: 'Note',
    answer: 'Answer',
    agendaDate: 'Agenda date',
    adoptedOn: 'Adopted on',
    announcementNumber: 'Announcement number',
    promulgatedOn: 'Promulgated on',
    inForceOn: 'In force on',
    question: 'Question',
    dueBy: 'Answer due by',
    conclusion: 'Conclusion',
    answerText: 'Answer',
    disputeReason: 'Reason for the dispute',
    finalConclusion: 'Final conclusion',
    description: 'Description',
    recordedOn: 'Recorded on',
    pointNumber: 'Opinion point number',
    heldFrom: 'First day',
    heldTo: 'Last day',
    findings: 'Findings',
    notBeforeStart: 'Not before the first day',
    reportedOn: 'Reported on',
    judgment: 'Judgment',
    item: 'Legislative item',
    necessity: 'Necessity',
    feasibility: 'Feasibility',
    socialEffects: 'Social effects',
    obstacles: 'Obstacles',
    fromYear: 'From year',
    toYear: 'To year',
    planSubmission: 'Submission reporting it',
    approvedOn: 'Approved on',
    approvalReference: 'Approval reference',
    planId: 'Plan',
  },
};

/** The day before a YYYY-MM-DD day. */
const dayBefore = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('The linkage workspaces, in a real browser', () => {
  let service: RunningService;
  let browser: BrowserContext;
  let labels: Labels;
  let tokens: Record<string, string>;
  const problems: string[] = [];

  beforeAll(async () => {
    requireChromium();
    service = await startService();
    browser = await launchBrowser();
    const demo = (await (await fetch(`${service.baseUrl}/api/demo-users`)).json()) as {
      users: { userId: string; token: string }[];
    };
    tokens = Object.fromEntries(demo.users.map((u) => [u.userId, u.token]));
    labels = (await (
      await fetch(`${service.baseUrl}/api/labels`, {
        headers: { Authorization: `Bearer ${tokens['cc-office']}` },
      })
    ).json()) as Labels;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  async function newPage(): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (m) => {
      // A 404 or 422 is an answer the page expects (an outsider's record, a day before it
      // existed, a broken rule shown beside its field).
      if (m.type() === 'error' && !/status of (404|422)/.test(m.text()))
        problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(service.baseUrl) && !/^(data|blob):/.test(r.url()))
        problems.push(`outside request: ${r.url()}`);
    });
    return page;
  }

  async function expectAccessible(page: Page, name: string): Promise<void> {
    await page.waitForTimeout(400);
    const violations = await seriousViolations(page);
    expect({ page: name, violations }).toEqual({ page: name, violations: [] });
  }

  async function signIn(userId: string, lang: Lang): Promise<Page> {
    const page = await newPage();
    await page.goto(`${service.baseUrl}/`);
    await page.waitForURL('**/sign-in');
    // The language switch is remembered: choose it every time.
    await page.getByText(lang === 'en' ? 'English' : '中文', { exact: true }).click();
    await page.getByTestId(`demo-${userId}`).click();
    await page.getByTestId('who').waitFor();
    return page;
  }

  const dialog = (page: Page) => page.locator('.ant-modal-wrap:visible');

  async function fill(page: Page, field: string, value: string): Promise<void> {
    await dialog(page).getByLabel(field, { exact: true }).fill(value);
  }

  /** Types a day and presses Enter, which takes it (the dialog is sent by its OK button). */
  async function fillDay(page: Page, field: string, day: string): Promise<void> {
    await fill(page, field, day);
    await page.keyboard.press('Enter');
  }

  async function choose(page: Page, field: string, option: string): Promise<void> {
    await dialog(page).getByLabel(field, { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
  }

  /** The message shown beside the dialog field labelled `field`. */
  const fieldError = (page: Page, field: string) =>
    dialog(page)
      .locator('.ant-form-item', { has: page.getByLabel(field, { exact: true }) })
      .locator('.ant-form-item-explain-error');

  /** Opens an action's dialog (or confirms a field-less one) and fills it with `then`. */
  async function act(page: Page, action: string, then?: () => Promise<void>): Promise<void> {
    await page.getByTestId(`action-${action}`).click();
    await dialog(page).waitFor();
    if (then) await then();
    await dialog(page).locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog(page).waitFor({ state: 'hidden', timeout: 60_000 });
  }

  async function api(user: string, method: string, path: string, body?: object) {
    const response = await fetch(`${service.baseUrl}/api/${path}`, {
      method,
      headers: { Authorization: `Bearer ${tokens[user]}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (response.status >= 300) throw new Error(`${path}: ${await response.text()}`);
    return (await response.json()) as Record<string, string>;
  }

  for (const lang of ['zh', 'en'] as const) {
    const t = T[lang];
    const L = (l: { zh: string; en: string }) => l[lang];
    const n = lang === 'zh' ? 21 : 22;
    // Typed with square brackets: the page writes the year in 〔〕 as offices do.
    const typedNumber = `长发[2025]${n}号`;
    const documentNumber = `长发〔2025〕${n}号`;
    const decisionTitle = `关于推进城市文明行为立法的意见（${lang}）`;
    const itemTitle = `长春市文明行为促进条例（${lang}）`;
    let decisionPath = '';
    let itemPath = '';

    it(`[${lang}] the committee office records a decision in the register and transmits it`, async () => {
      const page = await signIn('cc-office', lang);
      // The register is in the office's menu.
      await page
        .getByRole('menuitem', { name: t.decisionsMenu })
        .first()
        .waitFor({ state: 'attached' });
      await page.goto(`${service.baseUrl}/decisions`);
      await page.getByTestId('decisions').waitFor();
      await expectAccessible(page, 'decisions register');
      await act(page, 'record-decision', async () => {
        await fill(page, t.documentNumber, typedNumber);
        await fill(page, t.title, decisionTitle);
        await fill(page, t.summary, '以立法引领和保障城市文明建设。');
        await fillDay(page, t.decidedOn, '2025-02-10');
        await choose(page, t.kind, L(labels.decisionKinds.reform_plan));
        await dialog(page).getByLabel(t.policyAreas, { exact: true }).fill('城市管理');
        await page.keyboard.press('Enter');
        await choose(page, t.followUp, L(labels.followUpKinds.new_law));
        await expectAccessible(page, 'record a decision');
      });
      await page.waitForURL('**/decisions/*');
      decisionPath = new URL(page.url()).pathname;
      await expect(page.getByTestId('decision-title').textContent()).resolves.toBe(decisionTitle);
      await expect(page.getByTestId('document-number').textContent()).resolves.toBe(documentNumber);
      await page.getByTestId('status').getByText(L(labels.decisionStatuses.recorded)).waitFor();
      // The office transmits; acknowledging is the legislature's step, not offered here.
      await expect(page.getByTestId('action-acknowledge').count()).resolves.toBe(0);
      await act(page, 'transmit');
      await page.getByTestId('status').getByText(L(labels.decisionStatuses.transmitted)).waitFor();
      await expect(page.getByTestId('action-transmit').count()).resolves.toBe(0);
      await expectAccessible(page, 'decision');
      await screenshot(page, `decision-${lang}`);

      await page.goto(`${service.baseUrl}/decisions`);
      const row = page
        .getByTestId('decisions')
        .getByRole('row', { name: new RegExp(documentNumber) });
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain(L(labels.decisionStatuses.transmitted));
      await screenshot(page, `decisions-${lang}`);
      await page.close();
    });

    it(`[${lang}] the legislature acknowledges it, proposes an item, drafts, reads and links it`, async () => {
      const page = await signIn('cc-party-group', lang);
      await page.goto(`${service.baseUrl}${decisionPath}`);
      await page.getByTestId('status').getByText(L(labels.decisionStatuses.transmitted)).waitFor();
      await expect(page.getByTestId('action-transmit').count()).resolves.toBe(0);
      await act(page, 'acknowledge');
      await page.getByTestId('status').getByText(L(labels.decisionStatuses.acknowledged)).waitFor();

      await page.goto(`${service.baseUrl}/items`);
      await page.getByTestId('items').waitFor();
      await expectAccessible(page, 'items');
      await act(page, 'propose-item', async () => {
        await choose(page, t.itemKind, L(labels.itemKinds.local_regulation));
        await fill(page, t.title, itemTitle);
        await fill(page, t.summary, '规范文明行为，明确促进措施。');
        await dialog(page).getByLabel(t.policyAreas, { exact: true }).fill('城市管理');
        await page.keyboard.press('Enter');
        await fillDay(page, t.proposedOn, '2025-03-01');
      });
      await page.waitForURL('**/items/*');
      itemPath = new URL(page.url()).pathname;
      await expect(page.getByTestId('item-title').textContent()).resolves.toBe(itemTitle);
      await page.getByTestId('stage').getByText(L(labels.itemStages.proposed)).waitFor();

      await act(page, 'start-drafting', async () => {
        await choose(
          page,
          t.draftingUnit,
          lang === 'zh'
            ? '长春市人大常委会法制工作委员会'
            : "Legislative Affairs Commission of the Changchun Municipal People's Congress Standing Committee",
        );
        await fillDay(page, t.startedOn, '2025-03-05');
      });
      await page.getByTestId('stage').getByText(L(labels.itemStages.drafting)).waitFor();
      await act(page, 'hold-reading', async () => {
        await fillDay(page, t.heldOn, '2025-05-20');
        await fill(page, t.meetingReference, '市十六届人大常委会第二十次会议');
      });
      await page.getByTestId('stage').getByText(L(labels.itemStages.deliberation)).waitFor();
      // The stage timeline names every stage on the way, and the history says when.
      const steps = await page.getByTestId('stage-steps').textContent();
      for (const stage of ['proposed', 'planned', 'drafting', 'on_agenda', 'in_force'])
        expect(steps).toContain(L(labels.itemStages[stage]));
      await expect(page.getByTestId('stage-history').textContent()).resolves.toContain(
        '2025-05-20',
      );

      await act(page, 'link-decision', async () => {
        await choose(page, t.decision, `${documentNumber} ${decisionTitle}`);
        await fill(page, t.rationale, '条例落实市委关于城市文明建设的意见');
      });
      await page.getByTestId('links').getByText(decisionTitle, { exact: false }).waitFor();
      await expectAccessible(page, 'item');
      await screenshot(page, `item-${lang}`);
      await page.close();
    });

    it(`[${lang}] the linkage view shows the decision with its item, stage and days, and the past as of a day before`, async () => {
      const page = await signIn('cc-office', lang);
      await page.goto(`${service.baseUrl}/linkage`);
      const row = page
        .getByTestId('linkage-decisions')
        .getByRole('row', { name: new RegExp(documentNumber) });
      await row.waitFor();
      const rowText = await row.textContent();
      expect(rowText).toContain(itemTitle);
      expect(rowText).toContain(L(labels.itemStages.deliberation));
      await expectAccessible(page, 'linkage view');
      await screenshot(page, `linkage-${lang}`);
      // The reverse view, by item.
      await page.getByText(lang === 'zh' ? '按立法项目' : 'By item', { exact: true }).click();
      const itemRow = page
        .getByTestId('linkage-items')
        .getByRole('row', { name: new RegExp(itemTitle) });
      await itemRow.waitFor();
      await expect(itemRow.textContent()).resolves.toContain(documentNumber);
      await page.getByText(lang === 'zh' ? '按决策' : 'By decision', { exact: true }).click();

      await page
        .getByTestId('linkage-decisions')
        .getByRole('link', { name: decisionTitle })
        .click();
      await page.waitForURL('**/linkage/decisions/*');
      const items = page.getByTestId('linkage-decision-items');
      await items.getByText(itemTitle).waitFor();
      await expect(items.getByTestId('item-stage').textContent()).resolves.toBe(
        L(labels.itemStages.deliberation),
      );
      // In deliberation since the reading on 2025-05-20: days counted to today (Beijing).
      const today = beijingToday();
      const days = Math.round((Date.parse(today) - Date.parse('2025-05-20')) / 86_400_000);
      await expect(items.textContent()).resolves.toContain(`${days} ${t.days}`);
      await expect(page.getByTestId('linkage-title').textContent()).resolves.toContain(
        documentNumber,
      );
      await expectAccessible(page, 'linkage decision');
      await screenshot(page, `linkage-decision-${lang}`);
      if (lang === 'zh') {
        mkdirSync(join(__dirname, '../../docs/screenshots'), { recursive: true });
        copyFileSync(
          await screenshot(page, 'linkage-decision-zh-docs'),
          join(__dirname, '../../docs/screenshots/linkage-decision-zh.png'),
        );
      }

      // As of the day before: the decision was not recorded yet.
      await page.getByLabel(t.asOf, { exact: true }).fill(dayBefore(today));
      await page.keyboard.press('Enter');
      await page.getByTestId('not-found').getByText(t.asOfNotYet).waitFor();
      expect(new URL(page.url()).searchParams.get('asOf')).toBe(dayBefore(today));
      await expectAccessible(page, 'linkage decision as of');
      // As of today: the item in deliberation again.
      await page.getByLabel(t.asOf, { exact: true }).fill(today);
      await page.keyboard.press('Enter');
      await page.getByTestId('as-of-banner').waitFor();
      await items.getByText(itemTitle).waitFor();

      // The list as of the day before holds none of it.
      await page.goto(`${service.baseUrl}/linkage?asOf=${dayBefore(today)}`);
      await page.getByTestId('as-of-banner').waitFor();
      await page.waitForLoadState('networkidle');
      await expect(page.getByTestId('linkage-decisions').textContent()).resolves.not.toContain(
        decisionTitle,
      );
      await page.close();
    });

    it(`[${lang}] the legislature unlinks the item with a reason, and the view follows`, async () => {
      const page = await signIn('cc-party-group', lang);
      await page.goto(`${service.baseUrl}${itemPath}`);
      const links = page.getByTestId('links');
      await links.getByText(decisionTitle, { exact: false }).waitFor();
      await links.locator('[data-testid^="action-unlink-"]').click();
      await fill(page, t.reason, '该决策由另一项目落实');
      await dialog(page).locator('.ant-modal-footer .ant-btn-primary').click();
      await links.getByText(t.removed, { exact: true }).waitFor();
      await page.goto(`${service.baseUrl}${itemPath.replace('/items/', '/linkage/items/')}`);
      await page.getByTestId('linkage-item-decisions').waitFor();
      await page.waitForLoadState('networkidle');
      await expect(page.getByTestId('linkage-item-decisions').textContent()).resolves.not.toContain(
        decisionTitle,
      );
      await expectAccessible(page, 'linkage item');
      await page.close();
    });

    it(`[${lang}] divergence, inspection, inquiry, assessment and judgment are recorded in the UI, and the view shows them`, async () => {
      const title = `长春市非物质文化遗产保护条例（${lang}）`;
      const divergence = `关于传承人认定条件，审议意见与市委意见不一致（${lang}）`;
      const findings = `传承人补助发放及时，部分区县名录更新滞后（${lang}）`;
      const assessmentTitle = `《长春市非物质文化遗产保护条例》立法后评估报告（${lang}）`;
      const item = await api('cc-fgw', 'POST', 'items', {
        kind: 'local_regulation',
        title,
        summary: '保护非物质文化遗产。',
        policyAreas: ['文化'],
        proposedOn: '2024-01-10',
      });
      const base = `items/${item.itemId}`;
      await api('cc-party-group', 'POST', `${base}/drafting`, {
        draftingUnitId: 'cn-220100-npc-fgw',
        startedOn: '2024-02-01',
      });
      await api('cc-party-group', 'POST', `${base}/readings`, {
        readingNumber: 1,
        heldOn: '2024-04-20',
        meetingReference: '第一次审议',
      });
      const legislature = await signIn('cc-party-group', lang);
      const office = await signIn('cc-office', lang);
      const itemUrl = `${service.baseUrl}/items/${item.itemId}`;

      // In deliberation: the legislature records a divergence. A point number without its
      // submission is refused by the API, and the refusal is shown beside that field.
      await legislature.goto(itemUrl);
      await legislature.getByTestId('action-record-divergence').click();
      await fill(legislature, t.description, divergence);
      await fillDay(legislature, t.recordedOn, '2024-04-21');
      await fill(legislature, t.pointNumber, '2');
      await dialog(legislature).locator('.ant-modal-footer .ant-btn-primary').click();
      await fieldError(legislature, t.pointNumber).waitFor();
      await expectAccessible(legislature, 'record a divergence, refused');
      await screenshot(legislature, `record-divergence-refused-${lang}`);
      await fill(legislature, t.pointNumber, '');
      await dialog(legislature).locator('.ant-modal-footer .ant-btn-primary').click();
      await dialog(legislature).waitFor({ state: 'hidden', timeout: 60_000 });
      await legislature.getByTestId('divergence-1').getByText(divergence).waitFor();
      // Inspections and inquiries wait for the item to be in force; asking is the office's.
      for (const action of ['record-inspection', 'ask-inquiry'])
        await expect(legislature.getByTestId(`action-${action}`).count()).resolves.toBe(0);

      const today = beijingToday();
      await api('cc-party-group', 'POST', `${base}/agenda`, { agendaDate: today });
      await api('cc-party-group', 'POST', `${base}/adoption`, { adoptedOn: today });
      await api('cc-party-group', 'POST', `${base}/promulgation`, {
        announcementNumber: `长春市人大常委会公告〔2024〕${lang === 'zh' ? 11 : 12}号`,
        promulgatedOn: today,
      });
      await api('cc-party-group', 'POST', `${base}/entry-into-force`, { inForceOn: today });

      // In force: an inspection whose last day precedes its first is caught in the dialog.
      await legislature.reload();
      await legislature.getByTestId('action-record-inspection').click();
      await fillDay(legislature, t.heldFrom, '2024-06-10');
      await fillDay(legislature, t.heldTo, '2024-06-01');
      await fill(legislature, t.findings, findings);
      await dialog(legislature).locator('.ant-modal-footer .ant-btn-primary').click();
      await fieldError(legislature, t.heldTo).getByText(t.notBeforeStart).waitFor();
      await fillDay(legislature, t.heldTo, today);
      await dialog(legislature).locator('.ant-modal-footer .ant-btn-primary').click();
      await dialog(legislature).waitFor({ state: 'hidden', timeout: 60_000 });
      await legislature.getByTestId('inspections').getByText(findings).waitFor();

      await act(legislature, 'report-assessment', async () => {
        await fill(legislature, t.title, assessmentTitle);
        await fill(legislature, t.findings, '总体有效，传承人补助标准偏低。');
        await fillDay(legislature, t.reportedOn, today);
      });
      await legislature.getByTestId('assessments').getByText(assessmentTitle).waitFor();
      // Judging is the committee office's step.
      await expect(
        legislature.locator('[data-testid^="action-judge-assessment-"]').count(),
      ).resolves.toBe(0);

      // The committee office asks; it may not record what the legislature records.
      await office.goto(itemUrl);
      await office.getByTestId('action-ask-inquiry').waitFor();
      for (const action of ['record-divergence', 'record-inspection', 'report-assessment'])
        await expect(office.getByTestId(`action-${action}`).count()).resolves.toBe(0);
      await act(office, 'ask-inquiry', async () => {
        await fill(office, t.question, '条例施行以来，代表性项目名录更新情况如何？');
        await fillDay(office, t.dueBy, '2099-12-30');
      });
      await office.getByTestId('inquiry-1').getByText(L(labels.inquiryStatuses.open)).waitFor();
      await office.locator('[data-testid^="action-judge-assessment-"]').click();
      await dialog(office).waitFor();
      await choose(office, t.judgment, L(labels.assessmentJudgments.adjust_law));
      await fill(office, t.note, '建议提高补助标准。');
      await expectAccessible(office, 'judge an assessment');
      await dialog(office).locator('.ant-modal-footer .ant-btn-primary').click();
      await dialog(office).waitFor({ state: 'hidden', timeout: 60_000 });
      await office
        .getByTestId('assessments')
        .getByTestId('judgment')
        .getByText(L(labels.assessmentJudgments.adjust_law))
        .waitFor();

      await legislature.reload();
      await act(legislature, 'answer-inquiry-1', async () => {
        await choose(legislature, t.conclusion, L(labels.inquiryConclusions.keep));
        await fill(legislature, t.answerText, '名录已按年度更新，建议继续施行。');
      });
      await legislature
        .getByTestId('inquiry-1')
        .getByText(L(labels.inquiryStatuses.answered))
        .waitFor();
      await expectAccessible(legislature, 'item with its oversight');
      await screenshot(legislature, `item-oversight-${lang}`);

      // The linkage view shows the divergence, the inquiry's conclusion and the assessment.
      await office.goto(`${service.baseUrl}/linkage/items/${item.itemId}`);
      const oversight = office.getByTestId('linkage-oversight');
      await oversight.getByText(divergence, { exact: false }).waitFor();
      const shown = await oversight.textContent();
      expect(shown).toContain(assessmentTitle);
      expect(shown).toContain(L(labels.inquiryConclusions.keep));
      expect(shown).toContain(L(labels.assessmentJudgments.adjust_law));
      await expectAccessible(office, 'linkage item with its oversight');
      await screenshot(office, `linkage-item-oversight-${lang}`);

      // A user of another organisation reads none of it and is offered nothing.
      const outsider = await signIn('jl-office', lang);
      await outsider.goto(itemUrl);
      await outsider.getByText(t.notFound).waitFor();
      await expect(outsider.locator('[data-testid^="action-"]').count()).resolves.toBe(0);
      await expect(outsider.content()).resolves.not.toContain(divergence);
      await outsider.close();
      await office.close();
      await legislature.close();
    });

    it(`[${lang}] the legislature drafts a plan, lists and revises an entry, reports it; the office approves; the view shows it`, async () => {
      const planTitle = `长春市人大常委会${lang === 'zh' ? 2027 : 2028}年度立法计划`;
      const year = lang === 'zh' ? '2027' : '2028';
      const planItemTitle = `长春市物业管理条例（修订）（${lang}）`;
      const planned = await api('cc-fgw', 'POST', 'items', {
        kind: 'local_regulation',
        title: planItemTitle,
        summary: '修订物业管理规定。',
        policyAreas: ['城市管理'],
        proposedOn: '2025-09-01',
      });
      const reportNumber = `长人党字〔2026〕${lang === 'zh' ? 31 : 32}号`;
      const reportTitle = `关于${planTitle}的请示`;
      await api('cc-party-group', 'POST', 'submissions', {
        kind: 'request',
        category: 'legislative_plan',
        title: reportTitle,
        summary: '报请审定年度立法计划。',
        body: '一、计划项目……',
        documentNumber: reportNumber,
        classification: 'internal',
        addressedCommitteeId: 'cn-220100-pc',
      });

      const legislature = await signIn('cc-party-group', lang);
      await legislature.goto(`${service.baseUrl}/plans`);
      await legislature.getByTestId('plans').waitFor();
      await act(legislature, 'draft-plan', async () => {
        await choose(legislature, t.kind, L(labels.planKinds.annual));
        await fill(legislature, t.fromYear, year);
        await fill(legislature, t.toYear, year);
        await fill(legislature, t.title, planTitle);
        await expectAccessible(legislature, 'draft a plan');
      });
      await legislature.waitForURL('**/plans/*');
      const planPath = new URL(legislature.url()).pathname;
      await legislature.getByTestId('status').getByText(L(labels.planStatuses.drafted)).waitFor();
      await act(legislature, 'add-entry', async () => {
        await choose(legislature, t.item, planItemTitle);
        await fill(legislature, t.necessity, '现行条例已不适应物业服务需要。');
        await fill(legislature, t.feasibility, '已开展立法调研。');
        await fill(legislature, t.socialEffects, '改善居住环境。');
      });
      const entries = legislature.getByTestId('plan-entries');
      await entries.getByText(planItemTitle).waitFor();
      await act(legislature, `edit-entry-${planned.itemId}`, () =>
        fill(legislature, t.obstacles, '业主委员会职责需明确。'),
      );
      await entries.getByText('业主委员会职责需明确。', { exact: false }).waitFor();
      await act(legislature, 'report-plan', () =>
        choose(legislature, t.planSubmission, `${reportNumber} ${reportTitle}`),
      );
      await legislature.getByTestId('status').getByText(L(labels.planStatuses.reported)).waitFor();
      await expect(legislature.getByTestId('action-add-entry').count()).resolves.toBe(0);
      await expectAccessible(legislature, 'plan reported');
      await screenshot(legislature, `plan-reported-${lang}`);

      const office = await signIn('cc-office', lang);
      await office.goto(`${service.baseUrl}${planPath}`);
      await act(office, 'approve-plan', async () => {
        await fillDay(office, t.approvedOn, beijingToday());
        await fill(office, t.approvalReference, `市委常委会会议纪要[2026]${year}号`);
      });
      await office.getByTestId('status').getByText(L(labels.planStatuses.approved)).waitFor();

      // Approved, the plan takes its item; the linkage view names the plan.
      await legislature.goto(`${service.baseUrl}/items/${planned.itemId}`);
      await act(legislature, 'plan', () => choose(legislature, t.planId, planTitle));
      await legislature.getByTestId('stage').getByText(L(labels.itemStages.planned)).waitFor();
      await office.goto(`${service.baseUrl}/linkage/items/${planned.itemId}`);
      await office.getByText(planTitle).waitFor();
      await office.goto(`${service.baseUrl}/plans`);
      const row = office.getByTestId('plans').getByRole('row', { name: new RegExp(planTitle) });
      await expect(row.textContent()).resolves.toContain(L(labels.planStatuses.approved));

      const outsider = await signIn('jl-office', lang);
      await outsider.goto(`${service.baseUrl}${planPath}`);
      await outsider.getByText(t.notFound).waitFor();
      await expect(outsider.locator('[data-testid^="action-"]').count()).resolves.toBe(0);
      await outsider.close();
      await office.close();
      await legislature.close();
    });

    it(`[${lang}] a user of another organisation sees none of it`, async () => {
      const page = await signIn('jl-office', lang);
      for (const path of ['/decisions', '/linkage', '/items']) {
        await page.goto(`${service.baseUrl}${path}`);
        await page.waitForLoadState('networkidle');
        const content = await page.content();
        expect(content).not.toContain(decisionTitle);
        expect(content).not.toContain(itemTitle);
      }
      for (const path of [
        decisionPath,
        itemPath,
        decisionPath.replace('/decisions/', '/linkage/decisions/'),
      ]) {
        await page.goto(`${service.baseUrl}${path}`);
        await page.getByText(t.notFound).waitFor();
        await expect(page.content()).resolves.not.toContain(decisionTitle);
      }
      await page.close();
    });
  }

  it('[zh] a committee proposal is transferred and answered; an item in force is inquired about', async () => {
    const t = T.zh;
    const L = (l: { zh: string; en: string }) => l.zh;
    const office = await signIn('cc-office', 'zh');
    await office.goto(`${service.baseUrl}/proposals`);
    await office.getByTestId('proposals').waitFor();
    await expectAccessible(office, 'proposals');
    await act(office, 'transfer-proposal', async () => {
      await choose(office, t.route, L(labels.proposalRoutes.standing_committee));
      await choose(office, t.itemKind, L(labels.itemKinds.local_regulation));
      await fill(office, t.title, '关于制定长春市黑土地保护条例的建议');
      await fill(office, t.summary, '建议将黑土地保护条例列入年度立法计划。');
    });
    await office.waitForURL('**/proposals/*');
    const proposalPath = new URL(office.url()).pathname;
    await office.getByTestId('status').getByText(L(labels.proposalStatuses.transferred)).waitFor();
    await expect(office.getByTestId('action-argue').count()).resolves.toBe(0);

    const legislature = await signIn('cc-party-group', 'zh');
    await legislature.goto(`${service.baseUrl}${proposalPath}`);
    await act(legislature, 'argue', async () => {
      await fillDay(legislature, t.arguedOn, '2025-04-01');
      await fill(legislature, t.note, '经论证，具备立法条件。');
    });
    await act(legislature, 'answer-proposal', async () => {
      await choose(legislature, t.answer, L(labels.proposalAnswers.not_taken));
      await fill(legislature, '说明理由', '已有条例覆盖，暂不单独立法。');
    });
    await legislature
      .getByTestId('status')
      .getByText(L(labels.proposalStatuses.answered))
      .waitFor();
    await expectAccessible(legislature, 'proposal');
    await office.reload();
    await office.getByTestId('answer').getByText(L(labels.proposalAnswers.not_taken)).waitFor();
    await screenshot(office, 'proposal-zh');

    // An item taken through the agenda, adoption, promulgation and entry into force in the UI.
    const item = await api('cc-fgw', 'POST', 'items', {
      kind: 'local_regulation',
      title: '长春市历史文化名城保护条例',
      summary: '保护历史文化名城。',
      policyAreas: ['文化'],
      proposedOn: '2024-01-10',
    });
    await api('cc-party-group', 'POST', `items/${item.itemId}/drafting`, {
      draftingUnitId: 'cn-220100-npc-fgw',
      startedOn: '2024-02-01',
    });
    await api('cc-party-group', 'POST', `items/${item.itemId}/readings`, {
      readingNumber: 1,
      heldOn: '2024-04-20',
      meetingReference: '第一次审议',
    });
    // The vote is on the agenda of a meeting today or later; adoption is not in the future.
    const today = beijingToday();
    await legislature.goto(`${service.baseUrl}/items/${item.itemId}`);
    await act(legislature, 'schedule-for-vote', () => fillDay(legislature, t.agendaDate, today));
    await act(legislature, 'adopt', () => fillDay(legislature, t.adoptedOn, today));
    await act(legislature, 'promulgate', async () => {
      await fill(legislature, t.announcementNumber, '长春市人大常委会公告[2024]8号');
      await fillDay(legislature, t.promulgatedOn, today);
    });
    await act(legislature, 'enter-into-force', () => fillDay(legislature, t.inForceOn, today));
    await legislature.getByTestId('stage').getByText(L(labels.itemStages.in_force)).waitFor();
    await expect(legislature.content()).resolves.toContain('长春市人大常委会公告〔2024〕8号');
    // Asking is the office's step, not the legislature's.
    await expect(legislature.getByTestId('action-ask-inquiry').count()).resolves.toBe(0);

    await office.goto(`${service.baseUrl}/items/${item.itemId}`);
    await act(office, 'ask-inquiry', async () => {
      await fill(office, t.question, '条例施行以来，历史建筑保护名录执行情况如何？');
      await fillDay(office, t.dueBy, '2099-12-30');
    });
    const inquiry = office.getByTestId('inquiry-1');
    await inquiry.getByText(L(labels.inquiryStatuses.open)).waitFor();

    await legislature.reload();
    await act(legislature, 'answer-inquiry-1', async () => {
      await choose(legislature, t.conclusion, L(labels.inquiryConclusions.keep));
      await fill(legislature, t.answerText, '执行良好，建议继续施行。');
    });
    await legislature
      .getByTestId('inquiry-1')
      .getByText(L(labels.inquiryStatuses.answered))
      .waitFor();

    await office.reload();
    await act(office, 'dispute-1', () => fill(office, t.disputeReason, '名录更新滞后，建议修改。'));
    await inquiry.getByText(L(labels.inquiryStatuses.disputed)).waitFor();
    await legislature.reload();
    await act(legislature, 'conclude-review-1', async () => {
      await choose(legislature, t.finalConclusion, L(labels.inquiryConclusions.amend));
      await fill(legislature, t.note, '经复核，启动修改。');
    });
    await legislature
      .getByTestId('inquiry-1')
      .getByText(L(labels.inquiryStatuses.concluded))
      .waitFor();
    await office.reload();
    await expect(office.getByTestId('inquiry-1').textContent()).resolves.toContain(
      '经复核，启动修改。',
    );
    await expectAccessible(office, 'item with an inquiry');
    await screenshot(office, 'item-inquiry-zh');
    copyFileSync(
      await screenshot(legislature, 'item-stages-zh'),
      join(__dirname, '../../docs/screenshots/item-stages-zh.png'),
    );

    // A plan drafted with its entry (through the API), as the legislature reads it in the UI.
    const planned = await api('cc-fgw', 'POST', 'items', {
      kind: 'local_regulation',
      title: '长春市养犬管理条例（修订）',
      summary: '修订养犬管理规定。',
      policyAreas: ['城市管理'],
      proposedOn: '2025-09-01',
    });
    const plan = await api('cc-party-group', 'POST', 'plans', {
      kind: 'annual',
      fromYear: 2026,
      toYear: 2026,
      title: '长春市人大常委会2026年度立法计划',
      entries: [
        {
          itemId: planned.itemId,
          necessity: '现行规定已不适应城市管理需要。',
          feasibility: '已开展立法调研。',
          socialEffects: '改善市容环境。',
          obstacles: '执法主体需明确。',
        },
      ],
    });
    await legislature.goto(`${service.baseUrl}/plans`);
    await legislature
      .getByTestId('plans')
      .getByRole('link', { name: '长春市人大常委会2026年度立法计划' })
      .click();
    await legislature.waitForURL(`**/plans/${plan.planId}`);
    await legislature.getByTestId('plan-entries').getByText('长春市养犬管理条例（修订）').waitFor();
    await legislature.getByTestId('status').getByText(L(labels.planStatuses.drafted)).waitFor();
    await expectAccessible(legislature, 'plan');
    await office.close();
    await legislature.close();
    expect(problems).toEqual([]);
  });
});
