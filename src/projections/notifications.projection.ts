import Database from 'better-sqlite3';
import { Audience, DeadlineEvent, DeadlineFactV1, Deadline } from '../events/deadline-events';
import { SubmissionEvent } from '../events/submission-events';
import { Projection, idInStream, statement } from '../platform/kernel/projection';
import { readableBy } from '../platform/projections/readers-table';
import { AWAITING_REPLY } from './submissions.projection';

/** What a notification tells: a step someone took, or a due date near or past. */
export const NOTIFICATION_KINDS = [
  'material_requested',
  'answered',
  'feedback_given',
  'due_soon',
  'overdue',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A step that notifies, as the projection stores it and the integration event carries it. */
export interface Notice {
  /** Stable across rebuilds: `<kind>:<submission id>[:<number>]`. */
  notificationId: string;
  kind: Extract<NotificationKind, 'material_requested' | 'answered' | 'feedback_given'>;
  audience: Audience;
  /** The date the told side must act by, when there is one (YYYY-MM-DD, Beijing). */
  dueBy: string | null;
  /** The material request's or opinion point's number. */
  number: number | null;
}

/**
 * The steps that notify, stated once for the in-app list and the integration events: material
 * requested and an opinion issued tell the submitting side; feedback on a point tells the
 * committee. Due dates near or past are not steps: the list computes them from the due dates as
 * of the clock (`dueNotices`), and the deadline sweep records the same ones as facts
 * (`DeadlineApproached`, `DeadlinePassed`) for the integration events.
 */
export function noticeOf(event: SubmissionEvent, submissionId: string): Notice | null {
  switch (event.type) {
    case 'SupplementaryMaterialRequested':
      return {
        notificationId: `material_requested:${submissionId}:${event.data.requestNumber}`,
        kind: 'material_requested',
        audience: 'submitter',
        dueBy: event.data.dueBy,
        number: event.data.requestNumber,
      };
    case 'OpinionIssued':
      return {
        notificationId: `answered:${submissionId}`,
        kind: 'answered',
        audience: 'submitter',
        dueBy: event.data.feedbackDueBy,
        number: null,
      };
    case 'OpinionPointFeedbackGiven':
      return {
        notificationId: `feedback_given:${submissionId}:${event.data.pointNumber}`,
        kind: 'feedback_given',
        audience: 'addressee',
        dueBy: null,
        number: event.data.pointNumber,
      };
    default:
      return null;
  }
}

export const NOTIFYING_EVENTS = [
  'SupplementaryMaterialRequested',
  'OpinionIssued',
  'OpinionPointFeedbackGiven',
] as const satisfies readonly SubmissionEvent['type'][];

/** A row of `rm_notifications`, as the DDL below defines it. */
export interface NotificationRow {
  notification_id: string;
  kind: string;
  submission_id: string;
  audience: Audience;
  due_by: string | null;
  number: number | null;
  at: string;
}

const DDL = `
  CREATE TABLE IF NOT EXISTS rm_deadline_notices (
    notification_id TEXT PRIMARY KEY,
    submission_id TEXT NOT NULL,
    at TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS rm_notifications (
    notification_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    submission_id TEXT NOT NULL,
    audience TEXT NOT NULL,
    due_by TEXT,
    number INTEGER,
    at TEXT NOT NULL) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS rm_notifications_by_submission
    ON rm_notifications (submission_id, audience);`;

/**
 * A user's read marks are their own interface state, not a fact of any record: kept beside the
 * read models, not in the log, and not dropped when the projection is rebuilt (notification ids
 * are stable).
 */
export const READ_MARKS_DDL = `
  CREATE TABLE IF NOT EXISTS notification_reads (
    user_id TEXT NOT NULL,
    notification_id TEXT NOT NULL,
    read_at TEXT NOT NULL,
    PRIMARY KEY (user_id, notification_id)) WITHOUT ROWID;`;

/**
 * The steps that notify, one row each (the audience's readers rows say who sees it), and which
 * due dates near or past the sweep has recorded (`rm_deadline_notices`), so it looks only at the
 * others.
 */
export const notificationsProjection = (): Projection<SubmissionEvent | DeadlineEvent> => ({
  name: 'notifications',
  version: 2,
  tables: ['rm_notifications', 'rm_deadline_notices'],
  handles: [...NOTIFYING_EVENTS, 'DeadlineApproached', 'DeadlinePassed'],

  setUp(db) {
    db.exec(DDL);
  },

  apply(db, event, recorded) {
    if (event.type === 'DeadlineApproached' || event.type === 'DeadlinePassed') {
      statement(db, 'INSERT OR IGNORE INTO rm_deadline_notices VALUES (?, ?, ?)').run(
        event.data.notificationId,
        event.data.submissionId,
        recorded.metadata.occurredAt,
      );
      return;
    }
    const id = idInStream('submission', recorded.streamId);
    const notice = id ? noticeOf(event, id) : null;
    if (!id || !notice) return;
    statement(db, 'INSERT OR REPLACE INTO rm_notifications VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      notice.notificationId,
      notice.kind,
      id,
      notice.audience,
      notice.dueBy,
      notice.number,
      recorded.metadata.occurredAt,
    );
  },
});

/** The caller reads submission `<alias>.submission_id` for the reason the notice is meant for. */
const toldBy = (alias: string, audience: string) =>
  readableBy('submission', `${alias}.submission_id`, audience);

/** Beijing midnight of a day, as the UTC instant the stored times use. */
const midnight = (day: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${day}, '-8 hours')`;

/**
 * A due date between `@today` and `@soon` is due soon, one before `@today` overdue: from the
 * day the window opens, or the day after the date. The reply clock stops while material is
 * awaited; a superseded or withdrawn submission owes nothing.
 */
function deadline(
  deadlineName: Deadline,
  audience: Audience,
  from: string,
  due: string,
  where: string,
  told: boolean,
) {
  return `
    SELECT CASE WHEN ${due} < @today THEN 'overdue' ELSE 'due_soon' END
        || ':${deadlineName}:' || s.submission_id${deadlineName === 'material' ? " || ':' || m.request_number" : ''}
        || ':' || ${due} AS notification_id,
      CASE WHEN ${due} < @today THEN 'overdue' ELSE 'due_soon' END AS kind,
      '${deadlineName}' AS deadline, s.submission_id, '${audience}' AS audience, ${due} AS due_by,
      ${deadlineName === 'material' ? 'm.request_number' : 'NULL'} AS number,
      CASE WHEN ${due} < @today THEN ${midnight(`date(${due}, '+1 day')`)}
        ELSE ${midnight(`date(${due}, '-' || @soonDays || ' days')`)} END AS at
    FROM ${from}
    WHERE ${where} AND ${due} <= @soon${told ? ` AND ${toldBy('s', `'${audience}'`)}` : ''}`;
}

/**
 * The due dates near or past as of `@today`, the one rule for the in-app list (`told`: only
 * those the caller is told of) and the sweep that records them (all of them). The partial
 * indexes of the submissions read model (`rm_submissions_reply_due` and the like) keep each
 * branch to the due dates still running.
 */
const dueNotices = (told: boolean) => `
  ${deadline('reply', 'addressee', 'rm_submissions s', 's.reply_due_by', `s.status IN ${AWAITING_REPLY} AND s.reply_due_by IS NOT NULL`, told)}
  UNION ALL ${deadline('feedback', 'submitter', 'rm_submissions s', 's.feedback_due_by', `s.status = 'opinion_issued' AND s.feedback_due_by IS NOT NULL`, told)}
  UNION ALL ${deadline(
    'material',
    'submitter',
    'rm_material_requests m JOIN rm_submissions s ON s.submission_id = m.submission_id',
    'm.due_by',
    `m.supplied_at IS NULL AND s.status = 'awaiting_material'`,
    told,
  )}`;

const ALL_SQL = `
  SELECT n.notification_id, n.kind, NULL AS deadline, n.submission_id, n.audience, n.due_by,
    n.number, n.at
  FROM rm_notifications n WHERE ${toldBy('n', 'n.audience')}
  UNION ALL ${dueNotices(true)}`;

/** A notification as the list shows it, with the submission's title and the caller's mark. */
export interface NotificationListRow {
  notification_id: string;
  kind: NotificationKind;
  deadline: Deadline | null;
  submission_id: string;
  audience: Audience;
  due_by: string | null;
  number: number | null;
  at: string;
  read_at: string | null;
  /** 0 unread, 1 read: unread first. */
  is_read: number;
  title: string;
  document_number: string | null;
  submission_kind: string;
}

const LIST_SQL = `
  SELECT * FROM (
    SELECT a.*, x.read_at, CASE WHEN x.read_at IS NULL THEN 0 ELSE 1 END AS is_read,
      s.title, s.document_number, s.kind AS submission_kind
    FROM (${ALL_SQL}) a
    JOIN rm_submissions s ON s.submission_id = a.submission_id
    LEFT JOIN notification_reads x ON x.user_id = @userId AND x.notification_id = a.notification_id)
  WHERE (@unread IS NULL OR is_read = 0)
    AND (@after IS NULL OR is_read > @k0 OR (is_read = @k0 AND (at < @k1
      OR (at = @k1 AND notification_id > @k2))))
  ORDER BY is_read, at DESC, notification_id
  LIMIT @limit`;

export interface NotificationQuery extends DueWindow {
  principals: string;
  userId: string;
  unread: 1 | null;
  after: 1 | null;
  k0: string | number | null;
  k1: string | number | null;
  k2: string | number | null;
  limit: number;
}

/** The caller's notifications: unread first, newest first. */
export function readNotifications(
  db: Database.Database,
  query: NotificationQuery,
): NotificationListRow[] {
  return statement<[Record<string, unknown>], NotificationListRow>(db, LIST_SQL).all({
    ...query,
    reasons: null,
  });
}

/** How many unread notifications the caller has (the bell's badge). */
export function countUnread(db: Database.Database, query: NotificationQuery): number {
  return statement<[Record<string, unknown>], { n: number }>(
    db,
    `SELECT count(*) AS n FROM (${ALL_SQL}) a
      WHERE NOT EXISTS (SELECT 1 FROM notification_reads x
        WHERE x.user_id = @userId AND x.notification_id = a.notification_id)`,
  ).get({ ...query, reasons: null })!.n;
}

/** Ids among `ids` that the caller is told of now (marking anything else is refused). */
export function notificationsOf(
  db: Database.Database,
  query: NotificationQuery,
  ids: readonly string[],
): Set<string> {
  const rows = statement<[Record<string, unknown>], { notification_id: string }>(
    db,
    `SELECT a.notification_id FROM (${ALL_SQL}) a
      WHERE a.notification_id IN (SELECT value FROM json_each(@ids))`,
  ).all({ ...query, reasons: null, ids: JSON.stringify(ids) });
  return new Set(rows.map((r) => r.notification_id));
}

export function markRead(
  db: Database.Database,
  userId: string,
  ids: readonly string[],
  at: string,
): void {
  const insert = statement(db, 'INSERT OR IGNORE INTO notification_reads VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const id of ids) insert.run(userId, id, at);
  })();
}

/** The window the rule is applied with: Beijing dates, and the due-soon days between them. */
export interface DueWindow {
  today: string;
  soon: string;
  soonDays: number;
}

/** A due date near or past that the sweep has not recorded yet, with whom it tells. */
export type PendingDeadlineNotice = Omit<DeadlineFactV1, 'recipient'> & {
  kind: Extract<NotificationKind, 'due_soon' | 'overdue'>;
  audience: Audience;
  organisationId: string;
};

const PENDING_SQL = `
  SELECT d.notification_id AS notificationId, d.kind, d.deadline, d.submission_id AS submissionId,
    d.audience, d.due_by AS dueBy, d.number,
    CASE d.audience WHEN 'submitter' THEN s.submitting_organisation_id
      ELSE s.addressed_committee_id END AS organisationId,
    s.kind AS submissionKind, s.category, s.document_number AS documentNumber
  FROM (${dueNotices(false)}) d
  JOIN rm_submissions s ON s.submission_id = d.submission_id
  WHERE NOT EXISTS (SELECT 1 FROM rm_deadline_notices f WHERE f.notification_id = d.notification_id)
  ORDER BY d.submission_id, d.notification_id`;

/**
 * The due dates near or past as of the window that no `DeadlineApproached` or `DeadlinePassed`
 * recorded yet, grouped by submission (ordered by it): what the sweep decides on.
 */
export function pendingDeadlineNotices(
  db: Database.Database,
  window: DueWindow,
): PendingDeadlineNotice[] {
  return statement<[DueWindow], PendingDeadlineNotice>(db, PENDING_SQL).all(window);
}
