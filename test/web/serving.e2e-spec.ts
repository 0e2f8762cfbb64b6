/**
 * How the process `main` runs serves the web UI and the demo sign-in, without a browser: the
 * UI's files and its SPA fallback at `/`, the API and health checks as they were, and
 * GET /api/demo-users only when DEMO_SIGN_IN=true, listing users only of registered
 * organisations.
 */
import { INestApplication } from '@nestjs/common';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO_ORGANISATIONS } from '../../src/demo/demo-data';
import { loadConfig } from '../../src/config/app-config';
import { createApplication } from '../../src/main';
import { TokenVerifier, signToken } from '../../src/platform/access/token-verifier';
import { CommandHandler } from '../../src/platform/commands/command-handler';
import {
  bootstrapAdmin,
  registerOrganisation,
} from '../../src/modules/organisations/register-organisation';

const SECRET = 'serving-test-secret-that-is-at-least-32-chars';

describe('Serving the web UI and the demo sign-in', () => {
  const dir = mkdtempSync(join(tmpdir(), 'legislink-serving-'));
  const webRoot = join(dir, 'web');
  mkdirSync(join(webRoot, 'assets'), { recursive: true });
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1);');
  const apps: INestApplication[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(name: string, env: Record<string, string>): Promise<INestApplication> {
    const app = await createApplication(
      loadConfig({
        SQLITE_PATH: join(dir, `${name}.sqlite`),
        JWT_SECRET: SECRET,
        LOG_LEVEL: 'silent',
        PROCESS_ROLES: 'api,projector',
        WEB_ROOT: webRoot,
        ...env,
      }),
    );
    await app.init();
    apps.push(app);
    return app;
  }

  it('serves index.html for the browser’s paths, hashed assets for a year, and leaves /api and /health alone', async () => {
    const http = request((await start('ui', {})).getHttpServer());
    for (const path of ['/', '/inbox', '/submissions/0b9e0c7e-1d2b-4c55-9a53-0d5b3b0e1f00']) {
      const page = await http.get(path).set('Accept', 'text/html').expect(200);
      expect(page.text).toContain('<div id="root">');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    }
    const asset = await http.get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toContain('max-age=31536000');
    await http.get('/assets/missing.js').expect(404);
    const api = await http.get('/api/nothing-here').set('Accept', 'text/html').expect(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    await http.get('/health/live').expect(200);
    // Without DEMO_SIGN_IN the path is an ordinary API 404.
    await http.get('/api/demo-users').expect(404);
  });

  it('without a build (no index.html in WEB_ROOT), serves only the API', async () => {
    const http = request((await start('no-ui', { WEB_ROOT: join(dir, 'none') })).getHttpServer());
    const response = await http.get('/inbox').set('Accept', 'text/html').expect(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('with DEMO_SIGN_IN=true, lists the demo users of registered organisations only, with working tokens', async () => {
    const app = await start('demo', { DEMO_SIGN_IN: 'true' });
    const http = request(app.getHttpServer());
    expect((await http.get('/api/demo-users').expect(200)).body).toEqual({ users: [] });

    const commands = app.get(CommandHandler);
    const actor = bootstrapAdmin(DEMO_ORGANISATIONS[0], 'serving-test');
    for (const organisation of DEMO_ORGANISATIONS.filter((o) => o.regionCode === '220000')) {
      await registerOrganisation(
        commands,
        organisation,
        {
          actor,
          correlationId: 'serving-test',
          idempotencyKey: `t:${organisation.organisationId}`,
        },
        new Date(),
      );
    }
    let users: { userId: string; token: string }[] = [];
    for (let i = 0; i < 50 && users.length === 0; i++) {
      users = (await http.get('/api/demo-users').expect(200)).body.users;
      await new Promise((r) => setTimeout(r, 100));
    }
    const response = await http.get('/api/demo-users').expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    users = response.body.users;
    // Jilin's users and the operator's; none of Changchun, whose bodies are not registered.
    expect(users.map((u) => u.userId).sort()).toEqual(
      ['admin', 'analyst', 'jl-analyst', 'jl-fgw', 'jl-gov', 'jl-office', 'jl-party-group'].sort(),
    );
    const verifier = new TokenVerifier({
      secret: SECRET,
      issuer: 'legislink',
      audience: 'legislink',
    });
    const office = users.find((u) => u.userId === 'jl-office')!;
    await expect(verifier.verify(office.token)).resolves.toMatchObject({
      userId: 'jl-office',
      organisationId: 'cn-220000-pco',
    });
    await http.get('/api/inbox').set('Authorization', `Bearer ${office.token}`).expect(200);
  });

  it('tells the sign-in page how to sign in, and lets the browser reach an OIDC issuer only when one is configured', async () => {
    const connectSrc = (r: request.Response) =>
      (r.headers['content-security-policy'] as string)
        .split(';')
        .find((d) => d.startsWith('connect-src '));
    const plain = request((await start('token-mode', {})).getHttpServer());
    const token = await plain.get('/api/sign-in/config').expect(200);
    expect(token.body).toEqual({ mode: 'token', demoUsers: false, oidc: null });
    expect(connectSrc(token)).toBe("connect-src 'self'");

    // Nothing listens on port 9: the issuer is never reached here, only named.
    const issuer = 'http://127.0.0.1:9/realms/legislink';
    const http = request(
      (
        await start('oidc-mode', {
          OIDC_ISSUER: issuer,
          OIDC_CLIENT_ID: 'legislink-web',
          OIDC_ROLES_CLAIM: 'realm_access.roles',
        })
      ).getHttpServer(),
    );
    const oidc = await http.get('/api/sign-in/config').expect(200);
    expect(oidc.body).toEqual({
      mode: 'oidc',
      demoUsers: false,
      oidc: {
        issuer,
        clientId: 'legislink-web',
        scopes: 'openid profile',
        claims: { organisation: 'org', roles: 'realm_access.roles', name: 'name' },
        redirectPath: '/auth/callback',
      },
    });
    expect(connectSrc(oidc)).toBe("connect-src 'self' http://127.0.0.1:9");
    const page = await http.get('/auth/callback?code=x&state=y').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(connectSrc(page)).toBe("connect-src 'self' http://127.0.0.1:9");
    // Tokens of the embedded default are no longer accepted: only the provider's.
    const hs256 = await signToken(
      { userId: 'u', userName: 'u', organisationId: 'cn-220000-pco', roles: ['committee_office'] },
      SECRET,
      issuer,
      'legislink',
    );
    await http.get('/api/inbox').set('Authorization', `Bearer ${hs256}`).expect(401);

    const refused = (env: Record<string, string>) => () =>
      loadConfig({ SQLITE_PATH: join(dir, 'x.sqlite'), ...env });
    expect(refused({ OIDC_ISSUER: issuer })).toThrow(/OIDC_CLIENT_ID: required with OIDC_ISSUER/);
    expect(refused({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'c', DEMO_SIGN_IN: 'true' })).toThrow(
      /DEMO_SIGN_IN=true/,
    );
    expect(
      refused({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'c', OIDC_SCOPES: 'profile email' }),
    ).toThrow(/OIDC_SCOPES must include openid/);
    expect(refused({ OIDC_ROLES_CLAIM: 'roles..x' })).toThrow(/OIDC_ROLES_CLAIM/);
  });
});
