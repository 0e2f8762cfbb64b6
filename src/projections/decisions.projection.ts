import Database from 'better-sqlite3';
import { DecisionEvent } from '../events/decision-events';
import { ReadPolicy } from '../platform/access/readers';
import { Projection, idInStream, rowUpdater, statement } from '../platform/kernel/projection';
import { readableIds, replaceReaders } from '../platform/projections/readers-table';

/** A row of `rm_decisions`, as the DDL below defines it. */
export interface DecisionRow {
  decision_id: string;
  committee_id: string;
  document_number: string;
  title: string;
  decided_on: string;
  /** JSON array of strings. */
  policy_areas: string;
  kind: string;
  follow_up: string | null;
  status: string;
  legislature_id: string | null;
  transmitted_at: string | null;
  acknowledged_at: string | null;
  follow_up_reports: number;
  superseded_by_decision_id: string | null;
  superseded_at: string | null;
  revision: number;
  recorded_at: string;
  updated_at: string;
}

const DDL = `
  CREATE TABLE IF NOT EXISTS rm_decisions (
    decision_id TEXT PRIMARY KEY,
    committee_id TEXT NOT NULL,
    document_number TEXT NOT NULL,
    title TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    policy_areas TEXT NOT NULL,
    kind TEXT NOT NULL,
    follow_up TEXT,
    status TEXT NOT NULL,
    legislature_id TEXT,
    transmitted_at TEXT,
    acknowledged_at TEXT,
    follow_up_reports INTEGER NOT NULL,
    superseded_by_decision_id TEXT,
    superseded_at TEXT,
    revision INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    updated_at TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS rm_decisions_superseded_by
    ON rm_decisions (superseded_by_decision_id) WHERE superseded_by_decision_id IS NOT NULL;`;

/** The facts of the read policy: the committee, and the legislature once transmitted. */
export interface DecisionReaders {
  committeeId: string;
  legislatureId: string | null;
}

/**
 * Committee decisions as the list shows them, one row each, with who reads them (the feature's
 * read policy). The detail reads the decision's own stream.
 */
export const decisionsProjection = (
  policy: ReadPolicy<DecisionReaders>,
): Projection<DecisionEvent> => ({
  name: 'decisions',
  version: 1,
  tables: ['rm_decisions'],
  recordTypes: [policy.recordType],
  handles: [
    'CommitteeDecisionRecorded',
    'DecisionTransmitted',
    'DecisionTransmissionAcknowledged',
    'DecisionFollowUpReported',
    'DecisionSuperseded',
  ],

  setUp(db) {
    db.exec(DDL);
  },

  apply(db, event, recorded) {
    const id = idInStream('decision', recorded.streamId);
    if (id === null) return;
    const at = recorded.metadata.occurredAt;
    const update = rowUpdater(db, 'rm_decisions', 'decision_id', id, recorded);
    switch (event.type) {
      case 'CommitteeDecisionRecorded': {
        const d = event.data;
        statement(
          db,
          `INSERT OR REPLACE INTO rm_decisions VALUES
             (?, ?, ?, ?, ?, ?, ?, ?, 'recorded', NULL, NULL, NULL, 0, NULL, NULL, ?, ?, ?)`,
        ).run(
          id,
          d.committeeId,
          d.documentNumber,
          d.title,
          d.decidedOn,
          JSON.stringify(d.policyAreas),
          d.kind,
          d.followUp,
          recorded.revision,
          at,
          at,
        );
        replaceReaders(
          db,
          policy.recordType,
          id,
          policy.readers({ committeeId: d.committeeId, legislatureId: null }),
          true,
        );
        break;
      }
      case 'DecisionTransmitted': {
        update(
          "status = 'transmitted', legislature_id = ?, transmitted_at = ?",
          event.data.legislatureId,
          event.data.transmittedAt,
        );
        const row = statement<[string], { committee_id: string }>(
          db,
          'SELECT committee_id FROM rm_decisions WHERE decision_id = ?',
        ).get(id);
        if (row) {
          replaceReaders(
            db,
            policy.recordType,
            id,
            policy.readers({
              committeeId: row.committee_id,
              legislatureId: event.data.legislatureId,
            }),
          );
        }
        break;
      }
      case 'DecisionTransmissionAcknowledged':
        update("status = 'acknowledged', acknowledged_at = ?", event.data.acknowledgedAt);
        break;
      case 'DecisionFollowUpReported':
        update('follow_up_reports = ?', event.data.reportNumber);
        break;
      case 'DecisionSuperseded':
        update(
          "status = 'superseded', superseded_by_decision_id = ?, superseded_at = ?",
          event.data.supersededByDecisionId,
          event.data.supersededAt,
        );
        break;
    }
  },
});

/** What the decisions list selects by, among the decisions the caller reads. */
export interface DecisionFilter {
  policyArea: string | null;
  year: string | null;
  followUpNeeded: boolean | null;
  transmitted: boolean | null;
  /** Keyset: after this (decided_on, decision_id), newest first. */
  after: [string, string] | null;
  limit: number;
  principals: string;
  reasons: string | null;
}

const LIST_SQL = `
  SELECT d.* FROM rm_decisions d
  WHERE d.decision_id IN (${readableIds('decision')})
    AND (@area IS NULL OR EXISTS (SELECT 1 FROM json_each(d.policy_areas) a WHERE a.value = @area))
    AND (@year IS NULL OR substr(d.decided_on, 1, 4) = @year)
    AND (@followUp IS NULL OR (d.follow_up IS NOT NULL) = @followUp)
    AND (@transmitted IS NULL OR (d.transmitted_at IS NOT NULL) = @transmitted)
    AND (@after IS NULL OR (d.decided_on, d.decision_id) < (@k0, @k1))
  ORDER BY d.decided_on DESC, d.decision_id DESC
  LIMIT @limit`;

const bit = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

/** The decisions the caller reads, newest first. */
export function readDecisions(db: Database.Database, filter: DecisionFilter): DecisionRow[] {
  return statement<[Record<string, unknown>], DecisionRow>(db, LIST_SQL).all({
    principals: filter.principals,
    reasons: filter.reasons,
    area: filter.policyArea,
    year: filter.year,
    followUp: bit(filter.followUpNeeded),
    transmitted: bit(filter.transmitted),
    after: filter.after ? 1 : null,
    k0: filter.after?.[0] ?? null,
    k1: filter.after?.[1] ?? null,
    limit: filter.limit,
  });
}

/** The readable decisions that `decisionId` superseded. */
export function readSuperseded(
  db: Database.Database,
  decisionId: string,
  principals: string,
): string[] {
  return statement<[Record<string, unknown>], { decision_id: string }>(
    db,
    `SELECT d.decision_id FROM rm_decisions d
      WHERE d.superseded_by_decision_id = @id AND d.decision_id IN (${readableIds('decision')})
      ORDER BY d.decided_on, d.decision_id`,
  )
    .all({ id: decisionId, principals, reasons: null })
    .map((r) => r.decision_id);
}
