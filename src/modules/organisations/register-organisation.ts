import { OrganisationRegisteredV1 } from '../../events/organisation-events';
import { CommandContext, CommandHandler, CommandResult } from '../../platform/command-handler';
import { ActorContext, profileOf } from '../../platform/access/actor';
import { OrganisationDirectory, organisationStream } from './organisation-directory';
import { OrganisationState, REGISTER_ROLES, organisationDecider } from './organisation.decider';

/** Registers one organisation; shared by the HTTP API and the demo seed. */
export async function registerOrganisation(
  commands: CommandHandler,
  directory: OrganisationDirectory,
  organisation: OrganisationRegisteredV1,
  context: CommandContext,
): Promise<CommandResult<OrganisationState>> {
  const parent = organisation.parentOrganisationId
    ? await directory.find(organisation.parentOrganisationId)
    : null;
  return commands.execute(
    organisationStream(organisation.organisationId),
    organisationDecider,
    { type: 'RegisterOrganisation', actor: context.actor, organisation, parent },
    REGISTER_ROLES[0],
    context,
  );
}

/**
 * Before any organisation exists no token can be accepted, so the first one (the platform
 * operator) is registered from the CLI by a system administrator acting for it.
 */
export function bootstrapAdmin(operator: OrganisationRegisteredV1, userId: string): ActorContext {
  return { userId, userName: userId, roles: ['admin'], organisation: profileOf(operator) };
}
