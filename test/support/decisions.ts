import { TestApp } from './test-app';

/** A decision of the Jilin Provincial Committee (cn-220000-pc), as its office records it. */
export const DECISION = {
  documentNumber: '吉发〔2016〕12号',
  title: '关于加强黑土地保护的意见',
  summary: 'Protect black soil farmland by law.',
  decidedOn: '2016-05-20',
  policyAreas: ['农业农村', '生态环境'],
  kind: 'reform_plan',
  followUp: 'new_law',
};

/** Records a decision as the Jilin office and transmits it, so the legislature may read it too. */
export async function recordDecision(t: TestApp, documentNumber: string): Promise<string> {
  const recorded = await t.http
    .post('/api/decisions')
    .set(t.as('jl-office'))
    .send({ ...DECISION, documentNumber })
    .expect(201);
  const id = recorded.body.decisionId as string;
  await t.http
    .post(`/api/decisions/${id}/transmission`)
    .set(t.as('jl-office'))
    .send({})
    .expect(200);
  return id;
}
