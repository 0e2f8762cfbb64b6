import {
  CanActivate,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
} from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config';
import { AuthenticatedRequest } from '../access/auth.guard';

/**
 * Health checks are polled by orchestrators and load balancers, so they are never throttled.
 * (The API docs are served by middleware, not routes: no guard sees them.)
 */
const EXEMPT = /^\/health(\/|\?|$)/;

/**
 * RATE_LIMIT_PER_MINUTE requests a minute per caller, counted in this process. Registered after
 * AuthGuard, so `actor` is the verified token's subject and a forged token cannot spend someone
 * else's budget; requests without one (public routes) count per client address. A fixed-window
 * counter costs the same at any limit (@nestjs/throttler's sliding log filters every hit of
 * the window on each request: ~0.1 ms at a few thousand).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limit: number;
  private readonly limiter?: RateLimiterMemory;

  constructor(config: AppConfig) {
    this.limit = config.RATE_LIMIT_PER_MINUTE;
    if (this.limit > 0) this.limiter = new RateLimiterMemory({ points: this.limit, duration: 60 });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!this.limiter || EXEMPT.test(request.url)) return true;
    const key = request.actor ? `user:${request.actor.userId}` : `address:${request.ip}`;
    try {
      await this.limiter.consume(key);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(seconds));
      throw new HttpException(
        `More than ${this.limit} requests a minute; retry in ${seconds} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
