import { Actor, Role } from '../../events/envelope';
import {
  AdministrativeLevel,
  OrganisationKind,
  OrganisationRegisteredV1,
} from '../../events/organisation-events';

/** What the deciders need to know about an organisation to check who may act. */
export interface OrganisationProfile {
  organisationId: string;
  kind: OrganisationKind;
  level: AdministrativeLevel;
  regionCode: string;
  parentOrganisationId: string | null;
  nameZh: string;
  nameEn: string;
}

/** The authenticated caller, with the profile of the organisation it acts for. */
export interface ActorContext {
  userId: string;
  userName: string;
  roles: Role[];
  organisation: OrganisationProfile;
}

/** The first of `permitted` the caller holds, the role the step is taken in; null if none. */
export function actingRole(actor: ActorContext, permitted: readonly Role[]): Role | null {
  return permitted.find((role) => actor.roles.includes(role)) ?? null;
}

export function toEventActor(actor: ActorContext, role: Role): Actor {
  return {
    userId: actor.userId,
    userName: actor.userName,
    organisationId: actor.organisation.organisationId,
    role,
  };
}

export function profileOf(registered: OrganisationRegisteredV1): OrganisationProfile {
  const { organisationId, kind, level, regionCode, parentOrganisationId, nameZh, nameEn } =
    registered;
  return { organisationId, kind, level, regionCode, parentOrganisationId, nameZh, nameEn };
}
