import Database from 'better-sqlite3';
import { join } from 'node:path';
import { TestApp } from './test-app';

/** The consultations e2e world: Jilin's legislature consults; two outreach offices collect. */
export const JILIN_LEGISLATURE = 'cn-220000-npcpg';
export const OFFICE = 'cn-220100-lloo';
/** An office that serves only Changchun's legislature. */
export const OTHER_OFFICE = 'cn-220102-lloo';
export const NOWHERE = '00000000-0000-4000-8000-000000000000';

/**
 * Registers both offices as organisations and returns their staff's tokens (`office`, `other`).
 * Their networks (which legislatures they serve) are each spec's own business.
 */
export async function registerOutreachOffices(t: TestApp): Promise<Record<string, string>> {
  for (const [organisationId, regionCode] of [
    [OFFICE, '220100'],
    [OTHER_OFFICE, '220102'],
  ]) {
    await t.http
      .post('/api/organisations')
      .set(t.as('admin'))
      .send({
        organisationId,
        kind: 'outreach_office',
        level: regionCode === '220100' ? 'city' : 'county',
        regionCode,
        nameZh: `${organisationId} 基层立法联系点`,
        nameEn: `${organisationId} outreach office`,
      })
      .expect(201);
  }
  const staff = (userId: string, organisationId: string) =>
    t.token({ userId, userName: '联络员', organisationId, roles: ['outreach'] });
  return {
    office: await staff('lloo-staff', OFFICE),
    other: await staff('other-staff', OTHER_OFFICE),
  };
}

/** Events in the service's log, read from its file: what a refused request must not change. */
export function eventCount(t: TestApp): number {
  const db = new Database(join(t.dir, 'legislink.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
