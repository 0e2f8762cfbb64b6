import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import accepts from 'accepts';
import { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig } from '../config/app-config';

/** Paths the UI never answers: the API, its docs and the health checks keep their own 404s. */
const NOT_THE_UI = /^\/(api|health)(\/|\?|$)/;

/**
 * Serves the built web UI from WEB_ROOT at `/`: its hashed assets (cached for a year: their
 * names change with their content), and index.html for every other GET that asks for HTML, so
 * the browser's own paths (/inbox, /submissions/…) load the app. Returns whether it is served.
 */
export async function serveWebUi(app: NestFastifyApplication, config: AppConfig): Promise<boolean> {
  const root = resolve(config.WEB_ROOT);
  if (!existsSync(join(root, 'index.html'))) return false;
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  // A missing asset is the API's 404, never the app's index.html in its place.
  await fastify.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
  });
  fastify.get('/*', (request, reply) => {
    if (NOT_THE_UI.test(request.url) || !accepts(request.raw).type('html')) {
      return reply.callNotFound();
    }
    reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('index.html', root, { cacheControl: false });
  });
  return true;
}
