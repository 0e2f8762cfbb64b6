import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance } from 'fastify';
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
export function demoSignIn(app: NestFastifyApplication, config: AppConfig): boolean {
  if (config.DEMO_SIGN_IN !== 'true') return false;
  const read = app.get(ReadDatabase);
  const secret = localJwtSecret(config.JWT_SECRET, config.SQLITE_PATH);
  const demoOrganisations = new Set(DEMO_ORGANISATIONS.map((o) => o.organisationId));
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.get('/api/demo-users', async (_request, reply) => {
    const registered = new Set(
      (
        read.db.prepare('SELECT organisation_id FROM rm_organisations').all() as {
          organisation_id: string;
        }[]
      )
        .map((r) => r.organisation_id)
        .filter((id) => demoOrganisations.has(id)),
    );
    const users = await Promise.all(
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
    );
    reply.header('Cache-Control', 'no-store');
    return { users };
  });
  return true;
}
