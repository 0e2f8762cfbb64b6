import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext } from '../../platform/access/actor';
import { CurrentActor } from '../../platform/access/auth.guard';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { MAX_PAGE, Page, decodeCursor, pageOf } from '../../platform/http/paging';
import { NotFoundError } from '../../platform/kernel/domain-errors';
import { readerParams } from '../../platform/projections/readers-table';
import { LinkRow, readLink, readLinks } from '../../projections/links.projection';
import { LinkListQueryDto, LinkPageView, LinkView } from './links.dto';

/** A link row as the API shows it. */
export function linkView(r: LinkRow): LinkView {
  return {
    linkId: r.link_id,
    type: r.type,
    from: { kind: r.from_kind, id: r.from_id, point: r.from_point },
    to: { kind: r.to_kind, id: r.to_id, point: r.to_point },
    rationale: r.rationale,
    active: r.active === 1,
    establishedAt: r.established_at,
    removedAt: r.removed_at,
    removalReason: r.removal_reason,
    legislatureId: r.legislature_id,
    committeeId: r.committee_id,
  };
}

/** Reading links: those the caller reads, at either end of a record. */
@ApiTags('links')
@ApiBearerAuth()
@Controller('api/links')
export class LinksController {
  constructor(private readonly read: ReadDatabase) {}

  @Get()
  @ApiOperation({
    summary: 'The links the caller reads, at either end of a record (recordKind, recordId); paged',
  })
  @ApiOkResponse({ type: LinkPageView })
  list(@Query() query: LinkListQueryDto, @CurrentActor() actor: ActorContext): Page<LinkView> {
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
    const rows = readLinks(this.read.db, {
      ...readerParams(actor),
      recordKind: query.recordKind ?? null,
      recordId: query.recordId ?? null,
      type: query.type ?? null,
      active: query.active === undefined ? null : query.active === 'true',
      after: after ? [String(after[0]), String(after[1])] : null,
      limit: Math.min(limit, MAX_PAGE) + 1,
    });
    return pageOf(rows, limit, (r) => [r.established_at, r.link_id], linkView);
  }

  @Get(':linkId')
  @ApiOperation({ summary: 'One link, active or removed' })
  @ApiOkResponse({ type: LinkView })
  detail(
    @Param('linkId', new ParseUUIDPipe({ version: undefined })) linkId: string,
    @CurrentActor() actor: ActorContext,
  ): LinkView {
    const row = readLink(this.read.db, linkId, readerParams(actor).principals);
    if (!row) throw new NotFoundError(`Link ${linkId} not found`);
    return linkView(row);
  }
}
