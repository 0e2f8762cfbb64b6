import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ForbiddenError, NotFoundError } from '../kernel/domain-errors';
import { CurrentActor } from '../access/auth.guard';
import { ActorContext } from '../access/actor';
import { LogHeadView, StoreVerificationView } from './event-store.dto';
import { EVENT_STORE, EventStore } from './event-store.port';
import { HeadSigningKey } from './head-signing-key';
import { SignedLogHead } from './log-head';
import { LogHeadStore } from './log-head-store';
import { StoreVerification, verifyStore } from './verify-store';

/** Tamper evidence: the hash chains, the signed log heads and their verification. */
@ApiTags('event store')
@ApiBearerAuth()
@Controller('api/event-store')
export class EventStoreController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly heads: LogHeadStore,
    private readonly key: HeadSigningKey,
  ) {}

  @Get('verification')
  @ApiOperation({
    summary: 'Verify one stream, or the whole store against its signed heads (admin)',
  })
  @ApiQuery({ name: 'streamId', required: false })
  @ApiOkResponse({ type: StoreVerificationView })
  verify(
    @CurrentActor() actor: ActorContext,
    @Query('streamId') streamId?: string,
  ): Promise<StoreVerification> {
    if (!actor.roles.includes('admin')) {
      throw new ForbiddenError('Only an administrator verifies the event store', {
        requiredRoles: ['admin'],
      });
    }
    return verifyStore(this.store, { streamId, heads: this.heads, trustedKeyId: this.key.keyId });
  }

  /**
   * Any signed-in user may read the head: it holds counts, digests and a public key, no text of
   * any submission, and the more bodies keep copies of it the harder a silent rewrite becomes.
   */
  @Get('head')
  @ApiOperation({
    summary: 'The latest signed log head, for another body to keep as evidence',
    description:
      'Keep the whole response: `npm run verify -- --head head.json` later checks the log against it.',
  })
  @ApiOkResponse({ type: LogHeadView })
  head(): SignedLogHead {
    const head = this.heads.latest();
    if (!head) throw new NotFoundError('No log head has been signed yet');
    return head;
  }
}
