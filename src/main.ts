import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigurationError, loadConfig } from './config/app-config';
import { configureApp } from './platform/http/bootstrap';

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
  const app = configureApp(
    await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true }),
  );
  await app.listen(config.PORT, config.HOST);
  process.stdout.write(
    `Legislink listening on http://${config.HOST}:${config.PORT} (API docs at /api/docs)\n`,
  );
}

void main();
