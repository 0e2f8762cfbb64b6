import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { JWTPayload, SignJWT, createRemoteJWKSet, jwtVerify } from 'jose';
import { ROLES, Role } from '../../events/envelope';

export interface TokenClaims {
  userId: string;
  userName: string;
  organisationId: string;
  roles: Role[];
}

export class InvalidTokenError extends Error {}

/**
 * Verifies bearer tokens: HS256 with a local secret on the embedded default, or RS/ES keys from
 * a JWKS URL when an OIDC provider is configured. Claims: `sub` (user id), `name`, `org`
 * (organisation id) and `roles`.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly options: {
      secret?: string;
      jwksUrl?: string;
      issuer: string;
      audience: string;
    },
  ) {
    if (options.jwksUrl) this.key = createRemoteJWKSet(new URL(options.jwksUrl));
    else if (options.secret) this.key = new TextEncoder().encode(options.secret);
    else throw new Error('TokenVerifier needs a secret or a JWKS URL');
  }

  get mode(): 'hs256' | 'jwks' {
    return this.options.jwksUrl ? 'jwks' : 'hs256';
  }

  async verify(token: string): Promise<TokenClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as Uint8Array, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: this.mode === 'hs256' ? ['HS256'] : undefined,
      }));
    } catch (error) {
      throw new InvalidTokenError(`Invalid token: ${(error as Error).message}`);
    }
    const roles = Array.isArray(payload.roles) ? payload.roles : [];
    const unknownRole = roles.find((r) => !(ROLES as readonly unknown[]).includes(r));
    if (!payload.sub || typeof payload.org !== 'string' || roles.length === 0 || unknownRole) {
      throw new InvalidTokenError(
        `Token claims must include sub, org and roles from ${ROLES.join(', ')}${
          unknownRole ? `; unknown role ${String(unknownRole)}` : ''
        }`,
      );
    }
    return {
      userId: payload.sub,
      userName: typeof payload.name === 'string' ? payload.name : payload.sub,
      organisationId: payload.org,
      roles: roles as Role[],
    };
  }
}

/** Signs an HS256 token for the embedded default (demo users, tests, the CLI). */
export async function signToken(
  claims: TokenClaims,
  secret: string,
  issuer: string,
  audience: string,
  expiresIn = '30d',
): Promise<string> {
  return new SignJWT({ name: claims.userName, org: claims.organisationId, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/**
 * The local signing secret: JWT_SECRET if set, else one generated on first run and kept beside
 * the database (mode 0600), so tokens stay valid across restarts.
 */
export function localJwtSecret(configured: string | undefined, sqlitePath: string): string {
  if (configured) return configured;
  const file = join(dirname(sqlitePath), 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
