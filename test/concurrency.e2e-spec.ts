import { STEPS, submissionAt } from './support/flow';
import { TestApp, startTestApp } from './support/test-app';

describe('Given commands racing on one submission', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('when 50 grants to different viewers run at once, then every one succeeds', async () => {
    const id = await submissionAt(t, 'submit');
    const users = Array.from({ length: 50 }, (_, i) => `assessor-${i}`);
    const responses = await Promise.all(
      users.map((userId) =>
        t.http.post(`/api/submissions/${id}/viewers`).set(t.as('jl-party-group')).send({ userId }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(users.map(() => 200));
    const view = await t.http.get(`/api/submissions/${id}`).set(t.as('jl-party-group'));
    expect([...view.body.viewers.userIds].sort()).toEqual([...users].sort());
    expect(view.body.revision).toBe(2 + users.length);
  });

  it('when the same step is sent five times at once, then exactly one wins', async () => {
    const id = await submissionAt(t, 'submit');
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.http
          .post(`/api/submissions/${id}/${STEPS.receive.path}`)
          .set(t.as(STEPS.receive.user))
          .send(STEPS.receive.body),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    const refused = responses.find((r) => r.status === 409)!;
    expect(refused.body).toMatchObject({ currentState: 'received', step: 'receive' });
  });
});
