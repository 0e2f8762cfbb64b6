import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ActorContext } from '../../platform/access/actor';
import { CurrentActor } from '../../platform/access/auth.guard';
import { UTF8_BOM, exportFile } from '../../platform/http/csv';
import { csvHeader, csvRow } from './linkage-export';
import { LinkageQueries } from './linkage-queries';
import { LogCalendar } from '../../platform/http/as-of';
import {
  AsOfOnlyQueryDto,
  DecisionExportQueryDto,
  DecisionListQueryDto,
  ItemListQueryDto,
} from './linkage.dto';

/** A view object: its fields are listed in the README's linkage section. */
const view = (description: string) => ({
  description,
  schema: { type: 'object' as const, additionalProperties: true },
});
const page = (description: string) => ({
  description,
  schema: {
    type: 'object' as const,
    properties: {
      items: {
        type: 'array' as const,
        items: { type: 'object' as const, additionalProperties: true },
      },
      nextCursor: { type: 'string' as const, nullable: true },
    },
  },
});

/** The most rows an export holds; narrower filters export the rest. */
export const EXPORT_MAX_ROWS = 10_000;

/**
 * The linkage view: committee decisions with the legislative items that carry them out, and
 * the reverse; live or "as of" a past day or log position. Read-only; every answer goes
 * through the readers table, so a record appears exactly when its detail is readable.
 */
@ApiTags('linkage')
@ApiBearerAuth()
@Controller('api/linkage')
export class LinkageController {
  constructor(
    private readonly queries: LinkageQueries,
    private readonly calendar: LogCalendar,
  ) {}

  @Get('decisions')
  @ApiOperation({ summary: 'Decisions with their linked items, adoption, lag and flags; paged' })
  @ApiOkResponse(page('A page of decisions of the linkage view'))
  decisions(@Query() query: DecisionListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.listDecisions(actor, query);
  }

  @Get('decisions/export')
  @ApiOperation({ summary: 'The decisions of the view as CSV (UTF-8 with BOM) or JSON' })
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({ description: 'Every decision matching the filters (at most 10,000)' })
  export(
    @Query() query: DecisionExportQueryDto,
    @CurrentActor() actor: ActorContext,
  ): StreamableFile {
    const { format = 'csv', lang = 'both', ...filters } = query;
    const moment = this.calendar.moment(filters.asOf);
    const stamp = (moment.at === null ? moment.today : `${moment.today}-p${moment.at}`).replace(
      /[^\w-]/g,
      '',
    );
    const queries = this.queries;
    // Written as it is read, a page of 200 at a time, all at the one moment.
    function* chunks(): Generator<string> {
      yield format === 'csv'
        ? UTF8_BOM + csvHeader(lang)
        : `{"asOf":${JSON.stringify(moment)},"items":[`;
      let cursor: string | undefined;
      let rows = 0;
      do {
        const next = queries.decisionPage(actor, { ...filters, limit: 200, cursor }, moment);
        let text = '';
        for (const decision of next.items) {
          if (format === 'csv') text += csvRow(decision, lang);
          else text += `${rows > 0 ? ',' : ''}${JSON.stringify(decision)}`;
          rows += 1;
        }
        yield text;
        cursor = next.nextCursor ?? undefined;
      } while (cursor && rows < EXPORT_MAX_ROWS);
      if (format !== 'csv') yield `],"truncated":${cursor ? 'true' : 'false'}}`;
    }
    return exportFile(chunks(), format, `linkage-decisions-${stamp}`);
  }

  @Get('decisions/:decisionId')
  @ApiOperation({
    summary: 'One decision: its items, submissions, points, divergences, proposals, links',
  })
  @ApiOkResponse(view('A decision of the linkage view in full'))
  decision(
    @Param('decisionId', new ParseUUIDPipe({ version: undefined })) id: string,
    @Query() query: AsOfOnlyQueryDto,
    @CurrentActor() actor: ActorContext,
  ) {
    return this.queries.decisionDetail(actor, id, query.asOf);
  }

  @Get('items')
  @ApiOperation({ summary: 'Legislative items with the decisions they carry out; paged' })
  @ApiOkResponse(page('A page of items of the linkage view'))
  items(@Query() query: ItemListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.listItems(actor, query);
  }

  @Get('items/:itemId')
  @ApiOperation({
    summary: 'One item: its decisions, plan, submissions and points, proposals, links',
  })
  @ApiOkResponse(view('An item of the linkage view in full'))
  item(
    @Param('itemId', new ParseUUIDPipe({ version: undefined })) id: string,
    @Query() query: AsOfOnlyQueryDto,
    @CurrentActor() actor: ActorContext,
  ) {
    return this.queries.itemDetail(actor, id, query.asOf);
  }
}
