import { LINK_EVENT_SCHEMAS } from '../../events/link-events';
import { defineFeature } from '../../platform/kernel/feature';
import { linksProjection } from '../../projections/links.projection';
import { LinkCommandEnvironment } from './link.environment';
import { LINK_INTEGRATION } from './link.integration';
import { LINK_READ_POLICY, linkAggregate } from './link.model';
import { LINK_COMMANDS } from './link.routes';
import { LinksController } from './links.controller';
import { LINKED_RECORD_KIND_LABELS, LINK_STATUS_LABELS } from './link.model';
import { LINK_TYPE_LABELS } from '../../events/link-events';

/**
 * Typed links between the records of the linkage view (implements, reports_on, assesses,
 * replaces, answers): established with a rationale, removed with a reason; both ends show them.
 */
export const linksFeature = defineFeature({
  name: 'links',
  events: LINK_EVENT_SCHEMAS,
  aggregates: [linkAggregate],
  commands: LINK_COMMANDS,
  projections: [linksProjection(LINK_READ_POLICY)],
  integration: [LINK_INTEGRATION],
  labels: {
    linkTypes: { description: 'Link types', values: LINK_TYPE_LABELS },
    linkStatuses: { description: 'Link statuses', values: LINK_STATUS_LABELS },
    linkedRecordKinds: { description: 'Kinds of linked record', values: LINKED_RECORD_KIND_LABELS },
  },
  environment: LinkCommandEnvironment,
  controllers: [LinksController],
});
