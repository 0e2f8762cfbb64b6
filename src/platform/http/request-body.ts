import { STATUS_CODES } from 'node:http';
import { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { HttpException } from '@nestjs/common';
import { FastifyInstance, FastifyRequest } from 'fastify';
import getRawBody from 'raw-body';
import { jsonShapeProblem } from '../kernel/json-shape';

/** JSON and the `+json` structured syntax suffix (RFC 6839), as `application/*+json`. */
const JSON_TYPES = ['application/json', /^application\/[\w.!#$&^-]+\+json(\s*;|$)/i] as const;

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

const unsupportedType = (given: string | undefined) =>
  new RequestBodyError(
    415,
    'Unsupported Media Type',
    'content_type',
    `The request body must be application/json${given ? `, not ${given}` : ' (no Content-Type given)'}`,
  );

const unsupportedEncoding = (detail: string) =>
  new RequestBodyError(415, 'Unsupported Media Type', 'body_encoding', detail);

interface ReadError {
  type?: unknown;
  status?: unknown;
  message: string;
}

/**
 * raw-body reports a client's mistake as an http-errors error with a `type`; a broken gzip
 * stream fails with zlib's error. Each becomes a RequestBodyError (4xx problem naming the rule).
 */
function toRequestBodyError(error: ReadError, limit: number): RequestBodyError {
  const status =
    typeof error.status === 'number' && error.status >= 400 && error.status < 500
      ? error.status
      : 400;
  switch (error.type) {
    case 'entity.too.large':
      return new RequestBodyError(
        413,
        'Payload Too Large',
        'body_size_limit',
        `The request body is larger than ${limit} bytes (HTTP_BODY_LIMIT_BYTES)`,
      );
    case 'encoding.unsupported':
      return unsupportedEncoding(error.message);
    default:
      // The rest (an aborted upload, a wrong Content-Length, a corrupt gzip stream) need no
      // rule of their own; only raw-body's typed errors have a message worth passing on.
      return new RequestBodyError(
        status,
        STATUS_CODES[status] ?? 'Bad Request',
        typeof error.type === 'string' ? error.type.replace(/\./g, '_') : 'request_body',
        `The request body could not be read${typeof error.type === 'string' ? ` (${error.message})` : ''}`,
      );
  }
}

/** The body as sent, inflated as its Content-Encoding says (as body-parser did). */
function contentStream(request: IncomingMessage): Readable {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  const inflate =
    encoding === 'identity'
      ? undefined
      : encoding === 'gzip' || encoding === 'x-gzip'
        ? createGunzip()
        : encoding === 'deflate'
          ? createInflate()
          : encoding === 'br'
            ? createBrotliDecompress()
            : null;
  if (inflate === undefined) return request;
  if (inflate === null) throw unsupportedEncoding(`unsupported content encoding "${encoding}"`);
  request.on('error', (error) => inflate.destroy(error));
  return request.pipe(inflate);
}

/** Reads the whole body as UTF-8 text, at most `limit` bytes once inflated. */
async function readText(request: IncomingMessage, limit: number): Promise<string> {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i
    .exec(request.headers['content-type'] ?? '')?.[1]
    ?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw unsupportedEncoding(`unsupported charset "${charset.toUpperCase()}"`);
  }
  const stream = contentStream(request);
  try {
    return await getRawBody(stream, {
      limit,
      // A Content-Length only says how much arrives when nothing is inflated.
      length: stream === request ? request.headers['content-length'] : undefined,
      encoding: 'utf-8',
    });
  } catch (error) {
    throw toRequestBodyError(error as ReadError, limit);
  }
}

/** JSON text to the request's body: 400 for broken syntax, too deep or not well-formed text. */
function parseJson(text: string): unknown {
  // An empty body with a JSON type reads as an empty object, as body-parser read it.
  if (text.length === 0) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new RequestBodyError(
      400,
      'Malformed JSON',
      'json_syntax',
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
  // A bare string or number is not a request object either (body-parser's `strict`).
  if (typeof body !== 'object' || body === null) {
    throw new RequestBodyError(
      400,
      'Malformed JSON',
      'json_syntax',
      'The request body is not valid JSON: a JSON object or array is required',
    );
  }
  const problem = jsonShapeProblem(body);
  if (!problem) return body;
  throw problem.rule === 'json_depth'
    ? new RequestBodyError(400, 'JSON Too Deep', problem.rule, problem.message)
    : new RequestBodyError(400, 'Malformed Text', problem.rule, problem.message, problem.field);
}

/**
 * The API reads JSON only, up to `limit` bytes: any other content type (or none, with a body)
 * is 415 rather than a body silently ignored, and every reading or parsing failure becomes a
 * RequestBodyError (4xx problem). Replaces Fastify's own parsers.
 */
export function registerJsonBody(fastify: FastifyInstance, limit: number): void {
  fastify.removeAllContentTypeParsers();
  const parseBody = async (request: FastifyRequest) =>
    parseJson(await readText(request.raw, limit));
  for (const type of JSON_TYPES) fastify.addContentTypeParser(type, parseBody);
  fastify.addContentTypeParser('*', async (request: FastifyRequest) => {
    throw unsupportedType(request.headers['content-type']);
  });
}
