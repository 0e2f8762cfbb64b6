import { BadRequestException, ExecutionContext, createParamDecorator } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuthenticatedRequest } from '../access/auth.guard';
import { IDEMPOTENCY_HEADER } from './idempotent-commands';
import { CommandContext } from '../commands/command-handler';
import { requestHeader } from './request-header';

/** Reads `If-Match: "3"` (or W/"3", or 3) as the expected stream revision. */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(value);
  if (!match) {
    throw new BadRequestException(
      `If-Match must be an ETag from this API such as "3", not ${value}`,
    );
  }
  return Number(match[1]);
}

/** The command context of an HTTP request: actor, correlation, idempotency key, If-Match. */
export const CommandMeta = createParamDecorator(
  (_: unknown, context: ExecutionContext): CommandContext => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.actor) throw new Error('CommandMeta used on a route without authentication');
    return {
      actor: request.actor,
      correlationId: request.correlationId ?? randomUUID(),
      causationId: null,
      idempotencyKey: requestHeader(request, IDEMPOTENCY_HEADER),
      expectedRevision: parseIfMatch(requestHeader(request, 'if-match')),
    };
  },
);
