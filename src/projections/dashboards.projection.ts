import Database from 'better-sqlite3';
import { DomainEvent } from '../events/envelope';
import { ReadPolicy } from '../platform/access/readers';
import { Projection, statement } from '../platform/kernel/projection';
import { replaceReaders } from '../platform/projections/readers-table';
import { beijingDay, positionNumber } from './linkage.projection';

/*
 * The post-legislation assessment dashboards: counters kept by the projection, never counted
 * from events on request. Each record of the log that a chart counts (a sent submission, an
 * opinion point, an item, a decision, an implements link, a divergence, an inquiry) is a *fact*
 * remembered in `db_facts` with the counter keys it adds one to; when the fact changes, the
 * projection takes one off its old keys and adds one to its new ones. A counter key names its
 * chart, the committee and the legislature-side body it is about (the *scope*, which decides who
 * reads it), the year and category it is filed under and up to three dimensions. Every change of
 * a counter is kept by global position (`db_counter_versions`), so a chart "as of" a position is
 * the latest version of each counter at or before it, like the linkage view's temporal tables.
 */

/** A chart's counter dimensions: what a counter of that chart counts. */
export const DASHBOARD_CHARTS = {
  /** Opinion points by adoption (a), of opinions issued in `year`; body = the submitter. */
  adoption: 'adoption',
  /** Requests answered: days from the reply due date to the opinion, bucketed (a). */
  reply: 'reply',
  /** Opinion points answered: days from the feedback due date to the first feedback (a). */
  feedback: 'feedback',
  /** Sent submissions awaiting (a = reply | feedback) with a due date (b = YYYY-MM-DD). */
  open: 'open',
  /** Items by stage (a) and kind (b), of items proposed in `year`. */
  stage: 'stage',
  /** Decisions by kind (a) → implementing item kind (b) → item stage (c); b = c = '' unlinked. */
  flow: 'flow',
  /** Implements links: days from decision to the item's adoption / entry into force (a, b). */
  lag: 'lag',
  /** Divergences by state (a = open | resolved) and last step (b). */
  divergence: 'divergence',
  /** Post-legislation inquiries by state (a) and effective conclusion (b). */
  inquiry: 'inquiry',
} as const;
export type DashboardChart = keyof typeof DASHBOARD_CHARTS;

/** Timeliness buckets: days between the due date and the answer (negative: early). */
export const TIMELINESS_BUCKETS = [
  'early',
  'due_day',
  'late_1_7',
  'late_8_30',
  'late_31_90',
  'late_over_90',
] as const;
export type TimelinessBucket = (typeof TIMELINESS_BUCKETS)[number];

export function timelinessBucket(days: number): TimelinessBucket {
  if (days < 0) return 'early';
  if (days === 0) return 'due_day';
  if (days <= 7) return 'late_1_7';
  if (days <= 30) return 'late_8_30';
  if (days <= 90) return 'late_31_90';
  return 'late_over_90';
}

/** Legalisation lag buckets: days from the decision to adoption or entry into force. */
export const LAG_BUCKETS = [
  'within_90',
  'within_180',
  'within_365',
  'within_730',
  'over_730',
] as const;
export type LagBucket = (typeof LAG_BUCKETS)[number];

export function lagBucket(days: number): LagBucket {
  if (days <= 90) return 'within_90';
  if (days <= 180) return 'within_180';
  if (days <= 365) return 'within_365';
  if (days <= 730) return 'within_730';
  return 'over_730';
}

const DAY_MS = 86_400_000;
/** Whole days from one YYYY-MM-DD to another. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** Who a counter is about: the committee, and the legislature-side body (or none). */
export interface DashboardScope {
  /** The Party Committee; null when its side does not read the record (a pair across levels). */
  committeeId: string | null;
  /** The submitting body, or the item's legislature; null when only the committee reads it. */
  bodyId: string | null;
}

export type DashboardPolicy = ReadPolicy<DashboardScope>;

export interface CounterKeyRow {
  key_id: number;
  chart: string;
  scope: string;
  committee_id: string;
  body_id: string;
  level: string | null;
  region_code: string | null;
  year: number;
  category: string;
  a: string;
  b: string;
  c: string;
  value: number;
  /** The position of its first version: before it, the counter is 0. */
  first_from: number;
  /** The position of its last version when that made it 0; from there on it is 0. */
  zero_since: number | null;
}

export const DASHBOARD_TABLES = [
  'db_organisations',
  'db_facts',
  'db_counter_keys',
  'db_counter_versions',
  'db_scopes',
] as const;

const DDL = `
  CREATE TABLE IF NOT EXISTS db_organisations (
    organisation_id TEXT PRIMARY KEY, level TEXT, region_code TEXT, name_zh TEXT, name_en TEXT)
    WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS db_facts (fact_id TEXT PRIMARY KEY, body TEXT NOT NULL)
    WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS db_counter_keys (
    key_id INTEGER PRIMARY KEY, chart TEXT NOT NULL, scope TEXT NOT NULL,
    committee_id TEXT NOT NULL, body_id TEXT NOT NULL, level TEXT, region_code TEXT,
    year INTEGER NOT NULL, category TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,
    c TEXT NOT NULL, value INTEGER NOT NULL, first_from INTEGER NOT NULL, zero_since INTEGER);
  CREATE UNIQUE INDEX IF NOT EXISTS db_counter_keys_unique
    ON db_counter_keys (chart, scope, year, category, a, b, c);
  CREATE TABLE IF NOT EXISTS db_counter_versions (
    key_id INTEGER NOT NULL, valid_from INTEGER NOT NULL, value INTEGER NOT NULL,
    PRIMARY KEY (key_id, valid_from)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS db_scopes (scope TEXT PRIMARY KEY) WITHOUT ROWID;`;

/** One counter a fact adds one to: [chart, committee, body, year, category, a, b, c]. */
type Key = [DashboardChart, string, string, number, string, string, string, string];

/** A remembered fact: its own state and the counter keys (as JSON strings) it counts under. */
interface Fact<State> {
  state: State;
  keys: string[];
}

interface SubmissionFact {
  kind: string;
  category: string;
  committee: string;
  body: string;
  status: string;
  submittedOn: string | null;
  replyDue: string | null;
  openMaterial: number;
  opinionOn: string | null;
  feedbackDue: string | null;
  replaces: string | null;
}

interface PointFact {
  committee: string;
  body: string;
  category: string;
  opinionOn: string;
  feedbackDue: string | null;
  adoption: string | null;
  firstAnsweredOn: string | null;
}

interface ItemFact {
  committee: string;
  legislature: string;
  kind: string;
  stage: string;
  proposedOn: string;
  adoptedOn: string | null;
  inForceOn: string | null;
  links: string[];
}

interface DecisionFact {
  committee: string;
  legislature: string | null;
  kind: string;
  decidedOn: string;
  links: string[];
}

interface LinkFact {
  itemId: string;
  decisionId: string;
}

interface DivergenceFact {
  committee: string;
  legislature: string;
  recordedOn: string;
  lastStep: string | null;
  resolved: boolean;
}

interface InquiryFact {
  committee: string;
  legislature: string;
  openedOn: string;
  conclusion: string | null;
  disputed: boolean;
  finalConclusion: string | null;
}

interface Counter {
  keyId: number | null;
  value: number;
  /** Versions written in this batch: position → value. */
  versions: Map<number, number>;
}

/** The batch's buffers of one read database. */
class Buffers {
  facts = new Map<string, Fact<unknown> | null>();
  changedFacts = new Set<string>();
  counters = new Map<string, Counter>();
  scopes = new Set<string>();
  names = new Map<string, { level: string | null; region_code: string | null }>();

  fact<State>(db: Database.Database, id: string): Fact<State> | null {
    if (!this.facts.has(id)) {
      const row = statement<[string], { body: string }>(
        db,
        'SELECT body FROM db_facts WHERE fact_id = ?',
      ).get(id);
      this.facts.set(id, row ? (JSON.parse(row.body) as Fact<unknown>) : null);
    }
    return this.facts.get(id) as Fact<State> | null;
  }

  counter(db: Database.Database, key: string): Counter {
    let counter = this.counters.get(key);
    if (!counter) {
      const [chart, committee, body, year, category, a, b, c] = JSON.parse(key) as Key;
      const row = statement<unknown[], { key_id: number; value: number }>(
        db,
        `SELECT key_id, value FROM db_counter_keys
         WHERE chart = ? AND scope = ? AND year = ? AND category = ? AND a = ? AND b = ? AND c = ?`,
      ).get(chart, scopeOf(committee, body), year, category, a, b, c);
      counter = { keyId: row?.key_id ?? null, value: row?.value ?? 0, versions: new Map() };
      this.counters.set(key, counter);
    }
    return counter;
  }

  flush(db: Database.Database, policy: DashboardPolicy): void {
    const saveFact = statement(db, 'INSERT OR REPLACE INTO db_facts VALUES (?, ?)');
    for (const id of this.changedFacts) {
      const fact = this.facts.get(id);
      if (fact) saveFact.run(id, JSON.stringify(fact));
    }
    const insertKey = statement<unknown[]>(
      db,
      `INSERT INTO db_counter_keys (chart, scope, committee_id, body_id, level, region_code,
         year, category, a, b, c, value, first_from, zero_since)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const setValue = statement(
      db,
      'UPDATE db_counter_keys SET value = ?, zero_since = ? WHERE key_id = ?',
    );
    const version = statement(db, 'INSERT OR REPLACE INTO db_counter_versions VALUES (?, ?, ?)');
    const newScope = statement(db, 'INSERT OR IGNORE INTO db_scopes VALUES (?)');
    for (const [key, counter] of this.counters) {
      if (counter.versions.size === 0) continue;
      const positions = [...counter.versions.keys()];
      const zeroSince = counter.value === 0 ? positions[positions.length - 1] : null;
      if (counter.keyId === null) {
        const [chart, committee, body, year, category, a, b, c] = JSON.parse(key) as Key;
        const scope = scopeOf(committee, body);
        const place = placeOf(db, committee || body);
        counter.keyId = Number(
          insertKey.run(
            chart,
            scope,
            committee,
            body,
            place.level,
            place.region_code,
            year,
            category,
            a,
            b,
            c,
            counter.value,
            positions[0],
            zeroSince,
          ).lastInsertRowid,
        );
        if (!this.scopes.has(scope) && newScope.run(scope).changes > 0) {
          replaceReaders(
            db,
            policy.recordType,
            scope,
            policy.readers({ committeeId: committee || null, bodyId: body || null }),
            true,
          );
        }
        this.scopes.add(scope);
      } else {
        setValue.run(counter.value, zeroSince, counter.keyId);
      }
      for (const [position, value] of counter.versions) version.run(counter.keyId, position, value);
    }
    this.facts.clear();
    this.changedFacts.clear();
    this.counters.clear();
    this.scopes.clear();
  }
}

const scopeOf = (committee: string, body: string) => `${committee}|${body}`;

function placeOf(db: Database.Database, organisationId: string) {
  return (
    statement<[string], { level: string | null; region_code: string | null }>(
      db,
      'SELECT level, region_code FROM db_organisations WHERE organisation_id = ?',
    ).get(organisationId) ?? { level: null, region_code: null }
  );
}

const buffers = new WeakMap<Database.Database, Buffers>();
const buffersOf = (db: Database.Database) => {
  let found = buffers.get(db);
  if (!found) buffers.set(db, (found = new Buffers()));
  return found;
};

export const DASHBOARD_EVENT_TYPES = [
  'OrganisationRegistered',
  'CommitteeDecisionRecorded',
  'DecisionTransmitted',
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
  'InquiryConclusionDisputed',
  'InquiryReviewConcluded',
  'LinkEstablished',
  'LinkRemoved',
  'SubmissionDrafted',
  'SubmissionSubmitted',
  'SupplementaryMaterialRequested',
  'SupplementaryMaterialSupplied',
  'OpinionIssued',
  'OpinionPointFeedbackGiven',
  'OpinionPointFeedbackRevised',
  'SubmissionClosed',
  'SubmissionWithdrawn',
] as const;

type Data = Record<string, unknown>;
const str = (data: Data, key: string): string | null =>
  typeof data[key] === 'string' ? (data[key] as string) : null;
const num = (data: Data, key: string): number | null =>
  typeof data[key] === 'number' ? (data[key] as number) : null;
const yearOf = (day: string) => Number(day.slice(0, 4));

const STREAM = /^([a-z]+)-(.+)$/;

interface Context {
  db: Database.Database;
  b: Buffers;
  id: string;
  at: number;
  /** The Beijing day the event occurred on, for payloads that name none. */
  today: string;
}

/** The dashboards' counters (see the file header), readable by scope through `policy`. */
export const dashboardsProjection = (policy: DashboardPolicy): Projection => ({
  name: 'dashboards',
  version: 1,
  tables: DASHBOARD_TABLES,
  recordTypes: [policy.recordType],
  handles: DASHBOARD_EVENT_TYPES,

  setUp(db) {
    db.exec(DDL);
  },

  apply(db, event, recorded) {
    const match = STREAM.exec(recorded.streamId);
    if (!match) return;
    const c: Context = {
      db,
      b: buffersOf(db),
      id: match[2],
      at: positionNumber(recorded.position),
      today: beijingDay(recorded.metadata.occurredAt),
    };
    const data = (event.data ?? {}) as Data;
    switch (match[1]) {
      case 'organisation':
        statement(db, 'INSERT OR REPLACE INTO db_organisations VALUES (?, ?, ?, ?, ?)').run(
          str(data, 'organisationId'),
          str(data, 'level'),
          str(data, 'regionCode'),
          str(data, 'nameZh'),
          str(data, 'nameEn'),
        );
        return;
      case 'submission':
        return submission(c, event, data);
      case 'item':
        return item(c, event, data);
      case 'decision':
        return decision(c, event, data);
      case 'link':
        return link(c, event, data);
    }
  },

  flush(db) {
    buffersOf(db).flush(db, policy);
  },
});

/** Stores a fact's new state and moves its counters from its old keys to its new ones. */
function put<State>(c: Context, id: string, state: State, keys: Key[]): void {
  const before = c.b.fact<State>(c.db, id)?.keys ?? [];
  const after = keys.map((k) => JSON.stringify(k));
  c.b.facts.set(id, { state, keys: after });
  c.b.changedFacts.add(id);
  const delta = new Map<string, number>();
  for (const k of before) delta.set(k, (delta.get(k) ?? 0) - 1);
  for (const k of after) delta.set(k, (delta.get(k) ?? 0) + 1);
  for (const [k, by] of delta) {
    if (by === 0) continue;
    const counter = c.b.counter(c.db, k);
    counter.value += by;
    counter.versions.set(c.at, counter.value);
  }
}

// ── submissions and their opinion points ─────────────────────────────────────────────────────

function submissionKeys(s: SubmissionFact): Key[] {
  if (!s.submittedOn) return [];
  const keys: Key[] = [];
  const scope = (year: number, a: string, b = ''): Key => [
    'open',
    s.committee,
    s.body,
    year,
    s.category,
    a,
    b,
    '',
  ];
  const awaitingReply = ['submitted', 'awaiting_material'].includes(s.status);
  if (awaitingReply && s.openMaterial === 0 && s.replyDue) {
    keys.push(scope(yearOf(s.submittedOn), 'reply', s.replyDue));
  }
  if (s.status === 'opinion_issued' && s.feedbackDue) {
    keys.push(scope(yearOf(s.submittedOn), 'feedback', s.feedbackDue));
  }
  if (s.opinionOn && s.replyDue && s.kind === 'request') {
    keys.push([
      'reply',
      s.committee,
      s.body,
      yearOf(s.opinionOn),
      s.category,
      timelinessBucket(daysBetween(s.replyDue, s.opinionOn)),
      '',
      '',
    ]);
  }
  return keys;
}

function pointKeys(p: PointFact): Key[] {
  const keys: Key[] = [
    [
      'adoption',
      p.committee,
      p.body,
      yearOf(p.opinionOn),
      p.category,
      p.adoption ?? 'pending',
      '',
      '',
    ],
  ];
  if (p.firstAnsweredOn && p.feedbackDue) {
    keys.push([
      'feedback',
      p.committee,
      p.body,
      yearOf(p.firstAnsweredOn),
      p.category,
      timelinessBucket(daysBetween(p.feedbackDue, p.firstAnsweredOn)),
      '',
      '',
    ]);
  }
  return keys;
}

function submission(c: Context, event: DomainEvent, data: Data): void {
  const factId = `s:${c.id}`;
  if (event.type === 'SubmissionDrafted') {
    const state: SubmissionFact = {
      kind: str(data, 'kind') ?? 'request',
      category: str(data, 'category') ?? '',
      committee: str(data, 'addressedCommitteeId') ?? '',
      body: str(data, 'submittingOrganisationId') ?? '',
      status: 'drafted',
      submittedOn: null,
      replyDue: null,
      openMaterial: 0,
      opinionOn: null,
      feedbackDue: null,
      replaces: str(data, 'replacesSubmissionId'),
    };
    put(c, factId, state, []);
    return;
  }
  const fact = c.b.fact<SubmissionFact>(c.db, factId);
  if (!fact) return;
  const s = { ...fact.state };
  switch (event.type) {
    case 'SubmissionSubmitted': {
      s.status = 'submitted';
      s.submittedOn = beijingDay(str(data, 'submittedAt') ?? c.today);
      s.replyDue = s.kind === 'report' ? null : str(data, 'replyDueBy');
      if (s.replaces) supersede(c, s.replaces);
      break;
    }
    case 'SupplementaryMaterialRequested':
      if (s.status === 'submitted' || s.status === 'awaiting_material') {
        s.status = 'awaiting_material';
      }
      s.openMaterial += 1;
      break;
    case 'SupplementaryMaterialSupplied':
      s.openMaterial = Math.max(0, s.openMaterial - 1);
      if (typeof data.replyDueBy === 'string' && s.kind !== 'report') s.replyDue = data.replyDueBy;
      if (s.openMaterial === 0 && s.status === 'awaiting_material') s.status = 'submitted';
      break;
    case 'OpinionIssued': {
      s.status = 'opinion_issued';
      s.opinionOn = beijingDay(str(data, 'issuedAt') ?? c.today);
      s.feedbackDue = str(data, 'feedbackDueBy');
      s.openMaterial = 0;
      const points = Array.isArray(data.points) ? (data.points as Data[]) : [];
      for (const point of points) {
        const p: PointFact = {
          committee: s.committee,
          body: s.body,
          category: s.category,
          opinionOn: s.opinionOn,
          feedbackDue: s.feedbackDue,
          adoption: null,
          firstAnsweredOn: null,
        };
        put(c, `p:${c.id}:${num(point, 'number') ?? 0}`, p, pointKeys(p));
      }
      break;
    }
    case 'OpinionPointFeedbackGiven':
    case 'OpinionPointFeedbackRevised': {
      const pointId = `p:${c.id}:${num(data, 'pointNumber') ?? 0}`;
      const point = c.b.fact<PointFact>(c.db, pointId);
      if (!point) return;
      const p = { ...point.state, adoption: str(data, 'adoption') };
      p.firstAnsweredOn ??= beijingDay(str(data, 'givenAt') ?? str(data, 'revisedAt') ?? c.today);
      put(c, pointId, p, pointKeys(p));
      return;
    }
    case 'SubmissionClosed':
      s.status = 'closed';
      break;
    case 'SubmissionWithdrawn':
      s.status = 'withdrawn';
      break;
    default:
      return;
  }
  if (fact.state.status === 'superseded') s.status = 'superseded';
  put(c, factId, s, submissionKeys(s));
}

/** A revised submission was sent: the one it replaces awaits nothing any more. */
function supersede(c: Context, submissionId: string): void {
  const factId = `s:${submissionId}`;
  const replaced = c.b.fact<SubmissionFact>(c.db, factId);
  if (!replaced) return;
  const s = { ...replaced.state, status: 'superseded' };
  put(c, factId, s, submissionKeys(s));
}

// ── items, decisions and the links between them ──────────────────────────────────────────────

const STAGE_OF: Record<string, string> = {
  ItemPlanned: 'planned',
  ItemDraftingStarted: 'drafting',
  ItemReadingHeld: 'deliberation',
  ItemScheduledForVote: 'on_agenda',
  ItemAdopted: 'adopted',
  ItemPromulgated: 'promulgated',
  ItemEnteredIntoForce: 'in_force',
  ItemAmendmentStarted: 'drafting',
  ItemAbolished: 'abolished',
};

function itemKeys(i: ItemFact): Key[] {
  return [['stage', i.committee, i.legislature, yearOf(i.proposedOn), '', i.stage, i.kind, '']];
}

function decisionKeys(d: DecisionFact): Key[] {
  if (d.links.length > 0) return [];
  return [['flow', d.committee, d.legislature ?? '', yearOf(d.decidedOn), '', d.kind, '', '']];
}

/**
 * A decision–item pair counts for the sides that read both: the committee when the item is its
 * own, the legislature once the decision was transmitted to it; for nobody across levels.
 */
function linkKeys(d: DecisionFact, i: ItemFact): Key[] {
  const committee = d.committee === i.committee ? d.committee : '';
  const body = d.legislature === i.legislature ? i.legislature : '';
  if (!committee && !body) return [];
  const year = yearOf(d.decidedOn);
  const keys: Key[] = [['flow', committee, body, year, '', d.kind, i.kind, i.stage]];
  if (i.adoptedOn) {
    const lag = lagBucket(daysBetween(d.decidedOn, i.adoptedOn));
    keys.push(['lag', committee, body, year, '', 'to_adoption', lag, '']);
  }
  if (i.inForceOn) {
    const lag = lagBucket(daysBetween(d.decidedOn, i.inForceOn));
    keys.push(['lag', committee, body, year, '', 'to_in_force', lag, '']);
  }
  return keys;
}

function refreshLinks(c: Context, linkIds: readonly string[]): void {
  for (const linkId of linkIds) {
    const l = c.b.fact<LinkFact>(c.db, `l:${linkId}`);
    if (!l) continue;
    const d = c.b.fact<DecisionFact>(c.db, `d:${l.state.decisionId}`);
    const i = c.b.fact<ItemFact>(c.db, `i:${l.state.itemId}`);
    put(c, `l:${linkId}`, l.state, d && i ? linkKeys(d.state, i.state) : []);
  }
}

function item(c: Context, event: DomainEvent, data: Data): void {
  const factId = `i:${c.id}`;
  if (event.type === 'LegislativeItemProposed') {
    const i: ItemFact = {
      committee: str(data, 'committeeId') ?? '',
      legislature: str(data, 'legislatureId') ?? '',
      kind: str(data, 'kind') ?? '',
      stage: 'proposed',
      proposedOn: str(data, 'proposedOn') ?? c.today,
      adoptedOn: null,
      inForceOn: null,
      links: [],
    };
    put(c, factId, i, itemKeys(i));
    return;
  }
  const fact = c.b.fact<ItemFact>(c.db, factId);
  if (!fact) return;
  const number = num(data, 'divergenceNumber') ?? num(data, 'inquiryNumber') ?? 0;
  const sides = { committee: fact.state.committee, legislature: fact.state.legislature };
  switch (event.type) {
    case 'DivergenceRecorded':
      return divergence(c, `v:${c.id}:${number}`, {
        ...sides,
        recordedOn: str(data, 'recordedOn') ?? c.today,
        lastStep: null,
        resolved: false,
      });
    case 'DivergenceStepRecorded':
    case 'DivergenceResolved': {
      const found = c.b.fact<DivergenceFact>(c.db, `v:${c.id}:${number}`);
      if (!found) return;
      return divergence(c, `v:${c.id}:${number}`, {
        ...found.state,
        ...(event.type === 'DivergenceResolved'
          ? { resolved: true }
          : { lastStep: str(data, 'step') }),
      });
    }
    case 'PostLegislationInquiryOpened':
      return inquiry(c, `q:${c.id}:${number}`, {
        ...sides,
        openedOn: beijingDay(str(data, 'openedAt') ?? c.today),
        conclusion: null,
        disputed: false,
        finalConclusion: null,
      });
    case 'InquiryAnswered':
    case 'InquiryConclusionDisputed':
    case 'InquiryReviewConcluded': {
      const found = c.b.fact<InquiryFact>(c.db, `q:${c.id}:${number}`);
      if (!found) return;
      const q = { ...found.state };
      if (event.type === 'InquiryAnswered') q.conclusion = str(data, 'conclusion');
      else if (event.type === 'InquiryConclusionDisputed') q.disputed = true;
      else q.finalConclusion = str(data, 'finalConclusion');
      return inquiry(c, `q:${c.id}:${number}`, q);
    }
  }
  const stage = STAGE_OF[event.type];
  if (!stage) return;
  const i = { ...fact.state, stage };
  if (event.type === 'ItemAdopted') i.adoptedOn = str(data, 'adoptedOn') ?? c.today;
  if (event.type === 'ItemEnteredIntoForce') i.inForceOn = str(data, 'inForceOn') ?? c.today;
  // An amendment takes the item back to drafting; its adoption and entry-into-force days stay,
  // so the lag keeps counting the first version.
  put(c, factId, i, itemKeys(i));
  refreshLinks(c, i.links);
}

function divergence(c: Context, factId: string, v: DivergenceFact): void {
  put(c, factId, v, [
    [
      'divergence',
      v.committee,
      v.legislature,
      yearOf(v.recordedOn),
      '',
      v.resolved ? 'resolved' : 'open',
      v.lastStep ?? 'none',
      '',
    ],
  ]);
}

function inquiry(c: Context, factId: string, q: InquiryFact): void {
  const state = q.finalConclusion
    ? 'concluded'
    : q.disputed
      ? 'disputed'
      : q.conclusion
        ? 'answered'
        : 'open';
  put(c, factId, q, [
    [
      'inquiry',
      q.committee,
      q.legislature,
      yearOf(q.openedOn),
      '',
      state,
      q.finalConclusion ?? q.conclusion ?? 'none',
      '',
    ],
  ]);
}

function decision(c: Context, event: DomainEvent, data: Data): void {
  const factId = `d:${c.id}`;
  if (event.type === 'CommitteeDecisionRecorded') {
    const d: DecisionFact = {
      committee: str(data, 'committeeId') ?? '',
      legislature: null,
      kind: str(data, 'kind') ?? '',
      decidedOn: str(data, 'decidedOn') ?? c.today,
      links: [],
    };
    put(c, factId, d, decisionKeys(d));
    return;
  }
  if (event.type !== 'DecisionTransmitted') return;
  const fact = c.b.fact<DecisionFact>(c.db, factId);
  if (!fact) return;
  const d = { ...fact.state, legislature: str(data, 'legislatureId') };
  put(c, factId, d, decisionKeys(d));
  refreshLinks(c, d.links);
}

function link(c: Context, event: DomainEvent, data: Data): void {
  const factId = `l:${c.id}`;
  if (event.type === 'LinkEstablished') {
    const from = (data.from ?? {}) as Data;
    const to = (data.to ?? {}) as Data;
    if (str(data, 'type') !== 'implements' || str(from, 'kind') !== 'item') return;
    if (str(to, 'kind') !== 'decision') return;
    const l: LinkFact = { itemId: str(from, 'id') ?? '', decisionId: str(to, 'id') ?? '' };
    const d = c.b.fact<DecisionFact>(c.db, `d:${l.decisionId}`);
    const i = c.b.fact<ItemFact>(c.db, `i:${l.itemId}`);
    if (!d || !i) return;
    const decisionState = { ...d.state, links: [...d.state.links, c.id] };
    const itemState = { ...i.state, links: [...i.state.links, c.id] };
    put(c, `d:${l.decisionId}`, decisionState, decisionKeys(decisionState));
    put(c, `i:${l.itemId}`, itemState, itemKeys(itemState));
    put(c, factId, l, linkKeys(decisionState, itemState));
    return;
  }
  if (event.type !== 'LinkRemoved') return;
  const fact = c.b.fact<LinkFact>(c.db, factId);
  if (!fact) return;
  put(c, factId, fact.state, []);
  const d = c.b.fact<DecisionFact>(c.db, `d:${fact.state.decisionId}`);
  if (d) {
    const state = { ...d.state, links: d.state.links.filter((id) => id !== c.id) };
    put(c, `d:${fact.state.decisionId}`, state, decisionKeys(state));
  }
  const i = c.b.fact<ItemFact>(c.db, `i:${fact.state.itemId}`);
  if (i) {
    const state = { ...i.state, links: i.state.links.filter((id) => id !== c.id) };
    put(c, `i:${fact.state.itemId}`, state, itemKeys(state));
  }
}
