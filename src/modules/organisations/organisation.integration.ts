import {
  AdministrativeLevel,
  OrganisationKind,
  OrganisationRegisteredV1,
  OutreachOfficeDescribedV1,
} from '../../events/organisation-events';
import { Role } from '../../events/envelope';
import { IntegrationMapping, defineIntegration } from '../../platform/kernel/feature';
import { OrganisationState } from './organisation.decider';
import { organisationAggregate } from './organisation.aggregate';

/** Organisation names and places are public; there is no confidential text here. */
export interface OrganisationRegisteredEventV1 {
  organisationId: string;
  kind: OrganisationKind;
  level: AdministrativeLevel;
  regionCode: string;
  nameZh: string;
  nameEn: string;
  parentOrganisationId: string | null;
  actedBy: { organisationId: string; role: Role };
}

/** An outreach office's tier, legislatures served and network (liaison officers as a count). */
export interface OutreachOfficeDescribedEventV1 {
  organisationId: string;
  tier: OutreachOfficeDescribedV1['tier'];
  legislatureIds: string[];
  liaisonOfficers: number;
  collectionPoints: OutreachOfficeDescribedV1['collectionPoints'];
  outreachUnits: OutreachOfficeDescribedV1['outreachUnits'];
  actedBy: { organisationId: string; role: Role };
}

const described: IntegrationMapping<OrganisationState> = {
  type: 'organisation.outreach_described.v1',
  data: (d: OutreachOfficeDescribedV1, facts): OutreachOfficeDescribedEventV1 => ({
    organisationId: d.organisationId,
    tier: d.tier,
    legislatureIds: d.legislatureIds,
    liaisonOfficers: d.liaisonOfficerIds.length,
    collectionPoints: d.collectionPoints,
    outreachUnits: d.outreachUnits,
    actedBy: facts.actedBy,
  }),
};

const registered: IntegrationMapping<OrganisationState> = {
  type: 'organisation.registered.v1',
  data: (d: OrganisationRegisteredV1, facts): OrganisationRegisteredEventV1 => ({
    organisationId: d.organisationId,
    kind: d.kind,
    level: d.level,
    regionCode: d.regionCode,
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    parentOrganisationId: d.parentOrganisationId,
    actedBy: facts.actedBy,
  }),
};

export const ORGANISATION_INTEGRATION = defineIntegration<OrganisationState>({
  topic: 'organisations',
  aggregate: organisationAggregate as never,
  events: { OrganisationRegistered: registered, OutreachOfficeDescribed: described },
});
