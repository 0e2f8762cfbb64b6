import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ADMINISTRATIVE_LEVELS, AdministrativeLevel } from '../../events/organisation-events';
import { SUBMISSION_CATEGORIES, SubmissionCategory } from '../../events/submission-events';
import { EXPORT_LANGS, ExportLang } from '../../platform/http/csv';
import { AsOfParameter } from '../../platform/http/as-of';

export const DASHBOARD_FORMATS = ['json', 'csv'] as const;
export type DashboardFormat = (typeof DASHBOARD_FORMATS)[number];

/** The filters every chart takes; `asOf` applies to every chart alike. */
export class DashboardQueryDto {
  @ApiPropertyOptional({ enum: ADMINISTRATIVE_LEVELS, description: 'Level of the committee' })
  @IsOptional()
  @IsIn(ADMINISTRATIVE_LEVELS)
  level?: AdministrativeLevel;

  @ApiPropertyOptional({
    description:
      '6-digit region code (GB/T 2260); a province (220000) includes its cities (2201xx), a city its districts',
    example: '220000',
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'regionCode must be a 6-digit region code' })
  regionCode?: string;

  @ApiPropertyOptional({
    minimum: 1949,
    maximum: 2100,
    description:
      "The year a chart files its records under (the opinion's for adoption, the answer's for timeliness, the submission's for overdue, the proposal's for stages, the decision's for flow and lag, the recording's for divergences and inquiries)",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1949)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    enum: SUBMISSION_CATEGORIES,
    description: 'Submission category; charts not about submissions name it in ignoredFilters',
  })
  @IsOptional()
  @IsIn(SUBMISSION_CATEGORIES)
  category?: SubmissionCategory;

  @AsOfParameter('The figures')
  asOf?: string;

  @ApiPropertyOptional({ enum: DASHBOARD_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(DASHBOARD_FORMATS)
  format?: DashboardFormat;

  @ApiPropertyOptional({
    enum: EXPORT_LANGS,
    default: 'both',
    description: 'CSV headers and values: Chinese with English beside (both), Chinese, or English',
  })
  @IsOptional()
  @IsIn(EXPORT_LANGS)
  lang?: ExportLang;
}

export const ADOPTION_GROUPS = ['year', 'category', 'body'] as const;
export type AdoptionGroup = (typeof ADOPTION_GROUPS)[number];

export class AdoptionQueryDto extends DashboardQueryDto {
  @ApiPropertyOptional({ enum: ADOPTION_GROUPS, default: 'year' })
  @IsOptional()
  @IsIn(ADOPTION_GROUPS)
  groupBy?: AdoptionGroup;
}
