import Database from 'better-sqlite3';
import { join } from 'node:path';
import { HeadSigningKey } from '../src/platform/event-store/head-signing-key';
import { logHeadSignatureHolds } from '../src/platform/event-store/log-head';
import { submissionAt } from './support/flow';
import { TestApp, startTestApp } from './support/test-app';

describe('Platform endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('health', () => {
    it('reports liveness and readiness of the store and the projector without a token', async () => {
      await t.http.get('/health/live').expect(200, { status: 'ok' });
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body).toMatchObject({
        status: 'ok',
        checks: { eventStore: { status: 'up' }, projections: { status: 'up' } },
      });
      expect(ready.body.checks.eventStore.detail).toMatch(/^sqlite:/);
    });
  });

  describe('OpenAPI', () => {
    it('serves the document with every command endpoint', async () => {
      const doc = await t.http.get('/api/docs-json').expect(200);
      const paths = Object.keys(doc.body.paths);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api/submissions',
          '/api/submissions/{submissionId}/opinion',
          '/api/submissions/{submissionId}/opinion/points/{pointNumber}/feedback',
          '/api/inbox',
          '/api/outbox',
          '/api/organisations',
          '/api/event-store/verification',
          '/api/event-store/head',
          '/health/ready',
        ]),
      );
      const detail = doc.body.paths['/api/submissions/{submissionId}'].get.responses['200'];
      expect(detail.content['application/json'].schema.$ref).toBe(
        '#/components/schemas/SubmissionDetailView',
      );
      expect(Object.keys(doc.body.components.schemas.SubmissionDetailView.properties)).toEqual(
        expect.arrayContaining(['history', 'chainVerification', 'overdue', 'opinion']),
      );
      await t.http.get('/api/docs').expect(200);
    });
  });

  describe('correlation ids', () => {
    it('echoes the caller’s correlation id and records it on the events', async () => {
      const response = await t.http
        .post('/api/submissions')
        .set(t.as('jl-fgw'))
        .set('X-Correlation-Id', 'corr-e2e-42')
        .send({
          kind: 'report',
          category: 'post_legislation',
          title: '关于条例实施情况的报告',
          summary: 's',
          body: 'b',
          classification: 'internal',
          addressedCommitteeId: 'cn-220000-pc',
        })
        .expect(201);
      expect(response.headers['x-correlation-id']).toBe('corr-e2e-42');
      const db = new Database(join(t.dir, 'legislink.sqlite'), { readonly: true });
      const row = db
        .prepare('SELECT metadata FROM events WHERE stream_id = ?')
        .get(`submission-${response.body.submissionId}`) as { metadata: string };
      db.close();
      expect(JSON.parse(row.metadata)).toMatchObject({
        correlationId: 'corr-e2e-42',
        causationId: null,
      });
    });
  });

  describe('organisations', () => {
    const body = {
      organisationId: 'cn-220102-pc',
      kind: 'party_committee',
      level: 'county',
      regionCode: '220102',
      nameZh: '中共长春市南关区委',
      nameEn: 'CPC Nanguan District Committee',
    };

    it('registers an organisation (admin) and lists and shows it', async () => {
      const created = await t.http
        .post('/api/organisations')
        .set(t.as('admin'))
        .send(body)
        .expect(201);
      expect(created.body).toEqual({
        organisationId: 'cn-220102-pc',
        revision: 0,
        status: 'registered',
        events: ['OrganisationRegistered'],
      });
      expect(created.headers.location).toBe('/api/organisations/cn-220102-pc');
      const shown = await t.http.get(created.headers.location).set(t.as('jl-fgw')).expect(200);
      expect(shown.body).toMatchObject({ ...body, kindZh: '党委', parentOrganisationId: null });
      const list = await t.http
        .get('/api/organisations?regionCode=220102')
        .set(t.as('jl-fgw'))
        .expect(200);
      expect(list.body.items.map((o: { organisationId: string }) => o.organisationId)).toEqual([
        'cn-220102-pc',
      ]);
      await t.http.get('/api/organisations/cn-220102-pc').set(t.as('analyst')).expect(200);
      await t.http.get('/api/organisations/cn-000000-none').set(t.as('analyst')).expect(404);
    });

    it('refuses registration by a non-admin (403), twice (409), with bad input (400) or bad codes (422)', async () => {
      await t.http
        .post('/api/organisations')
        .set(t.as('jl-office'))
        .send({ ...body, organisationId: 'x-1' })
        .expect(403);
      const again = await t.http
        .post('/api/organisations')
        .set(t.as('admin'))
        .send(body)
        .expect(409);
      // Generic messages name the aggregate they are about.
      expect(again.body.detail).toBe(
        'Cannot register while the organisation is registered; allowed steps: describe_outreach',
      );
      const bad = await t.http
        .post('/api/organisations')
        .set(t.as('admin'))
        .send({ ...body, organisationId: 'Bad Id', kind: 'ministry', regionCode: '22' })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'kind',
        'organisationId',
        'regionCode',
      ]);
      const mismatch = await t.http
        .post('/api/organisations')
        .set(t.as('admin'))
        .send({ ...body, organisationId: 'cn-220103-pc', regionCode: '220103', level: 'city' })
        .expect(422);
      expect(mismatch.body.errors[0]).toMatchObject({
        field: 'level',
        rule: 'level_matches_region_code',
      });
      const orphan = await t.http
        .post('/api/organisations')
        .set(t.as('admin'))
        .send({
          ...body,
          organisationId: 'cn-220102-pco',
          kind: 'committee_office',
          parentOrganisationId: 'cn-220100-pc',
        })
        .expect(422);
      expect(orphan.body.errors[0]).toMatchObject({
        field: 'parentOrganisationId',
        rule: 'same_level',
      });
    });
  });

  describe('hash-chain verification', () => {
    it('verifies one stream or the whole store for an admin and refuses others', async () => {
      const id = await submissionAt(t, 'receive');
      const one = await t.http
        .get(`/api/event-store/verification?streamId=submission-${id}`)
        .set(t.as('admin'))
        .expect(200);
      expect(one.body).toMatchObject({
        streams: 1,
        events: 4,
        valid: true,
        firstBrokenLink: null,
        firstProblem: null,
        problems: [],
      });
      const all = await t.http.get('/api/event-store/verification').set(t.as('admin')).expect(200);
      expect(all.body.valid).toBe(true);
      expect(all.body.streams).toBeGreaterThan(10);
      await t.http.get('/api/event-store/verification').set(t.as('jl-office')).expect(403);
    });

    it('names the first broken link after someone edits a stored event behind the API', async () => {
      const id = await submissionAt(t, 'receive');
      const db = new Database(join(t.dir, 'legislink.sqlite'));
      db.prepare(
        `UPDATE events SET data = json_set(data, '$.officeLogNumber', 'forged') WHERE stream_id = ? AND revision = 3`,
      ).run(`submission-${id}`);
      db.close();
      const result = await t.http
        .get('/api/event-store/verification')
        .set(t.as('admin'))
        .expect(200);
      expect(result.body.valid).toBe(false);
      expect(result.body.firstBrokenLink).toMatchObject({
        streamId: `submission-${id}`,
        revision: 3,
        problem: 'hash_mismatch',
      });
      const view = await t.http.get(`/api/submissions/${id}`).set(t.as('jl-office')).expect(200);
      expect(view.body.chainVerification.valid).toBe(false);
    });
  });

  describe('signed log head', () => {
    it('gives any signed-in user the latest head with a signature that holds, and no one else', async () => {
      await submissionAt(t, 'receive');
      // The projector role signs heads at most LOG_HEAD_INTERVAL_MS after the events.
      let head = await t.http.get('/api/event-store/head').set(t.as('jl-office'));
      for (let tries = 0; head.status === 404 && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        head = await t.http.get('/api/event-store/head').set(t.as('jl-office'));
      }
      expect(head.status).toBe(200);
      expect(head.body).toMatchObject({
        format: 'legislink-log-head/1',
        position: expect.stringMatching(/^\d+\/\d+$/),
        events: expect.any(Number),
        streams: expect.any(Number),
        logHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        publicKey: { kty: 'OKP', crv: 'Ed25519' },
      });
      expect(logHeadSignatureHolds(head.body)).toBe(true);
      expect(head.body.keyId).toBe(t.app.get(HeadSigningKey).keyId);
      await t.http.get('/api/event-store/head').expect(401);

      const doc = await t.http.get('/api/docs-json').expect(200);
      expect(
        doc.body.paths['/api/event-store/head'].get.responses['200'].content['application/json']
          .schema.$ref,
      ).toBe('#/components/schemas/LogHeadView');
    });
  });

  describe('working-day calendar', () => {
    it('shows a year and works out due dates across the Spring Festival', async () => {
      const year = await t.http.get('/api/calendar/2025').expect(200);
      expect(year.body).toMatchObject({ year: 2025, covered: true, workingDays: 248 });
      const due = await t.http
        .get('/api/calendar/due-date?from=2025-01-24T02:00:00Z&workingDays=5')
        .expect(200);
      expect(due.body.dueDate).toBe('2025-02-07');
      await t.http.get('/api/calendar/due-date?from=yesterday&workingDays=5').expect(400);
      await t.http.get('/api/calendar/abc').expect(400);
    });
  });
});
