import { OrganisationRegisteredV1 } from '../../events/organisation-events';
import { ActorContext } from '../../platform/access/actor';
import {
  CommandContext,
  CommandHandler,
  CommandResult,
} from '../../platform/commands/command-handler';
import { organisationAggregate } from './organisation.aggregate';
import { OrganisationState, profileOf } from './organisation.decider';

/**
 * Registers one organisation outside HTTP: the demo seed and the very first body (the
 * platform operator), which must exist before any token naming it is accepted.
 */
export async function registerOrganisation(
  commands: CommandHandler,
  organisation: OrganisationRegisteredV1,
  context: CommandContext,
  now: Date,
): Promise<CommandResult<OrganisationState>> {
  const parentId = organisation.parentOrganisationId;
  const parent = parentId ? await commands.load(organisationAggregate, parentId) : null;
  return commands.execute(
    organisationAggregate,
    organisation.organisationId,
    {
      type: 'RegisterOrganisation',
      actor: context.actor,
      now: now.toISOString(),
      organisation,
      parent: parent?.state.registered ? parent.state.profile : null,
    },
    context,
    true,
  );
}

/** A system administrator acting for the operator before any organisation exists. */
export function bootstrapAdmin(operator: OrganisationRegisteredV1, userId: string): ActorContext {
  return { userId, userName: userId, roles: ['admin'], organisation: profileOf(operator) };
}
