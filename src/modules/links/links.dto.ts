import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  LINKED_RECORD_KINDS,
  LINK_TYPES,
  LinkType,
  LinkedRecordKind,
} from '../../events/link-events';
import { PageQueryDto, pageType } from '../../platform/http/paging';
import { BOOLEAN } from '../../platform/http/dto-fields';

export class LinkEndDto {
  @ApiProperty({ enum: LINKED_RECORD_KINDS })
  @IsIn(LINKED_RECORD_KINDS)
  kind!: LinkedRecordKind;

  @ApiProperty({ format: 'uuid', description: 'The record; for an opinion point, its submission' })
  @IsUUID('all', { message: '$property must be a record id (UUID)' })
  id!: string;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Only for an opinion point' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  point?: number | null;
}

export class EstablishLinkDto {
  @ApiProperty({ enum: LINK_TYPES, description: 'Read “from <type> to”' })
  @IsIn(LINK_TYPES)
  type!: LinkType;

  @ApiProperty({ type: LinkEndDto })
  @ValidateNested()
  @Type(() => LinkEndDto)
  from!: LinkEndDto;

  @ApiProperty({ type: LinkEndDto })
  @ValidateNested()
  @Type(() => LinkEndDto)
  to!: LinkEndDto;

  @ApiProperty({ example: '该条例第三章落实决策关于黑土地保护补偿的要求' })
  @IsString()
  @Length(1, 4000)
  rationale!: string;
}

export class RemoveLinkDto {
  @ApiProperty({ example: '项目已并入另一部条例' })
  @IsString()
  @Length(1, 4000)
  reason!: string;
}

export class LinkListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: LINKED_RECORD_KINDS,
    description: 'Links at either end of this kind of record (submission includes its points)',
  })
  @IsOptional()
  @IsIn(LINKED_RECORD_KINDS)
  recordKind?: LinkedRecordKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Links at either end of this record' })
  @IsOptional()
  @IsUUID('all', { message: 'recordId must be a record id (UUID)' })
  recordId?: string;

  @ApiPropertyOptional({ enum: LINK_TYPES })
  @IsOptional()
  @IsIn(LINK_TYPES)
  type?: LinkType;

  @ApiPropertyOptional({ enum: BOOLEAN, description: 'Only active (or only removed) links' })
  @IsOptional()
  @IsIn(BOOLEAN)
  active?: 'true' | 'false';
}

export class LinkEndView {
  @ApiProperty({ enum: LINKED_RECORD_KINDS }) kind!: string;
  @ApiProperty() id!: string;
  @ApiProperty({ type: Number, nullable: true }) point!: number | null;
}

export class LinkView {
  @ApiProperty() linkId!: string;
  @ApiProperty({ enum: LINK_TYPES }) type!: string;
  @ApiProperty({ type: LinkEndView }) from!: LinkEndView;
  @ApiProperty({ type: LinkEndView }) to!: LinkEndView;
  @ApiProperty() rationale!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty() establishedAt!: string;
  @ApiProperty({ type: String, nullable: true }) removedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) removalReason!: string | null;
  @ApiProperty() legislatureId!: string;
  @ApiProperty() committeeId!: string;
}

export const LinkPageView = pageType(LinkView, 'LinkPage');
