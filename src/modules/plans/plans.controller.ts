import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ActorContext } from '../../platform/access/actor';
import { CurrentActor } from '../../platform/access/auth.guard';
import { PlanQueries } from './plan-queries';
import { PlanDetailView, PlanListQueryDto, PlanPageView } from './plan.dto';

/** Reading legislative plans: the list shows exactly the plans the caller may read. */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('api')
export class PlansController {
  constructor(private readonly queries: PlanQueries) {}

  @Get('plans')
  @ApiOperation({ summary: 'The plans the caller may read; filters kind, status, year; paged' })
  @ApiOkResponse({ type: PlanPageView })
  list(@Query() query: PlanListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.list(actor, query);
  }

  @Get('plans/:planId')
  @ApiOperation({ summary: 'A plan: entries with their case, report, approval, adjustments' })
  @ApiOkResponse({ type: PlanDetailView })
  async detail(
    @Param('planId', new ParseUUIDPipe({ version: undefined })) id: string,
    @CurrentActor() actor: ActorContext,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const detail = await this.queries.detail(id, actor);
    res.header('ETag', `"${detail.revision}"`);
    return detail;
  }
}
