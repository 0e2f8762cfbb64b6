import { Injectable } from '@nestjs/common';
import { OrganisationDirectory, OrganisationProfile } from '../../platform/access/actor';
import { CommandHandler } from '../../platform/commands/command-handler';
import { organisationAggregate } from './organisation.aggregate';

/**
 * Looks organisations up from their own streams, so a body registered a moment ago is known at
 * once. Registrations are never changed, so found profiles are kept for good.
 */
@Injectable()
export class StreamOrganisationDirectory extends OrganisationDirectory {
  private readonly cache = new Map<string, OrganisationProfile>();

  constructor(private readonly commands: CommandHandler) {
    super();
  }

  async find(organisationId: string): Promise<OrganisationProfile | null> {
    const cached = this.cache.get(organisationId);
    if (cached) return cached;
    const { state } = await this.commands.load(organisationAggregate, organisationId);
    if (!state.registered) return null;
    this.cache.set(organisationId, state.profile);
    return state.profile;
  }
}
