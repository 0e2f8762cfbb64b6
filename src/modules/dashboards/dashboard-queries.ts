import { Injectable } from '@nestjs/common';
import { ActorContext } from '../../platform/access/actor';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { statement } from '../../platform/kernel/projection';
import { readableIds, readerParams } from '../../platform/projections/readers-table';
import { DECISION_KINDS } from '../../events/decision-events';
import { INQUIRY_CONCLUSIONS, ITEM_KINDS, ITEM_STAGES } from '../../events/item-events';
import { DIVERGENCE_STEPS } from '../../events/item-events';
import { SUBMISSION_CATEGORIES } from '../../events/submission-events';
import {
  DashboardChart,
  LAG_BUCKETS,
  TIMELINESS_BUCKETS,
  daysBetween,
} from '../../projections/dashboards.projection';
import { LogCalendar, Moment } from '../../platform/http/as-of';
import { AdoptionGroup, DashboardQueryDto } from './dashboards.dto';
import { DASHBOARD_POLICY, checkMayOpenDashboards } from './dashboards.policy';
import { OVERDUE_BUCKETS, OverdueBucket } from './dashboards.labels';

/** A column of a chart's table: its key in the rows, its headers, the labels of its values. */
export interface DashboardColumn {
  key: string;
  zh: string;
  en: string;
  /** Label tables of `GET /api/labels` naming the values, tried in order ('organisations': `names`). */
  labels?: string[];
}

export type DashboardRow = Record<string, string | number | null>;

/** One chart's answer: the same table the web UI draws, shows and downloads. */
export interface DashboardAnswer {
  chart: string;
  asOf: Moment;
  filters: Omit<DashboardQueryDto, 'format' | 'lang'>;
  /** Filters given that this chart does not file its records by. */
  ignoredFilters: string[];
  columns: DashboardColumn[];
  rows: DashboardRow[];
  summary?: Record<string, unknown>;
  /** Names of the organisations in the rows. */
  names?: Record<string, { zh: string; en: string }>;
}

interface Counted {
  year: number;
  category: string;
  body_id: string;
  a: string;
  b: string;
  c: string;
  n: number;
}

type Dimension = 'year' | 'category' | 'body_id' | 'a' | 'b' | 'c';

const count = (zh: string, en: string, key = 'count'): DashboardColumn => ({ key, zh, en });
const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
/** The significant prefix of a region code: a province's two digits, a city's four. */
const regionPrefix = (code: string) => code.replace(/(00)+$/, '') || code;
const order = (values: readonly string[]) => (value: string) => {
  const at = values.indexOf(value);
  return at < 0 ? values.length : at;
};

/**
 * The dashboards' figures, read from the counters of the dashboards projection: a chart sums
 * the counters the caller reads (by scope, through the readers table) that match the filters,
 * as they stood at the moment asked for.
 */
@Injectable()
export class DashboardQueries {
  constructor(
    private readonly read: ReadDatabase,
    private readonly calendar: LogCalendar,
  ) {}

  /** Sums the caller's counters of `chart` matching `filters`, grouped by `by`. */
  private counted(
    actor: ActorContext,
    chart: DashboardChart,
    filters: DashboardQueryDto,
    moment: Moment,
    by: readonly Dimension[],
    byCategory: boolean,
  ): Counted[] {
    checkMayOpenDashboards(actor);
    const asOf = moment.at !== null;
    const value = asOf
      ? `coalesce((SELECT v.value FROM db_counter_versions v WHERE v.key_id = k.key_id
           AND v.valid_from <= @at ORDER BY v.valid_from DESC LIMIT 1), 0)`
      : 'k.value';
    const groups = by.map((d) => `k.${d}`).join(', ');
    const sql = `SELECT ${groups}${groups ? ',' : ''} SUM(${value}) AS n FROM db_counter_keys k
      WHERE k.chart = @chart AND k.scope IN (${readableIds(DASHBOARD_POLICY.recordType)})
        AND (@level IS NULL OR k.level = @level)
        AND (@region IS NULL OR substr(k.region_code, 1, length(@region)) = @region)
        AND (@year IS NULL OR k.year = @year)
        AND (@category IS NULL OR k.category = @category)
        ${
          asOf
            ? // Only counters that may be other than 0 then are looked up in their versions.
              'AND k.first_from <= @at AND (k.zero_since IS NULL OR k.zero_since > @at)'
            : 'AND k.value <> 0'
        }
      ${groups ? `GROUP BY ${groups}` : ''}`;
    return statement<[Record<string, unknown>], Counted>(this.read.db, sql)
      .all({
        ...readerParams(actor),
        chart,
        at: moment.at,
        level: filters.level ?? null,
        region: filters.regionCode ? regionPrefix(filters.regionCode) : null,
        year: filters.year ?? null,
        category: byCategory ? (filters.category ?? null) : null,
      })
      .filter((row) => row.n !== 0);
  }

  private answer(
    chart: string,
    filters: DashboardQueryDto,
    moment: Moment,
    byCategory: boolean,
    columns: DashboardColumn[],
    rows: DashboardRow[],
    extra: Pick<DashboardAnswer, 'summary' | 'names'> = {},
  ): DashboardAnswer {
    const { format: _format, lang: _lang, ...given } = filters;
    return {
      chart,
      asOf: moment,
      filters: given,
      ignoredFilters: !byCategory && filters.category ? ['category'] : [],
      columns,
      rows,
      ...extra,
    };
  }

  moment(filters: DashboardQueryDto): Moment {
    return this.calendar.moment(filters.asOf);
  }

  /** Opinion points by adoption, grouped by the year of the opinion, the category or the body. */
  adoption(
    actor: ActorContext,
    filters: DashboardQueryDto,
    groupBy: AdoptionGroup,
  ): DashboardAnswer {
    const moment = this.moment(filters);
    const dimension: Dimension = groupBy === 'body' ? 'body_id' : groupBy;
    const counted = this.counted(actor, 'adoption', filters, moment, [dimension, 'a'], true);
    const groups = new Map<string | number, DashboardRow>();
    for (const row of counted) {
      const group = row[dimension];
      let out = groups.get(group);
      if (!out) {
        out = { [groupBy]: group, adopted: 0, partly_adopted: 0, not_adopted: 0, pending: 0 };
        groups.set(group, out);
      }
      out[row.a] = ((out[row.a] as number) ?? 0) + row.n;
    }
    const rows: DashboardRow[] = [...groups.values()].map((r) => {
      const answered =
        (r.adopted as number) + (r.partly_adopted as number) + (r.not_adopted as number);
      return {
        ...r,
        total: answered + (r.pending as number),
        adoptedShare: share((r.adopted as number) + (r.partly_adopted as number), answered),
      };
    });
    const rank = groupBy === 'category' ? order(SUBMISSION_CATEGORIES) : (v: string | number) => v;
    rows.sort((x, y) => (rank(x[groupBy] as string) < rank(y[groupBy] as string) ? -1 : 1));
    const groupColumn: DashboardColumn =
      groupBy === 'year'
        ? { key: 'year', zh: '意见年度', en: 'Year of the opinion' }
        : groupBy === 'category'
          ? { key: 'category', zh: '报告事项类别', en: 'Category', labels: ['categories'] }
          : { key: 'body', zh: '报送单位', en: 'Submitting body', labels: ['organisations'] };
    return this.answer(
      'adoption',
      filters,
      moment,
      true,
      [
        groupColumn,
        count('采纳', 'Adopted', 'adopted'),
        count('部分采纳', 'Partly adopted', 'partly_adopted'),
        count('未采纳', 'Not adopted', 'not_adopted'),
        count('待反馈', 'Pending', 'pending'),
        count('意见条数', 'Points', 'total'),
        count('采纳率（含部分）', 'Adopted share (incl. partly)', 'adoptedShare'),
      ],
      rows,
      groupBy === 'body' ? { names: this.names(rows.map((r) => String(r.body))) } : {},
    );
  }

  /** Replies and feedback against their due dates: on-time share and the distribution. */
  timeliness(actor: ActorContext, filters: DashboardQueryDto): DashboardAnswer {
    const moment = this.moment(filters);
    const rows: DashboardRow[] = [];
    const summary: Record<string, unknown> = {};
    for (const measure of ['reply', 'feedback'] as const) {
      const counted = this.counted(actor, measure, filters, moment, ['a'], true);
      const total = counted.reduce((sum, r) => sum + r.n, 0);
      const onTime = counted
        .filter((r) => r.a === 'early' || r.a === 'due_day')
        .reduce((sum, r) => sum + r.n, 0);
      summary[measure] = { answered: total, onTime, onTimeShare: share(onTime, total) };
      for (const bucket of TIMELINESS_BUCKETS) {
        const n = counted.find((r) => r.a === bucket)?.n ?? 0;
        rows.push({ measure, bucket, count: n, share: share(n, total) });
      }
    }
    return this.answer(
      'timeliness',
      filters,
      moment,
      true,
      [
        { key: 'measure', zh: '事项', en: 'Measure', labels: ['dashboardMeasures'] },
        {
          key: 'bucket',
          zh: '与期限相比',
          en: 'Against the due date',
          labels: ['dashboardBuckets'],
        },
        count('件数', 'Count'),
        count('占比', 'Share', 'share'),
      ],
      rows,
      { summary },
    );
  }

  /** What is awaited now (or on the as-of day) by how long past its due date. */
  overdue(actor: ActorContext, filters: DashboardQueryDto): DashboardAnswer {
    const moment = this.moment(filters);
    const counted = this.counted(actor, 'open', filters, moment, ['a', 'b'], true);
    const bucketOf = (due: string): OverdueBucket => {
      const days = daysBetween(due, moment.today);
      if (days <= 0) return 'not_yet_due';
      if (days <= 7) return 'overdue_1_7';
      if (days <= 30) return 'overdue_8_30';
      if (days <= 90) return 'overdue_31_90';
      return 'overdue_over_90';
    };
    const rows: DashboardRow[] = [];
    const summary: Record<string, unknown> = { today: moment.today };
    for (const awaiting of ['reply', 'feedback'] as const) {
      const mine = counted.filter((r) => r.a === awaiting);
      const byBucket = new Map<OverdueBucket, number>();
      for (const r of mine) byBucket.set(bucketOf(r.b), (byBucket.get(bucketOf(r.b)) ?? 0) + r.n);
      const open = mine.reduce((sum, r) => sum + r.n, 0);
      summary[awaiting] = { open, overdue: open - (byBucket.get('not_yet_due') ?? 0) };
      for (const bucket of OVERDUE_BUCKETS) {
        rows.push({ measure: awaiting, bucket, count: byBucket.get(bucket) ?? 0 });
      }
    }
    return this.answer(
      'overdue',
      filters,
      moment,
      true,
      [
        { key: 'measure', zh: '待办', en: 'Awaiting', labels: ['dashboardMeasures'] },
        { key: 'bucket', zh: '逾期情况', en: 'Past the due date', labels: ['dashboardBuckets'] },
        count('件数', 'Count'),
      ],
      rows,
      { summary },
    );
  }

  /** Legislative items by stage and kind. */
  stages(actor: ActorContext, filters: DashboardQueryDto): DashboardAnswer {
    const moment = this.moment(filters);
    const counted = this.counted(actor, 'stage', filters, moment, ['a', 'b'], false);
    const rows: DashboardRow[] = counted
      .sort(
        (x, y) =>
          order(ITEM_STAGES)(x.a) - order(ITEM_STAGES)(y.a) ||
          order(ITEM_KINDS)(x.b) - order(ITEM_KINDS)(y.b),
      )
      .map((r) => ({ stage: r.a, itemKind: r.b, count: r.n }));
    return this.answer(
      'stages',
      filters,
      moment,
      false,
      [
        { key: 'stage', zh: '阶段', en: 'Stage', labels: ['itemStages'] },
        { key: 'itemKind', zh: '项目类型', en: 'Kind of item', labels: ['itemKinds'] },
        count('项目数', 'Items'),
      ],
      rows,
    );
  }

  /** Decisions → the items carrying them out → the items' stages (decision–item pairs). */
  flow(actor: ActorContext, filters: DashboardQueryDto): DashboardAnswer {
    const moment = this.moment(filters);
    const counted = this.counted(actor, 'flow', filters, moment, ['a', 'b', 'c'], false);
    const rows: DashboardRow[] = counted
      .sort(
        (x, y) =>
          order(DECISION_KINDS)(x.a) - order(DECISION_KINDS)(y.a) ||
          order(ITEM_KINDS)(x.b) - order(ITEM_KINDS)(y.b) ||
          order(ITEM_STAGES)(x.c) - order(ITEM_STAGES)(y.c),
      )
      .map((r) => ({
        decisionKind: r.a,
        itemKind: r.b || 'unlinked',
        stage: r.c || 'unlinked',
        count: r.n,
      }));
    return this.answer(
      'flow',
      filters,
      moment,
      false,
      [
        { key: 'decisionKind', zh: '决策类型', en: 'Kind of decision', labels: ['decisionKinds'] },
        {
          key: 'itemKind',
          zh: '立法项目类型',
          en: 'Kind of item',
          labels: ['itemKinds', 'dashboardStates'],
        },
        { key: 'stage', zh: '项目阶段', en: 'Stage', labels: ['itemStages', 'dashboardStates'] },
        count(
          '决策—项目对数（无项目的决策计1）',
          'Decision–item pairs (a decision without items: 1)',
        ),
      ],
      rows,
    );
  }

  /** Days from the decision to the implementing item's adoption and entry into force. */
  lag(actor: ActorContext, filters: DashboardQueryDto): DashboardAnswer {
    const moment = this.moment(filters);
    const counted = this.counted(actor, 'lag', filters, moment, ['a', 'b'], false);
    const rows: DashboardRow[] = [];
    for (const measure of ['to_adoption', 'to_in_force'] as const) {
      for (const bucket of LAG_BUCKETS) {
        const n = counted.find((r) => r.a === measure && r.b === bucket)?.n ?? 0;
        rows.push({ measure, bucket, count: n });
      }
    }
    return this.answer(
      'lag',
      filters,
      moment,
      false,
      [
        { key: 'measure', zh: '区间', en: 'Span', labels: ['dashboardMeasures'] },
        { key: 'bucket', zh: '用时', en: 'Time taken', labels: ['dashboardBuckets'] },
        count('决策—项目对数', 'Decision–item pairs'),
      ],
      rows,
    );
  }

  /** Divergences (重大分歧) by state and the last step taken to settle them. */
  divergences(actor: ActorContext, filters: DashboardQueryDto): DashboardAnswer {
    const moment = this.moment(filters);
    const steps = ['none', ...DIVERGENCE_STEPS];
    const rows: DashboardRow[] = this.counted(
      actor,
      'divergence',
      filters,
      moment,
      ['a', 'b'],
      false,
    )
      .sort((x, y) =>
        x.a === y.a ? order(steps)(x.b) - order(steps)(y.b) : x.a === 'open' ? -1 : 1,
      )
      .map((r) => ({ state: r.a, step: r.b, count: r.n }));
    return this.answer(
      'divergences',
      filters,
      moment,
      false,
      [
        { key: 'state', zh: '状态', en: 'State', labels: ['dashboardStates'] },
        {
          key: 'step',
          zh: '最近步骤',
          en: 'Last step',
          labels: ['divergenceSteps', 'dashboardStates'],
        },
        count('分歧数', 'Divergences'),
      ],
      rows,
    );
  }

  /** Post-legislation inquiries by state and (effective) conclusion. */
  inquiries(actor: ActorContext, filters: DashboardQueryDto): DashboardAnswer {
    const moment = this.moment(filters);
    const states = ['open', 'answered', 'disputed', 'concluded'];
    const conclusions = [...INQUIRY_CONCLUSIONS, 'none'];
    const rows: DashboardRow[] = this.counted(actor, 'inquiry', filters, moment, ['a', 'b'], false)
      .sort(
        (x, y) =>
          order(states)(x.a) - order(states)(y.a) ||
          order(conclusions)(x.b) - order(conclusions)(y.b),
      )
      .map((r) => ({ state: r.a, conclusion: r.b, count: r.n }));
    return this.answer(
      'inquiries',
      filters,
      moment,
      false,
      [
        { key: 'state', zh: '状态', en: 'State', labels: ['dashboardStates'] },
        {
          key: 'conclusion',
          zh: '结论',
          en: 'Conclusion',
          labels: ['inquiryConclusions', 'dashboardStates'],
        },
        count('询问数', 'Inquiries'),
      ],
      rows,
    );
  }

  private names(ids: string[]): Record<string, { zh: string; en: string }> {
    const names: Record<string, { zh: string; en: string }> = {};
    const find = statement<[string], { name_zh: string | null; name_en: string | null }>(
      this.read.db,
      'SELECT name_zh, name_en FROM db_organisations WHERE organisation_id = ?',
    );
    for (const id of ids) {
      const row = find.get(id);
      names[id] = { zh: row?.name_zh ?? id, en: row?.name_en ?? id };
    }
    return names;
  }
}
