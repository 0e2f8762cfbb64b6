import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto, pageType } from '../../platform/http/paging';
import {
  ADMINISTRATIVE_LEVELS,
  AdministrativeLevel,
  ORGANISATION_KINDS,
  OUTREACH_TIERS,
  OrganisationKind,
  OutreachTier,
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

/** A collection point (信息采集点) or outreach unit of an office. */
export class OutreachPlaceDto {
  @ApiProperty({ example: 'kunshan-grid-0001' })
  @Matches(ID_PATTERN, { message: 'placeId must be 2-63 lower-case letters, digits or dashes' })
  placeId!: string;

  @ApiProperty({ example: '昆山市玉山镇第一网格采集点' })
  @IsString()
  @Length(1, 200)
  nameZh!: string;

  @ApiProperty({ example: '320583' })
  @Matches(/^\d{6}$/, { message: 'regionCode must be a 6-digit GB/T 2260 code' })
  regionCode!: string;
}

export class DescribeOutreachOfficeDto {
  @ApiProperty({ enum: OUTREACH_TIERS })
  @IsIn(OUTREACH_TIERS)
  tier!: OutreachTier;

  @ApiProperty({
    type: [String],
    example: ['jl-npcsc-party-group'],
    description: 'The legislatures (Standing Committee or government Party groups) it serves',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(ID_PATTERN, { each: true, message: 'legislatureIds must be organisation ids' })
  legislatureIds!: string[];

  @ApiProperty({ type: [String], description: 'User ids of its legislative liaison officers' })
  @IsArray()
  @ArrayMaxSize(5000)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  liaisonOfficerIds!: string[];

  @ApiProperty({ type: [OutreachPlaceDto] })
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => OutreachPlaceDto)
  collectionPoints!: OutreachPlaceDto[];

  @ApiProperty({ type: [OutreachPlaceDto] })
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => OutreachPlaceDto)
  outreachUnits!: OutreachPlaceDto[];
}

export class OutreachView {
  @ApiProperty({ enum: OUTREACH_TIERS }) tier!: OutreachTier;
  @ApiProperty({ type: [String] }) legislatureIds!: string[];
  @ApiProperty() liaisonOfficers!: number;
  @ApiProperty({ type: [OutreachPlaceDto] }) collectionPoints!: OutreachPlaceDto[];
  @ApiProperty({ type: [OutreachPlaceDto] }) outreachUnits!: OutreachPlaceDto[];
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
  @ApiProperty({
    nullable: true,
    type: OutreachView,
    description: 'An outreach office’s tier, legislatures served and network; null otherwise',
  })
  outreach!: OutreachView | null;
}

export const OrganisationPageView = pageType(OrganisationView, 'OrganisationPage');

export class OrganisationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '220000', description: 'Only bodies of this region' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'regionCode must be a 6-digit GB/T 2260 code' })
  regionCode?: string;

  @ApiPropertyOptional({
    example: 'jl-npcsc-party-group',
    description: 'Only the outreach offices serving this legislature',
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'servesLegislatureId must be an organisation id' })
  servesLegislatureId?: string;
}
