import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ActorContext } from '../../platform/access/actor';
import { CurrentActor } from '../../platform/access/auth.guard';
import { ExportLang, UTF8_BOM, exportFile } from '../../platform/http/csv';
import { DashboardAnswer, DashboardQueries } from './dashboard-queries';
import { dashboardCsv } from './dashboard-csv';
import { AdoptionQueryDto, DashboardQueryDto } from './dashboards.dto';

const CHART_SCHEMA = {
  type: 'object' as const,
  properties: {
    chart: { type: 'string' as const },
    asOf: {
      type: 'object' as const,
      properties: {
        at: { type: 'integer' as const, nullable: true },
        today: { type: 'string' as const },
      },
    },
    filters: { type: 'object' as const, additionalProperties: true },
    ignoredFilters: { type: 'array' as const, items: { type: 'string' as const } },
    columns: {
      type: 'array' as const,
      items: {
        type: 'object' as const,
        properties: {
          key: { type: 'string' as const },
          zh: { type: 'string' as const },
          en: { type: 'string' as const },
          labels: { type: 'array' as const, items: { type: 'string' as const } },
        },
      },
    },
    rows: {
      type: 'array' as const,
      items: { type: 'object' as const, additionalProperties: true },
    },
    summary: { type: 'object' as const, additionalProperties: true },
    names: { type: 'object' as const, additionalProperties: true },
  },
};

const ok = (what: string) => ({
  description: `${what}: JSON (columns and rows, the chart's table), or CSV (UTF-8 with BOM) with format=csv`,
  schema: CHART_SCHEMA,
});

/**
 * The post-legislation assessment dashboards: one GET per chart, each answering the chart's
 * table as JSON or CSV, from the dashboards projection's counters the caller reads, live or
 * as of a day or log position. Bad filters are 400 problem+json naming the field and the rule.
 */
@ApiTags('dashboards')
@ApiBearerAuth()
@Controller('api/dashboards')
export class DashboardsController {
  constructor(private readonly queries: DashboardQueries) {}

  /** The chart's table as JSON, or as CSV when asked for. */
  private answer(
    query: DashboardQueryDto,
    answer: DashboardAnswer,
  ): DashboardAnswer | StreamableFile {
    if (query.format !== 'csv') return answer;
    const lang: ExportLang = query.lang ?? 'both';
    const stamp = (
      answer.asOf.at === null ? answer.asOf.today : `${answer.asOf.today}-p${answer.asOf.at}`
    ).replace(/[^\w-]/g, '');
    return exportFile(
      [UTF8_BOM + dashboardCsv(answer, lang)],
      'csv',
      `dashboard-${answer.chart}-${stamp}`,
    );
  }

  @Get('adoption')
  @ApiOperation({ summary: 'Adoption of opinion points by year, category or submitting body' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse(ok('Opinion points adopted, partly adopted, not adopted and pending'))
  adoption(
    @Query() query: AdoptionQueryDto,
    @CurrentActor() actor: ActorContext,
  ): DashboardAnswer | StreamableFile {
    return this.answer(query, this.queries.adoption(actor, query, query.groupBy ?? 'year'));
  }

  @Get('timeliness')
  @ApiOperation({ summary: 'Replies and feedback against their due dates (on-time share)' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse(ok('Answers by days early or late; on-time shares in summary'))
  timeliness(
    @Query() query: DashboardQueryDto,
    @CurrentActor() actor: ActorContext,
  ): DashboardAnswer | StreamableFile {
    return this.answer(query, this.queries.timeliness(actor, query));
  }

  @Get('overdue')
  @ApiOperation({ summary: 'Replies and feedback awaited now (or as of), by days overdue' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse(ok('Awaited replies and feedback by days past the due date'))
  overdue(
    @Query() query: DashboardQueryDto,
    @CurrentActor() actor: ActorContext,
  ): DashboardAnswer | StreamableFile {
    return this.answer(query, this.queries.overdue(actor, query));
  }

  @Get('stages')
  @ApiOperation({ summary: 'Legislative items by stage and kind' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse(ok('Items by stage'))
  stages(
    @Query() query: DashboardQueryDto,
    @CurrentActor() actor: ActorContext,
  ): DashboardAnswer | StreamableFile {
    return this.answer(query, this.queries.stages(actor, query));
  }

  @Get('flow')
  @ApiOperation({ summary: 'The flow decision → item → stage' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse(ok('Decision–item pairs by decision kind, item kind and stage'))
  flow(
    @Query() query: DashboardQueryDto,
    @CurrentActor() actor: ActorContext,
  ): DashboardAnswer | StreamableFile {
    return this.answer(query, this.queries.flow(actor, query));
  }

  @Get('lag')
  @ApiOperation({ summary: 'Legalisation lag: decision → adoption, → entry into force' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse(
    ok('Decision–item pairs by days from decision to adoption and to entry into force'),
  )
  lag(
    @Query() query: DashboardQueryDto,
    @CurrentActor() actor: ActorContext,
  ): DashboardAnswer | StreamableFile {
    return this.answer(query, this.queries.lag(actor, query));
  }

  @Get('divergences')
  @ApiOperation({ summary: 'Divergences by state and last step' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse(ok('Divergences'))
  divergences(
    @Query() query: DashboardQueryDto,
    @CurrentActor() actor: ActorContext,
  ): DashboardAnswer | StreamableFile {
    return this.answer(query, this.queries.divergences(actor, query));
  }

  @Get('inquiries')
  @ApiOperation({ summary: 'Post-legislation inquiries by state and conclusion' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse(ok('Inquiries'))
  inquiries(
    @Query() query: DashboardQueryDto,
    @CurrentActor() actor: ActorContext,
  ): DashboardAnswer | StreamableFile {
    return this.answer(query, this.queries.inquiries(actor, query));
  }
}
