/**
 * Who is on which side of the linkage, stated once from the organisation structure: the
 * legislature with the bodies that belong to it, and the Party Committee with its office. Every
 * feature's sides (who may act) and read policies (who reads) are built from these.
 */
import { LEGISLATIVE_LEVELS } from '../../events/organisation-events';
import {
  ActorContext,
  OrganisationDirectory,
  OrganisationProfile,
} from '../../platform/access/actor';
import { ReadReason, Reader, principal } from '../../platform/access/readers';
import { rule } from '../../platform/kernel/domain-errors';

/** The bodies whose items and plans they are: a Standing Committee's or a government's Party group. */
export const LEGISLATURE_KINDS: readonly string[] = [
  'standing_committee_party_group',
  'government_party_group',
];

/**
 * The legislature side: the legislature itself (the Standing Committee's Party group, or the
 * government's Party group for a government rule), or a special committee belonging to it (a
 * special committee, the legislative affairs commission 法工委).
 */
export function isLegislatureSide(actor: ActorContext, legislatureId: string | null): boolean {
  const org = actor.organisation;
  return (
    !!legislatureId &&
    (org.organisationId === legislatureId ||
      (org.kind === 'special_committee' && org.reportsThrough === legislatureId))
  );
}

/**
 * The body an organisation acts for in reporting: the Party group it reports through (a special
 * committee's), or itself.
 */
export async function reportingBody(
  organisation: OrganisationProfile,
  directory: OrganisationDirectory,
): Promise<OrganisationProfile> {
  const partyGroup = organisation.reportsThrough
    ? await directory.find(organisation.reportsThrough)
    : null;
  return partyGroup ?? organisation;
}

/** The committee side: a `committee_office` organisation belonging to the Party Committee. */
export function isCommitteeOffice(actor: ActorContext, committeeId: string | null): boolean {
  const org = actor.organisation;
  return (
    !!committeeId && org.kind === 'committee_office' && org.parentOrganisationId === committeeId
  );
}

/** The legislature and its special committees, as readers of a record. */
export function legislatureReaders(legislatureId: string, reason: ReadReason): Reader[] {
  return [
    { principal: principal.organisation(legislatureId), reason },
    { principal: principal.partOf(legislatureId, 'special_committee'), reason },
  ];
}

/** The Party Committee and its office, as readers of a record. */
export function committeeReaders(committeeId: string, reason: ReadReason): Reader[] {
  return [
    { principal: principal.organisation(committeeId), reason },
    { principal: principal.partOf(committeeId, 'committee_office'), reason },
  ];
}

/**
 * A legislature that makes law: of a level with legislative power, under a registered Party
 * Committee. 422 otherwise, saying what it therefore cannot do (`proposes no legislative items`).
 */
export function checkLegislativePower(
  legislature: OrganisationProfile,
  committee: OrganisationProfile | null,
  refused: string,
): asserts committee is OrganisationProfile {
  rule(
    (LEGISLATIVE_LEVELS as readonly string[]).includes(legislature.level),
    'legislatureId',
    'legislative_power',
    `A ${legislature.level}-level body has no legislative power, so it ${refused}`,
  );
  rule(
    committee !== null,
    'committeeId',
    'committee_registered',
    `No Party Committee is registered for region ${legislature.regionCode}`,
  );
}
