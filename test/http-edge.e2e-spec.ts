import Database from 'better-sqlite3';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DRAFT } from './support/flow';
import { TestApp, startTestApp } from './support/test-app';

const PROBLEM = /^application\/problem\+json/;
const MIB = 1048576;

function eventCount(t: TestApp): number {
  const db = new Database(join(t.dir, 'legislink.sqlite'), { readonly: true });
  const { n } = db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
  db.close();
  return n;
}

/** A draft of exactly `bytes` of JSON: Chinese body text (3 bytes a character), dots to pad. */
function draftOfBytes(bytes: number): string {
  const room = Math.round(bytes) - Buffer.byteLength(JSON.stringify({ ...DRAFT, body: '' }));
  const characters = Math.floor(room / 3);
  const json = JSON.stringify({ ...DRAFT, body: '法'.repeat(characters) + '.'.repeat(room % 3) });
  expect(Buffer.byteLength(json)).toBe(Math.round(bytes));
  return json;
}

describe('HTTP edge', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const postDraft = (json: string, type = 'application/json') =>
    t.http.post('/api/submissions').set(t.as('jl-fgw')).type(type).send(json);

  describe('request body size', () => {
    it('accepts a draft whose body is 190,000 Chinese characters (~570 KB of UTF-8)', async () => {
      const body = '黑土地保护条例'.repeat(27143).slice(0, 190000);
      const created = await postDraft(JSON.stringify({ ...DRAFT, body })).expect(201);
      const view = await t.http
        .get(`/api/submissions/${created.body.submissionId}`)
        .set(t.as('jl-fgw'))
        .expect(200);
      expect(view.body.body).toBe(body);
    });

    it('parses a body of exactly HTTP_BODY_LIMIT_BYTES (the DTO then refuses it) and refuses one byte more with 413', async () => {
      const atLimit = await postDraft(draftOfBytes(MIB)).expect(400);
      expect(atLimit.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
      const over = await postDraft(draftOfBytes(MIB + 1)).expect(413);
      expect(over.body.rule).toBe('body_size_limit');
    });

    it('answers a 1.2 MiB body with a 413 problem and writes nothing', async () => {
      const before = eventCount(t);
      const response = await postDraft(draftOfBytes(1.2 * MIB))
        .set('X-Correlation-Id', 'too-large-1')
        .expect(413);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body).toEqual({
        type: 'https://legislink.dev/problems/payload-too-large',
        title: 'Payload Too Large',
        status: 413,
        detail: 'The request body is larger than 1048576 bytes (HTTP_BODY_LIMIT_BYTES)',
        rule: 'body_size_limit',
        instance: '/api/submissions',
        correlationId: 'too-large-1',
      });
      expect(response.headers['x-correlation-id']).toBe('too-large-1');
      expect(eventCount(t)).toBe(before);
    });
  });

  describe('malformed input', () => {
    it('answers malformed JSON with a 400 problem naming the rule', async () => {
      const response = await postDraft('{"kind": "request", "title": ').expect(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body).toMatchObject({
        type: 'https://legislink.dev/problems/malformed-json',
        title: 'Malformed JSON',
        status: 400,
        rule: 'json_syntax',
        instance: '/api/submissions',
        correlationId: response.headers['x-correlation-id'],
      });
      expect(response.body.detail).toMatch(/^The request body is not valid JSON: /);
      // A bare JSON string is not a request object either.
      await postDraft('"关于黑土地保护的请示"').expect(400, /json_syntax/);
    });

    it('answers text holding a lone UTF-16 surrogate with a 400 naming the member, and writes nothing', async () => {
      const before = (await t.http.get('/api/outbox').set(t.as('jl-fgw')).expect(200)).body.items
        .length;
      // JSON.stringify keeps a lone surrogate as the escape "\ud800", as a client would send it.
      for (const [json, field] of [
        [JSON.stringify({ ...DRAFT, title: '黑土地\ud800保护' }), 'title'],
        [JSON.stringify({ ...DRAFT, references: ['ok', 'x\udc00'] }), 'references[1]'],
        [JSON.stringify({ ...DRAFT, ['k\ud83d']: 1 }), 'k\ud83d'],
      ]) {
        const response = await postDraft(json).expect(400);
        expect(response.headers['content-type']).toMatch(PROBLEM);
        expect(response.body).toMatchObject({
          rule: 'well_formed_unicode',
          errors: [{ field, rule: 'well_formed_unicode' }],
        });
      }
      // A surrogate pair (an emoji) is text like any other.
      await postDraft(JSON.stringify({ ...DRAFT, title: '黑土地保护 🌾' })).expect(201);
      const after = (await t.http.get('/api/outbox').set(t.as('jl-fgw')).expect(200)).body.items
        .length;
      expect(after).toBe(before + 1);
    });

    it('answers JSON nested deeper than 32 levels with a 400 problem, not a stack overflow', async () => {
      const nested = (depth: number) =>
        JSON.stringify({ ...DRAFT, title: 'X' }).replace(
          '"X"',
          '{"a":'.repeat(depth - 1) + '1' + '}'.repeat(depth - 1),
        );
      // The draft itself is the first level.
      await postDraft(nested(32)).expect(400, /"rule":"isString"/);
      for (const json of [nested(33), nested(100000), `${'['.repeat(10000)}${']'.repeat(10000)}`]) {
        const response = await postDraft(json).expect(400);
        expect(response.body).toMatchObject({
          type: 'https://legislink.dev/problems/json-too-deep',
          rule: 'json_depth',
          detail: 'The body nests deeper than 32 levels',
        });
      }
    });

    it.each([
      ['text/plain', '关于黑土地保护的请示'],
      ['application/x-www-form-urlencoded', 'kind=request&title=x'],
      ['application/xml', '<draft/>'],
    ])('answers a %s body with a 415 problem', async (type, body) => {
      const response = await postDraft(body, type).expect(415);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body).toMatchObject({
        title: 'Unsupported Media Type',
        status: 415,
        rule: 'content_type',
        detail: `The request body must be application/json, not ${type}`,
      });
    });

    it('answers a charset or content encoding it cannot read with 415, and a corrupt gzip body with 400', async () => {
      await postDraft('{}', 'application/json; charset=latin1').expect(415, /body_encoding/);
      await postDraft('{}')
        .set('Content-Encoding', 'compress')
        .expect(415, /body_encoding/);
      const corrupt = gzipSync(JSON.stringify(DRAFT)).subarray(0, 40);
      const response = await postDraft(corrupt as unknown as string).set(
        'Content-Encoding',
        'gzip',
      );
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body).toMatchObject({
        rule: 'request_body',
        detail: 'The request body could not be read',
      });
    });

    it('answers an unknown route with a 404 problem, whatever its body', async () => {
      const get = await t.http.get('/api/nowhere').set(t.as('jl-fgw')).expect(404);
      expect(get.headers['content-type']).toMatch(PROBLEM);
      expect(get.body).toMatchObject({ status: 404, instance: '/api/nowhere' });
      await t.http.post('/api/nowhere').type('json').send('{"a":').expect(400);
      await t.http
        .post('/api/nowhere')
        .type('json')
        .send(draftOfBytes(1.2 * MIB))
        .expect(413);
    });

    it('answers a path with broken percent-encoding with a 400 problem', async () => {
      const response = await t.http.get('/api/submissions/%E0%A4%A').set(t.as('jl-fgw'));
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    });
  });

  describe('ETags', () => {
    it('puts none on problem responses, and keeps the API’s strong ones', async () => {
      const notFound = await t.http.get('/api/nowhere').set(t.as('jl-fgw')).expect(404);
      expect(notFound.headers.etag).toBeUndefined();
      const invalid = await t.http
        .post('/api/submissions')
        .set(t.as('jl-fgw'))
        .send({ ...DRAFT, title: '' })
        .expect(400);
      expect(invalid.headers.etag).toBeUndefined();
      const created = await t.http
        .post('/api/submissions')
        .set(t.as('jl-fgw'))
        .send(DRAFT)
        .expect(201);
      expect(created.headers.etag).toMatch(/^"\d+"$/);
      const list = await t.http.get('/api/outbox').set(t.as('jl-fgw')).expect(200);
      expect(list.headers.etag).toBeUndefined();
    });
  });

  describe('security headers and CORS', () => {
    it('sets helmet’s headers and leaves CORS off when no origin is configured', async () => {
      const response = await t.http
        .get('/health/live')
        .set('Origin', 'https://elsewhere.example')
        .expect(200);
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringMatching(/max-age=/),
        'content-security-policy': expect.stringMatching(/default-src 'self'/),
      });
      expect(response.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t.http
        .options('/api/submissions')
        .set('Origin', 'https://elsewhere.example')
        .set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      await t.http.get('/api/docs').expect(200);
    });
  });

  describe('with CORS origins, a small body limit and a low rate limit configured', () => {
    const LIMIT = 30;
    let c: TestApp;
    beforeAll(async () => {
      c = await startTestApp({
        CORS_ORIGINS: 'https://portal.example.gov.cn, https://admin.example.gov.cn',
        HTTP_BODY_LIMIT_BYTES: '4096',
        RATE_LIMIT_PER_MINUTE: String(LIMIT),
        TRUST_PROXY_HOPS: '1',
      });
    });
    afterAll(() => c.close());

    it('answers a configured origin’s preflight and no other', async () => {
      const allowed = await c.http
        .options('/api/submissions')
        .set('Origin', 'https://portal.example.gov.cn')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type')
        .expect(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example.gov.cn');
      const get = await c.http
        .get('/api/organisations')
        .set(c.as('jl-office'))
        .set('Origin', 'https://admin.example.gov.cn')
        .expect(200);
      expect(get.headers['access-control-allow-origin']).toBe('https://admin.example.gov.cn');
      expect(get.headers['access-control-expose-headers']).toMatch(/Retry-After/);
      const other = await c.http
        .options('/api/submissions')
        .set('Origin', 'https://elsewhere.example')
        .set('Access-Control-Request-Method', 'POST');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('applies HTTP_BODY_LIMIT_BYTES', async () => {
      await c.http.post('/api/submissions').set(c.as('jl-fgw')).send(DRAFT).expect(201);
      const response = await c.http
        .post('/api/submissions')
        .set(c.as('jl-fgw'))
        .type('json')
        .send(draftOfBytes(4097))
        .expect(413);
      expect(response.body.detail).toBe(
        'The request body is larger than 4096 bytes (HTTP_BODY_LIMIT_BYTES)',
      );
    });

    it('throttles an identity past the limit with a 429 problem and Retry-After; another identity and health checks are not affected', async () => {
      const list = (user: string) => c.http.get('/api/organisations').set(c.as(user));
      for (let i = 0; i < LIMIT; i++) await list('analyst').expect(200);
      const throttled = await list('analyst').expect(429);
      expect(throttled.headers['content-type']).toMatch(PROBLEM);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(throttled.body).toMatchObject({
        type: 'https://legislink.dev/problems/too-many-requests',
        title: 'Too Many Requests',
        status: 429,
        instance: '/api/organisations',
        correlationId: throttled.headers['x-correlation-id'],
      });
      expect(throttled.body.detail).toMatch(/^More than 30 requests a minute; retry in \d+ s$/);
      expect(throttled.headers.etag).toBeUndefined();

      await list('jl-office').expect(200);
      for (let i = 0; i < LIMIT + 5; i++) await c.http.get('/health/live').expect(200);
    });

    it('throttles callers without a token per client address', async () => {
      const viaProxy = (client: string) =>
        c.http.get('/api/calendar/2025').set('X-Forwarded-For', client);
      for (let i = 0; i < LIMIT; i++) await viaProxy('10.1.2.3').expect(200);
      const throttled = await viaProxy('10.1.2.3').expect(429);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      // Behind the one trusted proxy, another client keeps its own budget.
      await viaProxy('10.1.2.4').expect(200);
      await c.http.get('/api/organisations').set(c.as('jl-party-group')).expect(200);
    });
  });
});
