import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ActorContext } from '../../platform/access/actor';
import { CurrentActor } from '../../platform/access/auth.guard';
import { CommandHandler } from '../../platform/commands/command-handler';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { MAX_PAGE, Page, decodeCursor, pageOf } from '../../platform/http/paging';
import { loadReadableWithChain } from '../../platform/http/readable';
import { StreamChains } from '../../platform/event-store/stream-chains';
import { readerParams } from '../../platform/projections/readers-table';
import { DecisionRow, readDecisions, readSuperseded } from '../../projections/decisions.projection';
import { readLinks } from '../../projections/links.projection';
import { ProposalRow, readProposals } from '../../projections/proposals.projection';
import { linkView } from '../links/links.controller';
import { LinkView } from '../links/links.dto';
import { decisionAggregate, proposalAggregate } from './decision.decider';
import {
  DecisionDetailView,
  DecisionListQueryDto,
  DecisionPageView,
  DecisionSummaryView,
  ProposalDetailView,
  ProposalListQueryDto,
  ProposalPageView,
  ProposalSummaryView,
} from './decisions.dto';

const flag = (value: 'true' | 'false' | undefined) =>
  value === undefined ? null : value === 'true';

function decisionSummary(r: DecisionRow): DecisionSummaryView {
  return {
    decisionId: r.decision_id,
    committeeId: r.committee_id,
    documentNumber: r.document_number,
    title: r.title,
    decidedOn: r.decided_on,
    policyAreas: JSON.parse(r.policy_areas) as string[],
    kind: r.kind,
    followUp: r.follow_up,
    status: r.status,
    legislatureId: r.legislature_id,
    transmittedAt: r.transmitted_at,
    acknowledgedAt: r.acknowledged_at,
    followUpReports: r.follow_up_reports,
    supersededByDecisionId: r.superseded_by_decision_id,
    revision: r.revision,
  };
}

function proposalSummary(r: ProposalRow): ProposalSummaryView {
  return {
    proposalId: r.proposal_id,
    committeeId: r.committee_id,
    receiverId: r.receiver_id,
    route: r.route,
    itemKind: r.item_kind,
    title: r.title,
    decisionId: r.decision_id,
    status: r.status,
    answer: r.answer,
    transferredAt: r.transferred_at,
    answeredAt: r.answered_at,
    revision: r.revision,
  };
}

/**
 * Reading committee decisions and proposals: the lists from their read models, through the
 * readers table; the detail from the record's own stream, checked against the same read policy,
 * with the links at either end that the caller reads.
 */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('api')
export class DecisionsController {
  constructor(
    private readonly read: ReadDatabase,
    private readonly commands: CommandHandler,
    private readonly chains: StreamChains,
  ) {}

  @Get('decisions')
  @ApiOperation({
    summary:
      'Committee decisions the caller reads, newest first; by policy area, year, follow-up, transmission',
  })
  @ApiOkResponse({ type: DecisionPageView })
  decisions(
    @Query() query: DecisionListQueryDto,
    @CurrentActor() actor: ActorContext,
  ): Page<DecisionSummaryView> {
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
    const rows = readDecisions(this.read.db, {
      ...readerParams(actor),
      policyArea: query.policyArea ?? null,
      year: query.year ?? null,
      followUpNeeded: flag(query.followUpNeeded),
      transmitted: flag(query.transmitted),
      after: after ? [String(after[0]), String(after[1])] : null,
      limit: Math.min(limit, MAX_PAGE) + 1,
    });
    return pageOf(rows, limit, (r) => [r.decided_on, r.decision_id], decisionSummary);
  }

  @Get('decisions/:decisionId')
  @ApiOperation({
    summary: 'A committee decision with its follow-up reports, supersession and links',
  })
  @ApiOkResponse({ type: DecisionDetailView })
  async decision(
    @Param('decisionId', new ParseUUIDPipe({ version: undefined })) id: string,
    @CurrentActor() actor: ActorContext,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<DecisionDetailView> {
    const { state, revision, chainVerification } = await loadReadableWithChain(
      this.commands,
      this.chains,
      decisionAggregate,
      id,
      actor,
    );
    res.header('ETag', `"${revision}"`);
    const { principals } = readerParams(actor);
    return {
      decisionId: state.decisionId,
      committeeId: state.committeeId,
      recordedByOfficeId: state.recordedByOfficeId,
      documentNumber: state.documentNumber,
      title: state.title,
      summary: state.summary,
      decidedOn: state.decidedOn,
      policyAreas: state.policyAreas,
      kind: state.kind,
      followUp: state.followUp,
      status: state.status,
      legislatureId: state.legislatureId,
      transmittedAt: state.transmittedAt,
      acknowledgedAt: state.acknowledgedAt,
      followUpReports: state.followUpReports,
      supersededByDecisionId: state.supersededByDecisionId,
      supersededAt: state.supersededAt,
      supersedes: readSuperseded(this.read.db, id, principals),
      links: this.linksOf('decision', id, actor),
      revision,
      chainVerification,
    };
  }

  @Get('proposals')
  @ApiOperation({ summary: 'Committee-initiated proposals the caller reads, newest first; paged' })
  @ApiOkResponse({ type: ProposalPageView })
  proposals(
    @Query() query: ProposalListQueryDto,
    @CurrentActor() actor: ActorContext,
  ): Page<ProposalSummaryView> {
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
    const rows = readProposals(this.read.db, {
      ...readerParams(actor),
      status: query.status ?? null,
      route: query.route ?? null,
      after: after ? [String(after[0]), String(after[1])] : null,
      limit: Math.min(limit, MAX_PAGE) + 1,
    });
    return pageOf(rows, limit, (r) => [r.transferred_at, r.proposal_id], proposalSummary);
  }

  @Get('proposals/:proposalId')
  @ApiOperation({ summary: 'A proposal with its receivers, argumentation, answers and links' })
  @ApiOkResponse({ type: ProposalDetailView })
  async proposal(
    @Param('proposalId', new ParseUUIDPipe({ version: undefined })) id: string,
    @CurrentActor() actor: ActorContext,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<ProposalDetailView> {
    const { state, revision, chainVerification } = await loadReadableWithChain(
      this.commands,
      this.chains,
      proposalAggregate,
      id,
      actor,
    );
    res.header('ETag', `"${revision}"`);
    const last = state.answers[state.answers.length - 1];
    return {
      proposalId: state.proposalId,
      committeeId: state.committeeId,
      transferredByOfficeId: state.transferredByOfficeId,
      receiverId: state.receiverId,
      receiverIds: state.receiverIds,
      route: state.route,
      itemKind: state.itemKind,
      title: state.title,
      summary: state.summary,
      decisionId: state.decisionId,
      status: state.status,
      answer: state.status === 'answered' ? last.answer : null,
      transferredAt: state.transferredAt,
      answeredAt: state.status === 'answered' ? last.answeredAt : null,
      arguments: state.arguments,
      answers: state.answers,
      reroutedAt: state.reroutedAt,
      links: this.linksOf('proposal', id, actor),
      revision,
      chainVerification,
    };
  }

  /** The links at either end of a record that the caller reads (up to a page). */
  private linksOf(kind: string, id: string, actor: ActorContext): LinkView[] {
    return readLinks(this.read.db, {
      ...readerParams(actor),
      recordKind: kind,
      recordId: id,
      type: null,
      active: null,
      after: null,
      limit: MAX_PAGE,
    }).map(linkView);
  }
}
