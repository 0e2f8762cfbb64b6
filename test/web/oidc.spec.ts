import {
  OidcError,
  OidcSettings,
  TRANSACTION_KEY,
  authorizationUrl,
  base64Url,
  checkIdToken,
  codeChallenge,
  completeSignIn,
  jwtClaims,
  mayRefresh,
  randomValue,
  REFRESH_KEY,
  refreshAccessToken,
  refreshDelay,
} from '../../web/src/oidc';
import { startIssuer } from '../support/oidc-issuer';

const SETTINGS: OidcSettings = {
  issuer: 'https://sso.example.gov.cn/realms/legislink',
  clientId: 'legislink-web',
  scopes: 'openid profile',
  claims: { organisation: 'org', roles: 'roles', name: 'name' },
  redirectPath: '/auth/callback',
};

/** An in-memory stand-in for the tab's sessionStorage. */
function memoryStore(entries: Record<string, string> = {}) {
  const map = new Map(Object.entries(entries));
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
    map,
  };
}

const unsignedJwt = (claims: Record<string, unknown>) =>
  `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(
    JSON.stringify(claims),
  ).toString('base64url')}.signature`;

describe('PKCE (RFC 7636) in the web UI', () => {
  it('derives the S256 challenge of the RFC’s own example (Appendix B)', async () => {
    await expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('derives the same challenge without WebCrypto’s digest, as over plain HTTP on an intranet', async () => {
    await expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', null)).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    const verifier = randomValue();
    await expect(codeChallenge(verifier, null)).resolves.toBe(await codeChallenge(verifier));
  });

  it('writes bytes as unpadded base64url', () => {
    expect(base64Url(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-');
    expect(base64Url(new Uint8Array([0x66]))).toBe('Zg');
  });

  it('makes verifiers, states and nonces of 43 unreserved characters, never the same twice', () => {
    const values = Array.from({ length: 200 }, () => randomValue());
    for (const value of values) expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(values).size).toBe(values.length);
  });

  it('asks for a code with the challenge, S256, state and nonce at the discovered endpoint', () => {
    const url = new URL(
      authorizationUrl(
        {
          issuer: SETTINGS.issuer,
          authorization_endpoint: `${SETTINGS.issuer}/protocol/openid-connect/auth?kc_idp_hint=x`,
          token_endpoint: `${SETTINGS.issuer}/token`,
        },
        SETTINGS,
        { state: 's1', nonce: 'n1', challenge: 'c1', redirectUri: 'https://app/auth/callback' },
      ),
    );
    expect(url.origin + url.pathname).toBe(`${SETTINGS.issuer}/protocol/openid-connect/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      kc_idp_hint: 'x',
      response_type: 'code',
      client_id: 'legislink-web',
      redirect_uri: 'https://app/auth/callback',
      scope: 'openid profile',
      state: 's1',
      nonce: 'n1',
      code_challenge: 'c1',
      code_challenge_method: 'S256',
    });
  });
});

describe('The ID token’s checks (OIDC Core 3.1.3.7)', () => {
  const now = Date.parse('2026-01-05T08:00:00Z');
  const good = {
    iss: SETTINGS.issuer,
    aud: 'legislink-web',
    exp: now / 1000 + 60,
    nonce: 'n1',
  };
  const expected = { issuer: SETTINGS.issuer, clientId: 'legislink-web', nonce: 'n1', now };
  const failure = (claims: Record<string, unknown>) => {
    try {
      checkIdToken(claims, expected);
      return null;
    } catch (error) {
      return (error as OidcError).failure;
    }
  };

  it('accepts its own sign-in’s token and refuses any other', () => {
    expect(failure(good)).toBeNull();
    expect(failure({ ...good, aud: ['legislink-web', 'other'], azp: 'legislink-web' })).toBeNull();
    expect(failure({ ...good, iss: 'https://elsewhere' })).toBe('id_token_invalid');
    expect(failure({ ...good, aud: 'other' })).toBe('id_token_invalid');
    expect(failure({ ...good, aud: ['legislink-web', 'other'] })).toBe('id_token_invalid');
    expect(failure({ ...good, exp: now / 1000 })).toBe('id_token_invalid');
    expect(failure({ ...good, nonce: 'n2' })).toBe('nonce_mismatch');
    expect(failure({ ...good, nonce: undefined })).toBe('nonce_mismatch');
  });

  it('reads a JWT’s claims, and calls anything else no JWT', () => {
    expect(jwtClaims(unsignedJwt({ sub: '张三' }))).toEqual({ sub: '张三' });
    expect(() => jwtClaims('not-a-jwt')).toThrow(OidcError);
    expect(() => jwtClaims('a.%%%.c')).toThrow(OidcError);
  });
});

describe('Coming back from the provider', () => {
  const transaction = {
    state: 'state-1',
    nonce: 'nonce-1',
    verifier: 'v'.repeat(43),
    redirectUri: 'https://app/auth/callback',
    // Nothing listens here: a test that reached the exchange would fail on it.
    tokenEndpoint: 'http://127.0.0.1:9/token',
  };

  it('refuses an answer whose state is not this tab’s, before exchanging anything, and spends the transaction', async () => {
    const store = memoryStore({ [TRANSACTION_KEY]: JSON.stringify(transaction) });
    await expect(
      completeSignIn(SETTINGS, 'https://app/auth/callback?code=c&state=state-2', store),
    ).rejects.toMatchObject({ failure: 'state_mismatch' });
    expect(store.map.has(TRANSACTION_KEY)).toBe(false);
    // The right state afterwards finds nothing to complete.
    await expect(
      completeSignIn(SETTINGS, 'https://app/auth/callback?code=c&state=state-1', store),
    ).rejects.toMatchObject({ failure: 'no_transaction' });
  });

  it('reports the provider’s error when the state is this tab’s', async () => {
    const store = memoryStore({ [TRANSACTION_KEY]: JSON.stringify(transaction) });
    await expect(
      completeSignIn(
        SETTINGS,
        'https://app/auth/callback?error=access_denied&error_description=no&state=state-1',
        store,
      ),
    ).rejects.toMatchObject({ failure: 'provider_error', message: 'access_denied: no' });
  });
});

describe('renewing a sign-in with the refresh token (RFC 6749 §6)', () => {
  it('renews 30 s before expiry, or halfway through what is left of a short-lived token', () => {
    const now = 1_000_000;
    expect(refreshDelay(now + 3_600_000, now)).toBe(3_570_000);
    expect(refreshDelay(now + 10_000, now)).toBe(5_000);
    expect(refreshDelay(now - 1, now)).toBe(0);
  });

  it('keeps the provider’s refresh token, renews with it, keeps the rotated one, and forgets it once refused', async () => {
    const redirectUri = 'http://legislink.test/auth/callback';
    const provider = await startIssuer({
      client: { clientId: SETTINGS.clientId, redirectUris: [redirectUri] },
      audience: 'legislink',
      users: { staff: { name: '联络员', org: 'cn-220000-pco', roles: ['committee_office'] } },
      accessTokenSeconds: 60,
    });
    try {
      const store = memoryStore();
      const verifier = randomValue();
      store.setItem(
        TRANSACTION_KEY,
        JSON.stringify({
          state: 'state-1',
          nonce: 'nonce-1',
          verifier,
          redirectUri,
          tokenEndpoint: `${provider.issuer}/token`,
        }),
      );
      const signedIn = await fetch(`${provider.issuer}/authorize`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({
          client_id: SETTINGS.clientId,
          redirect_uri: redirectUri,
          response_type: 'code',
          scope: 'openid',
          state: 'state-1',
          nonce: 'nonce-1',
          code_challenge: await codeChallenge(verifier),
          code_challenge_method: 'S256',
          username: 'staff',
        }),
      });
      const settings = { ...SETTINGS, issuer: provider.issuer };
      const first = await completeSignIn(settings, signedIn.headers.get('location')!, store);
      expect(mayRefresh(store)).toBe(true);
      const kept = store.getItem(REFRESH_KEY)!;

      const renewed = await refreshAccessToken(store);
      expect(renewed).not.toBe(first);
      expect(jwtClaims(renewed)).toMatchObject({ sub: 'staff', org: 'cn-220000-pco' });
      expect(store.getItem(REFRESH_KEY)).not.toBe(kept);
      expect(provider.tokenRequests.at(-1)!.params).toMatchObject({
        grant_type: 'refresh_token',
        client_id: SETTINGS.clientId,
      });

      // A spent refresh token (the provider rotates them) is refused, and forgotten.
      store.setItem(REFRESH_KEY, kept);
      await expect(refreshAccessToken(store)).rejects.toMatchObject({ failure: 'refresh' });
      expect(mayRefresh(store)).toBe(false);
      await expect(refreshAccessToken(store)).rejects.toBeInstanceOf(OidcError);
    } finally {
      await provider.stop();
    }
  });
});
