/** The link commands, declared once: route, body, Kafka name and the decider's command. */
import { Role } from '../../events/envelope';
import { LinkEnd } from '../../events/link-events';
import { defineCommand } from '../../platform/kernel/feature';
import { LinkCommandEnvironment } from './link.environment';
import { LinkCommand, linkAggregate, linkIdOf } from './link.model';
import { EstablishLinkDto, LinkEndDto, RemoveLinkDto } from './links.dto';

type Env = LinkCommandEnvironment;
const SERVICE_ROLES: Role[] = ['legislature', 'party_group', 'committee_office'];

const endOf = (dto: LinkEndDto): LinkEnd => ({
  kind: dto.kind,
  id: dto.id,
  point: dto.point ?? null,
});

export const LINK_COMMANDS = [
  defineCommand<EstablishLinkDto, LinkCommand, Env>({
    name: 'link.establish',
    aggregate: linkAggregate,
    inboundRoles: SERVICE_ROLES,
    path: 'links',
    summary:
      'Link two records with a type and a rationale (implements, reports_on, answers: legislature side; replaces: the side that owns the records; assesses: either)',
    dto: EstablishLinkDto,
    creates: true,
    newId: ({ dto }) => linkIdOf(dto.type, endOf(dto.from), endOf(dto.to)),
    command: async ({ dto, id, context, env }) => {
      const from = endOf(dto.from);
      const to = endOf(dto.to);
      return {
        type: 'EstablishLink',
        linkId: id,
        linkType: dto.type,
        from,
        to,
        rationale: dto.rationale,
        ...(await env.levelOf(dto.type, from, to, context.actor)),
      };
    },
  }),
  defineCommand<RemoveLinkDto, LinkCommand, Env>({
    name: 'link.remove',
    aggregate: linkAggregate,
    inboundRoles: SERVICE_ROLES,
    path: 'links/:linkId/removal',
    summary: 'Remove a link, with the reason (the side that established it)',
    dto: RemoveLinkDto,
    params: { linkId: 'uuid' },
    command: ({ dto }) => ({ type: 'RemoveLink', reason: dto.reason }),
  }),
];
