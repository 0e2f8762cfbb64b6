import { Label } from '../../events/envelope';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PLAN_KINDS, PlanKind } from '../../events/plan-events';
import { PageQueryDto, pageType } from '../../platform/http/paging';
import { LabelView } from '../../platform/http/labels';
import { IsDay, Text } from '../../platform/http/dto-fields';
import { ChainVerificationView } from '../../platform/event-store/event-store.dto';

export class PlanEntryDto {
  @ApiProperty({ format: 'uuid', description: 'An item of the same legislature' })
  @IsUUID('all', { message: 'itemId must be an item id (UUID)' })
  itemId!: string;

  @ApiProperty({ description: '必要性' }) @Text(1, 10000) necessity!: string;
  @ApiProperty({ description: '可行性' }) @Text(1, 10000) feasibility!: string;
  @ApiProperty({ description: '可能产生的社会影响' }) @Text(1, 10000) socialEffects!: string;
  @ApiProperty({ description: '立法障碍' }) @Text(0, 10000) obstacles!: string;
}

export class DraftPlanDto {
  @ApiProperty({ enum: PLAN_KINDS })
  @IsIn(PLAN_KINDS)
  kind!: PlanKind;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(1949)
  @Max(2999)
  fromYear!: number;

  @ApiProperty({
    example: 2026,
    description: 'The same year for an annual plan; fromYear + 4 for a five-year plan',
  })
  @IsInt()
  @Min(1949)
  @Max(2999)
  toYear!: number;

  @ApiProperty({ example: '吉林省人大常委会2026年度立法计划' })
  @Text(1, 300)
  title!: string;

  @ApiProperty({ type: [PlanEntryDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PlanEntryDto)
  entries!: PlanEntryDto[];
}

export class RemovePlanEntryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'itemId must be an item id (UUID)' })
  itemId!: string;

  @ApiProperty()
  @Text(1, 4000)
  reason!: string;
}

export class ReportPlanDto {
  @ApiProperty({ format: 'uuid', description: 'The legislative_plan submission reporting it' })
  @IsUUID('all', { message: 'submissionId must be a submission id (UUID)' })
  submissionId!: string;
}

export class ApprovePlanDto {
  @IsDay()
  approvedOn!: string;

  @ApiProperty({ example: '省委常委会会议纪要〔2026〕3号' })
  @Text(1, 200)
  approvalReference!: string;
}

export class RemovedEntryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'itemId must be an item id (UUID)' })
  itemId!: string;

  @ApiProperty()
  @Text(1, 4000)
  reason!: string;
}

export class AdjustPlanDto {
  @ApiProperty()
  @Text(1, 4000)
  reason!: string;

  @IsDay()
  adjustedOn!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The submission that reported the adjustment',
  })
  @IsOptional()
  @IsUUID('all', { message: 'submissionId must be a submission id (UUID)' })
  submissionId?: string;

  @ApiProperty({ type: [PlanEntryDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PlanEntryDto)
  added!: PlanEntryDto[];

  @ApiProperty({ type: [RemovedEntryDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RemovedEntryDto)
  removed!: RemovedEntryDto[];
}

export const PLAN_STATUSES = ['drafted', 'reported', 'approved'] as const;

/** Where a plan stands, as the UI shows it (`GET /api/labels` planStatuses). */
export const PLAN_STATUS_LABELS: Record<(typeof PLAN_STATUSES)[number], Label> = {
  drafted: { zh: '起草中', en: 'Drafted' },
  reported: { zh: '已报党委', en: 'Reported to the committee' },
  approved: { zh: '党委已同意', en: 'Approved by the committee' },
};

export class PlanListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PLAN_KINDS })
  @IsOptional()
  @IsIn(PLAN_KINDS)
  kind?: PlanKind;

  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: (typeof PLAN_STATUSES)[number];

  @ApiPropertyOptional({ description: 'Only plans covering this year', example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1949)
  @Max(2999)
  year?: number;
}

export class PlanSummaryView {
  @ApiProperty() planId!: string;
  @ApiProperty({ enum: PLAN_KINDS }) kind!: string;
  @ApiProperty({ type: LabelView }) kindLabel!: LabelView;
  @ApiProperty({ enum: PLAN_STATUSES }) status!: string;
  @ApiProperty() legislatureId!: string;
  @ApiProperty() committeeId!: string;
  @ApiProperty() fromYear!: number;
  @ApiProperty() toYear!: number;
  @ApiProperty() title!: string;
  @ApiProperty() entryCount!: number;
  @ApiProperty({ type: String, nullable: true }) submissionId!: string | null;
  @ApiProperty() adjustments!: number;
  @ApiProperty() revision!: number;
}

export const PlanPageView = pageType(PlanSummaryView, 'PlanPage');

export class PlanEntryView {
  @ApiProperty() itemId!: string;
  @ApiProperty() necessity!: string;
  @ApiProperty() feasibility!: string;
  @ApiProperty() socialEffects!: string;
  @ApiProperty() obstacles!: string;
}

export class RemovedPlanEntryView {
  @ApiProperty() itemId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: '0 while drafting; else the adjustment that removed it' })
  adjustmentNumber!: number;
}

export class PlanApprovalView {
  @ApiProperty({ format: 'date' }) approvedOn!: string;
  @ApiProperty() approvalReference!: string;
}

export class PlanAdjustmentView {
  @ApiProperty() adjustmentNumber!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date' }) adjustedOn!: string;
  @ApiProperty({ type: String, nullable: true }) submissionId!: string | null;
  @ApiProperty({ type: [String] }) added!: string[];
  @ApiProperty({ type: [String] }) removed!: string[];
}

export class PlanDetailView {
  @ApiProperty() planId!: string;
  @ApiProperty({ enum: PLAN_KINDS }) kind!: string;
  @ApiProperty({ type: LabelView }) kindLabel!: LabelView;
  @ApiProperty({ enum: PLAN_STATUSES }) status!: string;
  @ApiProperty() legislatureId!: string;
  @ApiProperty() committeeId!: string;
  @ApiProperty() fromYear!: number;
  @ApiProperty() toYear!: number;
  @ApiProperty() title!: string;
  @ApiProperty() draftedAt!: string;
  @ApiProperty({ type: [PlanEntryView] }) entries!: PlanEntryView[];
  @ApiProperty({ type: [RemovedPlanEntryView] }) removedEntries!: RemovedPlanEntryView[];
  @ApiProperty({ type: String, nullable: true }) submissionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) reportedAt!: string | null;
  @ApiProperty({ type: PlanApprovalView, nullable: true }) approval!: PlanApprovalView | null;
  @ApiProperty({ type: [PlanAdjustmentView] }) adjustments!: PlanAdjustmentView[];
  @ApiProperty({
    type: [String],
    description:
      'The steps the caller may take now, by role, side and status (add_entry, remove_entry, report, approve, adjust)',
  })
  openSteps!: string[];
  @ApiProperty() revision!: number;
  @ApiProperty({
    type: ChainVerificationView,
    description: 'The hash chain of the record’s stream, verified',
  })
  chainVerification!: ChainVerificationView;
}
