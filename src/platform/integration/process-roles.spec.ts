import { INestApplication, Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../config/app-config';
import { createApplication } from '../../main';

describe('Process roles', () => {
  let dir: string;
  let app: INestApplication | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'legislink-roles-'));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>) {
    const config = loadConfig({
      SQLITE_PATH: join(dir, 'legislink.sqlite'),
      JWT_SECRET: 'a-test-secret-that-is-at-least-32-characters',
      LOG_LEVEL: 'silent',
      ...env,
    });
    app = await createApplication(config);
    await app.init();
    return request(app.getHttpServer());
  }

  it('serves only /health in a process without the api role', async () => {
    const http = await start({ PROCESS_ROLES: 'projector' });
    await http.get('/health/live').expect(200);
    await http.get('/health/ready').expect(200);
    await http.get('/health/integration').expect(200);
    for (const path of [
      '/api/docs',
      '/api/docs-json',
      '/api/organisations',
      '/api/calendar',
      '/healthz',
    ]) {
      const response = await http.get(path).expect(404);
      expect(response.body.detail).toMatch(/does not serve the API/);
    }
  });

  it('serves the API and its docs with the api role', async () => {
    const http = await start({ PROCESS_ROLES: 'api' });
    await http.get('/api/docs-json').expect(200);
    await http.get('/api/organisations').expect(401);
  });

  it('says so and runs neither relay nor inbound consumer when Kafka is not configured', async () => {
    const log = jest.spyOn(Logger.prototype, 'log');
    const http = await start({ PROCESS_ROLES: 'api,relay,inbound' });
    expect(log).toHaveBeenCalledWith(
      'Kafka is not configured (KAFKA_BROKERS is unset): roles relay, inbound do not run',
    );
    const status = await http.get('/health/integration').expect(200);
    expect(status.body).toEqual({ kafka: null, relay: null, inbound: null });
    const ready = await http.get('/health/ready').expect(200);
    expect(Object.keys(ready.body.checks)).toEqual(['eventStore']);
  });
});
