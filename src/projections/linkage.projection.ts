import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { DomainEvent } from '../events/envelope';
import { ReadPolicy, Reader } from '../platform/access/readers';
import { parseLogPosition } from '../platform/event-store/event-store.port';
import { Projection, statement } from '../platform/kernel/projection';
import { replaceReaders } from '../platform/projections/readers-table';
import { TemporalTable } from './temporal-table';

/*
 * The linkage view: committee decisions, legislative items, plans, typed links, the submissions
 * about items and decisions with their opinion points, assessments, divergences and inquiries,
 * each table temporal (see `TemporalTable`), so the whole view can be read "as of" any global
 * position. Built from the event contract alone: it reads no other projection's tables.
 */

export interface DecisionRow {
  decision_id: string;
  committee_id: string;
  legislature_id: string | null;
  document_number: string;
  title: string;
  decided_on: string;
  year: number;
  policy_areas: string;
  kind: string;
  follow_up: string | null;
  level: string | null;
  region_code: string | null;
  transmitted_at: string | null;
  acknowledged_at: string | null;
  follow_up_reports: number;
  superseded_by: string | null;
  superseded_at: string | null;
  recorded_at: string;
}

export interface ItemRow {
  item_id: string;
  kind: string;
  legislature_id: string;
  committee_id: string;
  title: string;
  policy_areas: string;
  level: string | null;
  region_code: string | null;
  stage: string;
  stage_since: string;
  version: number;
  plan_id: string | null;
  proposed_on: string;
  drafting_unit_id: string | null;
  readings: number;
  agenda_date: string | null;
  adopted_on: string | null;
  promulgated_on: string | null;
  announcement_number: string | null;
  in_force_on: string | null;
  abolished_on: string | null;
  amendment_started_on: string | null;
  open_divergences: number;
  inspections: number;
}

export interface PlanRow {
  plan_id: string;
  kind: string;
  legislature_id: string;
  committee_id: string;
  from_year: number;
  to_year: number;
  title: string;
  status: string;
  approved_on: string | null;
  adjustments: number;
}

export interface LinkRow {
  link_id: string;
  type: string;
  from_kind: string;
  from_id: string;
  from_point: number | null;
  to_kind: string;
  to_id: string;
  to_point: number | null;
  rationale: string;
  established_at: string;
}

export interface SubmissionLinkageRow {
  submission_id: string;
  kind: string;
  category: string;
  title: string;
  status: string;
  submitting_organisation_id: string;
  addressed_committee_id: string;
  replaces_submission_id: string | null;
  submitted_at: string | null;
  reply_due_by: string | null;
  open_material: number;
  committee_meetings: number;
  opinion_outcome: string | null;
  opinion_issued_at: string | null;
  feedback_due_by: string | null;
  closed_at: string | null;
  /** The opinion's points, and how many of them are adopted, partly, not (the rest pending). */
  points: number;
  adopted: number;
  partly_adopted: number;
  not_adopted: number;
}

export interface SubjectRow {
  submission_id: string;
  subject_kind: 'item' | 'decision';
  subject_id: string;
}

/**
 * What the sent submissions about a subject add up to: how many, their opinion points, and how
 * many points are adopted, partly, not (the rest pending). One sent submission adds
 * (1, points, adopted, partly, not); a draft adds nothing.
 */
export interface Counters {
  submissions: number;
  points: number;
  adopted: number;
  partly_adopted: number;
  not_adopted: number;
}

/** The counters of the sent submissions about an item. */
export interface ItemCountersRow extends Counters {
  item_id: string;
}

/**
 * The counters of the sent submissions that reach a decision, split by who may see them
 * (`reach_id`). A submission reaches a decision when it names the decision (reach '': every
 * reader of the decision sees it) or, otherwise, through the items it names that carry the
 * decision out: a caller sees it then exactly when it reads one of those items, so its reach is
 * the union of those items' readers, stored under `reach_id` as a `linkage_reach` record of the
 * readers table. Each submission counts once per decision, in one reach.
 */
export interface DecisionCountersRow extends Counters {
  decision_id: string;
  reach_id: string;
}

/**
 * A sent submission that awaits something, under each of its subjects: the committee's reply
 * (its opinion) or the legislature's feedback, with the date it is due (null while the reply
 * clock is stopped, or for a report). A row exists exactly while the submission awaits.
 */
export interface OpenSubmissionRow {
  subject_id: string;
  subject_kind: string;
  submission_id: string;
  category: string;
  awaiting: 'reply' | 'feedback';
  due: string | null;
}

export interface PointRow {
  submission_id: string;
  number: number;
  text: string;
  adoption: string | null;
  explanation: string | null;
  reading_number: number | null;
  articles: string;
  revision_number: number | null;
  answered_at: string | null;
}

export interface DivergenceRow {
  item_id: string;
  number: number;
  description: string;
  submission_id: string | null;
  point_number: number | null;
  recorded_on: string;
  last_step: string | null;
  resolved_on: string | null;
  result: string | null;
}

export interface InquiryRow {
  item_id: string;
  number: number;
  question: string;
  due_by: string;
  opened_at: string;
  conclusion: string | null;
  answered_at: string | null;
  disputed_at: string | null;
  final_conclusion: string | null;
  concluded_at: string | null;
  result_reported_at: string | null;
}

export interface AssessmentRow {
  assessment_id: string;
  subject_kind: string;
  subject_id: string;
  reported_by: string;
  committee_id: string;
  title: string;
  reported_on: string;
  judgment: string | null;
  judged_at: string | null;
}

/** The facts that decide who reads a decision in the linkage view. */
export interface DecisionReadership {
  committeeId: string;
  /** Set once the decision was transmitted to it. */
  legislatureId: string | null;
}

/** The facts that decide who reads an item in the linkage view. */
export interface ItemReadership {
  legislatureId: string;
  committeeId: string;
}

export interface LinkagePolicies {
  decision: ReadPolicy<DecisionReadership>;
  item: ReadPolicy<ItemReadership>;
}

const VERSION_COLUMNS = `valid_from INTEGER NOT NULL, valid_to INTEGER`;
const COUNTER_COLUMNS = `submissions INTEGER NOT NULL, points INTEGER NOT NULL,
  adopted INTEGER NOT NULL, partly_adopted INTEGER NOT NULL, not_adopted INTEGER NOT NULL`;

const DDL = `
  CREATE TABLE IF NOT EXISTS lv_organisations (
    organisation_id TEXT PRIMARY KEY, kind TEXT NOT NULL, level TEXT NOT NULL,
    region_code TEXT NOT NULL, parent_organisation_id TEXT) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS lv_decisions (
    decision_id TEXT NOT NULL, committee_id TEXT NOT NULL, legislature_id TEXT,
    document_number TEXT NOT NULL, title TEXT NOT NULL, decided_on TEXT NOT NULL,
    year INTEGER NOT NULL, policy_areas TEXT NOT NULL, kind TEXT NOT NULL, follow_up TEXT,
    level TEXT, region_code TEXT, transmitted_at TEXT, acknowledged_at TEXT,
    follow_up_reports INTEGER NOT NULL, superseded_by TEXT, superseded_at TEXT,
    recorded_at TEXT NOT NULL, ${VERSION_COLUMNS},
    PRIMARY KEY (decision_id, valid_from)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS lv_decisions_current ON lv_decisions (decided_on, decision_id)
    WHERE valid_to IS NULL;
  CREATE UNIQUE INDEX IF NOT EXISTS lv_decisions_now ON lv_decisions (decision_id)
    WHERE valid_to IS NULL;
  CREATE TABLE IF NOT EXISTS lv_decision_areas (
    decision_id TEXT NOT NULL, area TEXT NOT NULL, recorded_position INTEGER NOT NULL,
    PRIMARY KEY (area, decision_id)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS lv_items (
    item_id TEXT NOT NULL, kind TEXT NOT NULL, legislature_id TEXT NOT NULL,
    committee_id TEXT NOT NULL, title TEXT NOT NULL, policy_areas TEXT NOT NULL, level TEXT,
    region_code TEXT, stage TEXT NOT NULL, stage_since TEXT NOT NULL, version INTEGER NOT NULL,
    plan_id TEXT, proposed_on TEXT NOT NULL, drafting_unit_id TEXT, readings INTEGER NOT NULL,
    agenda_date TEXT, adopted_on TEXT, promulgated_on TEXT, announcement_number TEXT,
    in_force_on TEXT, abolished_on TEXT, amendment_started_on TEXT,
    open_divergences INTEGER NOT NULL, inspections INTEGER NOT NULL, ${VERSION_COLUMNS},
    PRIMARY KEY (item_id, valid_from)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS lv_items_current ON lv_items (proposed_on, item_id)
    WHERE valid_to IS NULL;
  CREATE UNIQUE INDEX IF NOT EXISTS lv_items_now ON lv_items (item_id) WHERE valid_to IS NULL;
  CREATE TABLE IF NOT EXISTS lv_plans (
    plan_id TEXT NOT NULL, kind TEXT NOT NULL, legislature_id TEXT NOT NULL,
    committee_id TEXT NOT NULL, from_year INTEGER NOT NULL, to_year INTEGER NOT NULL,
    title TEXT NOT NULL, status TEXT NOT NULL, approved_on TEXT, adjustments INTEGER NOT NULL,
    ${VERSION_COLUMNS}, PRIMARY KEY (plan_id, valid_from)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS lv_links (
    link_id TEXT NOT NULL, type TEXT NOT NULL, from_kind TEXT NOT NULL, from_id TEXT NOT NULL,
    from_point INTEGER, to_kind TEXT NOT NULL, to_id TEXT NOT NULL, to_point INTEGER,
    rationale TEXT NOT NULL, established_at TEXT NOT NULL, ${VERSION_COLUMNS},
    PRIMARY KEY (link_id, valid_from)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS lv_links_to ON lv_links (to_id, type, from_kind);
  CREATE INDEX IF NOT EXISTS lv_links_to_now ON lv_links (to_id, type, from_kind, from_id)
    WHERE valid_to IS NULL;
  CREATE INDEX IF NOT EXISTS lv_links_from ON lv_links (from_id, type, to_kind);
  CREATE TABLE IF NOT EXISTS lv_submissions (
    submission_id TEXT NOT NULL, kind TEXT NOT NULL, category TEXT NOT NULL, title TEXT NOT NULL,
    status TEXT NOT NULL, submitting_organisation_id TEXT NOT NULL,
    addressed_committee_id TEXT NOT NULL, replaces_submission_id TEXT, submitted_at TEXT,
    reply_due_by TEXT, open_material INTEGER NOT NULL, committee_meetings INTEGER NOT NULL,
    opinion_outcome TEXT, opinion_issued_at TEXT, feedback_due_by TEXT, closed_at TEXT,
    points INTEGER NOT NULL, adopted INTEGER NOT NULL, partly_adopted INTEGER NOT NULL,
    not_adopted INTEGER NOT NULL,
    ${VERSION_COLUMNS}, PRIMARY KEY (submission_id, valid_from)) WITHOUT ROWID;
  CREATE UNIQUE INDEX IF NOT EXISTS lv_submissions_now ON lv_submissions (submission_id,
    submitted_at, status, category, reply_due_by, feedback_due_by, points, adopted,
    partly_adopted, not_adopted) WHERE valid_to IS NULL;
  CREATE TABLE IF NOT EXISTS lv_submission_subjects (
    submission_id TEXT NOT NULL, subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL,
    ${VERSION_COLUMNS},
    PRIMARY KEY (subject_id, subject_kind, submission_id, valid_from)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS lv_subjects_submission ON lv_submission_subjects (submission_id);
  CREATE TABLE IF NOT EXISTS lv_open_submissions (
    subject_id TEXT NOT NULL, subject_kind TEXT NOT NULL, submission_id TEXT NOT NULL,
    category TEXT NOT NULL, awaiting TEXT NOT NULL, due TEXT, ${VERSION_COLUMNS},
    PRIMARY KEY (subject_id, subject_kind, submission_id, valid_from)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS lv_open_submissions_now ON lv_open_submissions
    (subject_id, subject_kind, due, category, awaiting) WHERE valid_to IS NULL;
  CREATE TABLE IF NOT EXISTS lv_points (
    submission_id TEXT NOT NULL, number INTEGER NOT NULL, text TEXT NOT NULL, adoption TEXT,
    explanation TEXT, reading_number INTEGER, articles TEXT NOT NULL, revision_number INTEGER,
    answered_at TEXT, ${VERSION_COLUMNS},
    PRIMARY KEY (submission_id, number, valid_from)) WITHOUT ROWID;
  CREATE UNIQUE INDEX IF NOT EXISTS lv_points_now ON lv_points (submission_id, number)
    WHERE valid_to IS NULL;
  CREATE TABLE IF NOT EXISTS lv_divergences (
    item_id TEXT NOT NULL, number INTEGER NOT NULL, description TEXT NOT NULL,
    submission_id TEXT, point_number INTEGER, recorded_on TEXT NOT NULL, last_step TEXT,
    resolved_on TEXT, result TEXT, ${VERSION_COLUMNS},
    PRIMARY KEY (item_id, number, valid_from)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS lv_inquiries (
    item_id TEXT NOT NULL, number INTEGER NOT NULL, question TEXT NOT NULL, due_by TEXT NOT NULL,
    opened_at TEXT NOT NULL, conclusion TEXT, answered_at TEXT, disputed_at TEXT,
    final_conclusion TEXT, concluded_at TEXT, result_reported_at TEXT, ${VERSION_COLUMNS},
    PRIMARY KEY (item_id, number, valid_from)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS lv_assessments (
    assessment_id TEXT NOT NULL, subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL,
    reported_by TEXT NOT NULL, committee_id TEXT NOT NULL, title TEXT NOT NULL,
    reported_on TEXT NOT NULL, judgment TEXT, judged_at TEXT, ${VERSION_COLUMNS},
    PRIMARY KEY (assessment_id, valid_from)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS lv_assessments_subject ON lv_assessments (subject_id);
  CREATE TABLE IF NOT EXISTS lv_item_counters (
    item_id TEXT NOT NULL, ${COUNTER_COLUMNS}, ${VERSION_COLUMNS},
    PRIMARY KEY (item_id, valid_from)) WITHOUT ROWID;
  CREATE UNIQUE INDEX IF NOT EXISTS lv_item_counters_now ON lv_item_counters (item_id,
    submissions, points, adopted, partly_adopted, not_adopted) WHERE valid_to IS NULL;
  CREATE TABLE IF NOT EXISTS lv_decision_counters (
    decision_id TEXT NOT NULL, reach_id TEXT NOT NULL, ${COUNTER_COLUMNS}, ${VERSION_COLUMNS},
    PRIMARY KEY (decision_id, reach_id, valid_from)) WITHOUT ROWID;
  CREATE UNIQUE INDEX IF NOT EXISTS lv_decision_counters_now ON lv_decision_counters
    (decision_id, reach_id, submissions, points, adopted, partly_adopted, not_adopted)
    WHERE valid_to IS NULL;
  CREATE TABLE IF NOT EXISTS lv_decision_reaches (
    decision_id TEXT NOT NULL, reach_id TEXT NOT NULL, PRIMARY KEY (decision_id, reach_id))
    WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS lv_log_days (
    day TEXT PRIMARY KEY, first_position INTEGER NOT NULL, last_position INTEGER NOT NULL)
    WITHOUT ROWID;`;

export const LINKAGE_TABLES = [
  'lv_organisations',
  'lv_decisions',
  'lv_decision_areas',
  'lv_items',
  'lv_plans',
  'lv_links',
  'lv_submissions',
  'lv_submission_subjects',
  'lv_open_submissions',
  'lv_points',
  'lv_divergences',
  'lv_inquiries',
  'lv_assessments',
  'lv_item_counters',
  'lv_decision_counters',
  'lv_decision_reaches',
  'lv_log_days',
] as const;

/** The record type of a reach's readers (see `DecisionCountersRow`). */
export const REACH_RECORD_TYPE = 'linkage_reach';

const cols = <Row>(...columns: (keyof Row & string)[]) => columns;
const COUNTER_NAMES = [
  'submissions',
  'points',
  'adopted',
  'partly_adopted',
  'not_adopted',
] as const satisfies readonly (keyof Counters)[];

/** The temporal tables of one read database, with their batch buffers. */
class Tables {
  decisions = new TemporalTable<DecisionRow>(
    'lv_decisions',
    ['decision_id'],
    cols<DecisionRow>(
      'decision_id',
      'committee_id',
      'legislature_id',
      'document_number',
      'title',
      'decided_on',
      'year',
      'policy_areas',
      'kind',
      'follow_up',
      'level',
      'region_code',
      'transmitted_at',
      'acknowledged_at',
      'follow_up_reports',
      'superseded_by',
      'superseded_at',
      'recorded_at',
    ),
  );
  items = new TemporalTable<ItemRow>(
    'lv_items',
    ['item_id'],
    cols<ItemRow>(
      'item_id',
      'kind',
      'legislature_id',
      'committee_id',
      'title',
      'policy_areas',
      'level',
      'region_code',
      'stage',
      'stage_since',
      'version',
      'plan_id',
      'proposed_on',
      'drafting_unit_id',
      'readings',
      'agenda_date',
      'adopted_on',
      'promulgated_on',
      'announcement_number',
      'in_force_on',
      'abolished_on',
      'amendment_started_on',
      'open_divergences',
      'inspections',
    ),
  );
  plans = new TemporalTable<PlanRow>(
    'lv_plans',
    ['plan_id'],
    cols<PlanRow>(
      'plan_id',
      'kind',
      'legislature_id',
      'committee_id',
      'from_year',
      'to_year',
      'title',
      'status',
      'approved_on',
      'adjustments',
    ),
  );
  links = new TemporalTable<LinkRow>(
    'lv_links',
    ['link_id'],
    cols<LinkRow>(
      'link_id',
      'type',
      'from_kind',
      'from_id',
      'from_point',
      'to_kind',
      'to_id',
      'to_point',
      'rationale',
      'established_at',
    ),
  );
  submissions = new TemporalTable<SubmissionLinkageRow>(
    'lv_submissions',
    ['submission_id'],
    cols<SubmissionLinkageRow>(
      'submission_id',
      'kind',
      'category',
      'title',
      'status',
      'submitting_organisation_id',
      'addressed_committee_id',
      'replaces_submission_id',
      'submitted_at',
      'reply_due_by',
      'open_material',
      'committee_meetings',
      'opinion_outcome',
      'opinion_issued_at',
      'feedback_due_by',
      'closed_at',
      'points',
      'adopted',
      'partly_adopted',
      'not_adopted',
    ),
  );
  subjects = new TemporalTable<SubjectRow>(
    'lv_submission_subjects',
    ['subject_id', 'subject_kind', 'submission_id'],
    cols<SubjectRow>('submission_id', 'subject_kind', 'subject_id'),
  );
  open = new TemporalTable<OpenSubmissionRow>(
    'lv_open_submissions',
    ['subject_id', 'subject_kind', 'submission_id'],
    cols<OpenSubmissionRow>(
      'subject_id',
      'subject_kind',
      'submission_id',
      'category',
      'awaiting',
      'due',
    ),
  );
  points = new TemporalTable<PointRow>(
    'lv_points',
    ['submission_id', 'number'],
    cols<PointRow>(
      'submission_id',
      'number',
      'text',
      'adoption',
      'explanation',
      'reading_number',
      'articles',
      'revision_number',
      'answered_at',
    ),
  );
  divergences = new TemporalTable<DivergenceRow>(
    'lv_divergences',
    ['item_id', 'number'],
    cols<DivergenceRow>(
      'item_id',
      'number',
      'description',
      'submission_id',
      'point_number',
      'recorded_on',
      'last_step',
      'resolved_on',
      'result',
    ),
  );
  inquiries = new TemporalTable<InquiryRow>(
    'lv_inquiries',
    ['item_id', 'number'],
    cols<InquiryRow>(
      'item_id',
      'number',
      'question',
      'due_by',
      'opened_at',
      'conclusion',
      'answered_at',
      'disputed_at',
      'final_conclusion',
      'concluded_at',
      'result_reported_at',
    ),
  );
  assessments = new TemporalTable<AssessmentRow>(
    'lv_assessments',
    ['assessment_id'],
    cols<AssessmentRow>(
      'assessment_id',
      'subject_kind',
      'subject_id',
      'reported_by',
      'committee_id',
      'title',
      'reported_on',
      'judgment',
      'judged_at',
    ),
  );
  itemCounters = new TemporalTable<ItemCountersRow>(
    'lv_item_counters',
    ['item_id'],
    cols<ItemCountersRow>('item_id', ...COUNTER_NAMES),
  );
  decisionCounters = new TemporalTable<DecisionCountersRow>(
    'lv_decision_counters',
    ['decision_id', 'reach_id'],
    cols<DecisionCountersRow>('decision_id', 'reach_id', ...COUNTER_NAMES),
  );
  /** Subjects per submission, current in this batch (subjects are keyed by subject first). */
  subjectsOf = new Map<string, SubjectRow[]>();
  /** Per item, the submissions that came to name it in this batch (not yet in the table). */
  newlyAbout = new Map<string, Set<string>>();
  /** Per item, the decisions it carries out (current `implements` links, counted). */
  decisionsOf = new Map<string, Map<string, number>>();
  /** Reach ids by the items they are reached through (sorted ids), for this batch. */
  reaches = new Map<string, string>();
  decisionReaders = new Map<string, DecisionReadership>();
  itemReaders = new Map<string, ItemReadership>();
  created = new Set<string>();
  /** Per day (Beijing) of `recordedAt`: the first and last position applied in this batch. */
  days = new Map<string, [number, number]>();

  all(): TemporalTable<object>[] {
    return [
      this.decisions,
      this.items,
      this.plans,
      this.links,
      this.submissions,
      this.subjects,
      this.open,
      this.points,
      this.divergences,
      this.inquiries,
      this.assessments,
      this.itemCounters,
      this.decisionCounters,
    ] as unknown as TemporalTable<object>[];
  }

  flush(db: Database.Database, policies: LinkagePolicies): void {
    for (const table of this.all()) table.flush(db);
    for (const [id, facts] of this.decisionReaders) {
      replaceReaders(
        db,
        policies.decision.recordType,
        id,
        policies.decision.readers(facts),
        this.created.has(`d:${id}`),
      );
    }
    for (const [id, facts] of this.itemReaders) {
      replaceReaders(
        db,
        policies.item.recordType,
        id,
        policies.item.readers(facts),
        this.created.has(`i:${id}`),
      );
    }
    const day = statement(
      db,
      `INSERT INTO lv_log_days (day, first_position, last_position) VALUES (?, ?, ?)
       ON CONFLICT (day) DO UPDATE SET last_position = max(last_position, excluded.last_position)`,
    );
    for (const [d, [first, last]] of this.days) day.run(d, first, last);
    this.subjectsOf.clear();
    this.newlyAbout.clear();
    this.decisionsOf.clear();
    this.reaches.clear();
    this.decisionReaders.clear();
    this.itemReaders.clear();
    this.created.clear();
    this.days.clear();
  }
}

const buffers = new WeakMap<Database.Database, Tables>();
const tablesOf = (db: Database.Database) => {
  let tables = buffers.get(db);
  if (!tables) buffers.set(db, (tables = new Tables()));
  return tables;
};

/** YYYY-MM-DD in Beijing (UTC+8, no daylight saving) of an instant; a date stays as it is. */
export function beijingDay(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value.slice(0, 10);
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The global position as the temporal tables number it (the commit of the log position). */
export function positionNumber(position: string): number {
  return Number(parseLogPosition(position).commit);
}

export const HANDLED_EVENT_TYPES = [
  'OrganisationRegistered',
  'CommitteeDecisionRecorded',
  'DecisionTransmitted',
  'DecisionTransmissionAcknowledged',
  'DecisionFollowUpReported',
  'DecisionSuperseded',
  'LegislativeItemProposed',
  'ItemPlanned',
  'ItemDraftingStarted',
  'ItemReadingHeld',
  'ItemScheduledForVote',
  'ItemAdopted',
  'ItemPromulgated',
  'ItemEnteredIntoForce',
  'ItemAmendmentStarted',
  'ItemAbolished',
  'DivergenceRecorded',
  'DivergenceStepRecorded',
  'DivergenceResolved',
  'PostLegislationInquiryOpened',
  'InquiryAnswered',
  'InquiryResultReported',
  'InquiryConclusionDisputed',
  'InquiryReviewConcluded',
  'LawEnforcementInspectionRecorded',
  'AssessmentReported',
  'AssessmentJudged',
  'LegislativePlanDrafted',
  'PlanEntryAdded',
  'PlanEntryRemoved',
  'PlanReported',
  'PlanApproved',
  'PlanAdjusted',
  'LinkEstablished',
  'LinkRemoved',
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
] as const;

const STREAM = /^([a-z]+)-(.+)$/;

/** Payloads are read defensively: the view must never stop on an older or partial payload. */
type Data = Record<string, unknown>;
const str = (data: Data, key: string): string | null =>
  typeof data[key] === 'string' ? (data[key] as string) : null;
const num = (data: Data, key: string): number | null =>
  typeof data[key] === 'number' ? (data[key] as number) : null;
const strings = (data: Data, key: string): string[] =>
  Array.isArray(data[key]) ? (data[key] as unknown[]).filter((v) => typeof v === 'string') : [];

/**
 * The linkage view (see the file header). Readers of decisions and items, by the linkage
 * feature's policies, go to the readers table as `linkage_decision` and `linkage_item`.
 */
export const linkageProjection = (policies: LinkagePolicies): Projection => ({
  name: 'linkage',
  version: 2,
  tables: LINKAGE_TABLES,
  recordTypes: [policies.decision.recordType, policies.item.recordType, REACH_RECORD_TYPE],
  handles: HANDLED_EVENT_TYPES,

  setUp(db) {
    db.exec(DDL);
  },

  apply(db, event, recorded) {
    const match = STREAM.exec(recorded.streamId);
    if (!match) return;
    const tables = tablesOf(db);
    const position = positionNumber(recorded.position);
    const recordedOn = beijingDay(recorded.recordedAt);
    const seen = tables.days.get(recordedOn);
    if (seen) seen[1] = position;
    else tables.days.set(recordedOn, [position, position]);
    const context: Context = {
      db,
      t: tables,
      policies,
      id: match[2],
      at: position,
      occurredAt: recorded.metadata.occurredAt,
    };
    const data = (event.data ?? {}) as Data;
    switch (match[1]) {
      case 'organisation':
        return organisation(db, data);
      case 'decision':
        return decision(context, event, data);
      case 'item':
        return item(context, event, data);
      case 'assessment':
        return assessment(context, event, data);
      case 'plan':
        return plan(context, event, data);
      case 'link':
        return link(context, event, data);
      case 'submission':
        return submission(context, event, data);
    }
  },

  flush(db) {
    tablesOf(db).flush(db, policies);
  },
});

interface Context {
  db: Database.Database;
  t: Tables;
  policies: LinkagePolicies;
  /** The aggregate id, from the stream name. */
  id: string;
  at: number;
  occurredAt: string;
}

function organisation(db: Database.Database, data: Data): void {
  statement(db, 'INSERT OR REPLACE INTO lv_organisations VALUES (?, ?, ?, ?, ?)').run(
    str(data, 'organisationId'),
    str(data, 'kind'),
    str(data, 'level'),
    str(data, 'regionCode'),
    str(data, 'parentOrganisationId'),
  );
}

function placeOf(db: Database.Database, organisationId: string | null) {
  if (!organisationId) return { level: null, region_code: null };
  const row = statement<[string], { level: string; region_code: string }>(
    db,
    'SELECT level, region_code FROM lv_organisations WHERE organisation_id = ?',
  ).get(organisationId);
  return row ?? { level: null, region_code: null };
}

function decision(c: Context, event: DomainEvent, data: Data): void {
  const { db, t, id, at } = c;
  if (event.type === 'CommitteeDecisionRecorded') {
    const committeeId = str(data, 'committeeId') ?? '';
    const decidedOn = str(data, 'decidedOn') ?? beijingDay(c.occurredAt);
    const areas = strings(data, 'policyAreas');
    t.decisions.put(
      db,
      {
        decision_id: id,
        committee_id: committeeId,
        legislature_id: null,
        document_number: str(data, 'documentNumber') ?? '',
        title: str(data, 'title') ?? '',
        decided_on: decidedOn,
        year: Number(decidedOn.slice(0, 4)),
        policy_areas: JSON.stringify(areas),
        kind: str(data, 'kind') ?? '',
        follow_up: str(data, 'followUp'),
        ...placeOf(db, committeeId),
        transmitted_at: null,
        acknowledged_at: null,
        follow_up_reports: 0,
        superseded_by: null,
        superseded_at: null,
        recorded_at: c.occurredAt,
      },
      at,
    );
    const area = statement(db, 'INSERT OR IGNORE INTO lv_decision_areas VALUES (?, ?, ?)');
    for (const a of areas) area.run(id, a, at);
    t.decisionReaders.set(id, { committeeId, legislatureId: null });
    t.created.add(`d:${id}`);
    return;
  }
  const row = t.decisions.get(db, id);
  if (!row) return;
  switch (event.type) {
    case 'DecisionTransmitted':
      row.legislature_id = str(data, 'legislatureId');
      row.transmitted_at = str(data, 'transmittedAt') ?? c.occurredAt;
      t.decisionReaders.set(id, {
        committeeId: row.committee_id,
        legislatureId: row.legislature_id,
      });
      break;
    case 'DecisionTransmissionAcknowledged':
      row.acknowledged_at = str(data, 'acknowledgedAt') ?? c.occurredAt;
      break;
    case 'DecisionFollowUpReported':
      row.follow_up_reports += 1;
      break;
    case 'DecisionSuperseded':
      row.superseded_by = str(data, 'supersededByDecisionId');
      row.superseded_at = str(data, 'supersededAt') ?? c.occurredAt;
      break;
    default:
      return;
  }
  t.decisions.put(db, row, at);
}

function item(c: Context, event: DomainEvent, data: Data): void {
  const { db, t, id, at } = c;
  if (event.type === 'LegislativeItemProposed') {
    const legislatureId = str(data, 'legislatureId') ?? '';
    const committeeId = str(data, 'committeeId') ?? '';
    const proposedOn = str(data, 'proposedOn') ?? beijingDay(c.occurredAt);
    t.items.put(
      db,
      {
        item_id: id,
        kind: str(data, 'kind') ?? '',
        legislature_id: legislatureId,
        committee_id: committeeId,
        title: str(data, 'title') ?? '',
        policy_areas: JSON.stringify(strings(data, 'policyAreas')),
        ...placeOf(db, legislatureId),
        stage: 'proposed',
        stage_since: proposedOn,
        version: 1,
        plan_id: null,
        proposed_on: proposedOn,
        drafting_unit_id: null,
        readings: 0,
        agenda_date: null,
        adopted_on: null,
        promulgated_on: null,
        announcement_number: null,
        in_force_on: null,
        abolished_on: null,
        amendment_started_on: null,
        open_divergences: 0,
        inspections: 0,
      },
      at,
    );
    t.itemReaders.set(id, { legislatureId, committeeId });
    t.created.add(`i:${id}`);
    return;
  }
  const row = t.items.get(db, id);
  if (!row) return;
  const day = (key: string) => beijingDay(str(data, key) ?? c.occurredAt);
  const stage = (name: string, on: string) => {
    if (row.stage !== name) {
      row.stage = name;
      row.stage_since = on;
    }
  };
  const number = num(data, 'divergenceNumber') ?? num(data, 'inquiryNumber') ?? 0;
  switch (event.type) {
    case 'ItemPlanned':
      row.plan_id = str(data, 'planId');
      stage('planned', day('plannedOn'));
      break;
    case 'ItemDraftingStarted':
      row.drafting_unit_id = str(data, 'draftingUnitId');
      stage('drafting', day('startedOn'));
      break;
    case 'ItemReadingHeld':
      row.readings = Math.max(row.readings, num(data, 'readingNumber') ?? row.readings + 1);
      stage('deliberation', day('heldOn'));
      break;
    case 'ItemScheduledForVote':
      row.agenda_date = str(data, 'agendaDate');
      stage('on_agenda', day('scheduledOn'));
      break;
    case 'ItemAdopted':
      row.adopted_on = day('adoptedOn');
      stage('adopted', row.adopted_on);
      break;
    case 'ItemPromulgated':
      row.promulgated_on = day('promulgatedOn');
      row.announcement_number = str(data, 'announcementNumber');
      stage('promulgated', row.promulgated_on);
      break;
    case 'ItemEnteredIntoForce':
      row.in_force_on = day('inForceOn');
      stage('in_force', row.in_force_on);
      break;
    case 'ItemAmendmentStarted':
      row.version = num(data, 'version') ?? row.version + 1;
      row.amendment_started_on = day('startedOn');
      row.stage = 'drafting';
      row.stage_since = row.amendment_started_on;
      row.agenda_date = null;
      break;
    case 'ItemAbolished':
      row.abolished_on = day('abolishedOn');
      stage('abolished', row.abolished_on);
      break;
    case 'DivergenceRecorded':
      t.divergences.put(
        db,
        {
          item_id: id,
          number,
          description: str(data, 'description') ?? '',
          submission_id: str(data, 'submissionId'),
          point_number: num(data, 'pointNumber'),
          recorded_on: day('recordedOn'),
          last_step: null,
          resolved_on: null,
          result: null,
        },
        at,
      );
      row.open_divergences += 1;
      break;
    case 'DivergenceStepRecorded': {
      const divergence = t.divergences.get(db, id, number);
      if (!divergence) return;
      divergence.last_step = str(data, 'step');
      t.divergences.put(db, divergence, at);
      return;
    }
    case 'DivergenceResolved': {
      const divergence = t.divergences.get(db, id, number);
      if (!divergence || divergence.resolved_on) return;
      divergence.resolved_on = day('resolvedOn');
      divergence.result = str(data, 'result');
      t.divergences.put(db, divergence, at);
      row.open_divergences = Math.max(0, row.open_divergences - 1);
      break;
    }
    case 'PostLegislationInquiryOpened':
      t.inquiries.put(
        db,
        {
          item_id: id,
          number,
          question: str(data, 'question') ?? '',
          due_by: str(data, 'dueBy') ?? '',
          opened_at: str(data, 'openedAt') ?? c.occurredAt,
          conclusion: null,
          answered_at: null,
          disputed_at: null,
          final_conclusion: null,
          concluded_at: null,
          result_reported_at: null,
        },
        at,
      );
      return;
    case 'InquiryAnswered':
    case 'InquiryResultReported':
    case 'InquiryConclusionDisputed':
    case 'InquiryReviewConcluded': {
      const inquiry = t.inquiries.get(db, id, number);
      if (!inquiry) return;
      if (event.type === 'InquiryAnswered') {
        inquiry.conclusion = str(data, 'conclusion');
        inquiry.answered_at = str(data, 'answeredAt') ?? c.occurredAt;
      } else if (event.type === 'InquiryResultReported') {
        inquiry.result_reported_at = str(data, 'reportedAt') ?? c.occurredAt;
      } else if (event.type === 'InquiryConclusionDisputed') {
        inquiry.disputed_at = str(data, 'disputedAt') ?? c.occurredAt;
      } else {
        inquiry.final_conclusion = str(data, 'finalConclusion');
        inquiry.concluded_at = str(data, 'concludedAt') ?? c.occurredAt;
      }
      t.inquiries.put(db, inquiry, at);
      return;
    }
    case 'LawEnforcementInspectionRecorded':
      row.inspections += 1;
      break;
    default:
      return;
  }
  t.items.put(db, row, at);
}

function assessment(c: Context, event: DomainEvent, data: Data): void {
  const { db, t, id, at } = c;
  if (event.type === 'AssessmentReported') {
    const subject = (data.subject ?? {}) as Data;
    t.assessments.put(
      db,
      {
        assessment_id: id,
        subject_kind: str(subject, 'kind') ?? '',
        subject_id: str(subject, 'id') ?? '',
        reported_by: str(data, 'reportedByOrganisationId') ?? '',
        committee_id: str(data, 'committeeId') ?? '',
        title: str(data, 'title') ?? '',
        reported_on: str(data, 'reportedOn') ?? beijingDay(c.occurredAt),
        judgment: null,
        judged_at: null,
      },
      at,
    );
    return;
  }
  if (event.type !== 'AssessmentJudged') return;
  const row = t.assessments.get(db, id);
  if (!row) return;
  row.judgment = str(data, 'judgment');
  row.judged_at = str(data, 'judgedAt') ?? c.occurredAt;
  t.assessments.put(db, row, at);
}

function plan(c: Context, event: DomainEvent, data: Data): void {
  const { db, t, id, at } = c;
  if (event.type === 'LegislativePlanDrafted') {
    t.plans.put(
      db,
      {
        plan_id: id,
        kind: str(data, 'kind') ?? '',
        legislature_id: str(data, 'legislatureId') ?? '',
        committee_id: str(data, 'committeeId') ?? '',
        from_year: num(data, 'fromYear') ?? 0,
        to_year: num(data, 'toYear') ?? 0,
        title: str(data, 'title') ?? '',
        status: 'drafted',
        approved_on: null,
        adjustments: 0,
      },
      at,
    );
    return;
  }
  if (event.type === 'PlanEntryRemoved') {
    // The item leaves the plan: its own stream keeps its stage, the view drops the plan.
    const itemId = str(data, 'itemId');
    const row = itemId ? t.items.get(db, itemId) : undefined;
    if (row && row.plan_id === id) {
      row.plan_id = null;
      t.items.put(db, row, at);
    }
    return;
  }
  const row = t.plans.get(db, id);
  if (!row) return;
  switch (event.type) {
    case 'PlanReported':
      row.status = 'reported';
      break;
    case 'PlanApproved':
      row.status = 'approved';
      row.approved_on = str(data, 'approvedOn');
      break;
    case 'PlanAdjusted':
      row.status = 'adjusted';
      row.adjustments += 1;
      break;
    default:
      return;
  }
  t.plans.put(db, row, at);
}

function link(c: Context, event: DomainEvent, data: Data): void {
  const { db, t, id, at } = c;
  if (event.type === 'LinkEstablished') {
    const from = (data.from ?? {}) as Data;
    const to = (data.to ?? {}) as Data;
    t.links.put(
      db,
      {
        link_id: id,
        type: str(data, 'type') ?? '',
        from_kind: str(from, 'kind') ?? '',
        from_id: str(from, 'id') ?? '',
        from_point: num(from, 'point'),
        to_kind: str(to, 'kind') ?? '',
        to_id: str(to, 'id') ?? '',
        to_point: num(to, 'point'),
        rationale: str(data, 'rationale') ?? '',
        established_at: str(data, 'establishedAt') ?? c.occurredAt,
      },
      at,
    );
    if (carriesOut(t.links.get(db, id))) relink(c, str(from, 'id')!, str(to, 'id')!, 1);
  } else if (event.type === 'LinkRemoved') {
    const removed = t.links.get(db, id);
    t.links.remove(db, at, id);
    if (removed && carriesOut(removed)) relink(c, removed.from_id, removed.to_id, -1);
  }
}

/** An item carrying out a decision: the links the decision's counters follow. */
const carriesOut = (l: LinkRow | undefined): l is LinkRow =>
  l?.type === 'implements' && l.from_kind === 'item' && l.to_kind === 'decision';

function submission(c: Context, event: DomainEvent, data: Data): void {
  const { db, t, id, at } = c;
  if (event.type === 'SubmissionDrafted') {
    t.submissions.put(
      db,
      {
        submission_id: id,
        kind: str(data, 'kind') ?? 'request',
        category: str(data, 'category') ?? '',
        title: str(data, 'title') ?? '',
        status: 'drafted',
        submitting_organisation_id: str(data, 'submittingOrganisationId') ?? '',
        addressed_committee_id: str(data, 'addressedCommitteeId') ?? '',
        replaces_submission_id: str(data, 'replacesSubmissionId'),
        submitted_at: null,
        reply_due_by: null,
        open_material: 0,
        committee_meetings: 0,
        opinion_outcome: null,
        opinion_issued_at: null,
        feedback_due_by: null,
        closed_at: null,
        points: 0,
        adopted: 0,
        partly_adopted: 0,
        not_adopted: 0,
      },
      at,
    );
    // v1 payloads name no subjects (the upcaster gives [] too).
    setSubjects(c, strings(data, 'itemIds'), strings(data, 'decisionIds'), []);
    return;
  }
  const row = t.submissions.get(db, id);
  if (!row) return;
  const before = { ...row };
  const superseded = row.status === 'superseded';
  switch (event.type) {
    case 'SubmissionDraftAmended':
      if (typeof data.title === 'string') row.title = data.title;
      if (Array.isArray(data.itemIds) || Array.isArray(data.decisionIds)) {
        const current = currentSubjects(c);
        setSubjects(
          c,
          Array.isArray(data.itemIds)
            ? strings(data, 'itemIds')
            : current.filter((s) => s.subject_kind === 'item').map((s) => s.subject_id),
          Array.isArray(data.decisionIds)
            ? strings(data, 'decisionIds')
            : current.filter((s) => s.subject_kind === 'decision').map((s) => s.subject_id),
        );
      }
      break;
    case 'ProposalToPartyGroupRecorded':
      row.status = 'proposed';
      break;
    case 'PartyGroupDiscussionRecorded':
      row.status = 'discussed';
      break;
    case 'SubmissionSubmitted': {
      row.status = 'submitted';
      row.submitted_at = str(data, 'submittedAt') ?? c.occurredAt;
      row.reply_due_by = row.kind === 'report' ? null : str(data, 'replyDueBy');
      const replaced = row.replaces_submission_id
        ? t.submissions.get(db, row.replaces_submission_id)
        : undefined;
      if (replaced) {
        const was = { ...replaced };
        replaced.status = 'superseded';
        putSubmission(c, was, replaced);
      }
      break;
    }
    case 'SubmissionReceived':
      row.status = 'received';
      break;
    case 'SupplementaryMaterialRequested':
      row.status = 'awaiting_material';
      row.open_material += 1;
      break;
    case 'SupplementaryMaterialSupplied':
      row.open_material = Math.max(0, row.open_material - 1);
      if (typeof data.replyDueBy === 'string' && row.kind !== 'report') {
        row.reply_due_by = data.replyDueBy;
      }
      if (row.open_material === 0 && row.status === 'awaiting_material') {
        row.status = row.committee_meetings > 0 ? 'committee_discussed' : 'received';
      }
      break;
    case 'CommitteeMeetingRecorded':
      row.status = 'committee_discussed';
      row.committee_meetings += 1;
      break;
    case 'OpinionIssued': {
      row.status = 'opinion_issued';
      row.opinion_outcome = str(data, 'outcome');
      row.opinion_issued_at = str(data, 'issuedAt') ?? c.occurredAt;
      row.feedback_due_by = str(data, 'feedbackDueBy');
      const points = Array.isArray(data.points) ? (data.points as Data[]) : [];
      row.points = points.length;
      for (const point of points) {
        t.points.put(
          db,
          {
            submission_id: id,
            number: num(point, 'number') ?? 0,
            text: str(point, 'text') ?? '',
            adoption: null,
            explanation: null,
            reading_number: null,
            articles: '[]',
            revision_number: null,
            answered_at: null,
          },
          at,
        );
      }
      break;
    }
    case 'OpinionPointFeedbackGiven':
    case 'OpinionPointFeedbackRevised': {
      const point = t.points.get(db, id, num(data, 'pointNumber') ?? 0);
      if (!point) return;
      tally(row, point.adoption, -1);
      point.adoption = str(data, 'adoption');
      tally(row, point.adoption, 1);
      point.explanation = str(data, 'explanation');
      // v1 feedback names no reading and no article (the upcaster defaults them the same way).
      point.reading_number = num(data, 'readingNumber');
      point.articles = JSON.stringify(strings(data, 'articles'));
      point.revision_number =
        event.type === 'OpinionPointFeedbackGiven' ? 0 : (num(data, 'revisionNumber') ?? 1);
      point.answered_at = str(data, 'givenAt') ?? str(data, 'revisedAt') ?? c.occurredAt;
      t.points.put(db, point, at);
      break;
    }
    case 'SubmissionClosed':
      row.status = 'closed';
      row.closed_at = str(data, 'closedAt') ?? c.occurredAt;
      break;
    case 'SubmissionWithdrawn':
      row.status = 'withdrawn';
      break;
    default:
      return;
  }
  // A superseded submission stays so whatever still happens on its stream.
  if (superseded) row.status = 'superseded';
  putSubmission(c, before, row);
}

const AWAITING_REPLY = ['submitted', 'received', 'awaiting_material', 'committee_discussed'];

/** What a submission awaits, and by when; null when it awaits nothing (or was not sent). */
function awaitingOf(row: SubmissionLinkageRow): Pick<OpenSubmissionRow, 'awaiting' | 'due'> | null {
  if (row.submitted_at === null) return null;
  if (AWAITING_REPLY.includes(row.status)) {
    return { awaiting: 'reply', due: row.status === 'awaiting_material' ? null : row.reply_due_by };
  }
  if (row.status === 'opinion_issued') return { awaiting: 'feedback', due: row.feedback_due_by };
  return null;
}

/** Writes a submission's new version and keeps its open rows under each subject in step. */
function putSubmission(
  c: Context,
  before: SubmissionLinkageRow,
  after: SubmissionLinkageRow,
): void {
  c.t.submissions.put(c.db, after, c.at);
  const from = countersOf(before);
  const to = countersOf(after);
  if (!sameCounters(from, to)) {
    const reached = footprint(c, currentSubjects(c, after.submission_id));
    count(c, reached, from, -1);
    count(c, reached, to, 1);
  }
  const was = awaitingOf(before);
  const now = awaitingOf(after);
  if (was?.awaiting === now?.awaiting && was?.due === now?.due) return;
  for (const subject of currentSubjects(c, after.submission_id)) {
    if (now) {
      c.t.open.put(
        c.db,
        { ...subject, category: after.category, awaiting: now.awaiting, due: now.due },
        c.at,
      );
    } else {
      c.t.open.remove(c.db, c.at, subject.subject_id, subject.subject_kind, subject.submission_id);
    }
  }
}

/** Moves a submission's adoption counters by one point's adoption. */
function tally(row: SubmissionLinkageRow, adoption: string | null, by: number): void {
  if (adoption === 'adopted') row.adopted += by;
  else if (adoption === 'partly_adopted') row.partly_adopted += by;
  else if (adoption === 'not_adopted') row.not_adopted += by;
}

function currentSubjects(c: Context, submissionId = c.id): SubjectRow[] {
  const cached = c.t.subjectsOf.get(submissionId);
  if (cached) return cached;
  const stored = statement<[string], SubjectRow>(
    c.db,
    `SELECT submission_id, subject_kind, subject_id FROM lv_submission_subjects
     WHERE submission_id = ? AND valid_to IS NULL`,
  ).all(submissionId);
  c.t.subjectsOf.set(submissionId, stored);
  return stored;
}

function setSubjects(
  c: Context,
  itemIds: string[],
  decisionIds: string[],
  before: SubjectRow[] = c.t.subjectsOf.get(c.id) ?? currentSubjects(c),
): void {
  const next: SubjectRow[] = [
    ...[...new Set(itemIds)].map((subject_id) => ({
      submission_id: c.id,
      subject_kind: 'item' as const,
      subject_id,
    })),
    ...[...new Set(decisionIds)].map((subject_id) => ({
      submission_id: c.id,
      subject_kind: 'decision' as const,
      subject_id,
    })),
  ];
  const keyOf = (s: SubjectRow) => `${s.subject_kind}:${s.subject_id}`;
  const kept = new Set(next.map(keyOf));
  const had = new Set(before.map(keyOf));
  for (const s of before) {
    if (!kept.has(keyOf(s))) c.t.subjects.remove(c.db, c.at, s.subject_id, s.subject_kind, c.id);
  }
  for (const s of next) {
    if (had.has(keyOf(s))) continue;
    c.t.subjects.put(c.db, s, c.at);
    if (s.subject_kind === 'item') {
      const about = c.t.newlyAbout.get(s.subject_id);
      if (about) about.add(c.id);
      else c.t.newlyAbout.set(s.subject_id, new Set([c.id]));
    }
  }
  c.t.subjectsOf.set(c.id, next);
  const row = c.t.submissions.get(c.db, c.id);
  const counters = row ? countersOf(row) : null;
  if (counters) {
    count(c, footprint(c, before), counters, -1);
    count(c, footprint(c, next), counters, 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Counters: what the sent submissions about each item and decision add up to, kept as the
// submissions, their subjects and the items' links change, so a page reads one row per item
// and a few per decision instead of summing every submission (see `DecisionCountersRow`).
// ---------------------------------------------------------------------------------------------

/** What one submission adds to the counters of each subject: nothing until it is sent. */
function countersOf(row: SubmissionLinkageRow): Counters | null {
  if (row.submitted_at === null) return null;
  return {
    submissions: 1,
    points: row.points,
    adopted: row.adopted,
    partly_adopted: row.partly_adopted,
    not_adopted: row.not_adopted,
  };
}

const sameCounters = (a: Counters | null, b: Counters | null): boolean =>
  a === b || (!!a && !!b && COUNTER_NAMES.every((n) => a[n] === b[n]));

/** The counter rows one submission adds to: its items, and each decision it reaches in a reach. */
interface Footprint {
  items: string[];
  decisions: Map<string, string>;
}

function footprint(c: Context, subjects: readonly SubjectRow[]): Footprint {
  const items: string[] = [];
  const direct = new Set<string>();
  const through = new Map<string, string[]>();
  for (const s of subjects) {
    if (s.subject_kind === 'decision') {
      direct.add(s.subject_id);
      continue;
    }
    items.push(s.subject_id);
    for (const decisionId of decisionsCarriedOutBy(c, s.subject_id)) {
      const list = through.get(decisionId);
      if (list) list.push(s.subject_id);
      else through.set(decisionId, [s.subject_id]);
    }
  }
  const decisions = new Map<string, string>();
  for (const decisionId of direct) decisions.set(decisionId, '');
  for (const [decisionId, itemIds] of through) {
    if (!direct.has(decisionId)) decisions.set(decisionId, reachOf(c, itemIds));
  }
  return { items, decisions };
}

/** Adds (`sign` 1) or takes away (-1) one submission's counters on every row it reaches. */
function count(c: Context, reached: Footprint, counters: Counters | null, sign: 1 | -1): void {
  if (!counters) return;
  const bump = <Row extends Counters>(
    table: TemporalTable<Row>,
    keys: unknown[],
    fresh: () => Row,
  ) => {
    const row = table.get(c.db, ...keys) ?? fresh();
    for (const name of COUNTER_NAMES) row[name] += sign * counters[name];
    if (row.submissions === 0) table.remove(c.db, c.at, ...keys);
    else table.put(c.db, row, c.at);
  };
  for (const itemId of reached.items) {
    bump(c.t.itemCounters, [itemId], () => ({ item_id: itemId, ...NO_COUNTERS }));
  }
  const reach = statement(c.db, 'INSERT OR IGNORE INTO lv_decision_reaches VALUES (?, ?)');
  for (const [decisionId, reachId] of reached.decisions) {
    bump(c.t.decisionCounters, [decisionId, reachId], () => ({
      decision_id: decisionId,
      reach_id: reachId,
      ...NO_COUNTERS,
    }));
    reach.run(decisionId, reachId);
  }
}

const NO_COUNTERS: Counters = {
  submissions: 0,
  points: 0,
  adopted: 0,
  partly_adopted: 0,
  not_adopted: 0,
};

/** The decisions an item carries out now (this batch's link changes included). */
function decisionsCarriedOutBy(c: Context, itemId: string): string[] {
  return [...linksOf(c, itemId).keys()];
}

function linksOf(c: Context, itemId: string): Map<string, number> {
  let links = c.t.decisionsOf.get(itemId);
  if (!links) {
    const stored = statement<[string], { to_id: string; n: number }>(
      c.db,
      `SELECT to_id, COUNT(*) AS n FROM lv_links WHERE from_id = ? AND type = 'implements'
         AND from_kind = 'item' AND to_kind = 'decision' AND valid_to IS NULL GROUP BY to_id`,
    ).all(itemId);
    links = new Map(stored.map((l) => [l.to_id, l.n]));
    c.t.decisionsOf.set(itemId, links);
  }
  return links;
}

/**
 * An item starts (`by` 1) or stops (-1) carrying out a decision: every submission about the item
 * moves its counters on the decision (into a reach, out of it, or to another reach).
 */
function relink(c: Context, itemId: string, decisionId: string, by: 1 | -1): void {
  const about = submissionsAboutItem(c, itemId);
  const before = about.map((s) => footprint(c, currentSubjects(c, s)));
  const links = linksOf(c, itemId);
  const n = (links.get(decisionId) ?? 0) + by;
  if (n > 0) links.set(decisionId, n);
  else links.delete(decisionId);
  about.forEach((submissionId, k) => {
    const row = c.t.submissions.get(c.db, submissionId);
    const counters = row ? countersOf(row) : null;
    if (!counters) return;
    const after = footprint(c, currentSubjects(c, submissionId));
    const was = before[k].decisions.get(decisionId);
    const now = after.decisions.get(decisionId);
    if (was === now) return;
    const only = (reach: string | undefined): Footprint => ({
      items: [],
      decisions: reach === undefined ? new Map() : new Map([[decisionId, reach]]),
    });
    count(c, only(was), counters, -1);
    count(c, only(now), counters, 1);
  });
}

/** The submissions that name an item now (this batch's changes included). */
function submissionsAboutItem(c: Context, itemId: string): string[] {
  const candidates = new Set(
    statement<[string], { submission_id: string }>(
      c.db,
      `SELECT submission_id FROM lv_submission_subjects
       WHERE subject_id = ? AND subject_kind = 'item' AND valid_to IS NULL`,
    )
      .all(itemId)
      .map((r) => r.submission_id),
  );
  for (const id of c.t.newlyAbout.get(itemId) ?? []) candidates.add(id);
  return [...candidates].filter((id) =>
    currentSubjects(c, id).some((s) => s.subject_kind === 'item' && s.subject_id === itemId),
  );
}

/**
 * The reach of submissions that reach a decision through these items: the union of the items'
 * readers, stored once under an id derived from it (the same readers, the same id).
 */
function reachOf(c: Context, itemIds: string[]): string {
  const key = [...itemIds].sort().join(' ');
  let id = c.t.reaches.get(key);
  if (id !== undefined) return id;
  const readers = new Map<string, Reader>();
  for (const itemId of itemIds) {
    const row = c.t.items.get(c.db, itemId);
    if (!row) continue;
    const facts = { legislatureId: row.legislature_id, committeeId: row.committee_id };
    for (const r of c.policies.item.readers(facts)) readers.set(`${r.principal} ${r.reason}`, r);
  }
  const names = [...readers.keys()].sort();
  id = createHash('sha256').update(names.join('\n')).digest('base64url').slice(0, 22);
  replaceReaders(c.db, REACH_RECORD_TYPE, id, [...readers.values()], true);
  c.t.reaches.set(key, id);
  return id;
}
