import Database from 'better-sqlite3';
import { LegislinkEvent } from '../events';
import { Projection, statement } from '../platform/projections/projection';

const SUBMISSION_STREAM = /^submission-(.+)$/;

/**
 * Submissions as the inbox, the outbox and the detail page show them: one row per submission
 * with its current state and due dates, its opinion points with their feedback, its material
 * requests, and its full history (who did what, when).
 */
export const submissionsProjection: Projection = {
  name: 'submissions',

  setUp(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS rm_submissions (
        submission_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        category TEXT NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        body TEXT NOT NULL,
        document_number TEXT,
        classification TEXT NOT NULL,
        references_json TEXT NOT NULL,
        status TEXT NOT NULL,
        submitting_organisation_id TEXT NOT NULL,
        addressed_committee_id TEXT NOT NULL,
        replaces_submission_id TEXT,
        replaced_by_submission_id TEXT,
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
        viewer_organisation_ids TEXT NOT NULL DEFAULT '[]',
        viewer_user_ids TEXT NOT NULL DEFAULT '[]',
        revision INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS rm_submissions_addressed ON rm_submissions (addressed_committee_id, status);
      CREATE INDEX IF NOT EXISTS rm_submissions_submitting ON rm_submissions (submitting_organisation_id, status);
      CREATE TABLE IF NOT EXISTS rm_opinion_points (
        submission_id TEXT NOT NULL,
        number INTEGER NOT NULL,
        text TEXT NOT NULL,
        adoption TEXT,
        explanation TEXT,
        answered_at TEXT,
        PRIMARY KEY (submission_id, number));
      CREATE TABLE IF NOT EXISTS rm_material_requests (
        submission_id TEXT NOT NULL,
        request_number INTEGER NOT NULL,
        description TEXT NOT NULL,
        due_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        supplied_at TEXT,
        supplied_description TEXT,
        document_references TEXT,
        PRIMARY KEY (submission_id, request_number));
      CREATE TABLE IF NOT EXISTS rm_submission_history (
        submission_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        actor_json TEXT NOT NULL,
        data_json TEXT NOT NULL,
        PRIMARY KEY (submission_id, revision));`);
  },

  reset(db) {
    db.exec(`DELETE FROM rm_submissions; DELETE FROM rm_opinion_points;
             DELETE FROM rm_material_requests; DELETE FROM rm_submission_history;`);
  },

  apply(db, event, recorded) {
    const match = SUBMISSION_STREAM.exec(recorded.streamId);
    if (!match) return;
    const id = match[1];
    const at = recorded.metadata.occurredAt;
    statement(db, `INSERT OR REPLACE INTO rm_submission_history VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      id,
      recorded.revision,
      recorded.eventId,
      event.type,
      at,
      JSON.stringify(recorded.metadata.actor),
      JSON.stringify(event.data),
    );
    applyToSubmission(db, id, event, at);
    statement(
      db,
      'UPDATE rm_submissions SET revision = ?, updated_at = ? WHERE submission_id = ?',
    ).run(recorded.revision, at, id);
  },
};

function update(db: Database.Database, id: string, fields: Record<string, unknown>): void {
  const columns = Object.keys(fields);
  statement(
    db,
    `UPDATE rm_submissions SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE submission_id = @id`,
  ).run({ ...fields, id });
}

const CONTENT_COLUMNS: Record<string, string> = {
  title: 'title',
  summary: 'summary',
  body: 'body',
  documentNumber: 'document_number',
  classification: 'classification',
  replyRequestedBy: 'reply_requested_by',
};

function applyToSubmission(
  db: Database.Database,
  id: string,
  event: LegislinkEvent,
  at: string,
): void {
  switch (event.type) {
    case 'SubmissionDrafted': {
      const d = event.data;
      statement(
        db,
        `INSERT OR REPLACE INTO rm_submissions (submission_id, kind, category, title, summary, body,
           document_number, classification, references_json, status, submitting_organisation_id,
           addressed_committee_id, replaces_submission_id, reply_requested_by, revision,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'drafted', ?, ?, ?, ?, 0, ?, ?)`,
      ).run(
        id,
        d.kind,
        d.category,
        d.title,
        d.summary,
        d.body,
        d.documentNumber,
        d.classification,
        JSON.stringify(d.references),
        d.submittingOrganisationId,
        d.addressedCommitteeId,
        d.replacesSubmissionId,
        d.replyRequestedBy,
        at,
        at,
      );
      if (d.replacesSubmissionId) {
        update(db, d.replacesSubmissionId, { replaced_by_submission_id: id });
      }
      return;
    }
    case 'SubmissionDraftAmended': {
      const fields: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(event.data)) {
        if (key === 'references') fields.references_json = JSON.stringify(value);
        else if (CONTENT_COLUMNS[key]) fields[CONTENT_COLUMNS[key]] = value;
      }
      if (Object.keys(fields).length) update(db, id, fields);
      return;
    }
    case 'ProposalToPartyGroupRecorded':
      return update(db, id, { status: 'proposed' });
    case 'PartyGroupDiscussionRecorded':
      return update(db, id, { status: 'discussed' });
    case 'SubmissionSubmitted':
      return update(db, id, {
        status: 'submitted',
        submitted_at: event.data.submittedAt,
        document_number: event.data.documentNumber,
        reply_due_by: event.data.replyDueBy,
      });
    case 'SubmissionReceived':
      return update(db, id, {
        status: 'received',
        received_at: event.data.receivedAt,
        office_log_number: event.data.officeLogNumber,
      });
    case 'SupplementaryMaterialRequested':
      statement(
        db,
        `INSERT OR REPLACE INTO rm_material_requests (submission_id, request_number, description, due_by, requested_at)
         VALUES (?, ?, ?, ?, ?)`,
      ).run(id, event.data.requestNumber, event.data.description, event.data.dueBy, at);
      return update(db, id, { status: 'awaiting_material' });
    case 'SupplementaryMaterialSupplied': {
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
      const open = statement<[string], { open: number }>(
        db,
        'SELECT COUNT(*) AS open FROM rm_material_requests WHERE submission_id = ? AND supplied_at IS NULL',
      ).get(id);
      if (open?.open) return;
      const met = statement<[string], { met: number }>(
        db,
        `SELECT COUNT(*) AS met FROM rm_submission_history WHERE submission_id = ? AND type = 'CommitteeMeetingRecorded'`,
      ).get(id);
      return update(db, id, { status: met?.met ? 'committee_discussed' : 'received' });
    }
    case 'CommitteeMeetingRecorded':
      return update(db, id, { status: 'committee_discussed' });
    case 'OpinionIssued': {
      const insert = statement(
        db,
        'INSERT OR REPLACE INTO rm_opinion_points (submission_id, number, text) VALUES (?, ?, ?)',
      );
      for (const point of event.data.points) insert.run(id, point.number, point.text);
      return update(db, id, {
        status: 'opinion_issued',
        opinion_document_number: event.data.documentNumber,
        opinion_outcome: event.data.outcome,
        opinion_issued_at: event.data.issuedAt,
        feedback_due_by: event.data.feedbackDueBy,
      });
    }
    case 'OpinionPointFeedbackGiven':
      statement(
        db,
        `UPDATE rm_opinion_points SET adoption = ?, explanation = ?, answered_at = ?
         WHERE submission_id = ? AND number = ?`,
      ).run(
        event.data.adoption,
        event.data.explanation,
        event.data.givenAt,
        id,
        event.data.pointNumber,
      );
      return;
    case 'SubmissionClosed':
      return update(db, id, { status: 'closed', closed_at: event.data.closedAt });
    case 'SubmissionWithdrawn':
      return update(db, id, {
        status: 'withdrawn',
        withdrawn_at: event.data.withdrawnAt,
        withdrawal_reason: event.data.reason,
      });
    case 'SubmissionViewerGranted': {
      const row = statement<[string], { orgs: string; users: string }>(
        db,
        'SELECT viewer_organisation_ids AS orgs, viewer_user_ids AS users FROM rm_submissions WHERE submission_id = ?',
      ).get(id);
      if (!row) return;
      const orgs = JSON.parse(row.orgs) as string[];
      const users = JSON.parse(row.users) as string[];
      if (event.data.organisationId) orgs.push(event.data.organisationId);
      if (event.data.userId) users.push(event.data.userId);
      return update(db, id, {
        viewer_organisation_ids: JSON.stringify(orgs),
        viewer_user_ids: JSON.stringify(users),
      });
    }
    case 'OrganisationRegistered':
      return;
  }
}
