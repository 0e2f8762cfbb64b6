import { LoggerService } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import pino, { Logger as Pino } from 'pino';
import { RequestLogMode } from '../../config/app-config';

type LoggedRequest = Pick<FastifyRequest, 'method' | 'originalUrl' | 'ip'> & {
  correlationId?: string | null;
};

/** The process's one pino logger: JSON lines on stdout, written synchronously. */
export function rootLogger(level: string): Pino {
  return pino({ level });
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger interface over pino: `{ context, msg }` lines; an Error becomes `err`, an
 * object's fields become the line's (its `msg` the message). Nest passes the context last.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const context =
      rest.length > 0 && typeof rest[rest.length - 1] === 'string'
        ? (rest.pop() as string)
        : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    // Nest's own error(message, stack, context).
    if (level === 'error' && typeof rest[0] === 'string' && /\n\s+at /.test(rest[0])) {
      fields.stack = rest.shift();
    }
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...own } = message as Record<string, unknown>;
      this.pino[level]({ ...fields, ...own }, typeof msg === 'string' ? msg : undefined);
    } else {
      this.pino[level](fields, String(message), ...rest);
    }
  }
}

/**
 * One line per finished request, as LOG_REQUESTS says:
 * - `all`: every one (info; 5xx at error);
 * - `errors`: client errors (info) and server errors (error), plus any slower than
 *   `slowRequestMs` (warn); a quick success writes nothing;
 * - `off`: none (application logs, such as a 5xx's error, are written still).
 * The line names the correlation id, method, path, client address, status and time taken; never
 * a header, so never the bearer token. Nothing is serialised for a request that writes no line.
 * Returns what the `onResponse` hook calls (`finished`) and the `onRequestAbort` hook (a client
 * gone before the answer: no status, no time), or nothing when no line is ever written.
 */
export function requestLogger(logger: Pino, mode: RequestLogMode, slowRequestMs: number) {
  if (mode === 'off') return undefined;
  const levelOf = (status: number, ms: number, finished: boolean): Level | null => {
    if (status >= 500) return 'error';
    if (mode === 'all' || status >= 400 || !finished) return 'info';
    return ms >= slowRequestMs ? 'warn' : null;
  };
  return (
    request: LoggedRequest,
    statusCode: number | undefined,
    ms: number | undefined,
    finished: boolean,
  ): void => {
    const level = levelOf(statusCode ?? 0, ms ?? 0, finished);
    if (level === null || !logger.isLevelEnabled(level)) return;
    logger[level](
      {
        correlationId: request.correlationId,
        req: { method: request.method, url: request.originalUrl, remoteAddress: request.ip },
        res: statusCode === undefined ? undefined : { statusCode },
        responseTime: ms === undefined ? undefined : Math.round(ms),
      },
      finished ? 'request completed' : 'request aborted',
    );
  };
}
