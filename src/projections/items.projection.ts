import { ITEM_EVENT_SCHEMAS, ItemEvent } from '../events/item-events';
import { ReadPolicy } from '../platform/access/readers';
import { Projection, idInStream, rowUpdater, statement } from '../platform/kernel/projection';
import { replaceReaders } from '../platform/projections/readers-table';

/** Whose an item (or a plan) is and who oversees it: what decides who reads it. */
export interface OversightFacts {
  legislatureId: string;
  committeeId: string;
}

/** A row of `rm_items`, as the DDL below defines it. */
export interface ItemRow {
  item_id: string;
  kind: string;
  stage: string;
  /** The day the item entered its stage. */
  stage_since: string;
  title: string;
  legislature_id: string;
  committee_id: string;
  /** JSON array of strings. */
  policy_areas: string;
  proposed_on: string;
  /** The year it was proposed in. */
  year: number;
  version: number;
  /** JSON array of the plans it is in. */
  plan_ids: string;
  open_divergences: number;
  revision: number;
  created_at: string;
  updated_at: string;
}

const DDL = `
  CREATE TABLE IF NOT EXISTS rm_items (
    item_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    stage TEXT NOT NULL,
    stage_since TEXT NOT NULL,
    title TEXT NOT NULL,
    legislature_id TEXT NOT NULL,
    committee_id TEXT NOT NULL,
    policy_areas TEXT NOT NULL,
    proposed_on TEXT NOT NULL,
    year INTEGER NOT NULL,
    version INTEGER NOT NULL,
    plan_ids TEXT NOT NULL,
    open_divergences INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS rm_items_by_proposed ON rm_items (proposed_on, item_id);`;

/** The stage each lifecycle event moves the item to, and the day it happened. */
function stageOf(event: ItemEvent): { stage: string; on: string } | null {
  switch (event.type) {
    case 'ItemPlanned':
      return { stage: 'planned', on: event.data.plannedOn };
    case 'ItemDraftingStarted':
      return { stage: 'drafting', on: event.data.startedOn };
    case 'ItemReadingHeld':
      return { stage: 'deliberation', on: event.data.heldOn };
    case 'ItemScheduledForVote':
      return { stage: 'on_agenda', on: event.data.scheduledOn };
    case 'ItemAdopted':
      return { stage: 'adopted', on: event.data.adoptedOn };
    case 'ItemPromulgated':
      return { stage: 'promulgated', on: event.data.promulgatedOn };
    case 'ItemEnteredIntoForce':
      return { stage: 'in_force', on: event.data.inForceOn };
    case 'ItemAmendmentStarted':
      return { stage: 'drafting', on: event.data.startedOn };
    case 'ItemAbolished':
      return { stage: 'abolished', on: event.data.abolishedOn };
    default:
      return null;
  }
}

/** Every item event: each moves the row's revision, the ETag the detail answers with. */
const HANDLED = Object.keys(ITEM_EVENT_SCHEMAS) as ItemEvent['type'][];

/**
 * Legislative items as the list shows them: kind, stage and since when, version, plans, open
 * divergences, and who may read each (the legislature and the overseeing committee). The detail
 * is the item's own stream folded.
 */
export const itemsProjection = (policy: ReadPolicy<OversightFacts>): Projection<ItemEvent> => ({
  name: 'items',
  version: 1,
  tables: ['rm_items'],
  recordTypes: [policy.recordType],
  handles: HANDLED,

  setUp(db) {
    db.exec(DDL);
  },

  apply(db, event, recorded) {
    const id = idInStream('item', recorded.streamId);
    if (id === null) return;
    const at = recorded.metadata.occurredAt;
    if (event.type === 'LegislativeItemProposed') {
      const d = event.data;
      statement(
        db,
        `INSERT OR REPLACE INTO rm_items VALUES
         (?, ?, 'proposed', ?, ?, ?, ?, ?, ?, ?, 1, '[]', 0, ?, ?, ?)`,
      ).run(
        id,
        d.kind,
        d.proposedOn,
        d.title,
        d.legislatureId,
        d.committeeId,
        JSON.stringify(d.policyAreas),
        d.proposedOn,
        Number(d.proposedOn.slice(0, 4)),
        recorded.revision,
        at,
        at,
      );
      replaceReaders(db, policy.recordType, id, policy.readers(d), true);
      return;
    }
    rowUpdater(db, 'rm_items', 'item_id', id, recorded)();
    const moved = stageOf(event);
    // A further reading keeps the item in deliberation since the first one; a plan moves on
    // only a proposed item (an annual plan also lists items in drafting or deliberation).
    if (moved && event.type === 'ItemPlanned') {
      statement(
        db,
        `UPDATE rm_items SET stage = 'planned', stage_since = ? WHERE item_id = ? AND stage = 'proposed'`,
      ).run(moved.on, id);
    } else if (moved) {
      statement(
        db,
        `UPDATE rm_items SET stage = ?, stage_since = ? WHERE item_id = ? AND stage <> ?`,
      ).run(moved.stage, moved.on, id, moved.stage);
    }
    switch (event.type) {
      case 'ItemPlanned':
        statement(
          db,
          `UPDATE rm_items SET plan_ids = json_insert(plan_ids, '$[#]', ?) WHERE item_id = ?`,
        ).run(event.data.planId, id);
        break;
      case 'ItemAmendmentStarted':
        statement(db, 'UPDATE rm_items SET version = ? WHERE item_id = ?').run(
          event.data.version,
          id,
        );
        break;
      case 'DivergenceRecorded':
        statement(
          db,
          'UPDATE rm_items SET open_divergences = open_divergences + 1 WHERE item_id = ?',
        ).run(id);
        break;
      case 'DivergenceResolved':
        statement(
          db,
          'UPDATE rm_items SET open_divergences = open_divergences - 1 WHERE item_id = ?',
        ).run(id);
        break;
      default:
        break;
    }
  },
});
