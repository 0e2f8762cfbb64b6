/**
 * The public events of links on the `links` topic: the type and both ends, never the rationale
 * or the reason (they may quote Party documents). docs/integration-events.md documents them.
 */
import { Role } from '../../events/envelope';
import { LinkEnd, LinkEstablishedV1, LinkRemovedV1, LinkType } from '../../events/link-events';
import { IntegrationMapping, defineIntegration } from '../../platform/kernel/feature';
import { LinkState, linkAggregate } from './link.model';

export interface LinkEventV1 {
  linkId: string;
  type: LinkType;
  from: LinkEnd;
  to: LinkEnd;
  legislatureId: string;
  committeeId: string;
  actedBy: { organisationId: string; role: Role };
}

export interface LinkEstablishedEventV1 extends LinkEventV1 {
  establishedAt: string;
}

export interface LinkRemovedEventV1 extends LinkEventV1 {
  removedAt: string;
}

const ref = (s: LinkState) => ({
  linkId: s.linkId,
  type: s.type,
  from: s.from,
  to: s.to,
  legislatureId: s.legislatureId,
  committeeId: s.committeeId,
});

const established: IntegrationMapping<LinkState> = {
  type: 'link.established.v1',
  data: (d: LinkEstablishedV1, facts): LinkEstablishedEventV1 => ({
    ...ref(facts.state),
    establishedAt: d.establishedAt,
    actedBy: facts.actedBy,
  }),
};

const removed: IntegrationMapping<LinkState> = {
  type: 'link.removed.v1',
  data: (d: LinkRemovedV1, facts): LinkRemovedEventV1 => ({
    ...ref(facts.state),
    removedAt: d.removedAt,
    actedBy: facts.actedBy,
  }),
};

export const LINK_INTEGRATION = defineIntegration<LinkState>({
  topic: 'links',
  aggregate: linkAggregate as never,
  events: { LinkEstablished: established, LinkRemoved: removed },
});
