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

/** Which claims name the organisation, the roles and the user's name: names or dotted paths. */
export interface ClaimNames {
  organisation: string;
  roles: string;
  name: string;
}

export const DEFAULT_CLAIMS: ClaimNames = { organisation: 'org', roles: 'roles', name: 'name' };

/** A claim by name or dotted path (`realm_access.roles`). */
function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * Verifies bearer tokens: HS256 with a local secret on the embedded default, or RS/ES keys from
 * a JWKS URL when an OIDC provider is configured — given, or found in the issuer's discovery
 * document on first use. Claims: `sub` (user id), and the user's name, organisation id and
 * roles under the configured claim names (`name`, `org`, `roles` by default).
 */
export class TokenVerifier {
  private readonly secret: Uint8Array | null = null;
  private keySet: Promise<KeySet> | null = null;
  /** Tokens verified lately, least recently used first, with the claims and until when. */
  private readonly verified = new Map<string, { claims: TokenClaims; until: number }>();
  private readonly cacheSize: number;
  private readonly claimNames: ClaimNames;

  constructor(
    private readonly options: {
      secret?: string;
      jwksUrl?: string;
      /** Without jwksUrl: find `jwks_uri` in this issuer's discovery document when first needed. */
      discoveryIssuer?: string;
      issuer: string;
      audience: string;
      /** How many verified tokens to remember (0: verify every time); 10,000 by default. */
      cacheSize?: number;
      claims?: ClaimNames;
    },
  ) {
    if (options.jwksUrl)
      this.keySet = Promise.resolve(createRemoteJWKSet(new URL(options.jwksUrl)));
    else if (options.discoveryIssuer) this.keySet = null;
    else if (options.secret) this.secret = new TextEncoder().encode(options.secret);
    else throw new Error('TokenVerifier needs a secret, a JWKS URL or an issuer to discover');
    this.cacheSize = options.cacheSize ?? 10_000;
    this.claimNames = options.claims ?? DEFAULT_CLAIMS;
  }

  get mode(): 'hs256' | 'jwks' {
    return this.secret ? 'hs256' : 'jwks';
  }

  /** The provider's key set, its URL read from discovery once; a failed discovery is retried. */
  private keys(): Promise<KeySet> {
    if (this.keySet) return this.keySet;
    const issuer = this.options.discoveryIssuer!.replace(/\/$/, '');
    this.keySet = (async () => {
      const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
        headers: { Accept: 'application/json' },
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`discovery answered ${response.status}`);
      const document = (await response.json()) as { jwks_uri?: unknown };
      if (typeof document.jwks_uri !== 'string') throw new Error('discovery names no jwks_uri');
      return createRemoteJWKSet(new URL(document.jwks_uri));
    })();
    this.keySet.catch(() => (this.keySet = null));
    return this.keySet;
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
      const options = { issuer: this.options.issuer, audience: this.options.audience };
      ({ payload } = this.secret
        ? await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] })
        : await jwtVerify(token, await this.keys(), options));
    } catch (error) {
      throw new InvalidTokenError(`Invalid token: ${(error as Error).message}`);
    }
    const names = this.claimNames;
    const rawRoles = claimAt(payload, names.roles);
    const roles = Array.isArray(rawRoles)
      ? rawRoles
      : typeof rawRoles === 'string'
        ? rawRoles.split(' ').filter(Boolean)
        : [];
    const organisation = claimAt(payload, names.organisation);
    const name = claimAt(payload, names.name);
    const unknownRole = roles.find((r) => !(ROLES as readonly unknown[]).includes(r));
    if (!payload.sub || typeof organisation !== 'string' || roles.length === 0 || unknownRole) {
      throw new InvalidTokenError(
        `Token claims must include sub, ${names.organisation} and ${names.roles} from ${ROLES.join(', ')}${
          unknownRole ? `; unknown role ${String(unknownRole)}` : ''
        }`,
      );
    }
    return {
      claims: {
        userId: payload.sub,
        userName: typeof name === 'string' ? name : payload.sub,
        organisationId: organisation,
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
