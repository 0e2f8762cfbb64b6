import { SignJWT } from 'jose';
import { DRAFT, StepName, submissionAt } from './support/flow';
import { TEST_SECRET, TestApp, startTestApp } from './support/test-app';

interface Case {
  endpoint: string;
  /** The happy-path step the submission is taken to first. */
  at: StepName | 'drafted' | 'material_requested';
  body: object;
  allowed: string;
  /** Insiders in the wrong role (403) and outsiders, who learn nothing (404). */
  refused: Record<string, 403 | 404>;
}

const CASES: Case[] = [
  {
    endpoint: 'amendments',
    at: 'drafted',
    body: { summary: 'changed' },
    allowed: 'jl-fgw',
    refused: { 'jl-office': 404, 'cc-fgw': 404, 'jl-gov': 404, analyst: 404, admin: 404 },
  },
  {
    endpoint: 'proposal',
    at: 'drafted',
    body: { proposingOrganisationId: 'cn-220000-npc-fgw', proposedOn: '2025-03-05', note: '' },
    allowed: 'jl-fgw',
    refused: { 'jl-office': 404, 'cc-party-group': 404 },
  },
  {
    endpoint: 'party-group-discussion',
    at: 'drafted',
    body: { meetingKind: 'chairmans_meeting', meetingDate: '2025-03-07', minutesReference: 'm' },
    allowed: 'jl-party-group',
    refused: { 'jl-fgw': 403, 'cc-party-group': 404, 'jl-gov': 404 },
  },
  {
    endpoint: 'submission',
    at: 'discuss',
    body: {},
    allowed: 'jl-party-group',
    refused: { 'jl-fgw': 403, 'cc-party-group': 404, 'jl-gov': 404, 'jl-office': 404 },
  },
  {
    endpoint: 'receipt',
    at: 'submit',
    body: { officeLogNumber: '收1' },
    allowed: 'jl-office',
    refused: { 'jl-party-group': 403, 'jl-fgw': 403, 'cc-office': 404, analyst: 404 },
  },
  {
    endpoint: 'material-requests',
    at: 'receive',
    body: { description: 'more', dueBy: '2025-03-20' },
    allowed: 'jl-office',
    refused: { 'jl-fgw': 403, 'cc-office': 404 },
  },
  {
    endpoint: 'material-requests/1/supply',
    at: 'material_requested',
    body: { description: 'here', documentReferences: [] },
    allowed: 'jl-fgw',
    refused: { 'jl-office': 403, 'cc-fgw': 404 },
  },
  {
    endpoint: 'committee-meetings',
    at: 'receive',
    body: { meetingKind: 'secretaries_meeting', meetingDate: '2025-03-10' },
    allowed: 'jl-office',
    refused: { 'jl-party-group': 403, 'cc-office': 404 },
  },
  {
    endpoint: 'opinion',
    at: 'meet',
    body: { documentNumber: 'd', outcome: 'approved', points: [] },
    allowed: 'jl-office',
    refused: { 'jl-fgw': 403, 'jl-party-group': 403, 'cc-office': 404 },
  },
  {
    endpoint: 'opinion/points/1/feedback',
    at: 'opinion',
    body: { adoption: 'adopted' },
    allowed: 'jl-fgw',
    refused: { 'jl-office': 403, 'cc-party-group': 404, 'cc-fgw': 404 },
  },
  {
    endpoint: 'withdrawal',
    at: 'submit',
    body: { reason: 'r' },
    allowed: 'jl-party-group',
    refused: { 'jl-fgw': 403, 'jl-office': 403, 'cc-party-group': 404 },
  },
  {
    endpoint: 'viewers',
    at: 'submit',
    body: { organisationId: 'cn-220000-govpg' },
    allowed: 'jl-office',
    refused: { 'jl-fgw': 403, 'cc-office': 404, analyst: 404 },
  },
];

describe('Who may take each step: role and organisation together', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const reach = async (at: Case['at']) => {
    if (at !== 'material_requested') return submissionAt(t, at);
    const id = await submissionAt(t, 'receive');
    await t.http
      .post(`/api/submissions/${id}/material-requests`)
      .set(t.as('jl-office'))
      .send({ description: 'more', dueBy: '2025-03-20' })
      .expect(200);
    return id;
  };
  const revision = async (id: string) =>
    (await t.http.get(`/api/submissions/${id}`).set(t.as('jl-party-group')).expect(200)).body
      .revision as number;

  describe.each(CASES)('POST /api/submissions/:id/$endpoint', (c) => {
    it.each(Object.entries(c.refused))(
      'refuses %s with %i and writes nothing',
      async (user, status) => {
        const id = await reach(c.at);
        const before = await revision(id);
        const response = await t.http
          .post(`/api/submissions/${id}/${c.endpoint}`)
          .set(t.as(user))
          .send(c.body)
          .expect(status);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(await revision(id)).toBe(before);
      },
    );

    it(`accepts ${c.allowed}`, async () => {
      const id = await reach(c.at);
      const before = await revision(id);
      const response = await t.http
        .post(`/api/submissions/${id}/${c.endpoint}`)
        .set(t.as(c.allowed))
        .send(c.body);
      // A step on an existing submission answers 200; only creating one answers 201.
      expect(response.status).toBe(200);
      expect(await revision(id)).toBeGreaterThan(before);
    });
  });

  it.each([
    ['jl-office', 403],
    ['analyst', 403],
    ['admin', 403],
  ])('refuses a draft by %s with %i', async (user, status) => {
    await t.http.post('/api/submissions').set(t.as(user)).send(DRAFT).expect(status);
  });

  it('refuses a draft by a government Party group outside government legislation (422)', async () => {
    const response = await t.http
      .post('/api/submissions')
      .set(t.as('jl-gov'))
      .send(DRAFT)
      .expect(422);
    expect(response.body.errors[0].rule).toBe('government_legislation_by_government_party_group');
  });

  it('hides a submission from outsiders when reading it', async () => {
    const id = await submissionAt(t, 'receive');
    for (const user of ['cc-office', 'cc-party-group', 'jl-gov', 'analyst', 'admin']) {
      await t.http.get(`/api/submissions/${id}`).set(t.as(user)).expect(404);
    }
    for (const user of ['jl-office', 'jl-fgw', 'jl-party-group']) {
      await t.http.get(`/api/submissions/${id}`).set(t.as(user)).expect(200);
    }
  });

  describe('authentication', () => {
    const sign = (claims: Record<string, unknown>, secret = TEST_SECRET, exp = '1h') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('someone')
        .setIssuer('legislink')
        .setAudience('legislink')
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(secret));

    it('answers 401 without a token, with a bad signature, expired, or without roles', async () => {
      await t.http.get('/api/outbox').expect(401);
      await t.http.get('/api/outbox').set('Authorization', 'Basic abc').expect(401);
      const wrongSecret = await sign(
        { org: 'cn-220000-npcpg', roles: ['party_group'] },
        'x'.repeat(40),
      );
      await t.http.get('/api/outbox').set('Authorization', `Bearer ${wrongSecret}`).expect(401);
      const expired = await sign(
        { org: 'cn-220000-npcpg', roles: ['party_group'] },
        TEST_SECRET,
        '-1m',
      );
      await t.http.get('/api/outbox').set('Authorization', `Bearer ${expired}`).expect(401);
      const noRoles = await sign({ org: 'cn-220000-npcpg' });
      await t.http.get('/api/outbox').set('Authorization', `Bearer ${noRoles}`).expect(401);
      const badRole = await sign({ org: 'cn-220000-npcpg', roles: ['emperor'] });
      const refused = await t.http
        .get('/api/outbox')
        .set('Authorization', `Bearer ${badRole}`)
        .expect(401);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.detail).toMatch(/unknown role emperor/);
    });

    it('answers 403 for a token of an unregistered organisation', async () => {
      const token = await sign({ org: 'cn-999999-nobody', roles: ['party_group'] });
      const response = await t.http
        .get('/api/outbox')
        .set('Authorization', `Bearer ${token}`)
        .expect(403);
      expect(response.body.detail).toMatch(/not registered/);
    });
  });
});
