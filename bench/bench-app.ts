import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';

/**
 * The service's whole application, without HTTP, on a fresh SQLite file in `dir`: what a bench
 * drives through the real commands, projections and query controllers.
 */
export async function startBenchApp(dir: string): Promise<INestApplicationContext> {
  const config = loadConfig({
    SQLITE_PATH: join(dir, 'legislink.sqlite'),
    JWT_SECRET: 'bench-secret-that-is-at-least-32-characters',
    LOG_LEVEL: 'silent',
    PROCESS_ROLES: 'api,projector',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: false,
  });
  await app.init();
  return app;
}
