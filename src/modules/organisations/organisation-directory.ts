import { Injectable } from '@nestjs/common';
import { OrganisationDirectory, OrganisationProfile } from '../../platform/access/actor';
import { CommandHandler } from '../../platform/commands/command-handler';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { statement } from '../../platform/kernel/projection';
import { organisationAggregate } from './organisation.aggregate';

/**
 * Looks organisations up from their own streams, so a body registered a moment ago is known at
 * once. Registrations are never changed, so found profiles are kept for good.
 */
@Injectable()
export class StreamOrganisationDirectory extends OrganisationDirectory {
  private readonly cache = new Map<string, OrganisationProfile>();

  constructor(
    private readonly commands: CommandHandler,
    private readonly read: ReadDatabase,
  ) {
    super();
  }

  async find(organisationId: string): Promise<OrganisationProfile | null> {
    const cached = this.cache.get(organisationId);
    if (cached) return cached;
    const { state } = await this.commands.load(organisationAggregate, organisationId);
    if (!state.registered) return null;
    const reportsThrough = await this.partyGroupReportingFor(state.profile);
    const profile = { ...state.profile, reportsThrough };
    // Kept for good once complete; a body whose Party group is not registered yet is looked up again.
    if (profile.kind !== 'special_committee' || reportsThrough)
      this.cache.set(organisationId, profile);
    return profile;
  }

  /**
   * A special committee belongs to the Standing Committee, which reports through the Standing
   * Committee's Party group of its place. Special committees registered before that rule belong
   * to the Party group itself.
   */
  private async partyGroupReportingFor(profile: OrganisationProfile): Promise<string | null> {
    if (profile.kind !== 'special_committee' || !profile.parentOrganisationId) return null;
    const parent = await this.find(profile.parentOrganisationId);
    if (parent?.kind === 'standing_committee_party_group') return parent.organisationId;
    const partyGroup = await this.findAt(profile.regionCode, 'standing_committee_party_group');
    return partyGroup?.organisationId ?? null;
  }

  /** From the directory's read model, which organisation commands keep current before answering. */
  async findAt(regionCode: string, kind: string): Promise<OrganisationProfile | null> {
    const row = statement<[string, string], { organisation_id: string }>(
      this.read.db,
      `SELECT organisation_id FROM rm_organisations WHERE region_code = ? AND kind = ?
         ORDER BY registered_at, organisation_id LIMIT 1`,
    ).get(regionCode, kind);
    return row ? this.find(row.organisation_id) : null;
  }
}
