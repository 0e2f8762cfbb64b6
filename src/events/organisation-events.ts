import { DomainEvent, EventSchema, FIRST_VERSION, Label } from './envelope';

export const ORGANISATION_KINDS = [
  'party_committee',
  'committee_office',
  'standing_committee_party_group',
  'standing_committee',
  'special_committee',
  'government_party_group',
  'drafting_unit_party_group',
  'outreach_office',
  'platform_operator',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The names users know, for the UI and the API docs. */
export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, Label> = {
  party_committee: { zh: '党委', en: 'Party Committee' },
  committee_office: { zh: '党委办公厅/办公室', en: 'Party Committee office' },
  standing_committee_party_group: {
    zh: '人大常委会党组',
    en: 'Party group of the People’s Congress Standing Committee',
  },
  standing_committee: { zh: '人大常委会', en: 'People’s Congress Standing Committee' },
  special_committee: {
    zh: '人大专门委员会、常委会工作机构',
    en: 'Special committee or working body of the People’s Congress',
  },
  government_party_group: { zh: '政府党组', en: 'Government Party group' },
  drafting_unit_party_group: { zh: '起草单位党组', en: 'Drafting unit’s Party group' },
  outreach_office: { zh: '基层立法联系点', en: 'Local legislative outreach office' },
  platform_operator: { zh: '平台运维单位', en: 'Platform operator' },
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

/**
 * The three tiers of outreach offices (seed 001): those of the NPC Standing Committee's
 * Legislative Affairs Commission, the provincial ones and those of cities divided into districts.
 */
export const OUTREACH_TIERS = ['national', 'provincial', 'prefecture'] as const;
export type OutreachTier = (typeof OUTREACH_TIERS)[number];

export const OUTREACH_TIER_LABELS: Record<OutreachTier, Label> = {
  national: { zh: '全国人大常委会法工委基层立法联系点', en: 'National outreach office' },
  provincial: { zh: '省级基层立法联系点', en: 'Provincial outreach office' },
  prefecture: { zh: '设区的市级基层立法联系点', en: 'Prefecture-level outreach office' },
};

/** The administrative level of the legislatures each tier serves. */
export const OUTREACH_TIER_LEVEL: Record<OutreachTier, AdministrativeLevel> = {
  national: 'national',
  provincial: 'province',
  prefecture: 'city',
};

/** A place where an outreach office collects opinions (信息采集点), or one of its outreach units. */
export interface OutreachPlace {
  /** Stable within the office: lower-case letters, digits, dashes. */
  placeId: string;
  nameZh: string;
  /** GB/T 2260 code of where it is. */
  regionCode: string;
}

/**
 * v1. Stream `organisation-<organisationId>`. What an outreach office (基层立法联系点) is for:
 * its tier, the legislatures it serves (several may share one office, as Sanjiang's serves five
 * counties' Standing Committees), its liaison officers (立法联络员, by user id: they sign in) and
 * its collection points and outreach units. Recorded again whenever the network changes.
 */
export interface OutreachOfficeDescribedV1 {
  organisationId: string;
  tier: OutreachTier;
  legislatureIds: string[];
  liaisonOfficerIds: string[];
  collectionPoints: OutreachPlace[];
  outreachUnits: OutreachPlace[];
}

export type OrganisationEvent =
  | DomainEvent<'OrganisationRegistered', OrganisationRegisteredV1>
  | DomainEvent<'OutreachOfficeDescribed', OutreachOfficeDescribedV1>;

export const ORGANISATION_EVENT_SCHEMAS: Record<OrganisationEvent['type'], EventSchema> = {
  OrganisationRegistered: FIRST_VERSION,
  OutreachOfficeDescribed: FIRST_VERSION,
};
