import { NestApplicationOptions } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  OperationObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { AppConfig } from '../../config/app-config';
import { CORRELATION_HEADER, correlationHook } from './correlation';
import { PUBLIC_OPERATION } from '../access/auth.guard';
import { sendProblem } from './problem-details.filter';
import { ProblemView } from './problem-schema';
import { registerJsonBody } from './request-body';
import { PinoNestLogger, requestLogger, rootLogger } from './request-logging';
import { requestValidationPipe } from './request-validation';

/**
 * The HTTP server under Nest: Fastify (about half Express's CPU per request, see BENCHMARKS.md).
 * Without middie: the service has no Express-style middleware, only Fastify hooks.
 */
export function httpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    // Behind an intranet's reverse proxy the socket's address is the proxy's.
    trustProxy: config.TRUST_PROXY_HOPS > 0 ? config.TRUST_PROXY_HOPS : false,
    bodyLimit: config.HTTP_BODY_LIMIT_BYTES,
    // As Express matched: `/api/inbox/` is `/api/inbox`; a long parameter is the route's to
    // refuse (400 naming it), not an unknown path.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    skipMiddie: true,
    // A path whose percent-encoding is broken never reaches a route, nor Nest's filter.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      correlationHook(request, reply, () => undefined);
      sendProblem(request, reply, {
        status: 400,
        title: 'Bad Request',
        detail: error.message,
        rule: 'url_encoding',
      });
    },
  });
}

/** Nest's options for the application: configureApp parses request bodies itself. */
export const APP_OPTIONS: NestApplicationOptions = { bufferLogs: true, bodyParser: false };

/**
 * What main.ts and the e2e tests both apply to the Nest application, before `startApp`. The
 * hooks registered here run before Nest's guards, in this order.
 */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const config = app.get(AppConfig);
  const logger = rootLogger(config.LOG_LEVEL);
  app.useLogger(new PinoNestLogger(logger));
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.decorateRequest('correlationId', null);
  // First, so that a request refused by any later step still has its correlation id.
  fastify.addHook('onRequest', correlationHook);
  const log = requestLogger(logger, config.LOG_REQUESTS, config.LOG_SLOW_REQUEST_MS);
  if (log) {
    fastify.addHook('onResponse', (request, reply, done) => {
      log(request, reply.statusCode, reply.elapsedTime, true);
      done();
    });
    fastify.addHook('onRequestAbort', (request, done) => {
      log(request, undefined, undefined, false);
      done();
    });
  }
  // Without upgrade-insecure-requests: where the service is reached over plain HTTP (an intranet,
  // no TLS proxy), it would send the API docs' scripts to an https:// that does not answer.
  // Everything comes from the service itself: scripts only from 'self'; styles from 'self' and
  // inline (the web UI's component library injects its CSS at run time); no https: anywhere.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: null,
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        imgSrc: ["'self'", 'data:'],
        // The browser talks to the OIDC provider (discovery, token endpoint) only when one is
        // configured, and to no other place.
        connectSrc: ["'self'", ...(config.OIDC_ISSUER ? [new URL(config.OIDC_ISSUER).origin] : [])],
      },
    },
  });
  // helmet's own middleware, built once: @fastify/helmet builds it anew for every request.
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  if (config.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: config.CORS_ORIGINS,
      exposedHeaders: ['ETag', 'Location', 'Retry-After', CORRELATION_HEADER],
    });
  }
  registerJsonBody(fastify, config.HTTP_BODY_LIMIT_BYTES);
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

/** Nest's init, then Fastify's: every route, hook and plugin in place, ready for requests. */
export async function startApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
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
