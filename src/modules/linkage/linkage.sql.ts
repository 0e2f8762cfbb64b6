/**
 * The SQL of the linkage view, written once for both modes: live (current versions) and "as
 * of" a position (the versions that held then). Every statement takes the named parameters
 * @at (position, as of), @today (YYYY-MM-DD Beijing the flags are evaluated on),
 * @stalledDays, @unlinkedDays and the readers' @principals/@reasons.
 */
import { REACH_RECORD_TYPE } from '../../projections/linkage.projection';
import { holds } from '../../projections/temporal-table';
import { readableBy, readableIds } from '../../platform/projections/readers-table';

export const LINKAGE_FLAGS = [
  'unlinked',
  'stalled',
  'open_divergence',
  'overdue',
  'amendment_not_started',
  'agenda_without_opinion',
] as const;
export type LinkageFlag = (typeof LINKAGE_FLAGS)[number];

export const READABLE_ITEM = readableBy('linkage_item', 'i.item_id');
export const READABLE_DECISION = readableBy('linkage_decision', 'd.decision_id');

/** The submissions the view counts: sent ones (a draft is still the legislature's own). */
export const SENT = `s.submitted_at IS NOT NULL`;

/** Submissions (alias s) about a subject, in the mode. */
export const submissionsAbout = (asOf: boolean, kind: 'item' | 'decision', idSql: string) =>
  `lv_submission_subjects ss JOIN lv_submissions s ON s.submission_id = ss.submission_id
     AND ${holds('s', asOf)}
   WHERE ss.subject_id = ${idSql} AND ss.subject_kind = '${kind}' AND ${holds('ss', asOf)}`;

/** A sent submission about the subject is late on @today (reply or feedback). */
const lateAbout = (asOf: boolean, kind: 'item' | 'decision', idSql: string) =>
  `EXISTS (SELECT 1 FROM lv_open_submissions o WHERE o.subject_id = ${idSql}
    AND o.subject_kind = '${kind}' AND ${holds('o', asOf)} AND o.due < @today)`;

/** A sent pre-deliberation submission about item `idSql` still awaits the committee's opinion. */
const awaitingOpinion = (asOf: boolean, idSql: string) =>
  `EXISTS (SELECT 1 FROM lv_open_submissions o WHERE o.subject_id = ${idSql}
    AND o.subject_kind = 'item' AND ${holds('o', asOf)} AND o.category = 'pre_deliberation'
    AND o.awaiting = 'reply')`;

/** The item flags, as SQL conditions on alias `i`. */
export function itemFlags(asOf: boolean): Record<Exclude<LinkageFlag, 'unlinked'>, string> {
  return {
    stalled: `(i.stage NOT IN ('in_force', 'abolished')
      AND julianday(@today) - julianday(i.stage_since) > @stalledDays)`,
    open_divergence: `(i.open_divergences > 0)`,
    overdue: lateAbout(asOf, 'item', 'i.item_id'),
    amendment_not_started: `EXISTS (SELECT 1 FROM lv_inquiries q
      WHERE q.item_id = i.item_id AND ${holds('q', asOf)}
        AND COALESCE(q.final_conclusion, q.conclusion) = 'amend'
        AND (i.amendment_started_on IS NULL OR i.amendment_started_on
             < date(COALESCE(q.concluded_at, q.answered_at), '+8 hours')))`,
    agenda_without_opinion: `(i.stage = 'on_agenda' AND ${awaitingOpinion(asOf, 'i.item_id')})`,
  };
}

/** The items (alias i) carrying out decision `d` that the caller reads, in the mode. */
export const linkedItems = (asOf: boolean) =>
  `lv_links l JOIN lv_items i ON i.item_id = l.from_id AND ${holds('i', asOf)}
   WHERE l.to_id = d.decision_id AND l.type = 'implements' AND l.from_kind = 'item'
     AND ${holds('l', asOf)} AND ${READABLE_ITEM}`;

/** The decision flags, as SQL conditions on alias `d`: its own and its items'. */
export function decisionFlags(asOf: boolean): Record<LinkageFlag, string> {
  const item = itemFlags(asOf);
  const anyItem = (condition: string) =>
    `EXISTS (SELECT 1 FROM ${linkedItems(asOf)} AND ${condition})`;
  return {
    unlinked: `(d.follow_up IS NOT NULL AND d.superseded_by IS NULL
      AND julianday(@today) - julianday(d.decided_on) > @unlinkedDays
      AND NOT EXISTS (SELECT 1 FROM lv_links l WHERE l.to_id = d.decision_id
        AND l.type = 'implements' AND ${holds('l', asOf)}))`,
    stalled: anyItem(item.stalled),
    open_divergence: anyItem(item.open_divergence),
    overdue: `(${lateAbout(asOf, 'decision', 'd.decision_id')} OR ${anyItem(item.overdue)})`,
    amendment_not_started: anyItem(item.amendment_not_started),
    agenda_without_opinion: anyItem(item.agenda_without_opinion),
  };
}

/**
 * The flags a decision has of its own (the rest come from its items, added by the query): no
 * item after the threshold; a submission naming the decision itself overdue.
 */
export function decisionOwnFlags(asOf: boolean): Partial<Record<LinkageFlag, string>> {
  const all = decisionFlags(asOf);
  return {
    unlinked: all.unlinked,
    overdue: lateAbout(asOf, 'decision', 'd.decision_id'),
  };
}

const flagColumns = (flags: Record<string, string>) =>
  Object.entries(flags)
    .map(([name, sql]) => `${sql} AS flag_${name}`)
    .join(',\n');

const flagFilter = (flags: Record<string, string>) =>
  `(@flag IS NULL OR CASE @flag ${Object.entries(flags)
    .map(([name, sql]) => `WHEN '${name}' THEN ${sql}`)
    .join(' ')} ELSE 0 END)`;

export const DECISION_SORTS = ['decidedOn', 'lag', 'title'] as const;
export type DecisionSort = (typeof DECISION_SORTS)[number];

/** The sort key of each decision sort. Lag: days to the first adoption, unadopted last. */
function decisionSortKey(sort: DecisionSort, asOf: boolean): string {
  switch (sort) {
    case 'decidedOn':
      return 'd.decided_on';
    case 'title':
      return 'd.title';
    case 'lag':
      return `COALESCE((SELECT MIN(julianday(i.adopted_on)) FROM ${linkedItems(asOf)})
        - julianday(d.decided_on), 1e9)`;
  }
}

/** A page of decisions: filtered, sorted by `sort` then id, after the cursor's key. */
function decisionListSqlText(asOf: boolean, sort: DecisionSort, desc: boolean): string {
  const flags = decisionFlags(asOf);
  const cmp = desc ? '<' : '>';
  const dir = desc ? 'DESC' : 'ASC';
  return `SELECT p.*, ${flagColumns(decisionOwnFlags(asOf)).replace(/\bd\./g, 'p.')} FROM (
    SELECT d.*, ${decisionSortKey(sort, asOf)} AS sort_key FROM lv_decisions d
    WHERE d.decision_id IN (${readableIds('linkage_decision')}) AND ${holds('d', asOf)}
      AND (@level IS NULL OR d.level = @level)
      AND (@regionCode IS NULL OR d.region_code = @regionCode)
      AND (@year IS NULL OR d.year = @year)
      AND (@policyArea IS NULL OR EXISTS (SELECT 1 FROM lv_decision_areas a
        WHERE a.area = @policyArea AND a.decision_id = d.decision_id))
      AND (@stage IS NULL OR EXISTS (SELECT 1 FROM ${linkedItems(asOf)} AND i.stage = @stage))
      AND ${flagFilter(flags)}
  ) p
  WHERE (@after IS NULL OR (p.sort_key, p.decision_id) ${cmp} (@k0, @k1))
  ORDER BY p.sort_key ${dir}, p.decision_id ${dir}
  LIMIT @limit`;
}

/** One decision the caller reads, with its flags. */
function decisionDetailSqlText(asOf: boolean): string {
  return `SELECT d.*, ${flagColumns(decisionOwnFlags(asOf))} FROM lv_decisions d
    WHERE d.decision_id = @id AND ${holds('d', asOf)} AND ${READABLE_DECISION}`;
}

/** The items carrying out one decision (readable), with their flags. */
function decisionItemsSqlText(asOf: boolean): string {
  return `SELECT i.*, l.rationale AS link_rationale, l.established_at AS linked_at,
      ${flagColumns(itemFlags(asOf))}
    FROM (SELECT @id AS decision_id) d, ${linkedItems(asOf)}
    ORDER BY i.proposed_on, i.item_id`;
}

/**
 * The item columns a decision's summary shows: only these, as reading every column of some 250
 * items per page costs more than finding them.
 */
const ITEM_BRIEF_COLUMNS = `i.item_id, i.title, i.kind, i.stage, i.stage_since, i.version,
  i.adopted_on, i.in_force_on, i.open_divergences`;

/**
 * The items carrying out each decision of a page (readable), with their flags: one statement
 * for the page, @ids a JSON array of decision ids; each row names its decision (`page_id`).
 */
function pageDecisionItemsSqlText(asOf: boolean): string {
  return `SELECT d.decision_id AS page_id, ${ITEM_BRIEF_COLUMNS}, l.rationale AS link_rationale,
      ${flagColumns(itemFlags(asOf))}
    FROM (SELECT DISTINCT value AS decision_id FROM json_each(@ids)) d, ${linkedItems(asOf)}
    ORDER BY d.decision_id, i.proposed_on, i.item_id`;
}

/** The counter columns, summed (a decision's reaches) or as they are (an item's one row). */
const COUNTERS = (sum: boolean) =>
  ['submissions', 'points', 'adopted', 'partly_adopted', 'not_adopted']
    .map((n) => (sum ? `SUM(c.${n}) AS ${n}` : `c.${n}`))
    .join(', ');

/**
 * The version of counter row `c` that holds in the mode: live, the current one; as of @at, the
 * last one begun by then (found by a seek on the key `source` names, then one row by its primary
 * key), unless it had ended (the counters were back to nothing). The statements join with CROSS
 * JOIN, which keeps SQLite to that order: left to itself it walked every version of a row.
 */
const counterHolds = (asOf: boolean, table: string, keys: string[], source: string) =>
  asOf
    ? `c.valid_from = (SELECT MAX(m.valid_from) FROM ${table} m
         WHERE ${keys.map((k) => `m.${k} = ${source}.${k}`).join(' AND ')} AND m.valid_from <= @at)
       AND (c.valid_to IS NULL OR c.valid_to > @at)`
    : 'c.valid_to IS NULL';

/**
 * The counters of the sent submissions reaching each decision of a page (@ids, JSON), each
 * submission once: the reaches the caller sees (named by the decision, or through an item the
 * caller reads), summed. The projection keeps them (`DecisionCountersRow`).
 */
function pageDecisionCountersSqlText(asOf: boolean): string {
  return `SELECT k.decision_id AS page_id, ${COUNTERS(true)}
    FROM (SELECT DISTINCT value AS decision_id FROM json_each(@ids)) x
    CROSS JOIN lv_decision_reaches k ON k.decision_id = x.decision_id
    CROSS JOIN lv_decision_counters c ${asOf ? '' : 'INDEXED BY lv_decision_counters_now'}
      ON c.decision_id = k.decision_id AND c.reach_id = k.reach_id
      AND ${counterHolds(asOf, 'lv_decision_counters', ['decision_id', 'reach_id'], 'k')}
    WHERE k.reach_id = '' OR ${readableBy(REACH_RECORD_TYPE, 'k.reach_id')}
    GROUP BY k.decision_id`;
}

/** The counters of the sent submissions about each item of a page (@ids, JSON). */
function pageItemCountersSqlText(asOf: boolean): string {
  return `SELECT c.item_id AS page_id, ${COUNTERS(false)}
    FROM (SELECT DISTINCT value AS item_id FROM json_each(@ids)) x
    CROSS JOIN lv_item_counters c ${asOf ? '' : 'INDEXED BY lv_item_counters_now'}
      ON c.item_id = x.item_id AND ${counterHolds(asOf, 'lv_item_counters', ['item_id'], 'x')}`;
}

export const ITEM_SORTS = ['proposedOn', 'stageSince', 'title'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

const ITEM_SORT_KEYS: Record<ItemSort, string> = {
  proposedOn: 'i.proposed_on',
  stageSince: 'i.stage_since',
  title: 'i.title',
};

/** A page of items. */
function itemListSqlText(asOf: boolean, sort: ItemSort, desc: boolean): string {
  const flags = itemFlags(asOf);
  const cmp = desc ? '<' : '>';
  const dir = desc ? 'DESC' : 'ASC';
  return `SELECT p.*, ${flagColumns(flags).replace(/\bi\./g, 'p.')} FROM (
    SELECT i.*, ${ITEM_SORT_KEYS[sort]} AS sort_key FROM lv_items i
    WHERE i.item_id IN (${readableIds('linkage_item')}) AND ${holds('i', asOf)}
      AND (@level IS NULL OR i.level = @level)
      AND (@regionCode IS NULL OR i.region_code = @regionCode)
      AND (@kind IS NULL OR i.kind = @kind)
      AND (@stage IS NULL OR i.stage = @stage)
      AND (@policyArea IS NULL OR EXISTS (SELECT 1 FROM json_each(i.policy_areas)
        WHERE value = @policyArea))
      AND ${flagFilter(flags)}
  ) p
  WHERE (@after IS NULL OR (p.sort_key, p.item_id) ${cmp} (@k0, @k1))
  ORDER BY p.sort_key ${dir}, p.item_id ${dir}
  LIMIT @limit`;
}

function itemDetailSqlText(asOf: boolean): string {
  return `SELECT i.*, ${flagColumns(itemFlags(asOf))} FROM lv_items i
    WHERE i.item_id = @id AND ${holds('i', asOf)} AND ${READABLE_ITEM}`;
}

/** The decisions an item carries out (readable). */
function itemDecisionsSqlText(asOf: boolean): string {
  return `SELECT d.*, l.rationale AS link_rationale, l.established_at AS linked_at
    FROM lv_links l JOIN lv_decisions d ON d.decision_id = l.to_id AND ${holds('d', asOf)}
    WHERE l.from_id = @id AND l.type = 'implements' AND l.to_kind = 'decision'
      AND ${holds('l', asOf)} AND ${READABLE_DECISION}
    ORDER BY d.decided_on, d.decision_id`;
}

/** The decisions each item of a page (@ids, JSON) carries out (readable), named by `page_id`. */
function pageItemDecisionsSqlText(asOf: boolean): string {
  return `SELECT x.item_id AS page_id, d.*, l.rationale AS link_rationale,
      l.established_at AS linked_at
    FROM (SELECT DISTINCT value AS item_id FROM json_each(@ids)) x
    JOIN lv_links l ON l.from_id = x.item_id
    JOIN lv_decisions d ON d.decision_id = l.to_id AND ${holds('d', asOf)}
    WHERE l.type = 'implements' AND l.to_kind = 'decision'
      AND ${holds('l', asOf)} AND ${READABLE_DECISION}
    ORDER BY x.item_id, d.decided_on, d.decision_id`;
}

/** Per item of a page (@ids, JSON): whether a pre-deliberation submission awaits its opinion. */
function pagePreDeliberationMissingSqlText(asOf: boolean): string {
  return `SELECT x.item_id AS page_id, ${awaitingOpinion(asOf, 'x.item_id')} AS missing
    FROM (SELECT DISTINCT value AS item_id FROM json_each(@ids)) x`;
}

/** Some plans (@ids, JSON). */
function plansSqlText(asOf: boolean): string {
  return `SELECT * FROM lv_plans p WHERE p.plan_id IN (SELECT value FROM json_each(@ids))
    AND ${holds('p', asOf)}`;
}

/** The sent submissions about a subject. */
function submissionsSqlText(asOf: boolean, kind: 'item' | 'decision'): string {
  return `SELECT s.* FROM ${submissionsAbout(asOf, kind, '@id')} AND ${SENT}
    ORDER BY s.submitted_at, s.submission_id`;
}

/** Whether a sent pre-deliberation submission about item @id still awaits its opinion. */
function preDeliberationMissingSqlText(asOf: boolean): string {
  return `SELECT ${awaitingOpinion(asOf, '@id')} AS missing`;
}

/** The current points of some submissions (JSON array of ids in @ids). */
function pointsSqlText(asOf: boolean): string {
  return `SELECT p.* FROM lv_points p
    WHERE p.submission_id IN (SELECT value FROM json_each(@ids)) AND ${holds('p', asOf)}
    ORDER BY p.submission_id, p.number`;
}

/** Every answered version of a point up to the mode's position: its feedback history. */
function pointHistorySqlText(asOf: boolean): string {
  return `SELECT p.* FROM lv_points p
    WHERE p.submission_id IN (SELECT value FROM json_each(@ids)) AND p.adoption IS NOT NULL
      ${asOf ? 'AND p.valid_from <= @at' : ''}
    ORDER BY p.submission_id, p.number, p.valid_from`;
}

function divergencesSqlText(asOf: boolean): string {
  return `SELECT * FROM lv_divergences v WHERE v.item_id IN (SELECT value FROM json_each(@ids))
    AND ${holds('v', asOf)} ORDER BY v.item_id, v.number`;
}

function inquiriesSqlText(asOf: boolean): string {
  return `SELECT * FROM lv_inquiries q WHERE q.item_id IN (SELECT value FROM json_each(@ids))
    AND ${holds('q', asOf)} ORDER BY q.item_id, q.number`;
}

function assessmentsSqlText(asOf: boolean): string {
  return `SELECT * FROM lv_assessments a WHERE a.subject_id IN (SELECT value FROM json_each(@ids))
    AND ${holds('a', asOf)} ORDER BY a.reported_on, a.assessment_id`;
}

function planSqlText(asOf: boolean): string {
  return `SELECT * FROM lv_plans p WHERE p.plan_id = @id AND ${holds('p', asOf)}`;
}

export const READABLE_PROPOSAL = readableBy('linkage_proposal', 'p.proposal_id');

/**
 * The committee-initiated proposals the caller reads that carry out a decision (`decision_id`)
 * or became an item (`item_id`) = @id.
 */
function proposalsSqlText(asOf: boolean, by: 'decision_id' | 'item_id'): string {
  return `SELECT p.* FROM lv_proposals p WHERE p.${by} = @id AND ${holds('p', asOf)}
    AND ${READABLE_PROPOSAL} ORDER BY p.transferred_at, p.proposal_id`;
}

/** Every link touching a record, both ends. */
function linksSqlText(asOf: boolean): string {
  return `SELECT * FROM lv_links l WHERE (l.to_id = @id OR l.from_id = @id)
    AND ${holds('l', asOf)} ORDER BY l.established_at, l.link_id`;
}

export const LINKAGE_FLAG_LABELS: Record<LinkageFlag, { zh: string; en: string }> = {
  unlinked: { zh: '需立法跟进但逾期未关联立法项目', en: 'Needs follow-up, no item linked in time' },
  stalled: { zh: '立法项目停滞', en: 'Item stalled in a stage' },
  open_divergence: { zh: '存在未解决的重大分歧', en: 'Unresolved divergence' },
  overdue: { zh: '报送答复或反馈逾期', en: 'Reply or feedback overdue' },
  amendment_not_started: {
    zh: '询问结论为修改但尚未启动修改',
    en: 'Inquiry concluded “amend”, no amendment started',
  },
  agenda_without_opinion: {
    zh: '已列入表决议程但审议前意见缺失',
    en: 'On the agenda without the pre-deliberation opinion',
  },
};

/** Each statement's text, built once per mode: the statement cache is keyed by it. */
function memo<Args extends (string | boolean)[]>(build: (...args: Args) => string) {
  const built = new Map<string, string>();
  return (...args: Args): string => {
    const key = args.join('|');
    let text = built.get(key);
    if (text === undefined) built.set(key, (text = build(...args)));
    return text;
  };
}
export const decisionListSql = memo(decisionListSqlText);
export const decisionDetailSql = memo(decisionDetailSqlText);
export const decisionItemsSql = memo(decisionItemsSqlText);
export const pageDecisionItemsSql = memo(pageDecisionItemsSqlText);
export const pageDecisionCountersSql = memo(pageDecisionCountersSqlText);
export const pageItemCountersSql = memo(pageItemCountersSqlText);
export const itemListSql = memo(itemListSqlText);
export const itemDetailSql = memo(itemDetailSqlText);
export const itemDecisionsSql = memo(itemDecisionsSqlText);
export const submissionsSql = memo(submissionsSqlText);
export const preDeliberationMissingSql = memo(preDeliberationMissingSqlText);
export const pointsSql = memo(pointsSqlText);
export const pointHistorySql = memo(pointHistorySqlText);
export const divergencesSql = memo(divergencesSqlText);
export const inquiriesSql = memo(inquiriesSqlText);
export const assessmentsSql = memo(assessmentsSqlText);
export const planSql = memo(planSqlText);
export const pageItemDecisionsSql = memo(pageItemDecisionsSqlText);
export const pagePreDeliberationMissingSql = memo(pagePreDeliberationMissingSqlText);
export const plansSql = memo(plansSqlText);
export const linksSql = memo(linksSqlText);
export const proposalsSql = memo(proposalsSqlText);
