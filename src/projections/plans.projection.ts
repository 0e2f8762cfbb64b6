import { PlanEvent } from '../events/plan-events';
import { ReadPolicy } from '../platform/access/readers';
import { Projection, idInStream, rowUpdater, statement } from '../platform/kernel/projection';
import { replaceReaders } from '../platform/projections/readers-table';

/** A row of `rm_plans`, as the DDL below defines it. */
export interface PlanRow {
  plan_id: string;
  kind: string;
  status: string;
  legislature_id: string;
  committee_id: string;
  from_year: number;
  to_year: number;
  title: string;
  entry_count: number;
  submission_id: string | null;
  adjustments: number;
  revision: number;
  created_at: string;
  updated_at: string;
}

const DDL = `
  CREATE TABLE IF NOT EXISTS rm_plans (
    plan_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    legislature_id TEXT NOT NULL,
    committee_id TEXT NOT NULL,
    from_year INTEGER NOT NULL,
    to_year INTEGER NOT NULL,
    title TEXT NOT NULL,
    entry_count INTEGER NOT NULL,
    submission_id TEXT,
    adjustments INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS rm_plan_entries (
    plan_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    adjustment_number INTEGER NOT NULL,
    PRIMARY KEY (plan_id, item_id)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS rm_plan_entries_by_item ON rm_plan_entries (item_id, plan_id);`;

const HANDLED: PlanEvent['type'][] = [
  'LegislativePlanDrafted',
  'PlanEntryAdded',
  'PlanEntryRemoved',
  'PlanReported',
  'PlanApproved',
  'PlanAdjusted',
];

/**
 * Plans as the list shows them, with the items each now lists (`rm_plan_entries`: which plan an
 * item is in, added while drafting or by which adjustment), readable by the legislature and the
 * committee. The detail is the plan's own stream folded.
 */
export const plansProjection = (
  policy: ReadPolicy<{ legislatureId: string; committeeId: string }>,
): Projection<PlanEvent> => ({
  name: 'plans',
  version: 1,
  tables: ['rm_plans', 'rm_plan_entries'],
  recordTypes: [policy.recordType],
  handles: HANDLED,

  setUp(db) {
    db.exec(DDL);
  },

  apply(db, event, recorded) {
    const id = idInStream('plan', recorded.streamId);
    if (id === null) return;
    const at = recorded.metadata.occurredAt;
    const addEntry = statement(db, 'INSERT OR REPLACE INTO rm_plan_entries VALUES (?, ?, ?)');
    if (event.type === 'LegislativePlanDrafted') {
      const d = event.data;
      statement(
        db,
        `INSERT OR REPLACE INTO rm_plans VALUES
         (?, ?, 'drafted', ?, ?, ?, ?, ?, ?, NULL, 0, ?, ?, ?)`,
      ).run(
        id,
        d.kind,
        d.legislatureId,
        d.committeeId,
        d.fromYear,
        d.toYear,
        d.title,
        d.entries.length,
        recorded.revision,
        at,
        at,
      );
      for (const entry of d.entries) addEntry.run(id, entry.itemId, 0);
      replaceReaders(db, policy.recordType, id, policy.readers(d), true);
      return;
    }
    rowUpdater(db, 'rm_plans', 'plan_id', id, recorded)();
    switch (event.type) {
      case 'PlanEntryAdded':
        addEntry.run(id, event.data.itemId, event.data.adjustmentNumber);
        statement(db, 'UPDATE rm_plans SET entry_count = entry_count + 1 WHERE plan_id = ?').run(
          id,
        );
        break;
      case 'PlanEntryRemoved':
        statement(db, 'DELETE FROM rm_plan_entries WHERE plan_id = ? AND item_id = ?').run(
          id,
          event.data.itemId,
        );
        statement(db, 'UPDATE rm_plans SET entry_count = entry_count - 1 WHERE plan_id = ?').run(
          id,
        );
        break;
      case 'PlanReported':
        statement(
          db,
          `UPDATE rm_plans SET status = 'reported', submission_id = ? WHERE plan_id = ?`,
        ).run(event.data.submissionId, id);
        break;
      case 'PlanApproved':
        statement(db, `UPDATE rm_plans SET status = 'approved' WHERE plan_id = ?`).run(id);
        break;
      case 'PlanAdjusted':
        statement(db, 'UPDATE rm_plans SET adjustments = ? WHERE plan_id = ?').run(
          event.data.adjustmentNumber,
          id,
        );
        break;
      default:
        break;
    }
  },
});
