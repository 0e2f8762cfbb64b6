import {
  AdministrativeLevel,
  NATIONAL_REGION_CODE,
  OUTREACH_TIER_LEVEL,
  OrganisationEvent,
  OrganisationKind,
  OrganisationRegisteredV1,
  OutreachOfficeDescribedV1,
} from '../../events/organisation-events';
import { ActorContext, OrganisationProfile } from '../../platform/access/actor';
import { rule } from '../../platform/kernel/domain-errors';
import { workflow } from '../../platform/kernel/workflow';

export interface RegisterOrganisation {
  type: 'RegisterOrganisation';
  actor: ActorContext;
  now: string;
  organisation: OrganisationRegisteredV1;
  /** The profile of `organisation.parentOrganisationId`, looked up by the handler. */
  parent: OrganisationProfile | null;
}

/** An outreach office's tier, legislatures served, liaison officers and collection network. */
export interface DescribeOutreachOffice {
  type: 'DescribeOutreachOffice';
  actor: ActorContext;
  now: string;
  outreach: OutreachOfficeDescribedV1;
  /** The profiles of `outreach.legislatureIds`, looked up by the handler (null: not registered). */
  legislatures: (OrganisationProfile | null)[];
}

export type OrganisationCommand = RegisterOrganisation | DescribeOutreachOffice;

export type OrganisationState =
  | { registered: false }
  | {
      registered: true;
      profile: OrganisationProfile;
      /** What an outreach office is for; null for every other body, and before it is described. */
      outreach: OutreachOfficeDescribedV1 | null;
    };

/** The bodies whose law an outreach office collects opinions on. */
const SERVED_LEGISLATURE_KINDS: readonly string[] = [
  'standing_committee_party_group',
  'government_party_group',
];

/** Which kind of body each kind must belong to, when it must belong to one. */
const REQUIRED_PARENT_KIND: Partial<Record<OrganisationKind, OrganisationKind>> = {
  committee_office: 'party_committee',
  // Special committees and working bodies (法工委) belong to the Standing Committee itself.
  special_committee: 'standing_committee',
};

/** The first two digits of GB/T 2260 codes: the provincial-level divisions. */
const PROVINCE_PREFIXES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(
    ' ',
  ),
);

/** GB/T 2260: a province ends in 0000, a city (prefecture) in 00, anything else is a county. */
export function levelOfRegionCode(code: string): AdministrativeLevel {
  if (code === NATIONAL_REGION_CODE) return 'national';
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

export function profileOf(registered: OrganisationRegisteredV1): OrganisationProfile {
  const { organisationId, kind, level, regionCode, parentOrganisationId, nameZh, nameEn } =
    registered;
  return {
    organisationId,
    kind,
    level,
    regionCode,
    parentOrganisationId,
    nameZh,
    nameEn,
    reportsThrough: null,
  };
}

function register(command: RegisterOrganisation): OrganisationEvent[] {
  const org = command.organisation;
  rule(
    org.regionCode === NATIONAL_REGION_CODE ||
      (/^\d{6}$/.test(org.regionCode) && PROVINCE_PREFIXES.has(org.regionCode.slice(0, 2))),
    'regionCode',
    'gb_t_2260',
    `${org.regionCode} is not a 6-digit administrative division code`,
  );
  rule(
    levelOfRegionCode(org.regionCode) === org.level,
    'level',
    'level_matches_region_code',
    `Region code ${org.regionCode} is a ${levelOfRegionCode(org.regionCode)}-level code, not ${org.level}`,
  );
  const parentKind = REQUIRED_PARENT_KIND[org.kind];
  const parent = command.parent;
  if (parentKind) {
    rule(
      parent?.kind === parentKind,
      'parentOrganisationId',
      'parent_kind',
      `A ${org.kind} must belong to a registered ${parentKind}`,
    );
    rule(
      parent?.regionCode === org.regionCode,
      'parentOrganisationId',
      'same_level',
      `A ${org.kind} belongs to a body of its own region (${org.regionCode}), not ${parent?.regionCode}`,
    );
  } else {
    rule(
      !org.parentOrganisationId || parent !== null,
      'parentOrganisationId',
      'exists',
      `Parent organisation ${org.parentOrganisationId} is not registered`,
    );
  }
  return [{ type: 'OrganisationRegistered', data: org }];
}

function describeOutreach(
  command: DescribeOutreachOffice,
  state: OrganisationState,
): OrganisationEvent[] {
  const profile = state.registered ? state.profile : null;
  const outreach = command.outreach;
  rule(
    profile?.kind === 'outreach_office',
    'organisationId',
    'outreach_office',
    `Only an outreach office (基层立法联系点) has a tier and legislatures it serves, not a ${profile?.kind}`,
  );
  command.legislatures.forEach((legislature, i) => {
    rule(
      legislature !== null && SERVED_LEGISLATURE_KINDS.includes(legislature.kind),
      `legislatureIds[${i}]`,
      'legislature',
      `${outreach.legislatureIds[i]} is not a registered Standing Committee's or government's Party group`,
    );
  });
  const level = OUTREACH_TIER_LEVEL[outreach.tier];
  rule(
    command.legislatures.some((l) => l?.level === level),
    'tier',
    'tier_matches_legislature',
    `A ${outreach.tier} outreach office serves at least one ${level}-level legislature`,
  );
  const unique = (ids: string[]) => new Set(ids).size === ids.length;
  rule(
    unique(outreach.legislatureIds),
    'legislatureIds',
    'unique',
    'Each legislature is named once',
  );
  rule(
    unique([...outreach.collectionPoints, ...outreach.outreachUnits].map((p) => p.placeId)),
    'collectionPoints',
    'unique',
    'Each collection point and outreach unit has its own placeId',
  );
  return [{ type: 'OutreachOfficeDescribed', data: outreach }];
}

/**
 * An organisation is registered once, by an administrator; registrations never change. An
 * outreach office is then described (and described again when its network changes).
 */
export const organisationDecider = workflow<
  OrganisationCommand,
  OrganisationState,
  OrganisationEvent,
  'none' | 'registered',
  'platform'
>({
  aggregate: 'organisation',
  initialState: { registered: false },
  status: (state) => (state.registered ? 'registered' : 'none'),
  allowedSteps: { none: ['register'], registered: ['describe_outreach'] },
  steps: {
    RegisterOrganisation: { step: 'register', actors: { admin: 'platform' } },
    DescribeOutreachOffice: { step: 'describe_outreach', actors: { admin: 'platform' } },
  },
  sides: { platform: () => true },
  decisions: { RegisterOrganisation: register, DescribeOutreachOffice: describeOutreach },
  evolve: (state, event) => {
    switch (event.type) {
      case 'OrganisationRegistered':
        return { registered: true, profile: profileOf(event.data), outreach: null };
      case 'OutreachOfficeDescribed':
        return state.registered ? { ...state, outreach: event.data } : state;
    }
  },
});
