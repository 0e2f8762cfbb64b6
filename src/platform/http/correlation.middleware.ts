import { randomUUID } from 'node:crypto';
import { NextFunction, Request, Response } from 'express';
import { RECEIVED_AT } from './request-logging';

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Takes the caller's correlation id (or makes one) and echoes it on the response; notes when the
 * request came in, for the slow-request log.
 */
export function correlationMiddleware(
  request: Request & { correlationId?: string; [RECEIVED_AT]?: number },
  response: Response,
  next: NextFunction,
): void {
  request[RECEIVED_AT] = performance.now();
  const given = request.header(CORRELATION_HEADER);
  const id = given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
  request.correlationId = id;
  response.setHeader(CORRELATION_HEADER, id);
  next();
}
