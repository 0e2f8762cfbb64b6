import { INestApplication } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { DEMO_ORGANISATIONS, DEMO_USERS, DemoUser } from '../../src/demo/demo-data';
import { loadConfig } from '../../src/config/app-config';
import { signToken } from '../../src/platform/access/token-verifier';
import { ManualClock } from '../../src/platform/kernel/clock';
import {
  APP_OPTIONS,
  configureApp,
  httpAdapter,
  startApp,
} from '../../src/platform/http/bootstrap';
import { CommandHandler } from '../../src/platform/commands/command-handler';
import {
  bootstrapAdmin,
  registerOrganisation,
} from '../../src/modules/organisations/register-organisation';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export type DemoUserId = (typeof DEMO_USERS)[number]['userId'];

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  clock: ManualClock;
  dir: string;
  tokens: Record<string, string>;
  /** Bearer header for a demo user. */
  as(userId: string): { Authorization: string };
  token(user: DemoUser): Promise<string>;
  close(): Promise<void>;
}

/**
 * The whole application on a fresh SQLite file in a temp folder, with a manual clock, the demo
 * organisations registered through the API and a token for every demo user. Given the folder of
 * an application closed with `app.close()`, it starts again on that one's data instead.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  start = '2025-03-10T02:00:00.000Z',
  restartIn?: string,
): Promise<TestApp> {
  const dir = restartIn ?? mkdtempSync(join(tmpdir(), 'legislink-e2e-'));
  const config = loadConfig({
    SQLITE_PATH: join(dir, 'legislink.sqlite'),
    JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const clock = new ManualClock(new Date(start));
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, { clock })],
  }).compile();
  const app = await startApp(
    await configureApp(
      moduleRef.createNestApplication<NestFastifyApplication>(httpAdapter(config), APP_OPTIONS),
    ),
  );
  const http = request(app.getHttpServer());
  const token = (user: DemoUser) =>
    signToken(user, TEST_SECRET, config.JWT_ISSUER, config.JWT_AUDIENCE, '1h');
  const tokens: Record<string, string> = {};
  for (const user of DEMO_USERS) tokens[user.userId] = await token(user);

  const as = (userId: string) => {
    if (!tokens[userId]) throw new Error(`No demo user ${userId}`);
    return { Authorization: `Bearer ${tokens[userId]}` };
  };
  const testApp: TestApp = {
    app,
    http,
    clock,
    dir,
    tokens,
    as,
    token,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (restartIn) return testApp;
  // The operator organisation must exist before its admin's token is accepted.
  await registerOrganisation(
    app.get(CommandHandler),
    DEMO_ORGANISATIONS[0],
    { actor: bootstrapAdmin(DEMO_ORGANISATIONS[0], 'test-setup'), correlationId: 'test-setup' },
    clock.now(),
  );
  for (const organisation of DEMO_ORGANISATIONS.slice(1)) {
    const { parentOrganisationId, ...rest } = organisation;
    await http
      .post('/api/organisations')
      .set(as('admin'))
      .send(parentOrganisationId ? organisation : rest)
      .expect(201);
  }
  return testApp;
}
