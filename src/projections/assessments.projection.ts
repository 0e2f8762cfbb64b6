import { AssessmentEvent } from '../events/item-events';
import { ReadPolicy } from '../platform/access/readers';
import { Projection, idInStream, statement } from '../platform/kernel/projection';
import { replaceReaders } from '../platform/projections/readers-table';

/** A row of `rm_assessments`, as the DDL below defines it. */
export interface AssessmentRow {
  assessment_id: string;
  subject_kind: string;
  subject_id: string;
  reported_by_organisation_id: string;
  committee_id: string;
  title: string;
  reported_on: string;
  status: string;
  judgment: string | null;
  judged_at: string | null;
  revision: number;
  created_at: string;
}

const DDL = `
  CREATE TABLE IF NOT EXISTS rm_assessments (
    assessment_id TEXT PRIMARY KEY,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    reported_by_organisation_id TEXT NOT NULL,
    committee_id TEXT NOT NULL,
    title TEXT NOT NULL,
    reported_on TEXT NOT NULL,
    status TEXT NOT NULL,
    judgment TEXT,
    judged_at TEXT,
    revision INTEGER NOT NULL,
    created_at TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS rm_assessments_by_subject
    ON rm_assessments (subject_kind, subject_id, assessment_id);`;

/** Assessments with their judgment, readable by the judging committee and the reporter. */
export const assessmentsProjection = (
  policy: ReadPolicy<{ committeeId: string; reportedByOrganisationId: string }>,
): Projection<AssessmentEvent> => ({
  name: 'assessments',
  version: 1,
  tables: ['rm_assessments'],
  recordTypes: [policy.recordType],
  handles: ['AssessmentReported', 'AssessmentJudged'],

  setUp(db) {
    db.exec(DDL);
  },

  apply(db, event, recorded) {
    const id = idInStream('assessment', recorded.streamId);
    if (id === null) return;
    if (event.type === 'AssessmentReported') {
      const d = event.data;
      statement(
        db,
        `INSERT OR REPLACE INTO rm_assessments VALUES (?, ?, ?, ?, ?, ?, ?, 'reported', NULL, NULL, ?, ?)`,
      ).run(
        id,
        d.subject.kind,
        d.subject.id,
        d.reportedByOrganisationId,
        d.committeeId,
        d.title,
        d.reportedOn,
        recorded.revision,
        recorded.metadata.occurredAt,
      );
      replaceReaders(db, policy.recordType, id, policy.readers(d), true);
      return;
    }
    statement(
      db,
      `UPDATE rm_assessments SET status = 'judged', judgment = ?, judged_at = ?, revision = ?
       WHERE assessment_id = ?`,
    ).run(event.data.judgment, event.data.judgedAt, recorded.revision, id);
  },
});
