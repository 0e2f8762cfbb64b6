import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  OperationObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Express } from 'express';
import helmet from 'helmet';
import { AppConfig } from '../../config/app-config';
import { CORRELATION_HEADER, correlationMiddleware } from './correlation.middleware';
import { PUBLIC_OPERATION } from '../access/auth.guard';
import { ProblemView } from './problem-schema';
import { jsonRequestBody } from './request-body';
import { PinoNestLogger, requestLogger, rootLogger } from './request-logging';
import { requestValidationPipe } from './request-validation';

/**
 * What main.ts and the e2e tests both apply to the Nest application. The middleware registered
 * here runs before Nest's own (added at init), in this order.
 */
export function configureApp(app: INestApplication): INestApplication {
  const config = app.get(AppConfig);
  const logger = rootLogger(config.LOG_LEVEL);
  app.useLogger(new PinoNestLogger(logger));
  // Express puts a weak ETag on every body, problems included; the API sets strong ones itself
  // where they mean something (a stream's revision).
  const express = app.getHttpAdapter().getInstance() as Express;
  express.set('etag', false);
  // Behind an intranet's reverse proxy the socket's address is the proxy's.
  express.set('trust proxy', config.TRUST_PROXY_HOPS);
  // First, so that a request refused by any later step still has its correlation id.
  app.use(correlationMiddleware);
  app.use(requestLogger(logger, config.LOG_REQUESTS, config.LOG_SLOW_REQUEST_MS));
  // Without upgrade-insecure-requests: where the service is reached over plain HTTP (an intranet,
  // no TLS proxy), it would send the API docs' scripts to an https:// that does not answer.
  // Everything comes from the service itself: scripts only from 'self'; styles from 'self' and
  // inline (the web UI's component library injects its CSS at run time); no https: anywhere.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          upgradeInsecureRequests: null,
          styleSrc: ["'self'", "'unsafe-inline'"],
          fontSrc: ["'self'", 'data:'],
          imgSrc: ["'self'", 'data:'],
          // The browser talks to the OIDC provider (discovery, token endpoint) only when one is
          // configured, and to no other place.
          connectSrc: [
            "'self'",
            ...(config.OIDC_ISSUER ? [new URL(config.OIDC_ISSUER).origin] : []),
          ],
        },
      },
    }),
  );
  if (config.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: config.CORS_ORIGINS,
      exposedHeaders: ['ETag', 'Location', 'Retry-After', CORRELATION_HEADER],
    });
  }
  app.use(jsonRequestBody(config.HTTP_BODY_LIMIT_BYTES));
  app.useGlobalPipes(requestValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Legislink')
      .setDescription(
        'Important-legislation requests and reports (重大立法事项请示报告), the Party Committee’s written opinions and the legislature’s feedback, recorded as immutable events.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
    { extraModels: [ProblemView] },
  );
  SwaggerModule.setup('api/docs', app, completeDocument(document), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}

const ERRORS: Record<number, string> = {
  400: 'The request is malformed; `errors` names each field and rule',
  401: 'No valid bearer token',
  403: 'The role or organisation may not do this',
  404: 'Not found, or not readable by the caller',
  413: 'The body is larger than HTTP_BODY_LIMIT_BYTES',
  429: 'Too many requests; retry after `Retry-After` seconds',
};

/**
 * Completes the document the decorators produced: every error is `application/problem+json`
 * with the ProblemView schema; every operation declares the 4xx any request can meet (public
 * ones without 401/403, and with `security: []`); bodies can be too large.
 */
function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const problem = { $ref: '#/components/schemas/ProblemView' };
  for (const path of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(path) as [string, OperationObject][]) {
      const isPublic = (operation as unknown as Record<string, unknown>)[PUBLIC_OPERATION] === true;
      delete (operation as unknown as Record<string, unknown>)[PUBLIC_OPERATION];
      if (isPublic) operation.security = [];
      const responses = operation.responses;
      const statuses = [400, 404, 429, ...(isPublic ? [] : [401, 403])];
      if (method === 'post') statuses.push(413);
      for (const status of statuses) {
        responses[status] ??= { description: ERRORS[status] };
      }
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400) continue;
        (response as ResponseObject).content = {
          'application/problem+json': { schema: problem },
        };
      }
    }
  }
  return document;
}
