import { Injectable } from '@nestjs/common';
import { ITEM_STAGE_LABELS, ItemStage } from '../../events/item-events';
import { AppConfig } from '../../config/app-config';
import { ActorContext } from '../../platform/access/actor';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { NotFoundError } from '../../platform/kernel/domain-errors';
import { statement } from '../../platform/kernel/projection';
import { Page, keysetParams, pageOfBatch } from '../../platform/http/paging';
import { LogCalendar, Moment } from '../../platform/http/as-of';
import { readerParams } from '../../platform/projections/readers-table';
import {
  AssessmentRow,
  DecisionRow,
  DivergenceRow,
  InquiryRow,
  ItemRow,
  LinkRow,
  LinkageProposalRow,
  PlanRow,
  PointRow,
  SubmissionLinkageRow,
} from '../../projections/linkage.projection';
import { DecisionListQueryDto, ItemListQueryDto } from './linkage.dto';
import {
  LINKAGE_FLAGS,
  LinkageFlag,
  assessmentsSql,
  decisionDetailSql,
  pageDecisionItemsSql,
  pageDecisionCountersSql,
  pageItemCountersSql,
  pageItemDecisionsSql,
  pagePreDeliberationMissingSql,
  plansSql,
  decisionListSql,
  divergencesSql,
  inquiriesSql,
  itemDetailSql,
  itemListSql,
  linksSql,
  proposalsSql,
  pointHistorySql,
  pointsSql,
  submissionsSql,
} from './linkage.sql';

/** The moment a query reads the view at. */
interface SubmissionStats {
  submissions: number;
  points: number;
  adopted: number;
  partly_adopted: number;
  not_adopted: number;
}

/** The item columns a brief shows (the page of decisions reads only these). */
type ItemBriefRow = Pick<
  ItemRow,
  | 'item_id'
  | 'title'
  | 'kind'
  | 'stage'
  | 'stage_since'
  | 'version'
  | 'adopted_on'
  | 'in_force_on'
  | 'open_divergences'
>;

type Flagged = { [K in `flag_${LinkageFlag}`]?: number };
type Params = Record<string, unknown>;

const NO_SUBMISSIONS: SubmissionStats = {
  submissions: 0,
  points: 0,
  adopted: 0,
  partly_adopted: 0,
  not_adopted: 0,
};

const DAY_MS = 86_400_000;
const days = (from: string | null, to: string | null): number | null =>
  from && to ? Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) : null;

const flagsOf = (row: Flagged): LinkageFlag[] =>
  LINKAGE_FLAGS.filter((flag) => row[`flag_${flag}`] === 1);

const json = <T>(text: string): T => JSON.parse(text) as T;

export interface AdoptionCounts {
  adopted: number;
  partly_adopted: number;
  not_adopted: number;
  /** Points not answered yet. */
  pending: number;
}

/** The read side of the linkage view: every list, detail and export through the readers. */
@Injectable()
export class LinkageQueries {
  constructor(
    private readonly read: ReadDatabase,
    private readonly calendar: LogCalendar,
    private readonly config: AppConfig,
  ) {}

  private params(actor: ActorContext, moment: Moment): Params {
    return {
      ...readerParams(actor),
      at: moment.at,
      today: moment.today,
      stalledDays: this.config.LINKAGE_STALLED_DAYS,
      unlinkedDays: this.config.LINKAGE_UNLINKED_DAYS,
    };
  }

  private all<Row>(sql: string, params: Params): Row[] {
    return statement<[Params], Row>(this.read.db, sql).all(params);
  }

  private one<Row>(sql: string, params: Params): Row | undefined {
    return statement<[Params], Row>(this.read.db, sql).get(params);
  }

  // -------------------------------------------------------------------------------------------
  // Decisions
  // -------------------------------------------------------------------------------------------

  listDecisions(actor: ActorContext, query: DecisionListQueryDto): Page<DecisionSummary> {
    const moment = this.calendar.moment(query.asOf);
    return this.decisionPage(actor, query, moment);
  }

  decisionPage(
    actor: ActorContext,
    query: DecisionListQueryDto,
    moment: Moment,
  ): Page<DecisionSummary> {
    const asOf = moment.at !== null;
    const { limit, params: keyset } = keysetParams(query, 2);
    const params = this.params(actor, moment);
    const rows = this.all<DecisionRow & Flagged & { sort_key: string | number }>(
      decisionListSql(asOf, query.sort ?? 'decidedOn', (query.order ?? 'desc') === 'desc'),
      {
        ...params,
        level: query.level ?? null,
        regionCode: query.regionCode ?? null,
        year: query.year ?? null,
        policyArea: query.policyArea ?? null,
        stage: query.stage ?? null,
        flag: query.flag ?? null,
        ...keyset,
      },
    );
    return pageOfBatch(
      rows,
      limit,
      (r) => [r.sort_key, r.decision_id],
      (shown) => this.decisionSummaries(shown, params, asOf, moment),
    );
  }

  /**
   * The summaries of a page of decisions: one statement per kind of nested read for the whole
   * page (items with their flags, submission counters, inquiries, assessments), not per decision.
   */
  private decisionSummaries(
    rows: (DecisionRow & Flagged)[],
    params: Params,
    asOf: boolean,
    moment: Moment,
  ): DecisionSummary[] {
    if (rows.length === 0) return [];
    type LinkedItem = ItemBriefRow & Flagged & { link_rationale: string; page_id: string };
    const itemsOf = new Map<string, LinkedItem[]>();
    for (const item of this.all<LinkedItem>(pageDecisionItemsSql(asOf), {
      ...params,
      ids: JSON.stringify(rows.map((r) => r.decision_id)),
    })) {
      const list = itemsOf.get(item.page_id);
      if (list) list.push(item);
      else itemsOf.set(item.page_id, [item]);
    }
    const allItemIds = new Set<string>();
    for (const list of itemsOf.values()) for (const item of list) allItemIds.add(item.item_id);
    const statsOf = new Map<string, SubmissionStats>();
    for (const stats of this.all<SubmissionStats & { page_id: string }>(
      pageDecisionCountersSql(asOf),
      { ...params, ids: JSON.stringify(rows.map((r) => r.decision_id)) },
    )) {
      statsOf.set(stats.page_id, stats);
    }
    const allInquiries = allItemIds.size
      ? this.all<InquiryRow>(inquiriesSql(asOf), {
          ...params,
          ids: JSON.stringify([...allItemIds]),
        })
      : [];
    const allAssessments = this.all<AssessmentRow>(assessmentsSql(asOf), {
      ...params,
      ids: JSON.stringify([...rows.map((r) => r.decision_id), ...allItemIds]),
    });
    return rows.map((row) => {
      const items = itemsOf.get(row.decision_id) ?? [];
      const itemIds = new Set(items.map((i) => i.item_id));
      const stats = statsOf.get(row.decision_id) ?? NO_SUBMISSIONS;
      const inquiries = allInquiries.filter((q) => itemIds.has(q.item_id));
      const assessments = allAssessments.filter(
        (a) => a.subject_id === row.decision_id || itemIds.has(a.subject_id),
      );
      return this.decisionSummaryOf(row, items, stats, inquiries, assessments, moment);
    });
  }

  private decisionSummaryOf(
    row: DecisionRow & Flagged,
    items: (ItemBriefRow & Flagged & { link_rationale: string })[],
    stats: SubmissionStats,
    inquiries: InquiryRow[],
    assessments: AssessmentRow[],
    moment: Moment,
  ): DecisionSummary {
    const adoptedOn = min(items.map((i) => i.adopted_on));
    const inForceOn = min(items.map((i) => i.in_force_on));
    return {
      decisionId: row.decision_id,
      documentNumber: row.document_number,
      title: row.title,
      decidedOn: row.decided_on,
      year: row.year,
      kind: row.kind,
      followUp: row.follow_up,
      policyAreas: json<string[]>(row.policy_areas),
      committeeId: row.committee_id,
      legislatureId: row.legislature_id,
      level: row.level,
      regionCode: row.region_code,
      transmittedAt: row.transmitted_at,
      acknowledgedAt: row.acknowledged_at,
      followUpReports: row.follow_up_reports,
      supersededBy: row.superseded_by,
      items: items.map((i) => ({
        ...this.itemBrief(i, moment),
        lagToAdoptionDays: days(row.decided_on, i.adopted_on),
        lagToInForceDays: days(row.decided_on, i.in_force_on),
        rationale: i.link_rationale,
      })),
      submissionCount: stats.submissions,
      opinionPointCount: stats.points,
      adoption: adoptionOf(stats),
      lag: {
        toAdoptionDays: days(row.decided_on, adoptedOn),
        toInForceDays: days(row.decided_on, inForceOn),
      },
      openDivergences: items.reduce((n, i) => n + i.open_divergences, 0),
      inquiryConclusions: inquiries.map((q) => ({
        itemId: q.item_id,
        inquiryNumber: q.number,
        conclusion: q.conclusion,
        finalConclusion: q.final_conclusion,
        effectiveConclusion: q.final_conclusion ?? q.conclusion,
      })),
      assessments: assessments.map((a) => ({
        assessmentId: a.assessment_id,
        subject: { kind: a.subject_kind, id: a.subject_id },
        title: a.title,
        reportedOn: a.reported_on,
        judgment: a.judgment,
      })),
      // Its own flags, and every flag of an item carrying it out that the caller reads.
      flags: LINKAGE_FLAGS.filter(
        (flag) => row[`flag_${flag}`] === 1 || items.some((i) => i[`flag_${flag}`] === 1),
      ),
    };
  }

  decisionDetail(actor: ActorContext, decisionId: string, asOfText?: string): DecisionDetail {
    const moment = this.calendar.moment(asOfText);
    const asOf = moment.at !== null;
    const params = this.params(actor, moment);
    const row = this.one<DecisionRow & Flagged>(decisionDetailSql(asOf), {
      ...params,
      id: decisionId,
    });
    if (!row) throw new NotFoundError(`Decision ${decisionId} not found`);
    const [summary] = this.decisionSummaries([row], params, asOf, moment);
    const itemIds = summary.items.map((i) => i.itemId);
    const submissions = this.submissionsAbout(params, asOf, decisionId, itemIds);
    return {
      ...summary,
      asOf: moment,
      submissions: this.submissionViews(params, asOf, submissions),
      divergences: itemIds.length
        ? this.all<DivergenceRow>(divergencesSql(asOf), {
            ...params,
            ids: JSON.stringify(itemIds),
          }).map(divergenceView)
        : [],
      proposals: this.proposals(params, asOf, 'decision_id', decisionId),
      links: this.links(params, asOf, decisionId),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Items
  // -------------------------------------------------------------------------------------------

  listItems(actor: ActorContext, query: ItemListQueryDto): Page<ItemSummary> {
    const moment = this.calendar.moment(query.asOf);
    const asOf = moment.at !== null;
    const { limit, params: keyset } = keysetParams(query, 2);
    const params = this.params(actor, moment);
    const rows = this.all<ItemRow & Flagged & { sort_key: string }>(
      itemListSql(asOf, query.sort ?? 'proposedOn', (query.order ?? 'desc') === 'desc'),
      {
        ...params,
        level: query.level ?? null,
        regionCode: query.regionCode ?? null,
        kind: query.kind ?? null,
        stage: query.stage ?? null,
        policyArea: query.policyArea ?? null,
        flag: query.flag === 'unlinked' ? '-' : (query.flag ?? null),
        ...keyset,
      },
    );
    return pageOfBatch(
      rows,
      limit,
      (r) => [r.sort_key, r.item_id],
      (shown) => this.itemSummaries(shown, params, asOf, moment),
    );
  }

  private itemBrief(i: ItemBriefRow & Flagged, moment: Moment): ItemBrief {
    return {
      itemId: i.item_id,
      title: i.title,
      kind: i.kind,
      stage: i.stage,
      stageLabel: ITEM_STAGE_LABELS[i.stage as ItemStage] ?? null,
      stageSince: i.stage_since,
      daysInStage: days(i.stage_since, moment.today),
      version: i.version,
      adoptedOn: i.adopted_on,
      inForceOn: i.in_force_on,
      openDivergences: i.open_divergences,
      flags: flagsOf(i),
    };
  }

  /** The summaries of a page of items: one statement per kind of nested read for the page. */
  private itemSummaries(
    rows: (ItemRow & Flagged)[],
    params: Params,
    asOf: boolean,
    moment: Moment,
  ): ItemSummary[] {
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((i) => i.item_id));
    type LinkedDecision = DecisionRow & { link_rationale: string; page_id: string };
    const decisionsOf = new Map<string, LinkedDecision[]>();
    for (const d of this.all<LinkedDecision>(pageItemDecisionsSql(asOf), { ...params, ids })) {
      const list = decisionsOf.get(d.page_id);
      if (list) list.push(d);
      else decisionsOf.set(d.page_id, [d]);
    }
    const statsOf = new Map<string, SubmissionStats>();
    for (const stats of this.all<SubmissionStats & { page_id: string }>(pageItemCountersSql(asOf), {
      ...params,
      ids,
    })) {
      statsOf.set(stats.page_id, stats);
    }
    const missingOf = new Map<string, number>();
    for (const m of this.all<{ page_id: string; missing: number }>(
      pagePreDeliberationMissingSql(asOf),
      { ...params, ids },
    )) {
      missingOf.set(m.page_id, m.missing);
    }
    const planIds = [...new Set(rows.map((i) => i.plan_id).filter((id) => id !== null))];
    const plansById = new Map<string, PlanRow>();
    if (planIds.length) {
      for (const plan of this.all<PlanRow>(plansSql(asOf), {
        ...params,
        ids: JSON.stringify(planIds),
      })) {
        if (!plansById.has(plan.plan_id)) plansById.set(plan.plan_id, plan);
      }
    }
    const allInquiries = this.all<InquiryRow>(inquiriesSql(asOf), { ...params, ids });
    return rows.map((i) =>
      this.itemSummaryOf(
        i,
        decisionsOf.get(i.item_id) ?? [],
        statsOf.get(i.item_id) ?? NO_SUBMISSIONS,
        missingOf.get(i.item_id) === 1,
        i.plan_id ? (plansById.get(i.plan_id) ?? null) : null,
        allInquiries.filter((q) => q.item_id === i.item_id),
        moment,
      ),
    );
  }

  private itemSummaryOf(
    i: ItemRow & Flagged,
    decisions: (DecisionRow & { link_rationale: string })[],
    stats: SubmissionStats,
    missing: boolean,
    plan: PlanRow | null,
    inquiries: InquiryRow[],
    moment: Moment,
  ): ItemSummary {
    return {
      ...this.itemBrief(i, moment),
      legislatureId: i.legislature_id,
      committeeId: i.committee_id,
      level: i.level,
      regionCode: i.region_code,
      policyAreas: json<string[]>(i.policy_areas),
      proposedOn: i.proposed_on,
      readings: i.readings,
      agendaDate: i.agenda_date,
      promulgatedOn: i.promulgated_on,
      announcementNumber: i.announcement_number,
      abolishedOn: i.abolished_on,
      inspections: i.inspections,
      preDeliberationOpinionMissing: missing,
      plan: plan
        ? {
            planId: plan.plan_id,
            kind: plan.kind,
            title: plan.title,
            fromYear: plan.from_year,
            toYear: plan.to_year,
            status: plan.status,
          }
        : null,
      decisions: decisions.map((d) => ({
        decisionId: d.decision_id,
        documentNumber: d.document_number,
        title: d.title,
        decidedOn: d.decided_on,
        rationale: d.link_rationale,
        lagToAdoptionDays: days(d.decided_on, i.adopted_on),
        lagToInForceDays: days(d.decided_on, i.in_force_on),
      })),
      submissionCount: stats.submissions,
      opinionPointCount: stats.points,
      adoption: adoptionOf(stats),
      inquiryConclusions: inquiries.map((q) => ({
        itemId: q.item_id,
        inquiryNumber: q.number,
        conclusion: q.conclusion,
        finalConclusion: q.final_conclusion,
        effectiveConclusion: q.final_conclusion ?? q.conclusion,
      })),
    };
  }

  itemDetail(actor: ActorContext, itemId: string, asOfText?: string): ItemDetail {
    const moment = this.calendar.moment(asOfText);
    const asOf = moment.at !== null;
    const params = this.params(actor, moment);
    const row = this.one<ItemRow & Flagged>(itemDetailSql(asOf), { ...params, id: itemId });
    if (!row) throw new NotFoundError(`Item ${itemId} not found`);
    const submissions = this.submissionsAbout(params, asOf, null, [itemId]);
    return {
      ...this.itemSummaries([row], params, asOf, moment)[0],
      asOf: moment,
      submissions: this.submissionViews(params, asOf, submissions),
      divergences: this.all<DivergenceRow>(divergencesSql(asOf), {
        ...params,
        ids: JSON.stringify([itemId]),
      }).map(divergenceView),
      assessments: this.all<AssessmentRow>(assessmentsSql(asOf), {
        ...params,
        ids: JSON.stringify([itemId]),
      }).map((a) => ({
        assessmentId: a.assessment_id,
        subject: { kind: a.subject_kind, id: a.subject_id },
        title: a.title,
        reportedOn: a.reported_on,
        judgment: a.judgment,
      })),
      proposals: this.proposals(params, asOf, 'item_id', itemId),
      links: this.links(params, asOf, itemId),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Shared parts
  // -------------------------------------------------------------------------------------------

  /** The sent submissions about a decision and/or items, each once. */
  private submissionsAbout(
    params: Params,
    asOf: boolean,
    decisionId: string | null,
    itemIds: readonly string[],
  ): SubmissionLinkageRow[] {
    const seen = new Map<string, SubmissionLinkageRow>();
    const add = (rows: SubmissionLinkageRow[]) => {
      for (const row of rows) if (!seen.has(row.submission_id)) seen.set(row.submission_id, row);
    };
    if (decisionId) add(this.all(submissionsSql(asOf, 'decision'), { ...params, id: decisionId }));
    for (const id of itemIds) add(this.all(submissionsSql(asOf, 'item'), { ...params, id }));
    return [...seen.values()];
  }

  private points(params: Params, asOf: boolean, submissions: SubmissionLinkageRow[]): PointRow[] {
    if (submissions.length === 0) return [];
    return this.all<PointRow>(pointsSql(asOf), {
      ...params,
      ids: JSON.stringify(submissions.map((s) => s.submission_id)),
    });
  }

  private submissionViews(
    params: Params,
    asOf: boolean,
    submissions: SubmissionLinkageRow[],
  ): SubmissionView[] {
    const ids = JSON.stringify(submissions.map((s) => s.submission_id));
    const points = this.points(params, asOf, submissions);
    const history = submissions.length
      ? this.all<PointRow>(pointHistorySql(asOf), { ...params, ids })
      : [];
    return submissions.map((s) => ({
      submissionId: s.submission_id,
      kind: s.kind,
      category: s.category,
      title: s.title,
      status: s.status,
      submittedAt: s.submitted_at,
      replyDueBy: s.reply_due_by,
      opinionOutcome: s.opinion_outcome,
      feedbackDueBy: s.feedback_due_by,
      points: points
        .filter((p) => p.submission_id === s.submission_id)
        .map((p) => ({
          number: p.number,
          text: p.text,
          adoption: p.adoption,
          explanation: p.explanation,
          readingNumber: p.reading_number,
          articles: json<string[]>(p.articles),
          revisionNumber: p.revision_number,
          answeredAt: p.answered_at,
          history: history
            .filter((h) => h.submission_id === s.submission_id && h.number === p.number)
            .map((h) => ({
              revisionNumber: h.revision_number,
              adoption: h.adoption,
              explanation: h.explanation,
              readingNumber: h.reading_number,
              articles: json<string[]>(h.articles),
              at: h.answered_at,
            })),
        })),
    }));
  }

  private proposals(
    params: Params,
    asOf: boolean,
    by: 'decision_id' | 'item_id',
    id: string,
  ): ProposalView[] {
    return this.all<LinkageProposalRow>(proposalsSql(asOf, by), { ...params, id }).map((p) => ({
      proposalId: p.proposal_id,
      committeeId: p.committee_id,
      receiverId: p.receiver_id,
      route: p.route,
      itemKind: p.item_kind,
      title: p.title,
      decisionId: p.decision_id,
      status: p.status,
      answer: p.answer,
      explanation: p.explanation,
      planId: p.plan_id,
      itemId: p.item_id,
      transferredAt: p.transferred_at,
      answeredAt: p.answered_at,
    }));
  }

  private links(params: Params, asOf: boolean, id: string): LinkView[] {
    return this.all<LinkRow>(linksSql(asOf), { ...params, id }).map((l) => ({
      linkId: l.link_id,
      type: l.type,
      from: { kind: l.from_kind, id: l.from_id, point: l.from_point },
      to: { kind: l.to_kind, id: l.to_id, point: l.to_point },
      rationale: l.rationale,
      establishedAt: l.established_at,
    }));
  }
}

function min(values: (string | null)[]): string | null {
  const present = values.filter((v): v is string => v !== null).sort();
  return present[0] ?? null;
}

function adoptionOf(stats: SubmissionStats): AdoptionCounts {
  return {
    adopted: stats.adopted,
    partly_adopted: stats.partly_adopted,
    not_adopted: stats.not_adopted,
    pending: stats.points - stats.adopted - stats.partly_adopted - stats.not_adopted,
  };
}

function divergenceView(v: DivergenceRow) {
  return {
    itemId: v.item_id,
    divergenceNumber: v.number,
    description: v.description,
    submissionId: v.submission_id,
    pointNumber: v.point_number,
    recordedOn: v.recorded_on,
    lastStep: v.last_step,
    resolvedOn: v.resolved_on,
    result: v.result,
    open: v.resolved_on === null,
  };
}

export interface ItemBrief {
  itemId: string;
  title: string;
  kind: string;
  stage: string;
  stageLabel: { zh: string; en: string } | null;
  stageSince: string;
  daysInStage: number | null;
  version: number;
  adoptedOn: string | null;
  inForceOn: string | null;
  openDivergences: number;
  flags: LinkageFlag[];
}

export interface InquiryConclusionView {
  itemId: string;
  inquiryNumber: number;
  conclusion: string | null;
  finalConclusion: string | null;
  effectiveConclusion: string | null;
}

export interface DecisionSummary {
  decisionId: string;
  documentNumber: string;
  title: string;
  decidedOn: string;
  year: number;
  kind: string;
  followUp: string | null;
  policyAreas: string[];
  committeeId: string;
  legislatureId: string | null;
  level: string | null;
  regionCode: string | null;
  transmittedAt: string | null;
  acknowledgedAt: string | null;
  followUpReports: number;
  supersededBy: string | null;
  items: (ItemBrief & {
    lagToAdoptionDays: number | null;
    lagToInForceDays: number | null;
    rationale: string;
  })[];
  submissionCount: number;
  opinionPointCount: number;
  adoption: AdoptionCounts;
  lag: { toAdoptionDays: number | null; toInForceDays: number | null };
  openDivergences: number;
  inquiryConclusions: InquiryConclusionView[];
  assessments: {
    assessmentId: string;
    subject: { kind: string; id: string };
    title: string;
    reportedOn: string;
    judgment: string | null;
  }[];
  flags: LinkageFlag[];
}

export interface SubmissionView {
  submissionId: string;
  kind: string;
  category: string;
  title: string;
  status: string;
  submittedAt: string | null;
  replyDueBy: string | null;
  opinionOutcome: string | null;
  feedbackDueBy: string | null;
  points: {
    number: number;
    text: string;
    adoption: string | null;
    explanation: string | null;
    readingNumber: number | null;
    articles: string[];
    revisionNumber: number | null;
    answeredAt: string | null;
    history: {
      revisionNumber: number | null;
      adoption: string | null;
      explanation: string | null;
      readingNumber: number | null;
      articles: string[];
      at: string | null;
    }[];
  }[];
}

export interface LinkView {
  linkId: string;
  type: string;
  from: { kind: string; id: string; point: number | null };
  to: { kind: string; id: string; point: number | null };
  rationale: string;
  establishedAt: string;
}

/** A committee-initiated proposal as the view shows it beside its decision or item. */
export interface ProposalView {
  proposalId: string;
  committeeId: string;
  /** Who argues and answers it now (after a re-routing, the Standing Committee's Party group). */
  receiverId: string;
  route: string;
  itemKind: string;
  title: string;
  decisionId: string | null;
  /** transferred / argued / answered (labels: `GET /api/labels`, proposalStatuses). */
  status: string;
  answer: string | null;
  explanation: string | null;
  planId: string | null;
  itemId: string | null;
  transferredAt: string;
  answeredAt: string | null;
}

export interface DecisionDetail extends DecisionSummary {
  asOf: Moment;
  submissions: SubmissionView[];
  divergences: ReturnType<typeof divergenceView>[];
  proposals: ProposalView[];
  links: LinkView[];
}

export interface ItemSummary extends ItemBrief {
  legislatureId: string;
  committeeId: string;
  level: string | null;
  regionCode: string | null;
  policyAreas: string[];
  proposedOn: string;
  readings: number;
  agendaDate: string | null;
  promulgatedOn: string | null;
  announcementNumber: string | null;
  abolishedOn: string | null;
  inspections: number;
  preDeliberationOpinionMissing: boolean;
  plan: {
    planId: string;
    kind: string;
    title: string;
    fromYear: number;
    toYear: number;
    status: string;
  } | null;
  decisions: {
    decisionId: string;
    documentNumber: string;
    title: string;
    decidedOn: string;
    rationale: string;
    lagToAdoptionDays: number | null;
    lagToInForceDays: number | null;
  }[];
  submissionCount: number;
  opinionPointCount: number;
  adoption: AdoptionCounts;
  inquiryConclusions: InquiryConclusionView[];
}

export interface ItemDetail extends ItemSummary {
  asOf: Moment;
  submissions: SubmissionView[];
  divergences: ReturnType<typeof divergenceView>[];
  assessments: DecisionSummary['assessments'];
  proposals: ProposalView[];
  links: LinkView[];
}
