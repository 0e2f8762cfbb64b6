/** The service's own API, called with the signed-in user's bearer token. */

export interface Label {
  zh: string;
  en: string;
}
export type LabelTable = Record<string, Label>;
export interface Labels {
  statuses: LabelTable;
  outcomes: LabelTable;
  adoptions: LabelTable;
  meetingKinds: LabelTable;
  partyGroupMeetingKinds: LabelTable;
  committeeMeetingKinds: LabelTable;
  requestOutcomes: LabelTable;
  reportOutcomes: LabelTable;
  categories: LabelTable;
  kinds: LabelTable;
  classifications: LabelTable;
  organisationKinds: LabelTable;
  searchKinds: LabelTable;
  notificationKinds: LabelTable;
  /** Every other table of GET /api/labels (item stages, the dashboards' buckets, …). */
  [table: string]: LabelTable;
  // The linkage mechanism's tables (decisions, proposals, items, links, the linkage view).
  itemKinds: LabelTable;
  itemStages: LabelTable;
  divergenceSteps: LabelTable;
  inquiryConclusions: LabelTable;
  inquiryStatuses: LabelTable;
  assessmentJudgments: LabelTable;
  planKinds: LabelTable;
  planStatuses: LabelTable;
  decisionKinds: LabelTable;
  followUpKinds: LabelTable;
  decisionStatuses: LabelTable;
  proposalStatuses: LabelTable;
  proposalRoutes: LabelTable;
  proposalAnswers: LabelTable;
  linkTypes: LabelTable;
  linkStatuses: LabelTable;
  linkedRecordKinds: LabelTable;
  linkageFlags: LabelTable;
}

export interface SubmissionSummary {
  submissionId: string;
  kind: string;
  category: string;
  categoryLabel: Label;
  title: string;
  status: string;
  statusLabel: Label;
  documentNumber: string | null;
  submittingOrganisationId: string;
  addressedCommitteeId: string;
  createdAt: string;
  submittedAt: string | null;
  replyDueBy: string | null;
  feedbackDueBy: string | null;
  dueBy: string | null;
  overdue: boolean;
  overdueReasons: string[];
  revision: number;
}

export interface HistoryEntry {
  revision: number;
  eventId: string;
  type: string;
  occurredAt: string;
  actor: { userId: string; userName?: string; organisationId: string; role: string };
  data: Record<string, unknown>;
}

export interface FeedbackRevision {
  revisionNumber: number;
  adoption: string;
  explanation: string | null;
  readingNumber: number | null;
  articles: string[];
  at: string;
}

export interface OpinionPoint {
  number: number;
  text: string;
  feedback: {
    adoption: string;
    explanation: string | null;
    givenAt: string | null;
    readingNumber: number | null;
    articles: string[];
    revisionNumber: number;
    revisedAt: string | null;
    revisions: FeedbackRevision[];
  } | null;
}

export interface Opinion {
  documentNumber: string | null;
  outcome: string;
  issuedAt: string | null;
  feedbackDueBy: string | null;
  points: OpinionPoint[];
}

export interface MaterialRequest {
  requestNumber: number;
  description: string;
  dueBy: string;
  requestedAt: string;
  supplied: { at: string; description: string | null; documentReferences: string[] } | null;
}

/** The steps the API says the caller may take now (`openSteps` of the detail). */
export type Step =
  | 'amend_draft'
  | 'record_proposal'
  | 'record_party_group_discussion'
  | 'submit'
  | 'receive'
  | 'request_material'
  | 'supply_material'
  | 'record_committee_meeting'
  | 'issue_opinion'
  | 'give_feedback'
  | 'revise_feedback'
  | 'withdraw'
  | 'grant_viewer'
  | 'draft_revision';

export interface SubmissionDetail extends SubmissionSummary {
  summary: string;
  body: string;
  classification: string;
  references: string[];
  replacesSubmissionId: string | null;
  replacedBySubmissionId: string | null;
  replyRequestedBy: string | null;
  receivedAt: string | null;
  officeLogNumber: string | null;
  opinion: Opinion | null;
  materialRequests: MaterialRequest[];
  closedAt: string | null;
  withdrawal: { at: string; reason: string | null } | null;
  viewers: { organisationIds: string[]; userIds: string[] };
  openSteps: Step[];
  history: HistoryEntry[];
  chainVerification: { streams: number; events: number; valid: boolean };
}

export interface Organisation {
  organisationId: string;
  kind: string;
  level: string;
  regionCode: string;
  nameZh: string;
  nameEn: string;
  parentOrganisationId: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface DemoUser {
  userId: string;
  userName: string;
  organisationId: string;
  roles: string[];
  token: string;
}

/** One broken rule of a problem+json answer: the field it names (`points[0].text`), the rule. */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; errors?: FieldError[] },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

export class Api {
  /**
   * `renew`, for a sign-in that can be renewed: a fresh token when the API answers 401 (the
   * token expired in between), with which the request is sent once more.
   */
  constructor(
    private readonly token: string | null,
    private readonly renew?: () => Promise<string>,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await this.send<T>(this.token, method, path, body);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401 && this.renew)) throw error;
      return this.send<T>(await this.renew(), method, path, body);
    }
  }

  private async send<T>(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as unknown) : null;
    if (!response.ok) throw new ApiError(response.status, (json ?? {}) as { title?: string });
    return json as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }
}

/** A piece of a search hit's text, highlighted where it matched. */
export interface Segment {
  text: string;
  match: boolean;
}

export interface SearchHit {
  kind: 'submission' | 'decision' | 'item';
  kindLabel: Label;
  id: string;
  href: string;
  title: string;
  titleSegments: Segment[];
  documentNumber: string | null;
  recordedAt: string;
  snippet: { field: string; segments: Segment[] } | null;
}

export interface NotificationEntry {
  notificationId: string;
  kind: string;
  kindLabel: Label;
  deadline: string | null;
  deadlineLabel: Label | null;
  submissionId: string;
  title: string;
  documentNumber: string | null;
  dueBy: string | null;
  number: number | null;
  at: string;
  readAt: string | null;
}
