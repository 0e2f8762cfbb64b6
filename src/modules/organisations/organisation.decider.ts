import { Role } from '../../events/envelope';
import {
  AdministrativeLevel,
  OrganisationEvent,
  OrganisationKind,
  OrganisationRegisteredV1,
} from '../../events/organisation-events';
import { Decider } from '../../platform/decider';
import { BusinessRuleError, ForbiddenError, InvalidStepError } from '../../platform/domain-errors';
import {
  ActorContext,
  OrganisationProfile,
  actingRole,
  profileOf,
} from '../../platform/access/actor';

export interface RegisterOrganisation {
  type: 'RegisterOrganisation';
  actor: ActorContext;
  organisation: OrganisationRegisteredV1;
  /** The profile of `organisation.parentOrganisationId`, looked up by the handler. */
  parent: OrganisationProfile | null;
}

export type OrganisationState =
  { registered: false } | { registered: true; profile: OrganisationProfile };

export const REGISTER_ROLES: readonly Role[] = ['admin'];

/** Which kind of body each kind must belong to, when it must belong to one. */
const REQUIRED_PARENT_KIND: Partial<Record<OrganisationKind, OrganisationKind>> = {
  committee_office: 'party_committee',
  special_committee: 'standing_committee_party_group',
};

/** The first two digits of GB/T 2260 codes: the provincial-level divisions. */
const PROVINCE_PREFIXES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(
    ' ',
  ),
);

/** GB/T 2260: a province ends in 0000, a city (prefecture) in 00, anything else is a county. */
export function levelOfRegionCode(code: string): AdministrativeLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

export const organisationDecider: Decider<
  RegisterOrganisation,
  OrganisationState,
  OrganisationEvent
> = {
  initialState: { registered: false },

  decide(command, state) {
    if (!actingRole(command.actor, REGISTER_ROLES)) {
      throw new ForbiddenError('Only an administrator registers organisations', {
        requiredRoles: REGISTER_ROLES,
      });
    }
    if (state.registered) {
      throw new InvalidStepError('register', 'registered', []);
    }
    const org = command.organisation;
    if (!/^\d{6}$/.test(org.regionCode) || !PROVINCE_PREFIXES.has(org.regionCode.slice(0, 2))) {
      throw new BusinessRuleError(
        'regionCode',
        'gb_t_2260',
        `${org.regionCode} is not a 6-digit administrative division code`,
      );
    }
    if (levelOfRegionCode(org.regionCode) !== org.level) {
      throw new BusinessRuleError(
        'level',
        'level_matches_region_code',
        `Region code ${org.regionCode} is a ${levelOfRegionCode(org.regionCode)}-level code, not ${org.level}`,
      );
    }
    const parentKind = REQUIRED_PARENT_KIND[org.kind];
    if (parentKind) {
      const parent = command.parent;
      if (!parent || parent.kind !== parentKind) {
        throw new BusinessRuleError(
          'parentOrganisationId',
          'parent_kind',
          `A ${org.kind} must belong to a registered ${parentKind}`,
        );
      }
      if (parent.regionCode !== org.regionCode) {
        throw new BusinessRuleError(
          'parentOrganisationId',
          'same_level',
          `A ${org.kind} belongs to a body of its own region (${org.regionCode}), not ${parent.regionCode}`,
        );
      }
    } else if (org.parentOrganisationId && !command.parent) {
      throw new BusinessRuleError(
        'parentOrganisationId',
        'exists',
        `Parent organisation ${org.parentOrganisationId} is not registered`,
      );
    }
    return [{ type: 'OrganisationRegistered', data: org }];
  },

  evolve(_state, event) {
    return { registered: true, profile: profileOf(event.data) };
  },
};
