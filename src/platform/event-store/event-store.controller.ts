import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ForbiddenError } from '../kernel/domain-errors';
import { CurrentActor } from '../access/auth.guard';
import { ActorContext } from '../access/actor';
import { EVENT_STORE, EventStore } from './event-store.port';
import { verifyChains } from './verify-chain';

/** Tamper evidence: recomputes the hash chains and names the first broken link. */
@ApiTags('event store')
@ApiBearerAuth()
@Controller('api/event-store')
export class EventStoreController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('verification')
  @ApiOperation({ summary: 'Verify one stream’s hash chain, or the whole store (admin)' })
  @ApiQuery({ name: 'streamId', required: false })
  @ApiOkResponse({ description: '{ streams, events, valid, firstBrokenLink }' })
  verify(@CurrentActor() actor: ActorContext, @Query('streamId') streamId?: string) {
    if (!actor.roles.includes('admin')) {
      throw new ForbiddenError('Only an administrator verifies the event store', {
        requiredRoles: ['admin'],
      });
    }
    return verifyChains(this.store, streamId);
  }
}
