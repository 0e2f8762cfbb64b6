import { OrganisationDirectory } from '../../platform/access/actor';
import { defineCommand } from '../../platform/kernel/feature';
import { Injectable } from '@nestjs/common';
import { organisationAggregate } from './organisation.aggregate';
import { OrganisationCommand } from './organisation.decider';
import { DescribeOutreachOfficeDto, RegisterOrganisationDto } from './organisation.dto';

/** What the organisation commands look up. */
@Injectable()
export class OrganisationCommandEnvironment {
  constructor(readonly directory: OrganisationDirectory) {}
}

export const ORGANISATION_COMMANDS = [
  defineCommand<RegisterOrganisationDto, OrganisationCommand, OrganisationCommandEnvironment>({
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
  defineCommand<DescribeOutreachOfficeDto, OrganisationCommand, OrganisationCommandEnvironment>({
    name: 'organisation.outreach.describe',
    aggregate: organisationAggregate,
    path: 'organisations/:organisationId/outreach',
    summary:
      'Describe an outreach office: tier, legislatures served, liaison officers, collection points (admin)',
    dto: DescribeOutreachOfficeDto,
    params: { organisationId: 'id' },
    command: async ({ dto, params, env }) => ({
      type: 'DescribeOutreachOffice',
      outreach: {
        organisationId: String(params.organisationId),
        tier: dto.tier,
        legislatureIds: dto.legislatureIds,
        liaisonOfficerIds: dto.liaisonOfficerIds,
        collectionPoints: dto.collectionPoints.map(({ placeId, nameZh, regionCode }) => ({
          placeId,
          nameZh,
          regionCode,
        })),
        outreachUnits: dto.outreachUnits.map(({ placeId, nameZh, regionCode }) => ({
          placeId,
          nameZh,
          regionCode,
        })),
      },
      legislatures: await Promise.all(dto.legislatureIds.map((id) => env.directory.find(id))),
    }),
  }),
];
