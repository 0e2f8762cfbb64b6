import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQueryDto, pageType } from '../../platform/http/paging';
import {
  ADMINISTRATIVE_LEVELS,
  AdministrativeLevel,
  ORGANISATION_KINDS,
  OrganisationKind,
} from '../../events/organisation-events';

import { ID_PATTERN } from '../../platform/http/command-routes';

export { ID_PATTERN };

export class RegisterOrganisationDto {
  @ApiProperty({
    example: 'cn-220000-pc',
    description: 'Stable id: lower-case letters, digits, dashes',
  })
  @Matches(ID_PATTERN, {
    message: 'organisationId must be 2-63 lower-case letters, digits or dashes',
  })
  organisationId!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @ApiProperty({ enum: ADMINISTRATIVE_LEVELS })
  @IsIn(ADMINISTRATIVE_LEVELS)
  level!: AdministrativeLevel;

  @ApiProperty({ example: '220000', description: 'GB/T 2260 administrative division code' })
  @Matches(/^\d{6}$/, { message: 'regionCode must be a 6-digit GB/T 2260 code' })
  regionCode!: string;

  @ApiProperty({ example: '中共吉林省委' })
  @IsString()
  @Length(1, 200)
  nameZh!: string;

  @ApiProperty({ example: 'CPC Jilin Provincial Committee' })
  @IsString()
  @Length(1, 200)
  nameEn!: string;

  @ApiPropertyOptional({ example: 'cn-220000-pc' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'parentOrganisationId must be an organisation id' })
  parentOrganisationId?: string;
}

export class OrganisationView {
  @ApiProperty() organisationId!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: OrganisationKind;
  @ApiProperty() kindZh!: string;
  @ApiProperty({ enum: ADMINISTRATIVE_LEVELS }) level!: AdministrativeLevel;
  @ApiProperty() regionCode!: string;
  @ApiProperty() nameZh!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ nullable: true, type: String }) parentOrganisationId!: string | null;
}

export const OrganisationPageView = pageType(OrganisationView, 'OrganisationPage');

export class OrganisationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '220000', description: 'Only bodies of this region' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'regionCode must be a 6-digit GB/T 2260 code' })
  regionCode?: string;
}
