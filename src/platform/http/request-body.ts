import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { json } from 'body-parser';
import { NextFunction, Request, RequestHandler, Response } from 'express';

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Far deeper than any request DTO (an opinion's points are three levels); a body of a few KB
 * nested ten thousand levels deep would overflow the stack of the recursive transformation and
 * validation that follow.
 */
const MAX_JSON_DEPTH = 32;

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

/** In Unicode mode a surrogate pair is one code point, so only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;
const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

const memberPath = (parent: string, key: string, inArray: boolean) =>
  inArray ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/**
 * What no route should see: nesting deeper than `MAX_JSON_DEPTH`, or a string (or member name)
 * holding a lone UTF-16 surrogate (`"\ud800"` is valid JSON but no text: it cannot be stored as
 * UTF-8 or shown, and would make the hash chain's canonical form ambiguous).
 */
function bodyProblem(value: unknown): RequestBodyError | null {
  const pending: [unknown, number, string][] = [[value, 1, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth, path] = next;
    if (typeof node === 'string' && !wellFormed(node)) return malformedText(path);
    if (node === null || typeof node !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      return new RequestBodyError(
        400,
        'JSON Too Deep',
        'json_depth',
        `The request body nests deeper than ${MAX_JSON_DEPTH} levels`,
      );
    }
    const inArray = Array.isArray(node);
    for (const [key, child] of Object.entries(node)) {
      const childPath = memberPath(path, key, inArray);
      if (!wellFormed(key)) return malformedText(childPath);
      pending.push([child, depth + 1, childPath]);
    }
  }
  return null;
}

function malformedText(path: string): RequestBodyError {
  return new RequestBodyError(
    400,
    'Malformed Text',
    'well_formed_unicode',
    `${path || 'The request body'} holds a lone UTF-16 surrogate, which is not text`,
    path || undefined,
  );
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
      next(bodyProblem(request.body) ?? undefined);
    });
  };
}
