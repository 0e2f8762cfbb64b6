import { ORGANISATION_EVENT_SCHEMAS } from '../../events/organisation-events';
import { OrganisationDirectory } from '../../platform/access/actor';
import { defineFeature } from '../../platform/kernel/feature';
import { organisationsProjection } from '../../projections/organisations.projection';
import { ORGANISATION_READ_POLICY, organisationAggregate } from './organisation.aggregate';
import { StreamOrganisationDirectory } from './organisation-directory';
import { ORGANISATION_INTEGRATION } from './organisation.integration';
import { ORGANISATION_COMMANDS, OrganisationCommandEnvironment } from './organisations.commands';
import { OrganisationsController } from './organisations.controller';
import { ORGANISATION_KIND_LABELS, OUTREACH_TIER_LABELS } from '../../events/organisation-events';

/** The bodies that take part, registered by an administrator; the platform's directory. */
export const organisationsFeature = defineFeature({
  name: 'organisations',
  events: ORGANISATION_EVENT_SCHEMAS,
  aggregates: [organisationAggregate],
  commands: ORGANISATION_COMMANDS,
  projections: [organisationsProjection(ORGANISATION_READ_POLICY)],
  integration: [ORGANISATION_INTEGRATION],
  labels: {
    organisationKinds: { description: 'Kinds of organisation', values: ORGANISATION_KIND_LABELS },
    outreachTiers: { description: 'Tiers of outreach offices', values: OUTREACH_TIER_LABELS },
  },
  environment: OrganisationCommandEnvironment,
  controllers: [OrganisationsController],
  providers: [{ provide: OrganisationDirectory, useClass: StreamOrganisationDirectory }],
  exports: [OrganisationDirectory],
});
