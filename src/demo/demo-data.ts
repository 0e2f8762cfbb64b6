import { Role } from '../events/envelope';
import { OrganisationRegisteredV1 } from '../events/organisation-events';

export const OPERATOR_ID = 'legislink-operator';

function levelBodies(
  code: string,
  level: 'province' | 'city',
  short: string,
  en: string,
): OrganisationRegisteredV1[] {
  const id = (suffix: string) => `cn-${code}-${suffix}`;
  const base = { level, regionCode: code };
  const unit = level === 'province' ? '省' : '市';
  const zh = `${short}${unit}`;
  return [
    {
      ...base,
      organisationId: id('pc'),
      kind: 'party_committee',
      nameZh: `中共${short}${unit}委`,
      nameEn: `CPC ${en} Committee`,
      parentOrganisationId: null,
    },
    {
      ...base,
      organisationId: id('pco'),
      kind: 'committee_office',
      nameZh: `中共${short}${unit}委${level === 'province' ? '办公厅' : '办公室'}`,
      nameEn: `General Office of the CPC ${en} Committee`,
      parentOrganisationId: id('pc'),
    },
    {
      ...base,
      organisationId: id('npcpg'),
      kind: 'standing_committee_party_group',
      nameZh: `${zh}人大常委会党组`,
      nameEn: `Party Group of the ${en} People's Congress Standing Committee`,
      parentOrganisationId: null,
    },
    {
      ...base,
      organisationId: id('npcsc'),
      kind: 'standing_committee',
      nameZh: `${zh}人大常委会`,
      nameEn: `Standing Committee of the ${en} People's Congress`,
      parentOrganisationId: null,
    },
    {
      // Belongs to the Standing Committee; reports through its Party group.
      ...base,
      organisationId: id('npc-fgw'),
      kind: 'special_committee',
      nameZh: `${zh}人大常委会法制工作委员会`,
      nameEn: `Legislative Affairs Commission of the ${en} People's Congress Standing Committee`,
      parentOrganisationId: id('npcsc'),
    },
    {
      ...base,
      organisationId: id('govpg'),
      kind: 'government_party_group',
      nameZh: `${zh}人民政府党组`,
      nameEn: `Party Group of the ${en} People's Government`,
      parentOrganisationId: null,
    },
  ];
}

/** Jilin Province and its capital Changchun, each with the bodies that take part. */
export const DEMO_ORGANISATIONS: OrganisationRegisteredV1[] = [
  {
    organisationId: OPERATOR_ID,
    kind: 'platform_operator',
    level: 'province',
    regionCode: '220000',
    nameZh: 'Legislink 平台运维单位',
    nameEn: 'Legislink platform operator',
    parentOrganisationId: null,
  },
  ...levelBodies('220000', 'province', '吉林', 'Jilin Provincial'),
  ...levelBodies('220100', 'city', '长春', 'Changchun Municipal'),
];

export interface DemoUser {
  userId: string;
  userName: string;
  organisationId: string;
  roles: Role[];
}

export const DEMO_USERS: DemoUser[] = [
  { userId: 'admin', userName: '平台管理员', organisationId: OPERATOR_ID, roles: ['admin'] },
  { userId: 'analyst', userName: '评估分析员', organisationId: OPERATOR_ID, roles: ['analyst'] },
  {
    userId: 'jl-office',
    userName: '省委办公厅秘书处',
    organisationId: 'cn-220000-pco',
    roles: ['committee_office'],
  },
  {
    // Post-legislation assessment in the committee office: reads the dashboards of its committee.
    userId: 'jl-analyst',
    userName: '省委办公厅评估分析员',
    organisationId: 'cn-220000-pco',
    roles: ['analyst'],
  },
  {
    userId: 'jl-party-group',
    userName: '省人大常委会党组',
    organisationId: 'cn-220000-npcpg',
    roles: ['party_group', 'legislature'],
  },
  {
    userId: 'jl-fgw',
    userName: '省人大法工委',
    organisationId: 'cn-220000-npc-fgw',
    roles: ['legislature'],
  },
  {
    userId: 'jl-gov',
    userName: '省政府党组',
    organisationId: 'cn-220000-govpg',
    roles: ['party_group'],
  },
  {
    userId: 'cc-office',
    userName: '市委办公室',
    organisationId: 'cn-220100-pco',
    roles: ['committee_office'],
  },
  {
    userId: 'cc-analyst',
    userName: '市委办公室评估分析员',
    organisationId: 'cn-220100-pco',
    roles: ['analyst'],
  },
  {
    userId: 'cc-party-group',
    userName: '市人大常委会党组',
    organisationId: 'cn-220100-npcpg',
    roles: ['party_group', 'legislature'],
  },
  {
    userId: 'cc-fgw',
    userName: '市人大法工委',
    organisationId: 'cn-220100-npc-fgw',
    roles: ['legislature'],
  },
];
