import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ITEM_KINDS, ITEM_STAGES, ItemKind, ItemStage } from '../../events/item-events';
import { ADMINISTRATIVE_LEVELS, AdministrativeLevel } from '../../events/organisation-events';
import { EXPORT_LANGS, ExportLang } from '../../platform/http/csv';
import { PageQueryDto } from '../../platform/http/paging';
import {
  DECISION_SORTS,
  DecisionSort,
  ITEM_SORTS,
  ItemSort,
  LINKAGE_FLAGS,
  LinkageFlag,
} from './linkage.sql';
import { AsOfParameter } from '../../platform/http/as-of';

/** What every linkage query takes: the moment of the view. */
class AsOfQueryDto extends PageQueryDto {
  @AsOfParameter('The view')
  asOf?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ enum: ADMINISTRATIVE_LEVELS })
  @IsOptional()
  @IsIn(ADMINISTRATIVE_LEVELS)
  level?: AdministrativeLevel;

  @ApiPropertyOptional({ description: '6-digit region code (GB/T 2260)', example: '220000' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'regionCode must be a 6-digit region code' })
  regionCode?: string;

  @ApiPropertyOptional({ example: '生态环境' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  policyArea?: string;

  @ApiPropertyOptional({ enum: ITEM_STAGES, description: 'Items (of a decision) in this stage' })
  @IsOptional()
  @IsIn(ITEM_STAGES)
  stage?: ItemStage;

  @ApiPropertyOptional({ enum: LINKAGE_FLAGS })
  @IsOptional()
  @IsIn(LINKAGE_FLAGS)
  flag?: LinkageFlag;
}

export class DecisionListQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ minimum: 1949, maximum: 2100, description: 'Year of the decision' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1949)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: DECISION_SORTS, default: 'decidedOn' })
  @IsOptional()
  @IsIn(DECISION_SORTS)
  sort?: DecisionSort;
}

export class ItemListQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ enum: ITEM_KINDS })
  @IsOptional()
  @IsIn(ITEM_KINDS)
  kind?: ItemKind;

  @ApiPropertyOptional({ enum: ITEM_SORTS, default: 'proposedOn' })
  @IsOptional()
  @IsIn(ITEM_SORTS)
  sort?: ItemSort;
}

export const EXPORT_FORMATS = ['csv', 'json'] as const;

export class DecisionExportQueryDto extends DecisionListQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];

  @ApiPropertyOptional({
    enum: EXPORT_LANGS,
    default: 'both',
    description: 'CSV headers: Chinese with English beside (both), Chinese, or English',
  })
  @IsOptional()
  @IsIn(EXPORT_LANGS)
  lang?: ExportLang;
}

export class AsOfOnlyQueryDto {
  @AsOfParameter('The record')
  asOf?: string;
}
