import { OrganisationDirectory } from '../../platform/access/actor';
import { defineCommand } from '../../platform/kernel/feature';
import { Injectable } from '@nestjs/common';
import { organisationAggregate } from './organisation.aggregate';
import { RegisterOrganisation } from './organisation.decider';
import { RegisterOrganisationDto } from './organisation.dto';

/** What the organisation commands look up. */
@Injectable()
export class OrganisationCommandEnvironment {
  constructor(readonly directory: OrganisationDirectory) {}
}

export const ORGANISATION_COMMANDS = [
  defineCommand<RegisterOrganisationDto, RegisterOrganisation, OrganisationCommandEnvironment>({
    name: 'organisation.register',
    aggregate: organisationAggregate,
    path: 'organisations',
    summary: 'Register a body that takes part (admin)',
    dto: RegisterOrganisationDto,
    creates: true,
    newId: ({ dto }) => dto.organisationId,
    command: async ({ dto, env }) => {
      const parentId = dto.parentOrganisationId ?? null;
      return {
        type: 'RegisterOrganisation',
        organisation: { ...dto, parentOrganisationId: parentId },
        parent: parentId ? await env.directory.find(parentId) : null,
      };
    },
  }),
];
