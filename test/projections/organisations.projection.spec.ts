import { Actor } from '../../src/events/envelope';
import { OrganisationRegisteredV1 } from '../../src/events/organisation-events';
import { OrganisationRow } from '../../src/projections/organisations.projection';
import { LogFixture, snapshot } from '../support/projection-fixture';

const admin: Actor = { userId: 'admin', organisationId: 'legislink-operator', role: 'admin' };

const committee: OrganisationRegisteredV1 = {
  organisationId: 'cn-220000-pc',
  kind: 'party_committee',
  level: 'province',
  regionCode: '220000',
  nameZh: '中共吉林省委',
  nameEn: 'CPC Jilin Provincial Committee',
  parentOrganisationId: null,
};
const office: OrganisationRegisteredV1 = {
  organisationId: 'cn-220000-pco',
  kind: 'committee_office',
  level: 'province',
  regionCode: '220000',
  nameZh: '中共吉林省委办公厅',
  nameEn: 'General Office of the CPC Jilin Provincial Committee',
  parentOrganisationId: 'cn-220000-pc',
};
const cityGroup: OrganisationRegisteredV1 = {
  organisationId: 'cn-220100-npcpg',
  kind: 'standing_committee_party_group',
  level: 'city',
  regionCode: '220100',
  nameZh: '长春市人大常委会党组',
  nameEn: 'Party Group of the Changchun Municipal People’s Congress Standing Committee',
  parentOrganisationId: null,
};

describe('organisations projection', () => {
  let log: LogFixture;
  beforeEach(() => {
    log = new LogFixture();
  });
  afterEach(() => log.close());

  const register = (o: OrganisationRegisteredV1, occurredAt: string) =>
    log.append(`organisation-${o.organisationId}`, 'OrganisationRegistered', o, occurredAt, admin);

  it('Given organisations registered, When projected, Then one row each with its parent and registration time, readable by anyone as the directory', async () => {
    await register(committee, '2025-03-01T02:00:00.000Z');
    await register(office, '2025-03-02T02:00:00.000Z');
    await log.rebuild('organisations');
    expect(log.rows<OrganisationRow>('rm_organisations')).toEqual([
      {
        organisation_id: 'cn-220000-pc',
        kind: 'party_committee',
        level: 'province',
        region_code: '220000',
        parent_organisation_id: null,
        name_zh: '中共吉林省委',
        name_en: 'CPC Jilin Provincial Committee',
        registered_at: '2025-03-01T02:00:00.000Z',
      },
      {
        organisation_id: 'cn-220000-pco',
        kind: 'committee_office',
        level: 'province',
        region_code: '220000',
        parent_organisation_id: 'cn-220000-pc',
        name_zh: '中共吉林省委办公厅',
        name_en: 'General Office of the CPC Jilin Provincial Committee',
        registered_at: '2025-03-02T02:00:00.000Z',
      },
    ]);
    expect(log.readers('organisation')).toEqual([
      ['cn-220000-pc', 'anyone', 'directory'],
      ['cn-220000-pco', 'anyone', 'directory'],
    ]);
  });

  it('Given submission events in the same log, When organisations are projected, Then they write neither organisation rows nor readers of submissions', async () => {
    await register(cityGroup, '2025-03-01T02:00:00.000Z');
    await log.append(
      'submission-11111111-1111-4111-8111-111111111111',
      'SubmissionWithdrawn',
      { withdrawnAt: '2025-03-02T02:00:00.000Z', reason: 'r' },
      '2025-03-02T02:00:00.000Z',
      admin,
    );
    await log.rebuild('organisations');
    expect(log.rows<OrganisationRow>('rm_organisations').map((o) => o.organisation_id)).toEqual([
      'cn-220100-npcpg',
    ]);
    expect(log.rows('readers')).toEqual([
      {
        record_type: 'organisation',
        record_id: 'cn-220100-npcpg',
        principal: 'anyone',
        reason: 'directory',
      },
    ]);
  });

  it('Given a log of registrations, When replayed in one page and in pages of 1 and 2 events, Then the directory and its readers are identical', async () => {
    await register(cityGroup, '2025-03-01T02:00:00.000Z');
    await register(committee, '2025-03-02T02:00:00.000Z');
    await register(office, '2025-03-03T02:00:00.000Z');
    const tables = (db: Parameters<typeof snapshot>[0]) => ({
      organisations: snapshot(db, 'rm_organisations'),
      readers: snapshot(db, 'readers'),
    });
    const whole = tables(await log.rebuild('organisations'));
    expect(whole.organisations).toHaveLength(3);
    for (const pageSize of [1, 2]) {
      expect(tables(await log.rebuild('organisations', pageSize))).toEqual(whole);
    }
  });
});
