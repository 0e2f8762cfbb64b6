import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ActorContext } from '../../platform/access/actor';
import { CurrentActor } from '../../platform/access/auth.guard';
import { ItemQueries } from './item-queries';
import {
  AssessmentDetailView,
  AssessmentListQueryDto,
  AssessmentPageView,
  ItemDetailView,
  ItemListQueryDto,
  ItemPageView,
} from './item.dto';

/** Reading legislative items and assessments: each list shows exactly what the caller may read. */
@ApiTags('items')
@ApiBearerAuth()
@Controller('api')
export class ItemsController {
  constructor(private readonly queries: ItemQueries) {}

  @Get('items')
  @ApiOperation({ summary: 'The legislative items the caller may read; filters; paged' })
  @ApiOkResponse({ type: ItemPageView })
  items(@Query() query: ItemListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.listItems(actor, query);
  }

  @Get('items/:itemId')
  @ApiOperation({
    summary:
      'An item: stage history, readings, divergences (open ones flagged), inquiries, inspections, version',
  })
  @ApiOkResponse({ type: ItemDetailView })
  async item(
    @Param('itemId', new ParseUUIDPipe({ version: undefined })) id: string,
    @CurrentActor() actor: ActorContext,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const detail = await this.queries.item(id, actor);
    res.header('ETag', `"${detail.revision}"`);
    return detail;
  }

  @Get('assessments')
  @ApiOperation({ summary: 'The assessments the caller may read; paged' })
  @ApiOkResponse({ type: AssessmentPageView })
  assessments(@Query() query: AssessmentListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.listAssessments(actor, query);
  }

  @Get('assessments/:assessmentId')
  @ApiOperation({ summary: 'An assessment report with the committee’s judgment' })
  @ApiOkResponse({ type: AssessmentDetailView })
  async assessment(
    @Param('assessmentId', new ParseUUIDPipe({ version: undefined })) id: string,
    @CurrentActor() actor: ActorContext,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const detail = await this.queries.assessment(id, actor);
    res.header('ETag', `"${detail.revision}"`);
    return detail;
  }
}
