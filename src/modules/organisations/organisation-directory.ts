import { CommandHandler } from '../../platform/command-handler';
import { organisationDecider } from './organisation.decider';
import { OrganisationProfile } from '../../platform/access/actor';

export const organisationStream = (organisationId: string) => `organisation-${organisationId}`;

/**
 * Looks organisations up from their own streams, so a body registered a moment ago is known at
 * once. Registrations are never changed, so found profiles are cached for good.
 */
export class OrganisationDirectory {
  private readonly cache = new Map<string, OrganisationProfile>();

  constructor(private readonly commands: CommandHandler) {}

  async find(organisationId: string): Promise<OrganisationProfile | null> {
    const cached = this.cache.get(organisationId);
    if (cached) return cached;
    const { state } = await this.commands.load(
      organisationStream(organisationId),
      organisationDecider,
    );
    if (!state.registered) return null;
    this.cache.set(organisationId, state.profile);
    return state.profile;
  }
}
