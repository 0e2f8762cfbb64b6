import Database from 'better-sqlite3';
import { RecordedEvent } from '../events/envelope';
import { FeedbackPlacement, SubmissionEvent } from '../events/submission-events';
import { Projection, idInStream, statement } from '../platform/kernel/projection';
import { replaceReaders } from '../platform/projections/readers-table';
import { ReadPolicy } from '../platform/access/readers';

/** A row of `rm_submissions`, as the DDL below defines it. */
export interface SubmissionRow {
  submission_id: string;
  kind: string;
  category: string;
  title: string;
  document_number: string | null;
  classification: string;
  references_json: string;
  /** JSON arrays of the items and decisions it is about (`submission_subjects` indexes them). */
  item_ids: string;
  decision_ids: string;
  status: string;
  submitting_organisation_id: string;
  addressed_committee_id: string;
  replaces_submission_id: string | null;
  replaced_by_submission_id: string | null;
  /** When the revision replacing it was sent: from then on its status is `superseded`. */
  superseded_at: string | null;
  reply_requested_by: string | null;
  reply_due_by: string | null;
  submitted_at: string | null;
  received_at: string | null;
  office_log_number: string | null;
  opinion_document_number: string | null;
  opinion_outcome: string | null;
  opinion_issued_at: string | null;
  feedback_due_by: string | null;
  closed_at: string | null;
  withdrawn_at: string | null;
  withdrawal_reason: string | null;
  viewer_organisation_ids: string;
  viewer_user_ids: string;
  open_material_requests: number;
  committee_meetings: number;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface OpinionPointRow {
  submission_id: string;
  number: number;
  text: string;
  /** The current adoption: the latest revision's, else the first feedback's. */
  adoption: string | null;
  explanation: string | null;
  answered_at: string | null;
  reading_number: number | null;
  /** JSON array of article ids, or null before feedback. */
  articles: string | null;
  /** The number of the current revision: 0 for the first feedback. */
  revision_number: number | null;
  revised_at: string | null;
}

/** One version of a point's feedback: revision 0 is the first feedback, then each revision. */
export interface FeedbackRevisionRow {
  submission_id: string;
  point_number: number;
  revision_number: number;
  adoption: string;
  explanation: string | null;
  reading_number: number | null;
  articles: string;
  at: string;
}

/** `submission_subjects`: what a submission is about, by the item or decision. */
export interface SubmissionSubjectRow {
  submission_id: string;
  subject_kind: 'item' | 'decision';
  subject_id: string;
}

export interface MaterialRequestRow {
  submission_id: string;
  request_number: number;
  description: string;
  due_by: string;
  requested_at: string;
  supplied_at: string | null;
  supplied_description: string | null;
  document_references: string | null;
}

const COLUMNS: (keyof SubmissionRow)[] = [
  'submission_id',
  'kind',
  'category',
  'title',
  'document_number',
  'classification',
  'references_json',
  'item_ids',
  'decision_ids',
  'status',
  'submitting_organisation_id',
  'addressed_committee_id',
  'replaces_submission_id',
  'replaced_by_submission_id',
  'superseded_at',
  'reply_requested_by',
  'reply_due_by',
  'submitted_at',
  'received_at',
  'office_log_number',
  'opinion_document_number',
  'opinion_outcome',
  'opinion_issued_at',
  'feedback_due_by',
  'closed_at',
  'withdrawn_at',
  'withdrawal_reason',
  'viewer_organisation_ids',
  'viewer_user_ids',
  'open_material_requests',
  'committee_meetings',
  'revision',
  'created_at',
  'updated_at',
];

/**
 * The statuses in which the committee's reply is awaited and its clock runs (it stops while
 * material is awaited), as SQL: the due-date index below and the notifications' rule share it.
 */
export const AWAITING_REPLY = `('submitted', 'received', 'committee_discussed')`;

const DDL = `
  CREATE TABLE IF NOT EXISTS rm_submissions (
    submission_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    document_number TEXT,
    classification TEXT NOT NULL,
    references_json TEXT NOT NULL,
    item_ids TEXT NOT NULL,
    decision_ids TEXT NOT NULL,
    status TEXT NOT NULL,
    submitting_organisation_id TEXT NOT NULL,
    addressed_committee_id TEXT NOT NULL,
    replaces_submission_id TEXT,
    replaced_by_submission_id TEXT,
    superseded_at TEXT,
    reply_requested_by TEXT,
    reply_due_by TEXT,
    submitted_at TEXT,
    received_at TEXT,
    office_log_number TEXT,
    opinion_document_number TEXT,
    opinion_outcome TEXT,
    opinion_issued_at TEXT,
    feedback_due_by TEXT,
    closed_at TEXT,
    withdrawn_at TEXT,
    withdrawal_reason TEXT,
    viewer_organisation_ids TEXT NOT NULL,
    viewer_user_ids TEXT NOT NULL,
    open_material_requests INTEGER NOT NULL,
    committee_meetings INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS rm_opinion_points (
    submission_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    adoption TEXT,
    explanation TEXT,
    answered_at TEXT,
    reading_number INTEGER,
    articles TEXT,
    revision_number INTEGER,
    revised_at TEXT,
    PRIMARY KEY (submission_id, number)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS rm_feedback_revisions (
    submission_id TEXT NOT NULL,
    point_number INTEGER NOT NULL,
    revision_number INTEGER NOT NULL,
    adoption TEXT NOT NULL,
    explanation TEXT,
    reading_number INTEGER,
    articles TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (submission_id, point_number, revision_number)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS submission_subjects (
    submission_id TEXT NOT NULL,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('item', 'decision')),
    subject_id TEXT NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, submission_id)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS rm_material_requests (
    submission_id TEXT NOT NULL,
    request_number INTEGER NOT NULL,
    description TEXT NOT NULL,
    due_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    supplied_at TEXT,
    supplied_description TEXT,
    document_references TEXT,
    PRIMARY KEY (submission_id, request_number)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS rm_submissions_reply_due ON rm_submissions (reply_due_by)
    WHERE status IN ${AWAITING_REPLY};
  CREATE INDEX IF NOT EXISTS rm_submissions_feedback_due ON rm_submissions (feedback_due_by)
    WHERE status = 'opinion_issued';
  CREATE INDEX IF NOT EXISTS rm_material_requests_due ON rm_material_requests (due_by)
    WHERE supplied_at IS NULL;`;

/**
 * Rows touched during one batch, written once when the batch is flushed: a submission's eight
 * or so events in a page cost one write of its row, not eight.
 */
class RowBuffer {
  private readonly rows = new Map<string, SubmissionRow>();
  private readonly readershipChanged = new Set<string>();
  /** Drafted in this batch: they have no readers stored yet. */
  private readonly created = new Set<string>();

  get(db: Database.Database, id: string): SubmissionRow | undefined {
    let row = this.rows.get(id);
    if (!row) {
      row = statement<[string], SubmissionRow>(
        db,
        'SELECT * FROM rm_submissions WHERE submission_id = ?',
      ).get(id);
      if (row) this.rows.set(id, row);
    }
    return row;
  }

  put(row: SubmissionRow, readershipChanged: boolean, created = false): void {
    this.rows.set(row.submission_id, row);
    if (readershipChanged) this.readershipChanged.add(row.submission_id);
    if (created) this.created.add(row.submission_id);
  }

  flush(db: Database.Database, policy: ReadPolicy<SubmissionReadership>): void {
    const upsert = statement(
      db,
      `INSERT OR REPLACE INTO rm_submissions (${COLUMNS.join(', ')})
       VALUES (${COLUMNS.map(() => '?').join(', ')})`,
    );
    for (const row of this.rows.values()) upsert.run(COLUMNS.map((column) => row[column]));
    for (const id of this.readershipChanged) {
      const row = this.rows.get(id)!;
      const readers = policy.readers(readershipOfRow(row));
      replaceReaders(db, policy.recordType, id, readers, this.created.has(id));
    }
    this.rows.clear();
    this.readershipChanged.clear();
    this.created.clear();
  }
}

/** The facts a submission's read policy decides on. */
export interface SubmissionReadership {
  submittingOrganisationId: string;
  addressedCommitteeId: string;
  sent: boolean;
  viewerOrganisationIds: readonly string[];
  viewerUserIds: readonly string[];
}

/** The facts of the read policy, as the row keeps them. */
export function readershipOfRow(row: SubmissionRow): SubmissionReadership {
  return {
    submittingOrganisationId: row.submitting_organisation_id,
    addressedCommitteeId: row.addressed_committee_id,
    sent: row.submitted_at !== null,
    viewerOrganisationIds: parseIds(row.viewer_organisation_ids),
    viewerUserIds: parseIds(row.viewer_user_ids),
  };
}

const parseIds = (json: string): string[] => (json === '[]' ? [] : (JSON.parse(json) as string[]));

const buffers = new WeakMap<Database.Database, RowBuffer>();
const bufferOf = (db: Database.Database) => {
  let buffer = buffers.get(db);
  if (!buffer) buffers.set(db, (buffer = new RowBuffer()));
  return buffer;
};

const CONTENT_COLUMNS = {
  title: 'title',
  documentNumber: 'document_number',
  classification: 'classification',
  replyRequestedBy: 'reply_requested_by',
} as const;

const HANDLED: SubmissionEvent['type'][] = [
  'SubmissionDrafted',
  'SubmissionDraftAmended',
  'ProposalToPartyGroupRecorded',
  'PartyGroupDiscussionRecorded',
  'SubmissionSubmitted',
  'SubmissionReceived',
  'SupplementaryMaterialRequested',
  'SupplementaryMaterialSupplied',
  'CommitteeMeetingRecorded',
  'OpinionIssued',
  'OpinionPointFeedbackGiven',
  'OpinionPointFeedbackRevised',
  'SubmissionClosed',
  'SubmissionWithdrawn',
  'SubmissionViewerGranted',
];

/**
 * Submissions as the lists and the detail page show them: one row per submission with its
 * current state and due dates, its opinion points with their feedback, its material requests,
 * and who may read it, by the feature's read policy. The long text (summary, body) and the
 * history are read from the stream itself by the detail, so a rebuild writes little.
 */
export const submissionsProjection = (
  policy: ReadPolicy<SubmissionReadership>,
): Projection<SubmissionEvent> => ({
  name: 'submissions',
  version: 8,
  tables: [
    'rm_submissions',
    'rm_opinion_points',
    'rm_material_requests',
    'rm_feedback_revisions',
    'submission_subjects',
  ],
  recordTypes: [policy.recordType],
  handles: HANDLED,

  setUp(db) {
    db.exec(DDL);
  },

  apply(db, event, recorded) {
    const id = idInStream('submission', recorded.streamId);
    if (id === null) return;
    applyToSubmission(db, bufferOf(db), id, event, recorded);
  },

  flush(db) {
    bufferOf(db).flush(db, policy);
  },
});

function applyToSubmission(
  db: Database.Database,
  buffer: RowBuffer,
  id: string,
  event: SubmissionEvent,
  recorded: RecordedEvent,
): void {
  const at = recorded.metadata.occurredAt;
  if (event.type === 'SubmissionDrafted') {
    const d = event.data;
    buffer.put(
      {
        submission_id: id,
        kind: d.kind,
        category: d.category,
        title: d.title,
        document_number: d.documentNumber,
        classification: d.classification,
        references_json: JSON.stringify(d.references),
        item_ids: JSON.stringify(d.itemIds),
        decision_ids: JSON.stringify(d.decisionIds),
        status: 'drafted',
        submitting_organisation_id: d.submittingOrganisationId,
        addressed_committee_id: d.addressedCommitteeId,
        replaces_submission_id: d.replacesSubmissionId,
        replaced_by_submission_id: null,
        superseded_at: null,
        reply_requested_by: d.replyRequestedBy,
        reply_due_by: null,
        submitted_at: null,
        received_at: null,
        office_log_number: null,
        opinion_document_number: null,
        opinion_outcome: null,
        opinion_issued_at: null,
        feedback_due_by: null,
        closed_at: null,
        withdrawn_at: null,
        withdrawal_reason: null,
        viewer_organisation_ids: '[]',
        viewer_user_ids: '[]',
        open_material_requests: 0,
        committee_meetings: 0,
        revision: recorded.revision,
        created_at: at,
        updated_at: at,
      },
      true,
      true,
    );
    replaceSubjects(db, id, 'item', d.itemIds);
    replaceSubjects(db, id, 'decision', d.decisionIds);
    const replaced = d.replacesSubmissionId ? buffer.get(db, d.replacesSubmissionId) : undefined;
    if (replaced) {
      replaced.replaced_by_submission_id = id;
      buffer.put(replaced, false);
    }
    return;
  }
  // The buffer owns its rows until the flush: changed in place, no copy per event.
  const row = buffer.get(db, id);
  if (!row) return;
  row.revision = recorded.revision;
  row.updated_at = at;
  let readershipChanged = false;
  switch (event.type) {
    case 'SubmissionDraftAmended':
      for (const [key, value] of Object.entries(event.data)) {
        if (key === 'references') row.references_json = JSON.stringify(value);
        else if (key === 'itemIds' && value) {
          row.item_ids = JSON.stringify(value);
          replaceSubjects(db, id, 'item', value as string[]);
        } else if (key === 'decisionIds' && value) {
          row.decision_ids = JSON.stringify(value);
          replaceSubjects(db, id, 'decision', value as string[]);
        } else if (key in CONTENT_COLUMNS) {
          (row as unknown as Record<string, unknown>)[
            CONTENT_COLUMNS[key as keyof typeof CONTENT_COLUMNS]
          ] = value;
        }
      }
      break;
    case 'ProposalToPartyGroupRecorded':
      row.status = 'proposed';
      break;
    case 'PartyGroupDiscussionRecorded':
      row.status = 'discussed';
      break;
    case 'SubmissionSubmitted':
      row.status = 'submitted';
      row.submitted_at = event.data.submittedAt;
      row.document_number = event.data.documentNumber;
      // A report gets no reply, whatever date a report sent before that rule holds.
      row.reply_due_by = row.kind === 'report' ? null : event.data.replyDueBy;
      readershipChanged = true;
      supersede(db, buffer, row.replaces_submission_id, at);
      break;
    case 'SubmissionReceived':
      row.status = 'received';
      row.received_at = event.data.receivedAt;
      row.office_log_number = event.data.officeLogNumber;
      break;
    case 'SupplementaryMaterialRequested':
      statement(
        db,
        `INSERT OR REPLACE INTO rm_material_requests (submission_id, request_number, description, due_by, requested_at)
         VALUES (?, ?, ?, ?, ?)`,
      ).run(id, event.data.requestNumber, event.data.description, event.data.dueBy, at);
      row.status = 'awaiting_material';
      row.open_material_requests += 1;
      break;
    case 'SupplementaryMaterialSupplied':
      statement(
        db,
        `UPDATE rm_material_requests SET supplied_at = ?, supplied_description = ?, document_references = ?
         WHERE submission_id = ? AND request_number = ?`,
      ).run(
        at,
        event.data.description,
        JSON.stringify(event.data.documentReferences),
        id,
        event.data.requestNumber,
      );
      row.open_material_requests -= 1;
      if (event.data.replyDueBy) row.reply_due_by = event.data.replyDueBy;
      if (row.open_material_requests === 0) {
        row.status = row.committee_meetings > 0 ? 'committee_discussed' : 'received';
      }
      break;
    case 'CommitteeMeetingRecorded':
      row.status = 'committee_discussed';
      row.committee_meetings += 1;
      break;
    case 'OpinionIssued': {
      const insert = statement(
        db,
        'INSERT OR REPLACE INTO rm_opinion_points (submission_id, number, text) VALUES (?, ?, ?)',
      );
      for (const point of event.data.points) insert.run(id, point.number, point.text);
      row.status = 'opinion_issued';
      row.opinion_document_number = event.data.documentNumber;
      row.opinion_outcome = event.data.outcome;
      row.opinion_issued_at = event.data.issuedAt;
      row.feedback_due_by = event.data.feedbackDueBy;
      break;
    }
    case 'OpinionPointFeedbackGiven': {
      const d = event.data;
      statement(
        db,
        `UPDATE rm_opinion_points SET adoption = ?, explanation = ?, answered_at = ?,
           reading_number = ?, articles = ?, revision_number = 0, revised_at = NULL
         WHERE submission_id = ? AND number = ?`,
      ).run(
        d.adoption,
        d.explanation,
        d.givenAt,
        d.readingNumber,
        JSON.stringify(d.articles),
        id,
        d.pointNumber,
      );
      recordRevision(db, id, d.pointNumber, 0, d, d.givenAt);
      break;
    }
    case 'OpinionPointFeedbackRevised': {
      // The latest revision is the point's current adoption; every one stays in its history.
      const d = event.data;
      statement(
        db,
        `UPDATE rm_opinion_points SET adoption = ?, explanation = ?, reading_number = ?,
           articles = ?, revision_number = ?, revised_at = ?
         WHERE submission_id = ? AND number = ?`,
      ).run(
        d.adoption,
        d.explanation,
        d.readingNumber,
        JSON.stringify(d.articles),
        d.revisionNumber,
        d.revisedAt,
        id,
        d.pointNumber,
      );
      recordRevision(db, id, d.pointNumber, d.revisionNumber, d, d.revisedAt);
      break;
    }
    case 'SubmissionClosed':
      row.status = 'closed';
      row.closed_at = event.data.closedAt;
      break;
    case 'SubmissionWithdrawn':
      row.status = 'withdrawn';
      row.withdrawn_at = event.data.withdrawnAt;
      row.withdrawal_reason = event.data.reason;
      break;
    case 'SubmissionViewerGranted': {
      const { organisationId, userId } = event.data;
      if (organisationId) {
        row.viewer_organisation_ids = JSON.stringify([
          ...(JSON.parse(row.viewer_organisation_ids) as string[]),
          organisationId,
        ]);
      }
      if (userId) {
        row.viewer_user_ids = JSON.stringify([
          ...(JSON.parse(row.viewer_user_ids) as string[]),
          userId,
        ]);
      }
      readershipChanged = true;
      break;
    }
  }
  // Superseded stays: what still happens on the replaced stream no longer moves it on.
  if (row.superseded_at) row.status = 'superseded';
  buffer.put(row, readershipChanged);
}

/** The revision was sent: the submission it replaces is superseded and out of every due list. */
function supersede(
  db: Database.Database,
  buffer: RowBuffer,
  replacedId: string | null,
  at: string,
): void {
  const replaced = replacedId ? buffer.get(db, replacedId) : undefined;
  if (!replaced) return;
  replaced.status = 'superseded';
  replaced.superseded_at = at;
  buffer.put(replaced, false);
}

/** What a submission is about, replaced as a whole when drafted or amended. */
function replaceSubjects(
  db: Database.Database,
  id: string,
  kind: SubmissionSubjectRow['subject_kind'],
  subjectIds: readonly string[],
): void {
  statement(db, 'DELETE FROM submission_subjects WHERE submission_id = ? AND subject_kind = ?').run(
    id,
    kind,
  );
  const insert = statement(
    db,
    'INSERT OR IGNORE INTO submission_subjects (submission_id, subject_kind, subject_id) VALUES (?, ?, ?)',
  );
  for (const subjectId of subjectIds) insert.run(id, kind, subjectId);
}

function recordRevision(
  db: Database.Database,
  id: string,
  pointNumber: number,
  revisionNumber: number,
  feedback: FeedbackPlacement & { adoption: string; explanation: string | null },
  at: string,
): void {
  statement(
    db,
    `INSERT OR REPLACE INTO rm_feedback_revisions (submission_id, point_number, revision_number,
       adoption, explanation, reading_number, articles, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    pointNumber,
    revisionNumber,
    feedback.adoption,
    feedback.explanation,
    feedback.readingNumber,
    JSON.stringify(feedback.articles),
    at,
  );
}
