import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext } from '../../platform/access/actor';
import { CurrentActor } from '../../platform/access/auth.guard';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { Page, keysetParams, pageOf } from '../../platform/http/paging';
import { readerParams } from '../../platform/projections/readers-table';
import { SearchHitRow, SearchQuery, searchRecords } from '../../projections/search.projection';
import {
  SEARCH_KIND_LABELS,
  SNIPPET_FIELDS,
  SearchHitView,
  SearchPageView,
  SearchQueryDto,
} from './search.dto';
import { highlight, parseSearch, snippetOf } from './search-text';

const DETAIL: Record<SearchHitRow['kind'], string> = {
  submission: '/api/submissions/',
  decision: '/api/decisions/',
  item: '/api/items/',
};

function hitView(row: SearchHitRow, terms: string[]): SearchHitView {
  let snippet: SearchHitView['snippet'] = null;
  for (const field of SNIPPET_FIELDS) {
    const segments = snippetOf(row[field], terms);
    if (segments) {
      snippet = { field, segments };
      break;
    }
  }
  return {
    kind: row.kind,
    kindLabel: SEARCH_KIND_LABELS[row.kind],
    id: row.record_id,
    href: `${DETAIL[row.kind]}${row.record_id}`,
    title: row.title,
    titleSegments: highlight(row.title, terms),
    documentNumber: row.document_number,
    recordedAt: row.recorded_at,
    snippet,
  };
}

/**
 * Search across submissions, committee decisions and legislative items, among the records the
 * caller reads (their owners' readers rows, as every list and detail), never the text of a
 * secret submission.
 */
@ApiTags('search')
@ApiBearerAuth()
@Controller('api')
export class SearchController {
  constructor(private readonly read: ReadDatabase) {}

  @Get('search')
  @ApiOperation({
    summary:
      'Records the caller reads that hold every search term: title and number matches first, then newest first',
  })
  @ApiOkResponse({ type: SearchPageView })
  search(@Query() query: SearchQueryDto, @CurrentActor() actor: ActorContext): Page<SearchHitView> {
    const parsed = parseSearch(query.q);
    const { limit, params } = keysetParams(query, 4);
    const rows = searchRecords(this.read.db, {
      ...readerParams(actor),
      ...(params as Pick<SearchQuery, 'after' | 'k0' | 'k1' | 'k2' | 'k3' | 'limit'>),
      match: parsed.match,
      bigrams: parsed.bigrams,
      short: JSON.stringify(parsed.short),
      terms: JSON.stringify(parsed.terms),
      kind: query.kind ?? null,
    });
    return pageOf(
      rows,
      limit,
      (r) => [r.tier, r.recorded_at, r.kind, r.record_id],
      (r) => hitView(r, parsed.terms),
    );
  }
}
