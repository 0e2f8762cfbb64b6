import { randomUUID } from 'node:crypto';
import { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

export const CORRELATION_HEADER = 'x-correlation-id';

const VALID = /^[\w.:-]{1,128}$/;

/**
 * Takes the caller's correlation id (or makes one) and echoes it on the response (an
 * `onRequest` hook, the first of the service's own).
 */
export function correlationHook(
  request: FastifyRequest & { correlationId?: string | null },
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  const given = request.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && VALID.test(given) ? given : randomUUID();
  request.correlationId = id;
  reply.header(CORRELATION_HEADER, id);
  done();
}
