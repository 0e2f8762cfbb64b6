/**
 * A small real OpenID Connect provider for the tests (a fixture, not product code): discovery,
 * an authorization endpoint with a sign-in form that insists on PKCE S256, a token endpoint that
 * checks the code verifier, and the JWKS. Access tokens are RS256 JWTs for the API's audience
 * with the user's claims; ID tokens carry the nonce. Each token answer carries a refresh token,
 * rotated on every use (the refresh_token grant), which the test can revoke. Every token request
 * is recorded.
 */
import { createHash, randomBytes } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';

export interface IssuerClient {
  clientId: string;
  redirectUris: string[];
}

export interface RunningIssuer {
  issuer: string;
  /** Every request to the token endpoint: what was asked and what was answered. */
  tokenRequests: { params: Record<string, string>; status: number; error?: string }[];
  /** Refuses every refresh token issued so far, as a provider does when a session is ended. */
  revokeRefreshTokens(): void;
  stop(): Promise<void>;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string | null;
  user: string;
  expiresAt: number;
}

const base64Url = (bytes: Buffer) => bytes.toString('base64url');

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function body(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/**
 * Starts the provider on a free port of 127.0.0.1. `users` maps a login name to the claims its
 * access token carries (beside iss, aud, sub, exp).
 */
export async function startIssuer(options: {
  client: IssuerClient;
  audience: string;
  users: Record<string, Record<string, unknown>>;
  /** How long an access token lasts (default one hour): short, to make the browser refresh. */
  accessTokenSeconds?: number;
}): Promise<RunningIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'fixture-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  /** Live refresh tokens: the user and client each was issued to. */
  const refreshTokens = new Map<string, { user: string; clientId: string }>();
  const tokenRequests: RunningIssuer['tokenRequests'] = [];
  let issuer = '';

  const json = (response: ServerResponse, status: number, value: unknown) => {
    response.writeHead(status, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      // The browser calls discovery and the token endpoint from the service's origin.
      'Access-Control-Allow-Origin': '*',
    });
    response.end(JSON.stringify(value));
  };

  const sign = (
    claims: Record<string, unknown>,
    audience: string,
    key: KeyLike,
    user: string,
    seconds = 3600,
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(user)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
      .sign(key);
  const accessSeconds = options.accessTokenSeconds ?? 3600;
  /** An access token and a new refresh token for the user. */
  const grant = async (user: string, clientId: string) => {
    const refreshToken = base64Url(randomBytes(32));
    refreshTokens.set(refreshToken, { user, clientId });
    return {
      access_token: await sign(
        // A token id: two tokens issued in the same second differ.
        { ...options.users[user], jti: base64Url(randomBytes(12)) },
        options.audience,
        privateKey,
        user,
        accessSeconds,
      ),
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: accessSeconds,
    };
  };

  /** The authorization request's parameters, checked as a provider must before showing a form. */
  const authorizationError = (q: URLSearchParams): string | null => {
    if (q.get('client_id') !== options.client.clientId) return 'unknown client_id';
    if (!options.client.redirectUris.includes(q.get('redirect_uri') ?? ''))
      return 'redirect_uri not registered';
    if (q.get('response_type') !== 'code') return 'unsupported response_type';
    if (!/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? ''))
      return 'code_challenge required';
    if (q.get('code_challenge_method') !== 'S256') return 'code_challenge_method must be S256';
    if (!(q.get('scope') ?? '').split(' ').includes('openid')) return 'scope must include openid';
    return null;
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', issuer);
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': 'Accept, Content-Type',
      });
      return void response.end();
    }
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        token_endpoint_auth_methods_supported: ['none'],
      });
    }
    if (url.pathname === '/jwks') return json(response, 200, { keys: [jwk] });
    if (url.pathname === '/authorize' && request.method === 'GET') {
      const problem = authorizationError(url.searchParams);
      if (problem) {
        response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
        return void response.end(problem);
      }
      const hidden = [...url.searchParams]
        .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
        .join('');
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return void response.end(
        `<!doctype html><html lang="en"><title>Fixture sign-in</title><main><h1>Sign in</h1>` +
          `<form method="post" action="/authorize">${hidden}` +
          `<label>User <input name="username" autocomplete="off"></label>` +
          `<button type="submit">Sign in</button></form></main></html>`,
      );
    }
    if (url.pathname === '/authorize' && request.method === 'POST') {
      const form = await body(request);
      const q = new URLSearchParams(form);
      const problem = authorizationError(q);
      if (problem || !options.users[form.username]) {
        response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
        return void response.end(problem ?? 'unknown user');
      }
      const code = base64Url(randomBytes(24));
      codes.set(code, {
        clientId: form.client_id,
        redirectUri: form.redirect_uri,
        challenge: form.code_challenge,
        nonce: form.nonce ?? null,
        user: form.username,
        expiresAt: Date.now() + 60_000,
      });
      const back = new URL(form.redirect_uri);
      back.searchParams.set('code', code);
      if (form.state !== undefined) back.searchParams.set('state', form.state);
      response.writeHead(302, { Location: back.toString() });
      return void response.end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      const params = await body(request);
      const refuse = (error: string) => {
        tokenRequests.push({ params, status: 400, error });
        json(response, 400, { error });
      };
      if (params.grant_type === 'refresh_token') {
        const kept = refreshTokens.get(params.refresh_token ?? '');
        // Rotation: a refresh token is spent by its use.
        refreshTokens.delete(params.refresh_token ?? '');
        if (!kept) return refuse('invalid_grant');
        if (params.client_id !== kept.clientId) return refuse('invalid_client');
        tokenRequests.push({ params, status: 200 });
        return json(response, 200, await grant(kept.user, kept.clientId));
      }
      if (params.grant_type !== 'authorization_code') return refuse('unsupported_grant_type');
      const pending = codes.get(params.code ?? '');
      // A code is spent by its first use, whatever the outcome (RFC 6749 §4.1.2).
      codes.delete(params.code ?? '');
      if (!pending || pending.expiresAt < Date.now()) return refuse('invalid_grant');
      if (params.client_id !== pending.clientId) return refuse('invalid_client');
      if (params.redirect_uri !== pending.redirectUri) return refuse('invalid_grant');
      const verifier = params.code_verifier ?? '';
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return refuse('invalid_request');
      const challenge = base64Url(createHash('sha256').update(verifier, 'ascii').digest());
      if (challenge !== pending.challenge) return refuse('invalid_grant');
      const claims = options.users[pending.user];
      const idToken = await sign(
        { ...(pending.nonce ? { nonce: pending.nonce } : {}), name: claims.name },
        pending.clientId,
        privateKey,
        pending.user,
      );
      tokenRequests.push({ params, status: 200 });
      return json(response, 200, {
        ...(await grant(pending.user, pending.clientId)),
        id_token: idToken,
      });
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('Not Found');
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    tokenRequests,
    revokeRefreshTokens: () => refreshTokens.clear(),
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
