import { ActorContext } from '../../platform/access/actor';

/**
 * The two sides of the linkage, as every linkage aggregate checks them. The committee side: a
 * `committee_office` organisation belonging to the Party Committee.
 */
export function isCommitteeOffice(actor: ActorContext, committeeId: string | null): boolean {
  const org = actor.organisation;
  return (
    !!committeeId && org.kind === 'committee_office' && org.parentOrganisationId === committeeId
  );
}

/**
 * The legislature side: the legislature itself (the Standing Committee's Party group, or the
 * government's Party group for a government rule), or a body belonging to it (a special
 * committee, the legislative affairs commission).
 */
export function isLegislatureSide(actor: ActorContext, legislatureId: string | null): boolean {
  const org = actor.organisation;
  return (
    !!legislatureId &&
    (org.organisationId === legislatureId || org.parentOrganisationId === legislatureId)
  );
}
