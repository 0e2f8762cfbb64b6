import { DynamicModule, ExecutionContext } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../../config/app-config';
import { AuthenticatedRequest } from '../access/auth.guard';

/**
 * Health checks are polled by orchestrators and load balancers; they are never throttled. (The
 * API docs are served by middleware, not routes, so no guard sees them.)
 */
function exempt(context: ExecutionContext): boolean {
  return /^\/health(\/|$)/.test(context.switchToHttp().getRequest<AuthenticatedRequest>().path);
}

/**
 * RATE_LIMIT_PER_MINUTE requests a minute per caller, counted in this process. ThrottlerGuard is
 * registered after AuthGuard, so `actor` is the verified token's subject: a forged token cannot
 * spend someone else's budget. Requests without one (public routes) count per client address.
 */
export function rateLimitModule(config: AppConfig): DynamicModule {
  const limit = config.RATE_LIMIT_PER_MINUTE;
  return ThrottlerModule.forRoot({
    throttlers: [{ ttl: 60_000, limit }],
    skipIf: (context) => limit === 0 || exempt(context),
    getTracker: (request) => {
      const { actor, ip } = request as AuthenticatedRequest;
      return actor ? `user:${actor.userId}` : `address:${ip}`;
    },
    errorMessage: (_, { timeToBlockExpire }) =>
      `More than ${limit} requests a minute; retry in ${timeToBlockExpire} s`,
  });
}
