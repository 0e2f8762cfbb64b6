import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  OperationObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Express } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../../config/app-config';
import { CORRELATION_HEADER, correlationMiddleware } from './correlation.middleware';
import { jsonRequestBody } from './request-body';
import { requestValidationPipe } from './request-validation';

/**
 * What main.ts and the e2e tests both apply to the Nest application. The middleware registered
 * here runs before Nest's own (added at init), in this order.
 */
export function configureApp(app: INestApplication): INestApplication {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  // Express puts a weak ETag on every body, problems included; the API sets strong ones itself
  // where they mean something (a stream's revision).
  (app.getHttpAdapter().getInstance() as Express).set('etag', false);
  // First, so that a request refused by any later step still has its correlation id.
  app.use(correlationMiddleware);
  // Without upgrade-insecure-requests: where the service is reached over plain HTTP (an intranet,
  // no TLS proxy), it would send the API docs' scripts to an https:// that does not answer.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
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
  );
  SwaggerModule.setup('api/docs', app, problemsAsProblemJson(document), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}

/** Every error the API answers is `application/problem+json`; the document says so. */
function problemsAsProblemJson(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as OperationObject[]) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const content = (response as ResponseObject).content;
        if (Number(status) >= 400 && content?.['application/json']) {
          content['application/problem+json'] = content['application/json'];
          delete content['application/json'];
        }
      }
    }
  }
  return document;
}
