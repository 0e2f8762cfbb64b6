import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { DecisionEvent, ProposalEvent } from '../events/decision-events';
import { AssessmentEvent, ItemEvent } from '../events/item-events';
import { LinkEvent } from '../events/link-events';
import { OrganisationEvent } from '../events/organisation-events';
import { PlanEvent } from '../events/plan-events';
import { SubmissionEvent } from '../events/submission-events';
import { ReadPolicy, Reader } from '../platform/access/readers';
import { parseLogPosition } from '../platform/event-store/event-store.port';
import { Projection, statement } from '../platform/kernel/projection';
import { replaceReaders } from '../platform/projections/readers-table';
import { ProposalReaders } from './proposals.projection';
import { TemporalTable } from './temporal-table';

/*
 * The linkage view: committee decisions, committee-initiated proposals, legislative items,
 * plans, typed links, the submissions
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

/** A committee-initiated proposal, with the decision it carries out and what it became. */
export interface LinkageProposalRow {
  proposal_id: string;
  committee_id: string;
  receiver_id: string;
  /** JSON array: every receiver it has had. */
  receiver_ids: string;
  route: string;
  item_kind: string;
  title: string;
  decision_id: string | null;
  status: string;
  answer: string | null;
  explanation: string | null;
  plan_id: string | null;
  item_id: string | null;
  transferred_at: string;
  answered_at: string | null;
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
  proposal: ReadPolicy<ProposalReaders>;
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
  CREATE TABLE IF NOT EXISTS lv_proposals (
    proposal_id TEXT NOT NULL, committee_id TEXT NOT NULL, receiver_id TEXT NOT NULL,
    receiver_ids TEXT NOT NULL, route TEXT NOT NULL, item_kind TEXT NOT NULL, title TEXT NOT NULL,
    decision_id TEXT, status TEXT NOT NULL, answer TEXT, explanation TEXT, plan_id TEXT,
    item_id TEXT, transferred_at TEXT NOT NULL, answered_at TEXT, ${VERSION_COLUMNS},
    PRIMARY KEY (proposal_id, valid_from)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS lv_proposals_decision ON lv_proposals (decision_id);
  CREATE INDEX IF NOT EXISTS lv_proposals_item ON lv_proposals (item_id);
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
`;

export const LINKAGE_TABLES = [
  'lv_organisations',
  'lv_decisions',
  'lv_decision_areas',
  'lv_items',
  'lv_plans',
  'lv_proposals',
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
  proposals = new TemporalTable<LinkageProposalRow>(
    'lv_proposals',
    ['proposal_id'],
    cols<LinkageProposalRow>(
      'proposal_id',
      'committee_id',
      'receiver_id',
      'receiver_ids',
      'route',
      'item_kind',
      'title',
      'decision_id',
      'status',
      'answer',
      'explanation',
      'plan_id',
      'item_id',
      'transferred_at',
      'answered_at',
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
  /** The (decision, reach) keys written to `lv_decision_reaches` in this batch. */
  decisionReaches = new Set<string>();
  decisionReaders = new Map<string, DecisionReadership>();
  itemReaders = new Map<string, ItemReadership>();
  proposalReaders = new Map<string, ProposalReaders>();
  created = new Set<string>();

  all(): TemporalTable<object>[] {
    return [
      this.decisions,
      this.items,
      this.plans,
      this.proposals,
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
    for (const [id, facts] of this.proposalReaders) {
      replaceReaders(
        db,
        policies.proposal.recordType,
        id,
        policies.proposal.readers(facts),
        this.created.has(`p:${id}`),
      );
    }
    this.subjectsOf.clear();
    this.newlyAbout.clear();
    this.decisionsOf.clear();
    this.reaches.clear();
    this.decisionReaches.clear();
    this.decisionReaders.clear();
    this.itemReaders.clear();
    this.proposalReaders.clear();
    this.created.clear();
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
  'LegislativeProposalTransferred',
  'ProposalArgued',
  'ProposalAnswered',
  'ProposalRerouted',
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

/** Of an organisation's events the view needs only its registration (kind, level, place). */
type OrganisationRegistered = Extract<OrganisationEvent, { type: 'OrganisationRegistered' }>;

/** Every event the view reads, typed by the event contract (upcast to its current version). */
export type LinkageEvent =
  | OrganisationRegistered
  | DecisionEvent
  | ProposalEvent
  | ItemEvent
  | AssessmentEvent
  | PlanEvent
  | LinkEvent
  | SubmissionEvent;

/**
 * The linkage view (see the file header). Readers of decisions, items and proposals, by the
 * linkage feature's policies, go to the readers table as `linkage_decision`, `linkage_item` and
 * `linkage_proposal`.
 */
export const linkageProjection = (policies: LinkagePolicies): Projection<LinkageEvent> => ({
  name: 'linkage',
  version: 3,
  tables: LINKAGE_TABLES,
  recordTypes: [
    policies.decision.recordType,
    policies.item.recordType,
    policies.proposal.recordType,
    REACH_RECORD_TYPE,
  ],
  handles: HANDLED_EVENT_TYPES,

  setUp(db) {
    db.exec(DDL);
  },

  apply(db, event, recorded) {
    const match = STREAM.exec(recorded.streamId);
    if (!match) return;
    const tables = tablesOf(db);
    const position = positionNumber(recorded.position);
    const c: Context = {
      db,
      t: tables,
      policies,
      id: match[2],
      at: position,
      occurredAt: recorded.metadata.occurredAt,
    };
    switch (event.type) {
      case 'OrganisationRegistered':
        return organisation(db, event);
      case 'CommitteeDecisionRecorded':
      case 'DecisionTransmitted':
      case 'DecisionTransmissionAcknowledged':
      case 'DecisionFollowUpReported':
      case 'DecisionSuperseded':
        return decision(c, event);
      case 'LegislativeProposalTransferred':
      case 'ProposalArgued':
      case 'ProposalAnswered':
      case 'ProposalRerouted':
        return proposal(c, event);
      case 'AssessmentReported':
      case 'AssessmentJudged':
        return assessment(c, event);
      case 'LegislativePlanDrafted':
      case 'PlanEntryAdded':
      case 'PlanEntryRemoved':
      case 'PlanReported':
      case 'PlanApproved':
      case 'PlanAdjusted':
        return plan(c, event);
      case 'LinkEstablished':
      case 'LinkRemoved':
        return link(c, event);
      case 'SubmissionDrafted':
      case 'SubmissionDraftAmended':
      case 'ProposalToPartyGroupRecorded':
      case 'PartyGroupDiscussionRecorded':
      case 'SubmissionSubmitted':
      case 'SubmissionReceived':
      case 'SupplementaryMaterialRequested':
      case 'SupplementaryMaterialSupplied':
      case 'CommitteeMeetingRecorded':
      case 'OpinionIssued':
      case 'OpinionPointFeedbackGiven':
      case 'OpinionPointFeedbackRevised':
      case 'SubmissionClosed':
      case 'SubmissionWithdrawn':
      case 'SubmissionViewerGranted':
        return submission(c, event);
      default:
        return item(c, event);
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

function organisation(db: Database.Database, event: OrganisationRegistered): void {
  const o = event.data;
  statement(db, 'INSERT OR REPLACE INTO lv_organisations VALUES (?, ?, ?, ?, ?)').run(
    o.organisationId,
    o.kind,
    o.level,
    o.regionCode,
    o.parentOrganisationId,
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

function decision(c: Context, event: DecisionEvent): void {
  const { db, t, id, at } = c;
  if (event.type === 'CommitteeDecisionRecorded') {
    const d = event.data;
    t.decisions.put(
      db,
      {
        decision_id: id,
        committee_id: d.committeeId,
        legislature_id: null,
        document_number: d.documentNumber,
        title: d.title,
        decided_on: d.decidedOn,
        year: Number(d.decidedOn.slice(0, 4)),
        policy_areas: JSON.stringify(d.policyAreas),
        kind: d.kind,
        follow_up: d.followUp,
        ...placeOf(db, d.committeeId),
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
    for (const a of d.policyAreas) area.run(id, a, at);
    t.decisionReaders.set(id, { committeeId: d.committeeId, legislatureId: null });
    t.created.add(`d:${id}`);
    return;
  }
  const row = t.decisions.get(db, id);
  if (!row) return;
  switch (event.type) {
    case 'DecisionTransmitted':
      row.legislature_id = event.data.legislatureId;
      row.transmitted_at = event.data.transmittedAt;
      t.decisionReaders.set(id, {
        committeeId: row.committee_id,
        legislatureId: row.legislature_id,
      });
      break;
    case 'DecisionTransmissionAcknowledged':
      row.acknowledged_at = event.data.acknowledgedAt;
      break;
    case 'DecisionFollowUpReported':
      row.follow_up_reports += 1;
      break;
    case 'DecisionSuperseded':
      row.superseded_by = event.data.supersededByDecisionId;
      row.superseded_at = event.data.supersededAt;
      break;
  }
  t.decisions.put(db, row, at);
}

/** A committee-initiated proposal: shown with the decision it carries out and the item it became. */
function proposal(c: Context, event: ProposalEvent): void {
  const { db, t, id, at } = c;
  if (event.type === 'LegislativeProposalTransferred') {
    const p = event.data;
    t.proposals.put(
      db,
      {
        proposal_id: id,
        committee_id: p.committeeId,
        receiver_id: p.receiverId,
        receiver_ids: JSON.stringify([p.receiverId]),
        route: p.route,
        item_kind: p.itemKind,
        title: p.title,
        decision_id: p.decisionId,
        status: 'transferred',
        answer: null,
        explanation: null,
        plan_id: null,
        item_id: null,
        transferred_at: p.transferredAt,
        answered_at: null,
      },
      at,
    );
    t.proposalReaders.set(id, { committeeId: p.committeeId, receiverIds: [p.receiverId] });
    t.created.add(`p:${id}`);
    return;
  }
  const row = t.proposals.get(db, id);
  if (!row) return;
  switch (event.type) {
    case 'ProposalArgued':
      row.status = 'argued';
      break;
    case 'ProposalAnswered':
      row.status = 'answered';
      row.answer = event.data.answer;
      row.explanation = event.data.explanation;
      row.plan_id = event.data.planId;
      row.item_id = event.data.itemId;
      row.answered_at = event.data.answeredAt;
      break;
    case 'ProposalRerouted': {
      // Argued and answered again by the new receiver; the earlier answer shows until then.
      const receiverIds = [...(JSON.parse(row.receiver_ids) as string[]), event.data.receiverId];
      row.status = 'transferred';
      row.receiver_id = event.data.receiverId;
      row.receiver_ids = JSON.stringify(receiverIds);
      row.route = event.data.route;
      t.proposalReaders.set(id, { committeeId: row.committee_id, receiverIds });
      break;
    }
  }
  t.proposals.put(db, row, at);
}

type ItemStreamEvent = Exclude<
  LinkageEvent,
  | OrganisationEvent
  | DecisionEvent
  | ProposalEvent
  | AssessmentEvent
  | PlanEvent
  | LinkEvent
  | SubmissionEvent
>;

function item(c: Context, event: ItemStreamEvent): void {
  const { db, t, id, at } = c;
  if (event.type === 'LegislativeItemProposed') {
    const i = event.data;
    t.items.put(
      db,
      {
        item_id: id,
        kind: i.kind,
        legislature_id: i.legislatureId,
        committee_id: i.committeeId,
        title: i.title,
        policy_areas: JSON.stringify(i.policyAreas),
        ...placeOf(db, i.legislatureId),
        stage: 'proposed',
        stage_since: i.proposedOn,
        version: 1,
        plan_id: null,
        proposed_on: i.proposedOn,
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
    t.itemReaders.set(id, { legislatureId: i.legislatureId, committeeId: i.committeeId });
    t.created.add(`i:${id}`);
    return;
  }
  const row = t.items.get(db, id);
  if (!row) return;
  const stage = (name: string, on: string) => {
    if (row.stage !== name) {
      row.stage = name;
      row.stage_since = on;
    }
  };
  switch (event.type) {
    case 'ItemPlanned':
      row.plan_id = event.data.planId;
      stage('planned', beijingDay(event.data.plannedOn));
      break;
    case 'ItemDraftingStarted':
      row.drafting_unit_id = event.data.draftingUnitId;
      stage('drafting', beijingDay(event.data.startedOn));
      break;
    case 'ItemReadingHeld':
      row.readings = Math.max(row.readings, event.data.readingNumber);
      stage('deliberation', beijingDay(event.data.heldOn));
      break;
    case 'ItemScheduledForVote':
      row.agenda_date = event.data.agendaDate;
      stage('on_agenda', beijingDay(event.data.scheduledOn));
      break;
    case 'ItemAdopted':
      row.adopted_on = beijingDay(event.data.adoptedOn);
      stage('adopted', row.adopted_on);
      break;
    case 'ItemPromulgated':
      row.promulgated_on = beijingDay(event.data.promulgatedOn);
      row.announcement_number = event.data.announcementNumber;
      stage('promulgated', row.promulgated_on);
      break;
    case 'ItemEnteredIntoForce':
      row.in_force_on = beijingDay(event.data.inForceOn);
      stage('in_force', row.in_force_on);
      break;
    case 'ItemAmendmentStarted':
      row.version = event.data.version;
      row.amendment_started_on = beijingDay(event.data.startedOn);
      row.stage = 'drafting';
      row.stage_since = row.amendment_started_on;
      row.agenda_date = null;
      break;
    case 'ItemAbolished':
      row.abolished_on = beijingDay(event.data.abolishedOn);
      stage('abolished', row.abolished_on);
      break;
    case 'DivergenceRecorded':
      t.divergences.put(
        db,
        {
          item_id: id,
          number: event.data.divergenceNumber,
          description: event.data.description,
          submission_id: event.data.submissionId,
          point_number: event.data.pointNumber,
          recorded_on: beijingDay(event.data.recordedOn),
          last_step: null,
          resolved_on: null,
          result: null,
        },
        at,
      );
      row.open_divergences += 1;
      break;
    case 'DivergenceStepRecorded': {
      const divergence = t.divergences.get(db, id, event.data.divergenceNumber);
      if (!divergence) return;
      divergence.last_step = event.data.step;
      t.divergences.put(db, divergence, at);
      return;
    }
    case 'DivergenceResolved': {
      const divergence = t.divergences.get(db, id, event.data.divergenceNumber);
      if (!divergence || divergence.resolved_on) return;
      divergence.resolved_on = beijingDay(event.data.resolvedOn);
      divergence.result = event.data.result;
      t.divergences.put(db, divergence, at);
      row.open_divergences = Math.max(0, row.open_divergences - 1);
      break;
    }
    case 'PostLegislationInquiryOpened':
      t.inquiries.put(
        db,
        {
          item_id: id,
          number: event.data.inquiryNumber,
          question: event.data.question,
          due_by: event.data.dueBy,
          opened_at: event.data.openedAt,
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
      const inquiry = t.inquiries.get(db, id, event.data.inquiryNumber);
      if (!inquiry) return;
      if (event.type === 'InquiryAnswered') {
        inquiry.conclusion = event.data.conclusion;
        inquiry.answered_at = event.data.answeredAt;
      } else if (event.type === 'InquiryResultReported') {
        inquiry.result_reported_at = event.data.reportedAt;
      } else if (event.type === 'InquiryConclusionDisputed') {
        inquiry.disputed_at = event.data.disputedAt;
      } else {
        inquiry.final_conclusion = event.data.finalConclusion;
        inquiry.concluded_at = event.data.concludedAt;
      }
      t.inquiries.put(db, inquiry, at);
      return;
    }
    case 'LawEnforcementInspectionRecorded':
      row.inspections += 1;
      break;
  }
  t.items.put(db, row, at);
}

function assessment(c: Context, event: AssessmentEvent): void {
  const { db, t, id, at } = c;
  if (event.type === 'AssessmentReported') {
    const a = event.data;
    t.assessments.put(
      db,
      {
        assessment_id: id,
        subject_kind: a.subject.kind,
        subject_id: a.subject.id,
        reported_by: a.reportedByOrganisationId,
        committee_id: a.committeeId,
        title: a.title,
        reported_on: a.reportedOn,
        judgment: null,
        judged_at: null,
      },
      at,
    );
    return;
  }
  const row = t.assessments.get(db, id);
  if (!row) return;
  row.judgment = event.data.judgment;
  row.judged_at = event.data.judgedAt;
  t.assessments.put(db, row, at);
}

function plan(c: Context, event: PlanEvent): void {
  const { db, t, id, at } = c;
  if (event.type === 'LegislativePlanDrafted') {
    const p = event.data;
    t.plans.put(
      db,
      {
        plan_id: id,
        kind: p.kind,
        legislature_id: p.legislatureId,
        committee_id: p.committeeId,
        from_year: p.fromYear,
        to_year: p.toYear,
        title: p.title,
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
    const row = t.items.get(db, event.data.itemId);
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
      row.approved_on = event.data.approvedOn;
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

function link(c: Context, event: LinkEvent): void {
  const { db, t, id, at } = c;
  if (event.type === 'LinkEstablished') {
    const { from, to, ...l } = event.data;
    const row: LinkRow = {
      link_id: id,
      type: l.type,
      from_kind: from.kind,
      from_id: from.id,
      from_point: from.point,
      to_kind: to.kind,
      to_id: to.id,
      to_point: to.point,
      rationale: l.rationale,
      established_at: l.establishedAt,
    };
    t.links.put(db, row, at);
    if (carriesOut(row)) relink(c, row.from_id, row.to_id, 1);
  } else {
    const removed = t.links.get(db, id);
    t.links.remove(db, at, id);
    if (removed && carriesOut(removed)) relink(c, removed.from_id, removed.to_id, -1);
  }
}

/** An item carrying out a decision: the links the decision's counters follow. */
const carriesOut = (l: LinkRow): boolean =>
  l.type === 'implements' && l.from_kind === 'item' && l.to_kind === 'decision';

function submission(c: Context, event: SubmissionEvent): void {
  const { db, t, id, at } = c;
  if (event.type === 'SubmissionDrafted') {
    const s = event.data;
    t.submissions.put(
      db,
      {
        submission_id: id,
        kind: s.kind,
        category: s.category,
        title: s.title,
        status: 'drafted',
        submitting_organisation_id: s.submittingOrganisationId,
        addressed_committee_id: s.addressedCommitteeId,
        replaces_submission_id: s.replacesSubmissionId,
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
    // v1 payloads name no subjects (the upcaster gives []).
    setSubjects(c, s.itemIds, s.decisionIds, []);
    return;
  }
  const row = t.submissions.get(db, id);
  if (!row) return;
  const before = { ...row };
  const superseded = row.status === 'superseded';
  switch (event.type) {
    case 'SubmissionDraftAmended': {
      const amended = event.data;
      if (amended.title !== undefined) row.title = amended.title;
      if (amended.itemIds || amended.decisionIds) {
        const current = currentSubjects(c);
        const kept = (kind: SubjectRow['subject_kind']) =>
          current.filter((s) => s.subject_kind === kind).map((s) => s.subject_id);
        setSubjects(c, amended.itemIds ?? kept('item'), amended.decisionIds ?? kept('decision'));
      }
      break;
    }
    case 'ProposalToPartyGroupRecorded':
      row.status = 'proposed';
      break;
    case 'PartyGroupDiscussionRecorded':
      row.status = 'discussed';
      break;
    case 'SubmissionSubmitted': {
      row.status = 'submitted';
      row.submitted_at = event.data.submittedAt;
      row.reply_due_by = row.kind === 'report' ? null : event.data.replyDueBy;
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
      if (event.data.replyDueBy !== null && row.kind !== 'report') {
        row.reply_due_by = event.data.replyDueBy;
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
      const opinion = event.data;
      row.status = 'opinion_issued';
      row.opinion_outcome = opinion.outcome;
      row.opinion_issued_at = opinion.issuedAt;
      row.feedback_due_by = opinion.feedbackDueBy;
      row.points = opinion.points.length;
      for (const point of opinion.points) {
        t.points.put(
          db,
          {
            submission_id: id,
            number: point.number,
            text: point.text,
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
      const feedback = event.data;
      const point = t.points.get(db, id, feedback.pointNumber);
      if (!point) return;
      tally(row, point.adoption, -1);
      point.adoption = feedback.adoption;
      tally(row, point.adoption, 1);
      point.explanation = feedback.explanation;
      // v1 feedback names no reading and no article (the upcaster gives null and []).
      point.reading_number = feedback.readingNumber;
      point.articles = JSON.stringify(feedback.articles);
      if (event.type === 'OpinionPointFeedbackGiven') {
        point.revision_number = 0;
        point.answered_at = event.data.givenAt;
      } else {
        point.revision_number = event.data.revisionNumber;
        point.answered_at = event.data.revisedAt;
      }
      t.points.put(db, point, at);
      break;
    }
    case 'SubmissionClosed':
      row.status = 'closed';
      row.closed_at = event.data.closedAt;
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
  for (const [decisionId, reachId] of reached.decisions) {
    bump(c.t.decisionCounters, [decisionId, reachId], () => ({
      decision_id: decisionId,
      reach_id: reachId,
      ...NO_COUNTERS,
    }));
    const key = `${decisionId} ${reachId}`;
    if (c.t.decisionReaches.has(key)) continue;
    statement(c.db, 'INSERT OR IGNORE INTO lv_decision_reaches VALUES (?, ?)').run(
      decisionId,
      reachId,
    );
    c.t.decisionReaches.add(key);
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
