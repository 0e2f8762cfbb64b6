import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page, keysetParams, pageOf } from '../../platform/http/paging';
import {
  ORGANISATION_KIND_LABELS,
  OrganisationKind,
  OutreachTier,
} from '../../events/organisation-events';
import { ActorContext } from '../../platform/access/actor';
import { CurrentActor } from '../../platform/access/auth.guard';
import { NotFoundError } from '../../platform/kernel/domain-errors';
import { statement } from '../../platform/kernel/projection';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { readableBy, readerParams } from '../../platform/projections/readers-table';
import {
  OrganisationRow,
  OutreachOfficeRow,
  parseOutreachPlaces,
} from '../../projections/organisations.projection';
import {
  OrganisationListQueryDto,
  OrganisationPageView,
  OrganisationView,
} from './organisation.dto';

type Row = OrganisationRow & Partial<Omit<OutreachOfficeRow, 'organisation_id'>>;

function toView(r: Row): OrganisationView {
  return {
    organisationId: r.organisation_id,
    kind: r.kind as OrganisationKind,
    kindZh: ORGANISATION_KIND_LABELS[r.kind as OrganisationKind].zh,
    level: r.level as OrganisationView['level'],
    regionCode: r.region_code,
    parentOrganisationId: r.parent_organisation_id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    outreach: r.tier
      ? {
          tier: r.tier as OutreachTier,
          legislatureIds: JSON.parse(r.legislature_ids!) as string[],
          liaisonOfficers: (JSON.parse(r.liaison_officer_ids!) as string[]).length,
          collectionPoints: parseOutreachPlaces(r.collection_points!),
          outreachUnits: parseOutreachPlaces(r.outreach_units!),
        }
      : null,
  };
}

/** Each organisation with what it is for, when it is an outreach office that was described. */
const WITH_OUTREACH = `SELECT o.*, x.tier, x.legislature_ids, x.liaison_officer_ids,
    x.collection_points, x.outreach_units
  FROM rm_organisations o LEFT JOIN rm_outreach_offices x USING (organisation_id)`;

const READABLE = readableBy('organisation', 'o.organisation_id');

/** Looking organisations up (any signed-in user); registering them is a command. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/organisations')
export class OrganisationsController {
  constructor(private readonly read: ReadDatabase) {}

  @Get()
  @ApiOkResponse({ type: OrganisationPageView })
  list(
    @CurrentActor() actor: ActorContext,
    @Query() query: OrganisationListQueryDto,
  ): Page<OrganisationView> {
    const { limit, params } = keysetParams(query, 2);
    const rows = statement<[Record<string, unknown>], Row>(
      this.read.db,
      `${WITH_OUTREACH}
         WHERE (@region IS NULL OR o.region_code = @region) AND ${READABLE}
           AND (@serves IS NULL OR o.organisation_id IN (SELECT organisation_id
                  FROM rm_outreach_office_legislatures WHERE legislature_id = @serves))
           AND (@after IS NULL OR (o.region_code, o.organisation_id) > (@k0, @k1))
         ORDER BY o.region_code, o.organisation_id LIMIT @limit`,
    ).all({
      region: query.regionCode ?? null,
      serves: query.servesLegislatureId ?? null,
      ...params,
      ...readerParams(actor),
    });
    return pageOf(rows, limit, (r) => [r.region_code, r.organisation_id], toView);
  }

  @Get(':organisationId')
  @ApiOkResponse({ type: OrganisationView })
  get(
    @CurrentActor() actor: ActorContext,
    @Param('organisationId') organisationId: string,
  ): OrganisationView {
    const row = statement<[Record<string, unknown>], Row>(
      this.read.db,
      `${WITH_OUTREACH} WHERE o.organisation_id = @id AND ${READABLE}`,
    ).get({ id: organisationId, ...readerParams(actor) });
    if (!row) throw new NotFoundError(`Organisation ${organisationId} is not registered`);
    return toView(row);
  }
}
