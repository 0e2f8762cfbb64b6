import { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig } from '../config/app-config';

/** Paths the UI never answers: the API, its docs and the health checks keep their own 404s. */
const NOT_THE_UI = /^\/(api|health)(\/|$)/;

/**
 * Serves the built web UI from WEB_ROOT at `/`: its hashed assets (cached for a year: their
 * names change with their content), and index.html for every other GET that asks for HTML, so
 * the browser's own paths (/inbox, /submissions/…) load the app. Returns whether it is served.
 */
export function serveWebUi(app: INestApplication, config: AppConfig): boolean {
  const root = resolve(config.WEB_ROOT);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  const assets = express.static(join(root, 'assets'), {
    index: false,
    immutable: true,
    maxAge: '365d',
  });
  // A missing asset is a plain 404, never the app's index.html in its place.
  app.use('/assets', (request: Request, response: Response) =>
    assets(request, response, () => response.status(404).type('text/plain').send('Not Found')),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (NOT_THE_UI.test(request.path) || !request.accepts('html')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return true;
}
