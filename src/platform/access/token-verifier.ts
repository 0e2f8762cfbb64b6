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

/** A cached verification is redone after this long even if the token is valid for longer. */
export const REVERIFY_AFTER_MS = 5 * 60_000;

/**
 * Verifies bearer tokens: HS256 with a local secret on the embedded default, or RS/ES keys from
 * a JWKS URL when an OIDC provider is configured. Claims: `sub` (user id), `name`, `org`
 * (organisation id) and `roles`.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | ReturnType<typeof createRemoteJWKSet>;
  /** Tokens verified lately, least recently used first, with the claims and until when. */
  private readonly verified = new Map<string, { claims: TokenClaims; until: number }>();
  private readonly cacheSize: number;

  constructor(
    private readonly options: {
      secret?: string;
      jwksUrl?: string;
      issuer: string;
      audience: string;
      /** How many verified tokens to remember (0: verify every time); 10,000 by default. */
      cacheSize?: number;
    },
  ) {
    if (options.jwksUrl) this.key = createRemoteJWKSet(new URL(options.jwksUrl));
    else if (options.secret) this.key = new TextEncoder().encode(options.secret);
    else throw new Error('TokenVerifier needs a secret or a JWKS URL');
    this.cacheSize = options.cacheSize ?? 10_000;
  }

  get mode(): 'hs256' | 'jwks' {
    return this.options.jwksUrl ? 'jwks' : 'hs256';
  }

  /**
   * The token's claims. A token verified before is answered from a bounded cache keyed by the
   * whole token (signature included) until its `exp`, and never for longer than
   * REVERIFY_AFTER_MS, so a key withdrawn from the JWKS stops being honoured soon after. Only
   * successful verifications are remembered.
   */
  async verify(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    const now = Date.now();
    if (known) {
      this.verified.delete(token);
      if (now < known.until) {
        this.verified.set(token, known);
        return { ...known.claims, roles: [...known.claims.roles] };
      }
    }
    const { claims, exp } = await this.verifyWithKey(token);
    if (this.cacheSize > 0) {
      const until = Math.min(exp === undefined ? Infinity : exp * 1000, now + REVERIFY_AFTER_MS);
      this.verified.set(token, { claims: { ...claims, roles: [...claims.roles] }, until });
      if (this.verified.size > this.cacheSize) {
        this.verified.delete(this.verified.keys().next().value!);
      }
    }
    return claims;
  }

  private async verifyWithKey(token: string): Promise<{ claims: TokenClaims; exp?: number }> {
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
      claims: {
        userId: payload.sub,
        userName: typeof payload.name === 'string' ? payload.name : payload.sub,
        organisationId: payload.org,
        roles: roles as Role[],
      },
      exp: payload.exp,
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
