import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { json } from 'body-parser';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { jsonShapeProblem } from '../kernel/json-shape';

const JSON_TYPES = ['application/json', 'application/*+json'];

/** A request body refused before any route sees it, with the rule it broke. */
export class RequestBodyError extends HttpException {
  constructor(
    status: number,
    readonly title: string,
    readonly rule: string,
    detail: string,
    /** The body member at fault, as a path (`points[0].text`), when one is. */
    readonly field?: string,
  ) {
    super(detail, status);
  }
}

interface BodyParserError {
  type?: unknown;
  status?: unknown;
  message: string;
}

/**
 * body-parser reports a client's mistake as an http-errors error with a `type`; Nest would
 * answer those it does not know (413 among them) with 500. Server faults (5xx) pass unchanged.
 */
function toRequestBodyError(error: BodyParserError, limit: number): unknown {
  const status = typeof error.status === 'number' ? error.status : 500;
  if (status >= 500) return error;
  switch (error.type) {
    case 'entity.too.large':
      return new RequestBodyError(
        413,
        'Payload Too Large',
        'body_size_limit',
        `The request body is larger than ${limit} bytes (HTTP_BODY_LIMIT_BYTES)`,
      );
    case 'entity.parse.failed':
      return new RequestBodyError(
        400,
        'Malformed JSON',
        'json_syntax',
        `The request body is not valid JSON: ${error.message}`,
      );
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new RequestBodyError(415, 'Unsupported Media Type', 'body_encoding', error.message);
    default:
      // The rest (an aborted upload, a wrong Content-Length, a corrupt gzip stream) need no
      // rule of their own; only body-parser's typed errors have a message worth passing on.
      return new RequestBodyError(
        status,
        STATUS_CODES[status] ?? 'Bad Request',
        typeof error.type === 'string' ? error.type.replace(/\./g, '_') : 'request_body',
        `The request body could not be read${typeof error.type === 'string' ? ` (${error.message})` : ''}`,
      );
  }
}

/** A body of at least one byte; an empty POST needs no content type. */
function hasContent(request: Request): boolean {
  return (
    request.headers['transfer-encoding'] !== undefined ||
    Number(request.headers['content-length'] ?? 0) > 0
  );
}

/**
 * The API reads JSON only, up to `limit` bytes: any other content type is 415 rather than a
 * body silently ignored, and every parsing failure becomes a RequestBodyError (4xx problem).
 */
export function jsonRequestBody(limit: number): RequestHandler {
  const parse = json({ limit, type: JSON_TYPES });
  return (request: Request, response: Response, next: NextFunction) => {
    if (hasContent(request) && !request.is(JSON_TYPES)) {
      const given = request.headers['content-type'];
      next(
        new RequestBodyError(
          415,
          'Unsupported Media Type',
          'content_type',
          `The request body must be application/json${given ? `, not ${given}` : ' (no Content-Type given)'}`,
        ),
      );
      return;
    }
    parse(request, response, (error?: unknown) => {
      if (error) return next(toRequestBodyError(error as BodyParserError, limit));
      const problem = jsonShapeProblem(request.body);
      if (!problem) return next();
      next(
        problem.rule === 'json_depth'
          ? new RequestBodyError(400, 'JSON Too Deep', problem.rule, problem.message)
          : new RequestBodyError(
              400,
              'Malformed Text',
              problem.rule,
              problem.message,
              problem.field,
            ),
      );
    });
  };
}
