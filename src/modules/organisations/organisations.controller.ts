import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page, keysetParams, pageOf } from '../../platform/http/paging';
import { ORGANISATION_KIND_LABELS, OrganisationKind } from '../../events/organisation-events';
import { ActorContext } from '../../platform/access/actor';
import { CurrentActor } from '../../platform/access/auth.guard';
import { NotFoundError } from '../../platform/kernel/domain-errors';
import { statement } from '../../platform/kernel/projection';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { readableBy, readerParams } from '../../platform/projections/readers-table';
import { OrganisationRow } from '../../projections/organisations.projection';
import {
  OrganisationListQueryDto,
  OrganisationPageView,
  OrganisationView,
} from './organisation.dto';

function toView(r: OrganisationRow): OrganisationView {
  return {
    organisationId: r.organisation_id,
    kind: r.kind as OrganisationKind,
    kindZh: ORGANISATION_KIND_LABELS[r.kind as OrganisationKind].zh,
    level: r.level as OrganisationView['level'],
    regionCode: r.region_code,
    parentOrganisationId: r.parent_organisation_id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
  };
}

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
    const rows = statement<[Record<string, unknown>], OrganisationRow>(
      this.read.db,
      `SELECT o.* FROM rm_organisations o
         WHERE (@region IS NULL OR o.region_code = @region) AND ${READABLE}
           AND (@after IS NULL OR (o.region_code, o.organisation_id) > (@k0, @k1))
         ORDER BY o.region_code, o.organisation_id LIMIT @limit`,
    ).all({
      region: query.regionCode ?? null,
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
    const row = statement<[Record<string, unknown>], OrganisationRow>(
      this.read.db,
      `SELECT o.* FROM rm_organisations o WHERE o.organisation_id = @id AND ${READABLE}`,
    ).get({ id: organisationId, ...readerParams(actor) });
    if (!row) throw new NotFoundError(`Organisation ${organisationId} is not registered`);
    return toView(row);
  }
}
