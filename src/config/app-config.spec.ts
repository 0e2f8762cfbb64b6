import { ConfigurationError, loadConfig } from './app-config';

describe('Given the environment', () => {
  it('when nothing is set, then the embedded defaults apply', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      SQLITE_PATH: './data/legislink.sqlite',
      PROCESS_ROLES: ['api', 'projector', 'relay', 'inbound', 'deadlines'],
      REPLY_DUE_WORKING_DAYS: 15,
      FEEDBACK_DUE_WORKING_DAYS: 30,
      LOG_HEAD_EVERY_EVENTS: 1000,
      LOG_HEAD_INTERVAL_MS: 1000,
      SERVICE_IDENTITY: 'urn:legislink:legislink',
      LINKAGE_UNLINKED_DAYS: 90,
      LINKAGE_STALLED_DAYS: 180,
      NOTIFICATIONS_DUE_SOON_DAYS: 3,
      LOG_REQUESTS: 'errors',
      LOG_SLOW_REQUEST_MS: 1000,
    });
    expect(config.SIGNING_KEY_FILE).toBeUndefined();
    expect(config.EVENTSTORE_CONNECTION_STRING).toBeUndefined();
    expect(config.has('relay')).toBe(true);
  });

  it('when values are given, then they are converted and used', () => {
    const config = loadConfig({
      PORT: '8080',
      PROCESS_ROLES: 'api, projector',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      UNRELATED: 'ignored',
    });
    expect(config.PORT).toBe(8080);
    expect(config.PROCESS_ROLES).toEqual(['api', 'projector']);
    expect(config.has('relay')).toBe(false);
    expect(config.EVENTSTORE_CONNECTION_STRING).toBe('esdb://localhost:2113?tls=false');
  });

  it.each([
    ['PORT', 'eighty', /PORT="eighty"/],
    ['PORT', '70000', /PORT="70000".*must not be greater than 65535/],
    ['PROCESS_ROLES', 'api,cook', /PROCESS_ROLES/],
    ['JWT_SECRET', 'short', /JWT_SECRET must be at least 32 characters/],
    ['EVENTSTORE_CONNECTION_STRING', 'http://x', /must start with esdb:\/\//],
    ['OIDC_JWKS_URL', 'not a url', /OIDC_JWKS_URL/],
    ['REPLY_DUE_WORKING_DAYS', '0', /REPLY_DUE_WORKING_DAYS/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['LOG_REQUESTS', 'sometimes', /LOG_REQUESTS/],
    ['LOG_SLOW_REQUEST_MS', '0', /LOG_SLOW_REQUEST_MS="0".*must not be less than 1/],
    ['LOG_HEAD_EVERY_EVENTS', '0', /LOG_HEAD_EVERY_EVENTS="0".*must not be less than 1/],
    ['LOG_HEAD_INTERVAL_MS', 'often', /LOG_HEAD_INTERVAL_MS/],
    ['SERVICE_IDENTITY', 'legislink', /SERVICE_IDENTITY must be a URN/],
    ['SERVICE_IDENTITY', 'urn:legislink:has space', /SERVICE_IDENTITY must be a URN/],
    ['LINKAGE_UNLINKED_DAYS', '0', /LINKAGE_UNLINKED_DAYS="0".*must not be less than 1/],
    ['LINKAGE_STALLED_DAYS', 'half a year', /LINKAGE_STALLED_DAYS/],
    ['NOTIFICATIONS_DUE_SOON_DAYS', '61', /NOTIFICATIONS_DUE_SOON_DAYS/],
    ['DEMO_SIGN_IN', 'yes', /DEMO_SIGN_IN must be true or false/],
  ])('when %s=%s, then start-up stops naming the variable and the rule', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigurationError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('when DEMO_SIGN_IN is not set, then no demo users are offered, and the UI comes from ./web/dist', () => {
    expect(loadConfig({})).toMatchObject({ DEMO_SIGN_IN: 'false', WEB_ROOT: './web/dist' });
  });

  it('when DEMO_SIGN_IN=true with an OIDC issuer, then start-up stops: demo tokens are local', () => {
    const env = { DEMO_SIGN_IN: 'true', OIDC_JWKS_URL: 'https://idp.example/jwks' };
    expect(() => loadConfig(env)).toThrow(ConfigurationError);
    expect(() => loadConfig(env)).toThrow(/DEMO_SIGN_IN=true.*not with OIDC_JWKS_URL/);
  });
});
