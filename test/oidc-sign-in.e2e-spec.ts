/**
 * The web UI's OIDC client (web/src/oidc.ts) against a real provider (the test fixture in
 * test/support/oidc-issuer.ts), in Node: discovery, the authorization request with PKCE, the
 * code exchange, the state and nonce checks; and the API's token verifier reading the provider's
 * keys from discovery with mapped claims. The browser journey is test/web/oidc-sign-in.e2e-spec.ts.
 */
import { TokenVerifier } from '../src/platform/access/token-verifier';
import {
  OidcSettings,
  TRANSACTION_KEY,
  beginSignIn,
  codeChallenge,
  completeSignIn,
} from '../web/src/oidc';
import { RunningIssuer, startIssuer } from './support/oidc-issuer';

const APP = 'http://app.test';
const CLIENT = { clientId: 'legislink-web', redirectUris: [`${APP}/auth/callback`] };
const USER = {
  name: '省人大常委会党组',
  legislink: { org: 'cn-220000-npcpg', roles: ['party_group', 'legislature'] },
};

function memoryStore() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
    map,
  };
}

describe('OIDC sign-in with authorization code and PKCE, against a real provider', () => {
  let provider: RunningIssuer;
  let settings: OidcSettings;
  beforeAll(async () => {
    provider = await startIssuer({
      client: CLIENT,
      audience: 'legislink',
      users: { 'jl-party-group': USER },
    });
    settings = {
      issuer: provider.issuer,
      clientId: CLIENT.clientId,
      scopes: 'openid profile',
      claims: { organisation: 'legislink.org', roles: 'legislink.roles', name: 'name' },
      redirectPath: '/auth/callback',
    };
  });
  afterAll(() => provider.stop());

  /** The user signs in at the provider's form; the provider sends the browser back with a code. */
  async function signInAtProvider(authorizationUrl: string, username = 'jl-party-group') {
    const form = new URLSearchParams(new URL(authorizationUrl).searchParams);
    form.set('username', username);
    const response = await fetch(`${provider.issuer}/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    return response.headers.get('location')!;
  }

  it('signs in: the access token is accepted by the API’s verifier, which found the keys by discovery', async () => {
    const store = memoryStore();
    const url = new URL(await beginSignIn(settings, APP, store));
    expect(url.origin).toBe(provider.issuer);
    const kept = JSON.parse(store.map.get(TRANSACTION_KEY)!);
    expect(url.searchParams.get('code_challenge')).toBe(await codeChallenge(kept.verifier));
    expect(url.searchParams.get('state')).toBe(kept.state);
    expect(url.searchParams.get('nonce')).toBe(kept.nonce);
    const callback = await signInAtProvider(url.toString());
    expect(callback.startsWith(`${APP}/auth/callback?code=`)).toBe(true);

    const accessToken = await completeSignIn(settings, callback, store);
    expect(store.map.has(TRANSACTION_KEY)).toBe(false);
    const verifier = new TokenVerifier({
      discoveryIssuer: provider.issuer,
      issuer: provider.issuer,
      audience: 'legislink',
      claims: settings.claims,
    });
    await expect(verifier.verify(accessToken)).resolves.toEqual({
      userId: 'jl-party-group',
      userName: '省人大常委会党组',
      organisationId: 'cn-220000-npcpg',
      roles: ['party_group', 'legislature'],
    });
    // A token of the embedded default's issuer, or for another audience, is not the provider's.
    await expect(
      new TokenVerifier({
        discoveryIssuer: provider.issuer,
        issuer: 'legislink',
        audience: 'legislink',
        claims: settings.claims,
      }).verify(accessToken),
    ).rejects.toThrow(/iss/);
    await expect(
      new TokenVerifier({
        discoveryIssuer: provider.issuer,
        issuer: provider.issuer,
        audience: 'another-service',
        claims: settings.claims,
      }).verify(accessToken),
    ).rejects.toThrow(/aud/);
  });

  it('is refused by the provider when the verifier is not the one the challenge was made from, and the code is then spent', async () => {
    const store = memoryStore();
    const callback = await signInAtProvider(await beginSignIn(settings, APP, store));
    const kept = store.map.get(TRANSACTION_KEY)!;
    const tampered = { ...JSON.parse(kept), verifier: 'w'.repeat(43) };
    store.setItem(TRANSACTION_KEY, JSON.stringify(tampered));
    await expect(completeSignIn(settings, callback, store)).rejects.toMatchObject({
      failure: 'token_exchange',
      message: 'The provider refused the code: invalid_grant',
    });
    expect(provider.tokenRequests.at(-1)).toMatchObject({ status: 400, error: 'invalid_grant' });
    // The right verifier cannot redeem the code any more.
    store.setItem(TRANSACTION_KEY, kept);
    await expect(completeSignIn(settings, callback, store)).rejects.toMatchObject({
      failure: 'token_exchange',
    });
  });

  it('exchanges nothing when the state is not this tab’s, and refuses an ID token for another nonce', async () => {
    const store = memoryStore();
    const callback = new URL(await signInAtProvider(await beginSignIn(settings, APP, store)));
    const requests = provider.tokenRequests.length;
    const forged = new URL(callback);
    forged.searchParams.set('state', 'someone-elses-state');
    await expect(completeSignIn(settings, forged.toString(), store)).rejects.toMatchObject({
      failure: 'state_mismatch',
    });
    expect(provider.tokenRequests.length).toBe(requests);

    const other = memoryStore();
    const again = await signInAtProvider(await beginSignIn(settings, APP, other));
    const kept = JSON.parse(other.map.get(TRANSACTION_KEY)!);
    other.setItem(TRANSACTION_KEY, JSON.stringify({ ...kept, nonce: 'another-nonce' }));
    await expect(completeSignIn(settings, again, other)).rejects.toMatchObject({
      failure: 'nonce_mismatch',
    });
  });

  it('refuses at the provider an authorization request without PKCE S256 or for an unregistered redirect', async () => {
    const url = new URL(await beginSignIn(settings, APP, memoryStore()));
    const variants: [string, string | null][] = [
      ['code_challenge_method', 'plain'],
      ['code_challenge', null],
      ['redirect_uri', 'http://evil.test/auth/callback'],
    ];
    for (const [name, value] of variants) {
      const bad = new URL(url);
      if (value === null) bad.searchParams.delete(name);
      else bad.searchParams.set(name, value);
      const response = await fetch(bad);
      expect([name, response.status]).toEqual([name, 400]);
    }
    expect((await fetch(url)).status).toBe(200);
  });
});
