/**
 * Organisations and callers shared by the decider specs: the Jilin provincial bodies (220000)
 * and the Changchun city bodies (220100), plus the platform operator. Pure data, no I/O.
 */
import { Role } from '../../src/events/envelope';
import { OrganisationRegisteredV1 } from '../../src/events/organisation-events';
import { ActorContext, OrganisationProfile } from '../../src/platform/access/actor';
import { profileOf } from '../../src/modules/organisations/organisation.decider';

export const JILIN = '220000';
export const CHANGCHUN = '220100';

function province(org: Omit<OrganisationRegisteredV1, 'level' | 'regionCode'>) {
  return profileOf({ ...org, level: 'province', regionCode: JILIN });
}

function city(org: Omit<OrganisationRegisteredV1, 'level' | 'regionCode'>) {
  return profileOf({ ...org, level: 'city', regionCode: CHANGCHUN });
}

/** The Jilin provincial bodies. */
export const jilin = {
  committee: province({
    organisationId: 'jl-party-committee',
    kind: 'party_committee',
    nameZh: '中共吉林省委',
    nameEn: 'CPC Jilin Provincial Committee',
    parentOrganisationId: null,
  }),
  office: province({
    organisationId: 'jl-committee-office',
    kind: 'committee_office',
    nameZh: '中共吉林省委办公厅',
    nameEn: 'General Office of the CPC Jilin Provincial Committee',
    parentOrganisationId: 'jl-party-committee',
  }),
  partyGroup: province({
    organisationId: 'jl-npcsc-party-group',
    kind: 'standing_committee_party_group',
    nameZh: '吉林省人大常委会党组',
    nameEn: 'Party Group of the Jilin Provincial People’s Congress Standing Committee',
    parentOrganisationId: null,
  }),
  standingCommittee: province({
    organisationId: 'jl-npcsc',
    kind: 'standing_committee',
    nameZh: '吉林省人大常委会',
    nameEn: 'Standing Committee of the Jilin Provincial People’s Congress',
    parentOrganisationId: null,
  }),
  // Belongs to the Standing Committee and reports through its Party group (the directory's
  // `reportsThrough`, spelt out here as these profiles are pure data).
  specialCommittee: {
    ...province({
      organisationId: 'jl-legislative-affairs',
      kind: 'special_committee',
      nameZh: '吉林省人大常委会法制工作委员会',
      nameEn: 'Legislative Affairs Commission of the Jilin Standing Committee',
      parentOrganisationId: 'jl-npcsc',
    }),
    reportsThrough: 'jl-npcsc-party-group',
  },
  governmentPartyGroup: province({
    organisationId: 'jl-government-party-group',
    kind: 'government_party_group',
    nameZh: '吉林省人民政府党组',
    nameEn: 'Party Group of the Jilin Provincial People’s Government',
    parentOrganisationId: null,
  }),
  outreachOffice: province({
    organisationId: 'jl-outreach-office',
    kind: 'outreach_office',
    nameZh: '吉林省人大常委会基层立法联系点',
    nameEn: 'Jilin Local Legislative Outreach Office',
    parentOrganisationId: null,
  }),
  platform: province({
    organisationId: 'platform-operator',
    kind: 'platform_operator',
    nameZh: '平台运维单位',
    nameEn: 'Platform operator',
    parentOrganisationId: null,
  }),
} satisfies Record<string, OrganisationProfile>;

/** A county Standing Committee's Party group (Nong'an, 220122): no legislative power. */
export const countyPartyGroup = profileOf({
  organisationId: 'cy-npcsc-party-group',
  kind: 'standing_committee_party_group',
  level: 'county',
  regionCode: '220122',
  nameZh: '农安县人大常委会党组',
  nameEn: 'Party Group of the Nong’an County People’s Congress Standing Committee',
  parentOrganisationId: null,
});

/** The Changchun city bodies. */
export const changchun = {
  committee: city({
    organisationId: 'cc-party-committee',
    kind: 'party_committee',
    nameZh: '中共长春市委',
    nameEn: 'CPC Changchun Municipal Committee',
    parentOrganisationId: null,
  }),
  office: city({
    organisationId: 'cc-committee-office',
    kind: 'committee_office',
    nameZh: '中共长春市委办公厅',
    nameEn: 'General Office of the CPC Changchun Municipal Committee',
    parentOrganisationId: 'cc-party-committee',
  }),
  partyGroup: city({
    organisationId: 'cc-npcsc-party-group',
    kind: 'standing_committee_party_group',
    nameZh: '长春市人大常委会党组',
    nameEn: 'Party Group of the Changchun Municipal People’s Congress Standing Committee',
    parentOrganisationId: null,
  }),
  standingCommittee: city({
    organisationId: 'cc-npcsc',
    kind: 'standing_committee',
    nameZh: '长春市人大常委会',
    nameEn: 'Standing Committee of the Changchun Municipal People’s Congress',
    parentOrganisationId: null,
  }),
  // Belongs to the Standing Committee and reports through its Party group (the directory's
  // `reportsThrough`, spelt out here as these profiles are pure data).
  specialCommittee: {
    ...city({
      organisationId: 'cc-legislative-affairs',
      kind: 'special_committee',
      nameZh: '长春市人大常委会法制工作委员会',
      nameEn: 'Legislative Affairs Commission of the Changchun Standing Committee',
      parentOrganisationId: 'cc-npcsc',
    }),
    reportsThrough: 'cc-npcsc-party-group',
  },
  governmentPartyGroup: city({
    organisationId: 'cc-government-party-group',
    kind: 'government_party_group',
    nameZh: '长春市人民政府党组',
    nameEn: 'Party Group of the Changchun Municipal People’s Government',
    parentOrganisationId: null,
  }),
} satisfies Record<string, OrganisationProfile>;

/** A caller acting for `organisation` in `roles`; the user id names both unless given. */
export function actor(
  organisation: OrganisationProfile,
  roles: Role[],
  userId = `${organisation.organisationId}:${roles.join('+')}`,
): ActorContext {
  return { userId, userName: `User ${userId}`, roles, organisation };
}
