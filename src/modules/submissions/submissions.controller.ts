import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { ActorContext } from '../../platform/access/actor';
import { CurrentActor } from '../../platform/access/auth.guard';
import { SubmissionQueries } from './submission-queries';
import { ListQueryDto, SubmissionDetailView, SubmissionPageView } from './submission.dto';

/** Reading submissions: the lists (each a view of what the caller may read) and the detail. */
@ApiTags('submissions')
@ApiBearerAuth()
@Controller('api')
export class SubmissionsController {
  constructor(private readonly queries: SubmissionQueries) {}

  @Get('submissions')
  @ApiOperation({ summary: 'Every submission the caller may read, overdue first; paged' })
  @ApiOkResponse({ type: SubmissionPageView })
  list(@Query() query: ListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.list(actor, query);
  }

  @Get('submissions/:submissionId')
  @ApiOperation({ summary: 'A submission with its full history and hash-chain verification' })
  @ApiOkResponse({ type: SubmissionDetailView })
  async detail(
    @Param('submissionId', new ParseUUIDPipe({ version: undefined })) id: string,
    @CurrentActor() actor: ActorContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const detail = await this.queries.detail(id, actor);
    res.setHeader('ETag', `"${detail.revision}"`);
    // The ETag is the revision, but the answer is the reader's own (the steps open to them): a
    // browser shared by several users revalidated one's cached copy for another (304). Nor
    // should a confidential text stay in a browser's cache.
    res.setHeader('Vary', 'Authorization');
    res.setHeader('Cache-Control', 'no-store');
    return detail;
  }

  @Get('inbox')
  @ApiOperation({ summary: 'The committee office’s inbox: what was sent to its committee' })
  @ApiOkResponse({ type: SubmissionPageView })
  inbox(@Query() query: ListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.list(actor, { ...query, box: 'inbox' });
  }

  @Get('outbox')
  @ApiOperation({ summary: 'The Party group’s outbox: what its side drafted and sent' })
  @ApiOkResponse({ type: SubmissionPageView })
  outbox(@Query() query: ListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.list(actor, { ...query, box: 'outbox' });
  }

  @Get('granted')
  @ApiOperation({ summary: 'Submissions explicitly shared with the caller or its organisation' })
  @ApiOkResponse({ type: SubmissionPageView })
  granted(@Query() query: ListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.list(actor, { ...query, box: 'granted' });
  }
}
