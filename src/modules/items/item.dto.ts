import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ASSESSMENT_JUDGMENTS,
  AssessmentJudgment,
  DIVERGENCE_STEPS,
  DivergenceStep,
  INQUIRY_CONCLUSIONS,
  INQUIRY_STATUSES,
  ITEM_KINDS,
  ITEM_STAGES,
  InquiryConclusion,
  ItemKind,
  ItemStage,
} from '../../events/item-events';
import { ID_PATTERN } from '../../platform/http/command-routes';
import { PageQueryDto, pageType } from '../../platform/http/paging';
import { LabelView } from '../../platform/http/labels';
import { IsDay, Text } from '../../platform/http/dto-fields';
import { ChainVerificationView } from '../../platform/event-store/event-store.dto';

export class ProposeItemDto {
  @ApiProperty({ enum: ITEM_KINDS })
  @IsIn(ITEM_KINDS)
  kind!: ItemKind;

  @ApiProperty({ example: '吉林省黑土地保护条例' })
  @Text(1, 300)
  title!: string;

  @ApiProperty({ example: 'Protects black soil: scope, duties, compensation.' })
  @Text(1, 4000)
  summary!: string;

  @ApiProperty({ type: [String], example: ['agriculture', 'environment'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  policyAreas!: string[];

  @IsDay('The day it was proposed')
  proposedOn!: string;
}

export class PlanItemDto {
  @ApiProperty({
    format: 'uuid',
    description: 'An approved plan of the same legislature that lists the item',
  })
  @IsUUID('all', { message: 'planId must be a plan id (UUID)' })
  planId!: string;
}

export class StartDraftingDto {
  @ApiProperty({
    example: 'cn-220000-npc-fgw',
    description: 'The drafting unit (a registered organisation)',
  })
  @Matches(ID_PATTERN, { message: 'draftingUnitId must be an organisation id' })
  draftingUnitId!: string;

  @IsDay()
  startedOn!: string;
}

export class HoldReadingDto {
  @ApiProperty({ example: 1, description: 'Numbered 1, 2, 3, … within the version' })
  @IsInt()
  @Min(1)
  @Max(10)
  readingNumber!: number;

  @IsDay()
  heldOn!: string;

  @ApiProperty({ example: '省十四届人大常委会第十次会议' })
  @Text(1, 200)
  meetingReference!: string;
}

export class ScheduleForVoteDto {
  @IsDay('The meeting the vote is on the agenda of')
  agendaDate!: string;
}

export class VoteTallyDto {
  @ApiProperty() @IsInt() @Min(0) @Max(100000) for!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100000) against!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100000) abstentions!: number;
}

export class AdoptItemDto {
  @IsDay()
  adoptedOn!: string;

  @ApiPropertyOptional({ type: VoteTallyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => VoteTallyDto)
  tally?: VoteTallyDto;
}

export class PromulgateItemDto {
  @ApiProperty({ example: '吉林省人民代表大会常务委员会公告第12号', description: '公告 number' })
  @Text(1, 200)
  announcementNumber!: string;

  @IsDay()
  promulgatedOn!: string;
}

export class EnterIntoForceDto {
  @IsDay()
  inForceOn!: string;
}

export class StartAmendmentDto {
  @ApiProperty()
  @Text(1, 4000)
  reason!: string;
}

export class AbolishItemDto {
  @IsDay()
  abolishedOn!: string;

  @ApiProperty()
  @Text(1, 4000)
  reason!: string;
}

export class RecordDivergenceDto {
  @ApiProperty()
  @Text(1, 4000)
  description!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The submission whose opinion it departs from',
  })
  @IsOptional()
  @IsUUID('all', { message: 'submissionId must be a submission id (UUID)' })
  submissionId?: string;

  @ApiPropertyOptional({ description: 'The opinion point it departs from' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  pointNumber?: number;

  @IsDay()
  recordedOn!: string;
}

export class RecordDivergenceStepDto {
  @ApiProperty({ enum: DIVERGENCE_STEPS })
  @IsIn(DIVERGENCE_STEPS)
  step!: DivergenceStep;

  @ApiProperty()
  @Text(0, 4000)
  note!: string;

  @IsDay()
  on!: string;
}

export class ResolveDivergenceDto {
  @ApiProperty()
  @Text(1, 4000)
  result!: string;

  @IsDay()
  resolvedOn!: string;
}

export class OpenInquiryDto {
  @ApiProperty()
  @Text(1, 4000)
  question!: string;

  @IsDay('The day by which the legislature answers in writing')
  dueBy!: string;
}

export class AnswerInquiryDto {
  @ApiProperty({ enum: INQUIRY_CONCLUSIONS })
  @IsIn(INQUIRY_CONCLUSIONS)
  conclusion!: InquiryConclusion;

  @ApiProperty()
  @Text(1, 20000)
  text!: string;
}

export class ReportInquiryResultDto {
  @ApiProperty()
  @Text(1, 20000)
  text!: string;
}

export class DisputeInquiryDto {
  @ApiProperty()
  @Text(1, 4000)
  reason!: string;
}

export class ConcludeInquiryReviewDto {
  @ApiProperty({ enum: INQUIRY_CONCLUSIONS })
  @IsIn(INQUIRY_CONCLUSIONS)
  finalConclusion!: InquiryConclusion;

  @ApiProperty()
  @Text(0, 4000)
  note!: string;
}

export class RecordInspectionDto {
  @IsDay()
  heldFrom!: string;

  @IsDay()
  heldTo!: string;

  @ApiProperty()
  @Text(1, 20000)
  findings!: string;
}

export const SUBJECT_KINDS = ['item', 'decision'] as const;

export class ReportAssessmentDto {
  @ApiProperty({ enum: SUBJECT_KINDS })
  @IsIn(SUBJECT_KINDS)
  subjectKind!: (typeof SUBJECT_KINDS)[number];

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'subjectId must be an item or decision id (UUID)' })
  subjectId!: string;

  @ApiProperty()
  @Text(1, 300)
  title!: string;

  @ApiProperty()
  @Text(1, 20000)
  findings!: string;

  @IsDay()
  reportedOn!: string;
}

export class JudgeAssessmentDto {
  @ApiProperty({ enum: ASSESSMENT_JUDGMENTS })
  @IsIn(ASSESSMENT_JUDGMENTS)
  judgment!: AssessmentJudgment;

  @ApiProperty()
  @Text(0, 4000)
  note!: string;
}

// ---------------------------------------------------------------------------------------------
// Queries and their responses.
// ---------------------------------------------------------------------------------------------

export class ItemListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ITEM_KINDS })
  @IsOptional()
  @IsIn(ITEM_KINDS)
  kind?: ItemKind;

  @ApiPropertyOptional({ enum: ITEM_STAGES })
  @IsOptional()
  @IsIn(ITEM_STAGES)
  stage?: ItemStage;

  @ApiPropertyOptional({ description: 'The year it was proposed in', example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1949)
  @Max(2999)
  year?: number;

  @ApiPropertyOptional({ description: 'Only items of this policy area', example: 'agriculture' })
  @IsOptional()
  @Text(1, 60)
  policyArea?: string;
}

export class AssessmentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SUBJECT_KINDS })
  @IsOptional()
  @IsIn(SUBJECT_KINDS)
  subjectKind?: (typeof SUBJECT_KINDS)[number];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'subjectId must be an item or decision id (UUID)' })
  subjectId?: string;
}

export class ItemSummaryView {
  @ApiProperty() itemId!: string;
  @ApiProperty({ enum: ITEM_KINDS }) kind!: string;
  @ApiProperty({ type: LabelView }) kindLabel!: LabelView;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ITEM_STAGES }) stage!: string;
  @ApiProperty({ type: LabelView }) stageLabel!: LabelView;
  @ApiProperty({ format: 'date' }) stageSince!: string;
  @ApiProperty() legislatureId!: string;
  @ApiProperty() committeeId!: string;
  @ApiProperty({ type: [String] }) policyAreas!: string[];
  @ApiProperty({ format: 'date' }) proposedOn!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [String] }) planIds!: string[];
  @ApiProperty() openDivergences!: number;
  @ApiProperty({ description: 'Stream revision; the ETag of the detail' }) revision!: number;
}

export const ItemPageView = pageType(ItemSummaryView, 'ItemPage');

export class StageEntryView {
  @ApiProperty({ enum: ITEM_STAGES }) stage!: string;
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty() version!: number;
}

export class ReadingView {
  @ApiProperty() version!: number;
  @ApiProperty() readingNumber!: number;
  @ApiProperty({ format: 'date' }) heldOn!: string;
  @ApiProperty() meetingReference!: string;
}

export class TallyView {
  @ApiProperty() for!: number;
  @ApiProperty() against!: number;
  @ApiProperty() abstentions!: number;
}

export class DivergenceStepView {
  @ApiProperty({ enum: DIVERGENCE_STEPS }) step!: string;
  @ApiProperty() note!: string;
  @ApiProperty({ format: 'date' }) on!: string;
}

export class DivergenceResolutionView {
  @ApiProperty() result!: string;
  @ApiProperty({ format: 'date' }) resolvedOn!: string;
}

export class DivergenceView {
  @ApiProperty() divergenceNumber!: number;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, nullable: true }) submissionId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) pointNumber!: number | null;
  @ApiProperty({ format: 'date' }) recordedOn!: string;
  @ApiProperty({ type: [DivergenceStepView] }) steps!: DivergenceStepView[];
  @ApiProperty({ type: DivergenceResolutionView, nullable: true })
  resolution!: DivergenceResolutionView | null;
  @ApiProperty() open!: boolean;
}

export class InquiryAnswerView {
  @ApiProperty({ enum: INQUIRY_CONCLUSIONS }) conclusion!: string;
  @ApiProperty() text!: string;
  @ApiProperty() answeredAt!: string;
}

export class InquiryResultView {
  @ApiProperty() text!: string;
  @ApiProperty() reportedAt!: string;
}

export class InquiryDisputeView {
  @ApiProperty() reason!: string;
  @ApiProperty() disputedAt!: string;
}

export class InquiryReviewView {
  @ApiProperty({ enum: INQUIRY_CONCLUSIONS }) finalConclusion!: string;
  @ApiProperty() note!: string;
  @ApiProperty() concludedAt!: string;
}

export class InquiryView {
  @ApiProperty() inquiryNumber!: number;
  @ApiProperty() question!: string;
  @ApiProperty({ format: 'date' }) dueBy!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ enum: INQUIRY_STATUSES })
  status!: string;
  @ApiProperty({ type: InquiryAnswerView, nullable: true }) answer!: InquiryAnswerView | null;
  @ApiProperty({ type: [InquiryResultView] }) results!: InquiryResultView[];
  @ApiProperty({ type: InquiryDisputeView, nullable: true }) dispute!: InquiryDisputeView | null;
  @ApiProperty({ type: InquiryReviewView, nullable: true }) review!: InquiryReviewView | null;
  @ApiProperty({
    enum: INQUIRY_CONCLUSIONS,
    nullable: true,
    description: 'The conclusion that stands: the review’s, else the answer’s',
  })
  conclusion!: string | null;
}

export class InspectionView {
  @ApiProperty() inspectionNumber!: number;
  @ApiProperty({ format: 'date' }) heldFrom!: string;
  @ApiProperty({ format: 'date' }) heldTo!: string;
  @ApiProperty() findings!: string;
}

export class AmendmentView {
  @ApiProperty() version!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date' }) startedOn!: string;
}

export class AbolitionView {
  @ApiProperty({ format: 'date' }) abolishedOn!: string;
  @ApiProperty() reason!: string;
}

export class ItemDetailView {
  @ApiProperty() itemId!: string;
  @ApiProperty({ enum: ITEM_KINDS }) kind!: string;
  @ApiProperty({ type: LabelView }) kindLabel!: LabelView;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ enum: ITEM_STAGES }) stage!: string;
  @ApiProperty({ type: LabelView }) stageLabel!: LabelView;
  @ApiProperty({ format: 'date' }) stageSince!: string;
  @ApiProperty() legislatureId!: string;
  @ApiProperty() committeeId!: string;
  @ApiProperty({ type: [String] }) policyAreas!: string[];
  @ApiProperty({ format: 'date' }) proposedOn!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [String] }) planIds!: string[];
  @ApiProperty({ type: String, nullable: true }) draftingUnitId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) agendaDate!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) adoptedOn!: string | null;
  @ApiProperty({ type: TallyView, nullable: true }) tally!: TallyView | null;
  @ApiProperty({ type: String, nullable: true }) announcementNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) promulgatedOn!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) inForceOn!: string | null;
  @ApiProperty({ type: AbolitionView, nullable: true }) abolition!: AbolitionView | null;
  @ApiProperty({ type: [AmendmentView] }) amendments!: AmendmentView[];
  @ApiProperty({ type: [StageEntryView] }) stageHistory!: StageEntryView[];
  @ApiProperty({ type: [ReadingView] }) readings!: ReadingView[];
  @ApiProperty({ type: [DivergenceView] }) divergences!: DivergenceView[];
  @ApiProperty({ type: [Number], description: 'Numbers of the divergences still open' })
  openDivergences!: number[];
  @ApiProperty({ type: [InquiryView] }) inquiries!: InquiryView[];
  @ApiProperty({ type: [InspectionView] }) inspections!: InspectionView[];
  @ApiProperty({
    type: [String],
    description:
      'The steps the caller may take now, by role, side and stage (`report_assessment`: POST /api/assessments about it); a step’s own rules, such as an inquiry already answered, are checked when it is taken',
  })
  openSteps!: string[];
  @ApiProperty({ description: 'Stream revision; the ETag' }) revision!: number;
  @ApiProperty({
    type: ChainVerificationView,
    description: 'The hash chain of the record’s stream, verified',
  })
  chainVerification!: ChainVerificationView;
}

export class AssessmentSubjectView {
  @ApiProperty({ enum: SUBJECT_KINDS }) kind!: string;
  @ApiProperty() id!: string;
}

export class AssessmentJudgmentView {
  @ApiProperty({ enum: ASSESSMENT_JUDGMENTS }) judgment!: string;
  @ApiProperty({ type: LabelView }) judgmentLabel!: LabelView;
  @ApiProperty() note!: string;
  @ApiProperty() judgedAt!: string;
}

export class AssessmentSummaryView {
  @ApiProperty() assessmentId!: string;
  @ApiProperty({ type: AssessmentSubjectView }) subject!: AssessmentSubjectView;
  @ApiProperty() reportedByOrganisationId!: string;
  @ApiProperty() committeeId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date' }) reportedOn!: string;
  @ApiProperty({ enum: ['reported', 'judged'] }) status!: string;
  @ApiProperty({ enum: ASSESSMENT_JUDGMENTS, nullable: true, type: String })
  judgment!: string | null;
  @ApiProperty() revision!: number;
}

export const AssessmentPageView = pageType(AssessmentSummaryView, 'AssessmentPage');

export class AssessmentDetailView {
  @ApiProperty() assessmentId!: string;
  @ApiProperty({ type: AssessmentSubjectView }) subject!: AssessmentSubjectView;
  @ApiProperty() reportedByOrganisationId!: string;
  @ApiProperty() committeeId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() findings!: string;
  @ApiProperty({ format: 'date' }) reportedOn!: string;
  @ApiProperty({ enum: ['reported', 'judged'] }) status!: string;
  @ApiProperty({ type: AssessmentJudgmentView, nullable: true })
  judgment!: AssessmentJudgmentView | null;
  @ApiProperty({ type: [String], description: 'The steps the caller may take now (`judge`)' })
  openSteps!: string[];
  @ApiProperty() revision!: number;
  @ApiProperty({
    type: ChainVerificationView,
    description: 'The hash chain of the record’s stream, verified',
  })
  chainVerification!: ChainVerificationView;
}
