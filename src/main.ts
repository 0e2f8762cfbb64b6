import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance } from 'fastify';
import { AppModule } from './app.module';
import { AppConfig, ConfigurationError, loadConfig } from './config/app-config';
import { APP_OPTIONS, configureApp, httpAdapter, startApp } from './platform/http/bootstrap';
import { demoSignIn } from './web/demo-sign-in';
import { serveWebUi } from './web/web-ui';

const HEALTH = /^\/health(\/|\?|$)/;

/**
 * A process without the `api` role (a projector, relay or inbound worker) answers only its
 * health checks; every other path is 404, the API docs included.
 */
function healthOnly(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (HEALTH.test(request.url)) return done();
    void reply.code(404).type('application/problem+json').send({
      type: 'https://legislink.dev/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'This process does not serve the API (PROCESS_ROLES has no api role); only /health',
    });
  });
}

/** The application as `main` runs it, for the given configuration: initialised, not listening. */
export async function createApplication(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    httpAdapter(config),
    APP_OPTIONS,
  );
  // The first hook of all: it stands in front of every route, the docs included.
  if (!config.has('api'))
    healthOnly(app.getHttpAdapter().getInstance() as unknown as FastifyInstance);
  await configureApp(app);
  if (config.has('api')) {
    if (demoSignIn(app, config))
      process.stdout.write('DEMO_SIGN_IN=true: the sign-in page offers the demo users\n');
    if (!(await serveWebUi(app, config)))
      process.stdout.write(`No web UI build at ${config.WEB_ROOT}: serving the API only\n`);
  }
  return startApp(app);
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
