import { INestApplication } from '@nestjs/common';
import { Request, Response } from 'express';
import { DEMO_ORGANISATIONS, DEMO_USERS } from '../demo/demo-data';
import { AppConfig } from '../config/app-config';
import { localJwtSecret, signToken } from '../platform/access/token-verifier';
import { ReadDatabase } from '../platform/event-store/read-database';

export const DEMO_TOKEN_LIFETIME = '8h';

/**
 * GET /api/demo-users, only with DEMO_SIGN_IN=true (never with OIDC, which the configuration
 * refuses): the demo users, each with a fresh token, so the web sign-in page can offer them.
 * Lists none until the demo organisations are registered (`npm run seed:demo`): a token is only
 * ever handed out for a user whose organisation exists. Without the setting the path is an
 * ordinary 404 of the API.
 */
export function demoSignIn(app: INestApplication, config: AppConfig): boolean {
  if (config.DEMO_SIGN_IN !== 'true') return false;
  const read = app.get(ReadDatabase);
  const secret = localJwtSecret(config.JWT_SECRET, config.SQLITE_PATH);
  const demoOrganisations = new Set(DEMO_ORGANISATIONS.map((o) => o.organisationId));
  app.use('/api/demo-users', (request: Request, response: Response) => {
    if (request.method !== 'GET' || request.path !== '/') {
      response.status(404).type('application/problem+json').json({
        type: 'https://legislink.dev/problems/not-found',
        title: 'Not Found',
        status: 404,
      });
      return;
    }
    const registered = new Set(
      (
        read.db.prepare('SELECT organisation_id FROM rm_organisations').all() as {
          organisation_id: string;
        }[]
      )
        .map((r) => r.organisation_id)
        .filter((id) => demoOrganisations.has(id)),
    );
    void Promise.all(
      DEMO_USERS.filter((u) => registered.has(u.organisationId)).map(async (user) => ({
        ...user,
        token: await signToken(
          user,
          secret,
          config.JWT_ISSUER,
          config.JWT_AUDIENCE,
          DEMO_TOKEN_LIFETIME,
        ),
      })),
    ).then((users) => {
      response.setHeader('Cache-Control', 'no-store');
      response.json({ users });
    });
  });
  return true;
}
