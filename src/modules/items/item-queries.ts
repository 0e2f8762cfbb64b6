import { Injectable } from '@nestjs/common';
import {
  ASSESSMENT_JUDGMENT_LABELS,
  ITEM_KIND_LABELS,
  ITEM_STAGE_LABELS,
  ItemKind,
  ItemStage,
} from '../../events/item-events';
import { ActorContext } from '../../platform/access/actor';
import { CommandHandler } from '../../platform/commands/command-handler';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { statement } from '../../platform/kernel/projection';
import { Page, keysetParams, pageOf } from '../../platform/http/paging';
import { loadReadableWithChain } from '../../platform/http/readable';
import { StreamChains } from '../../platform/event-store/stream-chains';
import { readableIds, readerParams } from '../../platform/projections/readers-table';
import { AssessmentRow } from '../../projections/assessments.projection';
import { ItemRow } from '../../projections/items.projection';
import { mayTake, openSteps } from '../../platform/kernel/workflow';
import { AssessmentCommand, assessmentAggregate, assessmentDecider } from './assessment.decider';
import { itemAggregate, itemDecider } from './item.decider';
import {
  AssessmentDetailView,
  AssessmentListQueryDto,
  AssessmentSummaryView,
  ItemDetailView,
  ItemListQueryDto,
  ItemSummaryView,
} from './item.dto';
import { ItemState, openDivergences } from './item.state';

const ITEM_LIST_SQL = `
  SELECT i.* FROM rm_items i
  WHERE i.item_id IN (${readableIds('item')})
    AND (@kind IS NULL OR i.kind = @kind)
    AND (@stage IS NULL OR i.stage = @stage)
    AND (@year IS NULL OR i.year = @year)
    AND (@policyArea IS NULL OR EXISTS
      (SELECT 1 FROM json_each(i.policy_areas) a WHERE a.value = @policyArea))
    AND (@after IS NULL OR (i.proposed_on, i.item_id) > (@k0, @k1))
  ORDER BY i.proposed_on, i.item_id
  LIMIT @limit`;

const ASSESSMENT_LIST_SQL = `
  SELECT a.* FROM rm_assessments a
  WHERE a.assessment_id IN (${readableIds('assessment')})
    AND (@subjectKind IS NULL OR a.subject_kind = @subjectKind)
    AND (@subjectId IS NULL OR a.subject_id = @subjectId)
    AND (@after IS NULL OR (a.reported_on, a.assessment_id) > (@k0, @k1))
  ORDER BY a.reported_on, a.assessment_id
  LIMIT @limit`;

/** The read side of items and assessments: lists through the readers table, details from streams. */
@Injectable()
export class ItemQueries {
  constructor(
    private readonly read: ReadDatabase,
    private readonly commands: CommandHandler,
    private readonly chains: StreamChains,
  ) {}

  listItems(actor: ActorContext, query: ItemListQueryDto): Page<ItemSummaryView> {
    const { limit, params } = keysetParams(query, 2);
    const rows = statement<[Record<string, unknown>], ItemRow>(this.read.db, ITEM_LIST_SQL).all({
      ...readerParams(actor),
      kind: query.kind ?? null,
      stage: query.stage ?? null,
      year: query.year ?? null,
      policyArea: query.policyArea ?? null,
      ...params,
    });
    return pageOf(
      rows,
      limit,
      (r) => [r.proposed_on, r.item_id],
      (r) => ({
        itemId: r.item_id,
        kind: r.kind,
        kindLabel: ITEM_KIND_LABELS[r.kind as ItemKind],
        title: r.title,
        stage: r.stage,
        stageLabel: ITEM_STAGE_LABELS[r.stage as ItemStage],
        stageSince: r.stage_since,
        legislatureId: r.legislature_id,
        committeeId: r.committee_id,
        policyAreas: JSON.parse(r.policy_areas) as string[],
        proposedOn: r.proposed_on,
        version: r.version,
        planIds: JSON.parse(r.plan_ids) as string[],
        openDivergences: r.open_divergences,
        revision: r.revision,
      }),
    );
  }

  /** The item's own stream folded: its whole life, readable by its legislature and committee. */
  async item(itemId: string, actor: ActorContext): Promise<ItemDetailView> {
    const { state, revision, chainVerification } = await loadReadableWithChain(
      this.commands,
      this.chains,
      itemAggregate,
      itemId,
      actor,
    );
    const stage = state.stage as ItemStage;
    const since = state.stageHistory[state.stageHistory.length - 1];
    return {
      itemId: state.itemId,
      kind: state.kind,
      kindLabel: ITEM_KIND_LABELS[state.kind],
      title: state.title,
      summary: state.summary,
      stage,
      stageLabel: ITEM_STAGE_LABELS[stage],
      stageSince: since.on,
      legislatureId: state.legislatureId,
      committeeId: state.committeeId,
      policyAreas: state.policyAreas,
      proposedOn: state.proposedOn,
      version: state.version,
      planIds: state.planIds,
      draftingUnitId: state.draftingUnitId,
      agendaDate: state.agendaDate,
      adoptedOn: state.adoptedOn,
      tally: state.tally,
      announcementNumber: state.announcementNumber,
      promulgatedOn: state.promulgatedOn,
      inForceOn: state.inForceOn,
      abolition: state.abolition,
      amendments: state.amendments,
      stageHistory: state.stageHistory,
      readings: state.readings,
      divergences: state.divergences.map((d) => ({ ...d, open: d.resolution === null })),
      openDivergences: openDivergences(state).map((d) => d.divergenceNumber),
      inquiries: state.inquiries.map((i) => ({
        ...i,
        conclusion: i.review?.finalConclusion ?? i.answer?.conclusion ?? null,
      })),
      inspections: state.inspections,
      openSteps: [
        ...openSteps(itemDecider.spec, state, actor),
        ...(this.mayAssess(state, actor) ? ['report_assessment'] : []),
      ],
      revision,
      chainVerification,
    };
  }

  /** Whether the actor may report an assessment of this item (the assessment's creating step). */
  private mayAssess(item: ItemState, actor: ActorContext): boolean {
    const report: AssessmentCommand = {
      type: 'ReportAssessment',
      actor,
      now: '',
      assessmentId: '',
      subject: {
        kind: 'item',
        id: item.itemId,
        legislatureId: item.legislatureId,
        committeeId: item.committeeId,
      },
      title: '',
      findings: '',
      reportedOn: '',
    };
    return mayTake(assessmentDecider.spec, assessmentDecider.initialState, report);
  }

  listAssessments(actor: ActorContext, query: AssessmentListQueryDto): Page<AssessmentSummaryView> {
    const { limit, params } = keysetParams(query, 2);
    const rows = statement<[Record<string, unknown>], AssessmentRow>(
      this.read.db,
      ASSESSMENT_LIST_SQL,
    ).all({
      ...readerParams(actor),
      subjectKind: query.subjectKind ?? null,
      subjectId: query.subjectId ?? null,
      ...params,
    });
    return pageOf(
      rows,
      limit,
      (r) => [r.reported_on, r.assessment_id],
      (r) => ({
        assessmentId: r.assessment_id,
        subject: { kind: r.subject_kind, id: r.subject_id },
        reportedByOrganisationId: r.reported_by_organisation_id,
        committeeId: r.committee_id,
        title: r.title,
        reportedOn: r.reported_on,
        status: r.status,
        judgment: r.judgment,
        revision: r.revision,
      }),
    );
  }

  async assessment(assessmentId: string, actor: ActorContext): Promise<AssessmentDetailView> {
    const { state, revision, chainVerification } = await loadReadableWithChain(
      this.commands,
      this.chains,
      assessmentAggregate,
      assessmentId,
      actor,
    );
    return {
      assessmentId: state.assessmentId,
      subject: state.subject,
      reportedByOrganisationId: state.reportedByOrganisationId,
      committeeId: state.committeeId,
      title: state.title,
      findings: state.findings,
      reportedOn: state.reportedOn,
      status: state.status,
      judgment: state.judgment
        ? { ...state.judgment, judgmentLabel: ASSESSMENT_JUDGMENT_LABELS[state.judgment.judgment] }
        : null,
      openSteps: openSteps(assessmentDecider.spec, state, actor),
      revision,
      chainVerification,
    };
  }
}
