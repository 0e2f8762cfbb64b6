import { Actor, Role } from '../../events/envelope';

/**
 * What the platform knows of an organisation to check who may act and read: its identity, its
 * kind and place, and the body it belongs to. The organisations feature registers them.
 */
export interface OrganisationProfile {
  organisationId: string;
  kind: string;
  level: string;
  regionCode: string;
  parentOrganisationId: string | null;
  /**
   * The Party group that reports for this body when it is not one itself: a special committee or
   * working body of a People's Congress Standing Committee belongs to the Standing Committee and
   * reports through the Standing Committee's Party group. Null for every other body.
   */
  reportsThrough: string | null;
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

/**
 * Finds an organisation's profile; implemented by the organisations feature, used by the
 * platform to know who a token's organisation is.
 */
export abstract class OrganisationDirectory {
  abstract find(organisationId: string): Promise<OrganisationProfile | null>;
  /**
   * The body of a kind at a place, e.g. the Party Committee (`party_committee`) of region
   * 220000, the first registered when there are several; null when none is registered.
   */
  abstract findAt(regionCode: string, kind: string): Promise<OrganisationProfile | null>;
}
