import { DomainEvent, EventSchema, FIRST_VERSION } from './envelope';

export const ORGANISATION_KINDS = [
  'party_committee',
  'committee_office',
  'standing_committee_party_group',
  'special_committee',
  'government_party_group',
  'drafting_unit_party_group',
  'outreach_office',
  'platform_operator',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Chinese names users know, for the UI and the API docs. */
export const ORGANISATION_KIND_NAMES_ZH: Record<OrganisationKind, string> = {
  party_committee: '党委',
  committee_office: '党委办公厅/办公室',
  standing_committee_party_group: '人大常委会党组',
  special_committee: '人大专门委员会、常委会工作机构',
  government_party_group: '政府党组',
  drafting_unit_party_group: '起草单位党组',
  outreach_office: '基层立法联系点',
  platform_operator: '平台运维单位',
};

export const ADMINISTRATIVE_LEVELS = ['national', 'province', 'city', 'county'] as const;
export type AdministrativeLevel = (typeof ADMINISTRATIVE_LEVELS)[number];

/**
 * The region code of the national level (全国人大常委会党组 reporting to 党中央). GB/T 2260 has no
 * national code, so 100000 stands in for it: six digits, and no province starts with 10.
 */
export const NATIONAL_REGION_CODE = '100000';

/** The levels whose bodies make law: counties make no local regulations. */
export const LEGISLATIVE_LEVELS: readonly AdministrativeLevel[] = ['national', 'province', 'city'];

/** v1. Stream `organisation-<organisationId>`. */
export interface OrganisationRegisteredV1 {
  organisationId: string;
  kind: OrganisationKind;
  level: AdministrativeLevel;
  /** 6-digit administrative division code (GB/T 2260), or `NATIONAL_REGION_CODE`. */
  regionCode: string;
  nameZh: string;
  nameEn: string;
  /** The body it belongs to: a committee office's Party Committee, a special committee's Party group. */
  parentOrganisationId: string | null;
}

export type OrganisationEvent = DomainEvent<'OrganisationRegistered', OrganisationRegisteredV1>;

export const ORGANISATION_EVENT_SCHEMAS: Record<OrganisationEvent['type'], EventSchema> = {
  OrganisationRegistered: FIRST_VERSION,
};
