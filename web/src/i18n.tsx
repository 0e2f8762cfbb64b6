import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';
const LANG_KEY = 'legislink.lang';

/** The remembered language: zh-CN unless the user switched to English. */
export function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* private mode: the switch still works for this page */
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

const TEXT = {
  appName: { zh: '重大立法事项请示报告', en: 'Important-legislation submissions' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  token: { zh: '访问令牌', en: 'Access token' },
  tokenHelp: {
    zh: '粘贴由单位身份认证系统或 npm run cli -- token 签发的令牌',
    en: 'Paste a token issued by your identity provider or by npm run cli -- token',
  },
  tokenInvalid: { zh: '令牌无效或已过期', en: 'The token is invalid or has expired' },
  demoUsers: { zh: '演示用户', en: 'Demo users' },
  demoHelp: {
    zh: '演示数据已载入：选择一个演示用户登录',
    en: 'Demo data is loaded: sign in as one of the demo users',
  },
  signInAs: { zh: '以此身份登录', en: 'Sign in as' },
  language: { zh: '语言', en: 'Language' },
  outbox: { zh: '发文（草稿与已报送）', en: 'Outbox (drafts and sent)' },
  inbox: { zh: '收文', en: 'Inbox' },
  dashboards: { zh: '统计分析', en: 'Dashboards' },
  compose: { zh: '起草请示报告', en: 'Compose a request or report' },
  title: { zh: '标题', en: 'Title' },
  documentNumber: { zh: '文号', en: 'Document number' },
  category: { zh: '类别', en: 'Category' },
  kind: { zh: '文种', en: 'Kind' },
  status: { zh: '状态', en: 'Status' },
  dueBy: { zh: '办理期限', en: 'Due by' },
  submittedAt: { zh: '报送时间', en: 'Sent' },
  createdAt: { zh: '起草时间', en: 'Drafted' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  dueSoon: { zh: '即将到期', en: 'Due soon' },
  summary: { zh: '摘要', en: 'Summary' },
  body: { zh: '正文', en: 'Body' },
  classification: { zh: '密级', en: 'Classification' },
  replyRequestedBy: { zh: '请求答复日期', en: 'Reply requested by' },
  addressee: { zh: '主送', en: 'Addressed to' },
  saveDraft: { zh: '保存草稿', en: 'Save draft' },
  required: { zh: '必填', en: 'Required' },
  empty: { zh: '暂无', en: 'Nothing here' },
  open: { zh: '查看', en: 'Open' },
  thread: { zh: '办理过程', en: 'Thread' },
  history: { zh: '全程记录', en: 'History' },
  chainValid: { zh: '哈希链校验通过', en: 'Hash chain verified' },
  chainBroken: { zh: '哈希链校验失败', en: 'Hash chain broken' },
  events: { zh: '条事件', en: 'events' },
  recordDiscussion: { zh: '记录党组研究', en: 'Record Party-group discussion' },
  meetingKind: { zh: '会议类型', en: 'Meeting kind' },
  meetingDate: { zh: '会议日期', en: 'Meeting date' },
  minutesReference: { zh: '会议纪要编号', en: 'Minutes reference' },
  submit: { zh: '报送', en: 'Submit' },
  receive: { zh: '收文登记', en: 'Receive' },
  officeLogNumber: { zh: '收文编号', en: 'Office log number' },
  save: { zh: '确定', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  done: { zh: '已完成', en: 'Done' },
  failed: { zh: '操作未成功', en: 'The action failed' },
  by: { zh: '经办', en: 'By' },
  at: { zh: '时间', en: 'At' },
  showChart: { zh: '按状态统计', en: 'Chart by status' },
  chartLoading: { zh: '正在加载图表…', en: 'Loading the chart…' },
  count: { zh: '件数', en: 'Count' },
  notFound: { zh: '未找到，或无权查看', en: 'Not found, or not readable by you' },
  back: { zh: '返回', en: 'Back' },
  roles: { zh: '角色', en: 'Roles' },
  organisation: { zh: '单位', en: 'Organisation' },
  beijingTime: { zh: '（北京时间）', en: '(Beijing time)' },
  actions: { zh: '可办事项', en: 'Actions' },
  noActions: { zh: '当前无可办事项', en: 'No action is open to you now' },
  // Menu labels of the linkage workspaces (their pages' own strings are beside them).
  decisions: { zh: '党委决策', en: 'Decisions' },
  items: { zh: '立法项目', en: 'Legislative items' },
  proposals: { zh: '立法建议', en: 'Proposals' },
  plans: { zh: '立法计划', en: 'Plans' },
  linkage: { zh: '衔接视图', en: 'Linkage view' },
} as const;

export type TextKey = keyof typeof TEXT;

/** Labels the API does not publish in /api/labels. */
/** History event types, as the thread shows them. */
export const EVENT_LABELS: Record<string, { zh: string; en: string }> = {
  SubmissionDrafted: { zh: '起草', en: 'Drafted' },
  SubmissionDraftAmended: { zh: '修改草稿', en: 'Draft amended' },
  ProposalToPartyGroupRecorded: { zh: '提出建议', en: 'Proposal recorded' },
  PartyGroupDiscussionRecorded: { zh: '党组研究', en: 'Party group discussed' },
  SubmissionSubmitted: { zh: '报送', en: 'Submitted' },
  SubmissionReceived: { zh: '收文登记', en: 'Received' },
  SupplementaryMaterialRequested: { zh: '要求补充材料', en: 'Material requested' },
  SupplementaryMaterialSupplied: { zh: '补充材料', en: 'Material supplied' },
  CommitteeMeetingRecorded: { zh: '党委会议研究', en: 'Committee meeting' },
  OpinionIssued: { zh: '印发意见', en: 'Opinion issued' },
  OpinionPointFeedbackGiven: { zh: '反馈落实情况', en: 'Feedback given' },
  OpinionPointFeedbackRevised: { zh: '修订反馈', en: 'Feedback revised' },
  SubmissionWithdrawn: { zh: '撤回', en: 'Withdrawn' },
  SubmissionClosed: { zh: '办结', en: 'Closed' },
  SubmissionViewerGranted: { zh: '授权查阅', en: 'Viewer granted' },
};

export interface I18n {
  lang: Lang;
  t(key: TextKey): string;
  label(l: { zh: string; en: string } | undefined, fallback?: string): string;
}

export function makeI18n(lang: Lang): I18n {
  return {
    lang,
    t: (key) => TEXT[key][lang],
    label: (l, fallback = '') => (l ? l[lang] : fallback),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('zh'));
export const useI18n = (): I18n => useContext(I18nContext);

/**
 * A page's own strings, kept beside the page so that pages do not all edit one table:
 * `const useText = defineText({ key: { zh, en } })`, then `const t = useText()` in the page.
 */
export function defineText<K extends string>(
  table: Record<K, { zh: string; en: string }>,
): () => (key: K) => string {
  return () => {
    const { lang } = useI18n();
    return (key) => table[key][lang];
  };
}
