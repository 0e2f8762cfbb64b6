import { KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { InvalidTokenError, TokenVerifier, signToken } from './token-verifier';

const claims = {
  userId: 'u-1',
  userName: '张三',
  organisationId: 'cn-220000-npcpg',
  roles: ['party_group' as const],
};
const SECRET = 'a-local-secret-of-at-least-32-characters';

describe('Given the embedded default (HS256 with a local secret)', () => {
  const verifier = new TokenVerifier({
    secret: SECRET,
    issuer: 'legislink',
    audience: 'legislink',
  });

  it('when a token signed with the secret arrives, then its claims are read', async () => {
    const token = await signToken(claims, SECRET, 'legislink', 'legislink');
    await expect(verifier.verify(token)).resolves.toEqual(claims);
  });

  it('when the issuer or audience differs, then it is refused', async () => {
    await expect(
      verifier.verify(await signToken(claims, SECRET, 'other', 'legislink')),
    ).rejects.toThrow(InvalidTokenError);
    await expect(
      verifier.verify(await signToken(claims, SECRET, 'legislink', 'other')),
    ).rejects.toThrow(/aud/);
  });
});

describe('Given tokens verified before (the verification cache)', () => {
  afterEach(() => jest.useRealTimers());

  it('when the same token comes again, then the same claims are answered', async () => {
    const verifier = new TokenVerifier({
      secret: SECRET,
      issuer: 'legislink',
      audience: 'legislink',
    });
    const token = await signToken(claims, SECRET, 'legislink', 'legislink');
    await expect(verifier.verify(token)).resolves.toEqual(claims);
    const again = await verifier.verify(token);
    expect(again).toEqual(claims);
    again.roles.push('admin');
    await expect(verifier.verify(token)).resolves.toEqual(claims);
  });

  it('when a cached token has expired, then it is refused', async () => {
    jest.useFakeTimers({
      now: new Date('2026-01-05T08:00:00Z'),
      doNotFake: ['nextTick', 'setImmediate'],
    });
    const verifier = new TokenVerifier({
      secret: SECRET,
      issuer: 'legislink',
      audience: 'legislink',
    });
    const token = await signToken(claims, SECRET, 'legislink', 'legislink', '10s');
    await expect(verifier.verify(token)).resolves.toEqual(claims);
    jest.setSystemTime(new Date('2026-01-05T08:00:11Z'));
    await expect(verifier.verify(token)).rejects.toThrow(/exp/);
  });

  it('when a token fails once, then it fails again (failures are not remembered)', async () => {
    const verifier = new TokenVerifier({
      secret: SECRET,
      issuer: 'legislink',
      audience: 'legislink',
    });
    const forged = await signToken(
      claims,
      'another-secret-of-at-least-32-characters',
      'legislink',
      'legislink',
    );
    await expect(verifier.verify(forged)).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(forged)).rejects.toThrow(InvalidTokenError);
  });

  it('when more tokens are verified than it holds, then the least recently used is verified anew', async () => {
    const verifier = new TokenVerifier({
      secret: SECRET,
      issuer: 'legislink',
      audience: 'legislink',
      cacheSize: 1,
    });
    const first = await signToken(claims, SECRET, 'legislink', 'legislink');
    const second = await signToken({ ...claims, userId: 'u-2' }, SECRET, 'legislink', 'legislink');
    await verifier.verify(first);
    await verifier.verify(second);
    const verifyWithKey = jest.spyOn(verifier as never, 'verifyWithKey');
    await expect(verifier.verify(second)).resolves.toMatchObject({ userId: 'u-2' });
    expect(verifyWithKey).not.toHaveBeenCalled();
    await expect(verifier.verify(first)).resolves.toMatchObject({ userId: 'u-1' });
    expect(verifyWithKey).toHaveBeenCalledTimes(1);
  });
});

describe('Given an OIDC provider publishing a JWKS', () => {
  let server: Server;
  let url: string;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const sign = (key: KeyLike | Uint8Array, alg = 'RS256') =>
    new SignJWT({ name: '李四', org: 'cn-220000-pco', roles: ['committee_office'] })
      .setProtectedHeader({ alg, kid: 'k1' })
      .setSubject('u-2')
      .setIssuer('https://sso.example')
      .setAudience('legislink')
      .setExpirationTime('5m')
      .sign(key);

  it('when a token signed by the provider arrives, then it is verified against the JWKS', async () => {
    const verifier = new TokenVerifier({
      jwksUrl: url,
      issuer: 'https://sso.example',
      audience: 'legislink',
    });
    expect(verifier.mode).toBe('jwks');
    await expect(verifier.verify(await sign(privateKey))).resolves.toEqual({
      userId: 'u-2',
      userName: '李四',
      organisationId: 'cn-220000-pco',
      roles: ['committee_office'],
    });
  });

  it('when a token is signed with a shared secret instead, then it is refused', async () => {
    const verifier = new TokenVerifier({
      jwksUrl: url,
      issuer: 'https://sso.example',
      audience: 'legislink',
    });
    const forged = await sign(new TextEncoder().encode(SECRET), 'HS256');
    await expect(verifier.verify(forged)).rejects.toThrow(InvalidTokenError);
  });

  it('when the provider names organisation, roles and name under other claims, then the configured names are read', async () => {
    const verifier = new TokenVerifier({
      jwksUrl: url,
      issuer: 'https://sso.example',
      audience: 'legislink',
      claims: {
        organisation: 'gov.org_id',
        roles: 'realm_access.roles',
        name: 'preferred_username',
      },
    });
    const token = await new SignJWT({
      preferred_username: '王五',
      gov: { org_id: 'cn-220000-pco' },
      realm_access: { roles: 'committee_office analyst' },
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('u-3')
      .setIssuer('https://sso.example')
      .setAudience('legislink')
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(verifier.verify(token)).resolves.toEqual({
      userId: 'u-3',
      userName: '王五',
      organisationId: 'cn-220000-pco',
      roles: ['committee_office', 'analyst'],
    });
    // The default names find no organisation in such a token.
    await expect(
      new TokenVerifier({
        jwksUrl: url,
        issuer: 'https://sso.example',
        audience: 'legislink',
      }).verify(token),
    ).rejects.toThrow(/sub, org and roles/);
  });

  it('when the issuer’s discovery cannot be read, then tokens are refused with 401, not a crash', async () => {
    // Nothing listens on port 9.
    const verifier = new TokenVerifier({
      discoveryIssuer: 'http://127.0.0.1:9',
      issuer: 'https://sso.example',
      audience: 'legislink',
    });
    const token = await sign(privateKey);
    await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
  });
});
