import {
  AdministrativeLevel,
  NATIONAL_REGION_CODE,
  OrganisationEvent,
  OrganisationKind,
  OrganisationRegisteredV1,
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

export type OrganisationState =
  { registered: false } | { registered: true; profile: OrganisationProfile };

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

/** An organisation is registered once, by an administrator; registrations never change. */
export const organisationDecider = workflow<
  RegisterOrganisation,
  OrganisationState,
  OrganisationEvent,
  'none' | 'registered',
  'platform'
>({
  aggregate: 'organisation',
  initialState: { registered: false },
  status: (state) => (state.registered ? 'registered' : 'none'),
  allowedSteps: { none: ['register'], registered: [] },
  steps: { RegisterOrganisation: { step: 'register', actors: { admin: 'platform' } } },
  sides: { platform: () => true },
  decisions: { RegisterOrganisation: register },
  evolve: (_state, event) => ({ registered: true, profile: profileOf(event.data) }),
});
