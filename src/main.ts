import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module';
import { AppConfig, ConfigurationError, loadConfig } from './config/app-config';
import { configureApp } from './platform/http/bootstrap';
import { demoSignIn } from './web/demo-sign-in';
import { serveWebUi } from './web/web-ui';

/**
 * A process without the `api` role (a projector, relay or inbound worker) answers only its
 * health checks; every other path is 404, the API docs included.
 */
function healthOnly(request: Request, response: Response, next: NextFunction): void {
  if (/^\/health(\/|$)/.test(request.path)) return next();
  response.status(404).type('application/problem+json').json({
    type: 'https://legislink.dev/problems/not-found',
    title: 'Not Found',
    status: 404,
    detail: 'This process does not serve the API (PROCESS_ROLES has no api role); only /health',
  });
}

/** The application as `main` runs it, for the given configuration. */
export async function createApplication(config: AppConfig): Promise<INestApplication> {
  // configureApp parses request bodies itself, with the configured limit.
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  // Registered before the routes and the docs exist, so it stands in front of all of them.
  if (!config.has('api')) app.use(healthOnly);
  configureApp(app);
  if (config.has('api')) {
    // After helmet (its CSP covers the UI too), before the routes Nest adds at init.
    if (demoSignIn(app, config))
      process.stdout.write('DEMO_SIGN_IN=true: the sign-in page offers the demo users\n');
    if (!serveWebUi(app, config))
      process.stdout.write(`No web UI build at ${config.WEB_ROOT}: serving the API only\n`);
  }
  return app;
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApplication(config);
  await app.listen(config.PORT, config.HOST);
  process.stdout.write(
    config.has('api')
      ? `Legislink listening on http://${config.HOST}:${config.PORT} (web UI at /, API docs at /api/docs)\n`
      : `Legislink ${config.PROCESS_ROLES.join(', ')} worker; health on http://${config.HOST}:${config.PORT}/health\n`,
  );
}

if (require.main === module) void main();
