import { randomUUID } from 'node:crypto';
import { NextFunction, Request, Response } from 'express';

export const CORRELATION_HEADER = 'x-correlation-id';

/** Takes the caller's correlation id (or makes one) and echoes it on the response. */
export function correlationMiddleware(
  request: Request & { correlationId?: string },
  response: Response,
  next: NextFunction,
): void {
  const given = request.header(CORRELATION_HEADER);
  const id = given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
  request.correlationId = id;
  response.setHeader(CORRELATION_HEADER, id);
  next();
}
