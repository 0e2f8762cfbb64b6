import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../kernel/domain-errors';
import { RequestBodyError } from './request-body';
import { RequestValidationError } from './request-validation';

const PROBLEM_BASE = 'https://legislink.dev/problems/';

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

type Problem = { status: number; title: string; detail: string; [key: string]: unknown };

/** Answers with a problem: its type from its title, the request's path and correlation id. */
export function sendProblem(
  request: FastifyRequest & { correlationId?: string | null },
  reply: FastifyReply,
  problem: Problem,
): void {
  void reply
    .status(problem.status)
    .type('application/problem+json')
    .send({
      ...problem,
      type: `${PROBLEM_BASE}${slug(problem.title)}`,
      instance: request.originalUrl,
      correlationId: request.correlationId,
    });
}

/**
 * Every error leaves as RFC 9457 problem details (`application/problem+json`), naming the
 * offending fields and rules where there are any, and the correlation id to quote to support.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest & { correlationId?: string | null }>();
    const response = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception);
    if (problem.status >= 500) {
      // There is no request-scoped logger: the line names the request itself.
      this.logger.error({
        msg: exception instanceof Error ? exception.message : 'Unhandled error',
        err: exception,
        correlationId: request.correlationId,
        req: { method: request.method, url: request.originalUrl },
      });
    }
    sendProblem(request, response, problem);
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) {
      return {
        status: exception.status,
        title: exception.title,
        detail: exception.message,
        ...exception.details,
      };
    }
    if (exception instanceof RequestValidationError) {
      return {
        status: 400,
        title: 'Invalid request',
        detail: exception.message,
        errors: exception.errors,
      };
    }
    if (exception instanceof RequestBodyError) {
      return {
        status: exception.getStatus(),
        title: exception.title,
        detail: exception.message,
        rule: exception.rule,
        ...(exception.field
          ? {
              errors: [
                { field: exception.field, rule: exception.rule, message: exception.message },
              ],
            }
          : {}),
      };
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const detail =
        typeof body === 'string'
          ? body
          : String((body as { message?: unknown }).message ?? exception.message);
      const status = exception.getStatus();
      return { status, title: STATUS_CODES[status] ?? 'Error', detail };
    }
    return { status: 500, title: 'Internal error', detail: 'An unexpected error occurred' };
  }
}
