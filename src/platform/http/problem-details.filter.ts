import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
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

/**
 * Every error leaves as RFC 9457 problem details (`application/problem+json`), naming the
 * offending fields and rules where there are any, and the correlation id to quote to support.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { correlationId?: string }>();
    const response = http.getResponse<Response>();
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
    response
      .status(problem.status)
      .type('application/problem+json')
      .json({
        ...problem,
        type: `${PROBLEM_BASE}${slug(problem.title)}`,
        instance: request.originalUrl,
        correlationId: request.correlationId,
      });
  }

  private toProblem(exception: unknown): {
    status: number;
    title: string;
    detail: string;
    [key: string]: unknown;
  } {
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
