import { Body, Controller, Get, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { ORGANISATION_KIND_NAMES_ZH } from '../../events/organisation-events';
import { CommandContext, CommandHandler } from '../../platform/command-handler';
import { CommandMeta } from '../../platform/http/command-meta';
import { ProjectionRunner } from '../../platform/projections/projection-runner';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { OrganisationProfile } from '../../platform/access/actor';
import { OrganisationDirectory } from './organisation-directory';
import { registerOrganisation } from './register-organisation';
import { OrganisationView, RegisterOrganisationDto } from './organisation.dto';
import { AppConfig } from '../../config/app-config';

interface OrganisationRow {
  organisation_id: string;
  kind: OrganisationProfile['kind'];
  level: OrganisationProfile['level'];
  region_code: string;
  parent_organisation_id: string | null;
  name_zh: string;
  name_en: string;
}

function toView(o: OrganisationProfile): OrganisationView {
  return { ...o, kindZh: ORGANISATION_KIND_NAMES_ZH[o.kind] };
}

/** Registering the bodies that take part (admin), and looking them up (any signed-in user). */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/organisations')
export class OrganisationsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly directory: OrganisationDirectory,
    private readonly read: ReadDatabase,
    private readonly projections: ProjectionRunner,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: OrganisationView })
  async register(
    @Body() dto: RegisterOrganisationDto,
    @CommandMeta() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrganisationView> {
    const result = await registerOrganisation(
      this.commands,
      this.directory,
      { ...dto, parentOrganisationId: dto.parentOrganisationId ?? null },
      context,
    );
    await this.projections.waitFor(result.position, this.config.READ_YOUR_WRITES_TIMEOUT_MS);
    response.setHeader('Location', `/api/organisations/${dto.organisationId}`);
    if (!result.state.registered) throw new Error('registration left no organisation');
    return toView(result.state.profile);
  }

  @Get()
  @ApiOkResponse({ type: [OrganisationView] })
  @ApiQuery({ name: 'regionCode', required: false })
  list(@Query('regionCode') regionCode?: string): OrganisationView[] {
    const rows = this.read.db
      .prepare<[string | null, string | null], OrganisationRow>(
        `SELECT * FROM rm_organisations WHERE (? IS NULL OR region_code = ?)
         ORDER BY region_code, organisation_id`,
      )
      .all(regionCode ?? null, regionCode ?? null);
    return rows.map((r) =>
      toView({
        organisationId: r.organisation_id,
        kind: r.kind,
        level: r.level,
        regionCode: r.region_code,
        parentOrganisationId: r.parent_organisation_id,
        nameZh: r.name_zh,
        nameEn: r.name_en,
      }),
    );
  }

  @Get(':organisationId')
  @ApiOkResponse({ type: OrganisationView })
  async get(@Param('organisationId') organisationId: string): Promise<OrganisationView> {
    const found = await this.directory.find(organisationId);
    if (!found) throw new NotFoundException(`Organisation ${organisationId} is not registered`);
    return toView(found);
  }
}
