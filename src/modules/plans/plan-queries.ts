import { Injectable } from '@nestjs/common';
import { PLAN_KIND_LABELS, PlanKind } from '../../events/plan-events';
import { ActorContext } from '../../platform/access/actor';
import { CommandHandler } from '../../platform/commands/command-handler';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { statement } from '../../platform/kernel/projection';
import { Page, keysetParams, pageOf } from '../../platform/http/paging';
import { loadReadableWithChain } from '../../platform/http/readable';
import { StreamChains } from '../../platform/event-store/stream-chains';
import { readableIds, readerParams } from '../../platform/projections/readers-table';
import { PlanRow } from '../../projections/plans.projection';
import { openSteps } from '../../platform/kernel/workflow';
import { planAggregate, planDecider } from './plan.decider';
import { PlanDetailView, PlanListQueryDto, PlanSummaryView } from './plan.dto';

const LIST_SQL = `
  SELECT p.* FROM rm_plans p
  WHERE p.plan_id IN (${readableIds('plan')})
    AND (@kind IS NULL OR p.kind = @kind)
    AND (@status IS NULL OR p.status = @status)
    AND (@year IS NULL OR @year BETWEEN p.from_year AND p.to_year)
    AND (@after IS NULL OR (p.from_year, p.plan_id) > (@k0, @k1))
  ORDER BY p.from_year, p.plan_id
  LIMIT @limit`;

/** The read side of plans: the list through the readers table, the detail from the stream. */
@Injectable()
export class PlanQueries {
  constructor(
    private readonly read: ReadDatabase,
    private readonly commands: CommandHandler,
    private readonly chains: StreamChains,
  ) {}

  list(actor: ActorContext, query: PlanListQueryDto): Page<PlanSummaryView> {
    const { limit, params } = keysetParams(query, 2);
    const rows = statement<[Record<string, unknown>], PlanRow>(this.read.db, LIST_SQL).all({
      ...readerParams(actor),
      kind: query.kind ?? null,
      status: query.status ?? null,
      year: query.year ?? null,
      ...params,
    });
    return pageOf(
      rows,
      limit,
      (r) => [r.from_year, r.plan_id],
      (r) => ({
        planId: r.plan_id,
        kind: r.kind,
        kindLabel: PLAN_KIND_LABELS[r.kind as PlanKind],
        status: r.status,
        legislatureId: r.legislature_id,
        committeeId: r.committee_id,
        fromYear: r.from_year,
        toYear: r.to_year,
        title: r.title,
        entryCount: r.entry_count,
        submissionId: r.submission_id,
        adjustments: r.adjustments,
        revision: r.revision,
      }),
    );
  }

  async detail(planId: string, actor: ActorContext): Promise<PlanDetailView> {
    const { state, revision, chainVerification } = await loadReadableWithChain(
      this.commands,
      this.chains,
      planAggregate,
      planId,
      actor,
    );
    return {
      planId: state.planId,
      kind: state.kind,
      kindLabel: PLAN_KIND_LABELS[state.kind],
      status: state.status,
      legislatureId: state.legislatureId,
      committeeId: state.committeeId,
      fromYear: state.fromYear,
      toYear: state.toYear,
      title: state.title,
      draftedAt: state.draftedAt,
      entries: state.entries,
      removedEntries: state.removedEntries,
      submissionId: state.submissionId,
      reportedAt: state.reportedAt,
      approval: state.approval,
      adjustments: state.adjustments,
      openSteps: openSteps(planDecider.spec, state, actor),
      revision,
      chainVerification,
    };
  }
}
