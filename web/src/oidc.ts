/**
 * Sign-in at the configured OIDC provider with the authorization code flow and PKCE (RFC 7636,
 * S256), as a public client: the verifier stands in for a client secret. The browser talks to
 * the issuer named by the service and to nothing else (the CSP allows only that origin).
 */

import { sha256 } from '@noble/hashes/sha2';

/** What `GET /api/sign-in/config` says of the provider. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scopes: string;
  claims: { organisation: string; roles: string; name: string };
  redirectPath: string;
}

/** The parts of the provider's discovery document the flow uses. */
export interface OidcDiscovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
}

/** What the browser keeps between leaving for the provider and coming back (one use only). */
export interface OidcTransaction {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  tokenEndpoint: string;
}

export type OidcFailure =
  | 'insecure_context'
  | 'discovery'
  | 'no_transaction'
  | 'state_mismatch'
  | 'provider_error'
  | 'token_exchange'
  | 'id_token_invalid'
  | 'nonce_mismatch'
  | 'refresh';

export class OidcError extends Error {
  constructor(
    readonly failure: OidcFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Where the transaction is kept: the tab's sessionStorage (an in-memory one in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The parts of WebCrypto the flow uses (typed here: the tests compile without the DOM's types). */
interface WebCrypto {
  getRandomValues<T extends Uint8Array>(array: T): T;
  subtle?: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> };
}

export const TRANSACTION_KEY = 'legislink.oidc';
/** The refresh token, where to spend it and for which client (the tab's sessionStorage). */
export const REFRESH_KEY = 'legislink.oidc.refresh';

/** What lets the tab get a new access token before the current one expires. */
export interface KeptRefresh {
  refreshToken: string;
  tokenEndpoint: string;
  clientId: string;
}

const tabStorage = (): KeyValueStore =>
  (globalThis as unknown as { sessionStorage: KeyValueStore }).sessionStorage;

/** Unpadded base64url (RFC 4648 §5), as PKCE and JWTs write bytes. */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function webCrypto(): WebCrypto {
  const crypto = (globalThis as unknown as { crypto?: WebCrypto }).crypto;
  if (!crypto?.getRandomValues) {
    throw new OidcError('insecure_context', 'This browser offers no WebCrypto random numbers');
  }
  return crypto;
}

/**
 * A random value of `bytes` bytes in base64url: 32 bytes give the 43 characters of a PKCE
 * verifier (RFC 7636 §4.1: 43–128 unreserved characters) and an unguessable state or nonce.
 */
export function randomValue(bytes = 32): string {
  return base64Url(webCrypto().getRandomValues(new Uint8Array(bytes)));
}

/**
 * The S256 code challenge of a verifier: BASE64URL(SHA-256(ASCII(verifier))). WebCrypto's
 * digest exists only in a secure context (HTTPS, localhost); an intranet served over plain HTTP
 * gets the same digest from @noble/hashes (random values come from WebCrypto everywhere).
 */
export async function codeChallenge(
  verifier: string,
  subtle: WebCrypto['subtle'] | null = webCrypto().subtle ?? null,
): Promise<string> {
  const ascii = new TextEncoder().encode(verifier);
  const digest = subtle ? new Uint8Array(await subtle.digest('SHA-256', ascii)) : sha256(ascii);
  return base64Url(digest);
}

/** The provider's discovery document; its `issuer` must be the configured one exactly. */
export async function discover(issuer: string): Promise<OidcDiscovery> {
  let document: Partial<OidcDiscovery>;
  try {
    const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    document = (await response.json()) as Partial<OidcDiscovery>;
  } catch (error) {
    throw new OidcError('discovery', `The sign-in provider did not answer: ${String(error)}`);
  }
  if (
    document.issuer !== issuer ||
    typeof document.authorization_endpoint !== 'string' ||
    typeof document.token_endpoint !== 'string'
  ) {
    throw new OidcError('discovery', 'The sign-in provider’s discovery document does not match');
  }
  return document as OidcDiscovery;
}

/** The authorization request (OIDC Core 3.1.2.1) with the PKCE challenge. */
export function authorizationUrl(
  discovery: OidcDiscovery,
  settings: OidcSettings,
  request: { state: string; nonce: string; challenge: string; redirectUri: string },
): string {
  const url = new URL(discovery.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', settings.scopes);
  url.searchParams.set('state', request.state);
  url.searchParams.set('nonce', request.nonce);
  url.searchParams.set('code_challenge', request.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/**
 * Starts a sign-in: a fresh verifier, state and nonce, kept in `store` for the callback, and
 * the provider's authorization URL to send the browser to.
 */
export async function beginSignIn(
  settings: OidcSettings,
  origin: string,
  store: KeyValueStore = tabStorage(),
): Promise<string> {
  const discovery = await discover(settings.issuer);
  const transaction: OidcTransaction = {
    state: randomValue(),
    nonce: randomValue(),
    verifier: randomValue(),
    redirectUri: `${origin}${settings.redirectPath}`,
    tokenEndpoint: discovery.token_endpoint,
  };
  store.setItem(TRANSACTION_KEY, JSON.stringify(transaction));
  return authorizationUrl(discovery, settings, {
    state: transaction.state,
    nonce: transaction.nonce,
    challenge: await codeChallenge(transaction.verifier),
    redirectUri: transaction.redirectUri,
  });
}

/** A JWT's claims, read without checking its signature (see checkIdToken for why that is enough). */
export function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new OidcError('id_token_invalid', 'The ID token is not a JWT');
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  try {
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    throw new OidcError('id_token_invalid', 'The ID token is not a JWT');
  }
}

/**
 * The ID token's claims as OIDC Core 3.1.3.7 asks: the issuer, this client among the
 * audiences (and as `azp` when there are several), not expired, and the nonce this browser
 * sent. The token came straight from the token endpoint over the connection the browser
 * opened, so its signature needs no check here (3.1.3.7 item 6); the API verifies every
 * access token's signature itself.
 */
export function checkIdToken(
  claims: Record<string, unknown>,
  expected: { issuer: string; clientId: string; nonce: string; now: number },
): void {
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== expected.issuer) {
    throw new OidcError('id_token_invalid', 'The ID token was issued by another provider');
  }
  if (
    !audiences.includes(expected.clientId) ||
    (audiences.length > 1 && claims.azp !== expected.clientId)
  ) {
    throw new OidcError('id_token_invalid', 'The ID token was issued to another client');
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= expected.now) {
    throw new OidcError('id_token_invalid', 'The ID token has expired');
  }
  if (claims.nonce !== expected.nonce) {
    throw new OidcError('nonce_mismatch', 'The ID token answers another sign-in (nonce)');
  }
}

/**
 * Completes a sign-in on the callback URL: the state must be the one this browser sent (else
 * nothing is exchanged), the code is exchanged with the verifier at the token endpoint, and
 * the ID token is checked. The kept transaction is used once, whatever the outcome. Returns the
 * access token, the bearer token for the API; a refresh token, when the provider gives one, is
 * kept for `refreshAccessToken`.
 */
export async function completeSignIn(
  settings: OidcSettings,
  callbackUrl: string,
  store: KeyValueStore = tabStorage(),
  now = Date.now(),
): Promise<string> {
  const kept = store.getItem(TRANSACTION_KEY);
  store.removeItem(TRANSACTION_KEY);
  if (!kept) throw new OidcError('no_transaction', 'No sign-in was started in this tab');
  const transaction = JSON.parse(kept) as OidcTransaction;
  const params = new URL(callbackUrl).searchParams;
  if (params.get('state') !== transaction.state) {
    throw new OidcError('state_mismatch', 'The answer does not belong to this sign-in (state)');
  }
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    throw new OidcError('provider_error', description ? `${error}: ${description}` : error);
  }
  const code = params.get('code');
  if (!code) throw new OidcError('provider_error', 'The provider sent no authorization code');
  const response = await fetch(transaction.tokenEndpoint, {
    method: 'POST',
    headers: { Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: transaction.redirectUri,
      client_id: settings.clientId,
      code_verifier: transaction.verifier,
    }),
  }).catch((failure: unknown) => {
    throw new OidcError('token_exchange', `The token endpoint did not answer: ${String(failure)}`);
  });
  const tokens = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof tokens.access_token !== 'string') {
    const reason = typeof tokens.error === 'string' ? tokens.error : `HTTP ${response.status}`;
    throw new OidcError('token_exchange', `The provider refused the code: ${reason}`);
  }
  if (typeof tokens.id_token !== 'string') {
    throw new OidcError('id_token_invalid', 'The provider sent no ID token');
  }
  checkIdToken(jwtClaims(tokens.id_token), {
    issuer: settings.issuer,
    clientId: settings.clientId,
    nonce: transaction.nonce,
    now,
  });
  keepRefresh(store, tokens.refresh_token, transaction.tokenEndpoint, settings.clientId);
  return tokens.access_token;
}

function keepRefresh(
  store: KeyValueStore,
  refreshToken: unknown,
  tokenEndpoint: string,
  clientId: string,
): void {
  if (typeof refreshToken !== 'string' || refreshToken === '') return store.removeItem(REFRESH_KEY);
  const kept: KeptRefresh = { refreshToken, tokenEndpoint, clientId };
  store.setItem(REFRESH_KEY, JSON.stringify(kept));
}

/** Whether this tab's sign-in can be renewed without the user (the provider gave a refresh token). */
export function mayRefresh(store: KeyValueStore = tabStorage()): boolean {
  return store.getItem(REFRESH_KEY) !== null;
}

/**
 * A new access token for the kept refresh token (RFC 6749 §6, as a public client), keeping the
 * rotated refresh token the provider returns. A refusal forgets the refresh token: the user must
 * sign in again.
 */
export async function refreshAccessToken(store: KeyValueStore = tabStorage()): Promise<string> {
  const text = store.getItem(REFRESH_KEY);
  if (!text) throw new OidcError('refresh', 'This sign-in cannot be renewed');
  const kept = JSON.parse(text) as KeptRefresh;
  const response = await fetch(kept.tokenEndpoint, {
    method: 'POST',
    headers: { Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: kept.refreshToken,
      client_id: kept.clientId,
    }),
  }).catch((failure: unknown) => {
    throw new OidcError('refresh', `The token endpoint did not answer: ${String(failure)}`);
  });
  const tokens = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof tokens.access_token !== 'string') {
    store.removeItem(REFRESH_KEY);
    const reason = typeof tokens.error === 'string' ? tokens.error : `HTTP ${response.status}`;
    throw new OidcError('refresh', `The provider ended the sign-in: ${reason}`);
  }
  // A provider that does not rotate keeps the same refresh token valid.
  keepRefresh(store, tokens.refresh_token ?? kept.refreshToken, kept.tokenEndpoint, kept.clientId);
  return tokens.access_token;
}

/**
 * When to renew a token expiring at `expiresAt`: 30 s before it does, or halfway through what is
 * left when that is less than a minute, so a short-lived token is renewed in time too.
 */
export function refreshDelay(expiresAt: number, now: number): number {
  const left = expiresAt - now;
  return Math.max(0, left - Math.min(30_000, left / 2));
}

/** `GET /api/sign-in/config`: how this service's users sign in. */
export interface SignInConfig {
  mode: 'oidc' | 'token';
  demoUsers: boolean;
  oidc: OidcSettings | null;
}

export const OIDC_TEXT = {
  signInWithProvider: { zh: '通过统一身份认证登录', en: 'Sign in with the identity provider' },
  providerHelp: {
    zh: '将转到本单位的统一身份认证服务登录，登录后返回本系统。',
    en: 'You will sign in at your organisation’s identity provider and come back here.',
  },
  completing: { zh: '正在完成登录……', en: 'Completing sign-in…' },
  failed: { zh: '登录未完成', en: 'Sign-in was not completed' },
  again: { zh: '重新登录', en: 'Sign in again' },
  expired: {
    zh: '登录已失效，请重新登录',
    en: 'Your sign-in has ended; please sign in again',
  },
  notUsable: {
    zh: '身份认证服务签发的令牌缺少本系统需要的单位或角色信息',
    en: 'The provider’s token lacks the organisation or roles this service needs',
  },
} as const;
