import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
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
import { LabelView } from '../../platform/http/labels';
import {
  ADOPTIONS,
  Adoption,
  CLASSIFICATIONS,
  COMMITTEE_MEETING_KINDS,
  Classification,
  CommitteeMeetingKind,
  OpinionOutcome,
  PARTY_GROUP_MEETING_KINDS,
  PartyGroupMeetingKind,
  REPORT_OUTCOMES,
  REQUEST_OUTCOMES,
  SUBMISSION_CATEGORIES,
  SUBMISSION_KINDS,
  SubmissionCategory,
  SubmissionKind,
} from '../../events/submission-events';
import { ROLES, Role } from '../../events/envelope';
import { ChainVerificationView } from '../../platform/event-store/event-store.dto';
import { ID_PATTERN } from '../../platform/http/command-routes';
import { PageQueryDto, pageType } from '../../platform/http/paging';
import { LISTED_STATUSES, ListedStatus } from './submission.state';
import { OFFERED_STEPS } from './submission.policy';
import { BOOLEAN, IsDay, Text } from '../../platform/http/dto-fields';

/** An article of a draft or adopted text: `art_12`, `art_12/para_2`, `art_3/para_1/item_4`. */
export const ARTICLE_ID = /^art_[1-9][0-9]{0,3}(\/[a-z]{2,8}_[1-9][0-9]{0,3}){0,3}$/;

export class SubmissionContentDto {
  @ApiProperty({ example: '关于《吉林省黑土地保护条例（草案）》有关重大问题的请示' })
  @Text(1, 300)
  title!: string;

  @ApiProperty({ example: 'Asks the committee to decide the scope of compensation for farmland.' })
  @Text(1, 4000)
  summary!: string;

  @ApiProperty({
    description: 'The full text (confidential: only both sides and granted viewers read it)',
  })
  @Text(1, 200000)
  body!: string;

  @ApiPropertyOptional({ example: '吉人党字〔2025〕3号', description: '文号' })
  @IsOptional()
  @Text(1, 100)
  documentNumber?: string;

  @ApiProperty({ enum: CLASSIFICATIONS })
  @IsIn(CLASSIFICATIONS)
  classification!: Classification;

  @IsOptional()
  @IsDay('The date by which a reply is asked for', true)
  replyRequestedBy?: string;

  @ApiPropertyOptional({ type: [String], description: 'Ids of submissions this one refers to' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each reference must be a submission id (UUID)' })
  references?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 50,
    description:
      'Ids of the legislative items it is about (each must be readable by the caller); a pre_deliberation request names at least one',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each item id must be a UUID' })
  itemIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 50,
    description: 'Ids of the committee decisions it is about (each must be readable by the caller)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each decision id must be a UUID' })
  decisionIds?: string[];
}

export class DraftSubmissionDto extends SubmissionContentDto {
  @ApiProperty({
    enum: SUBMISSION_KINDS,
    description: 'request 请示 (needs a reply) or report 报告',
  })
  @IsIn(SUBMISSION_KINDS)
  kind!: SubmissionKind;

  @ApiProperty({ enum: SUBMISSION_CATEGORIES })
  @IsIn(SUBMISSION_CATEGORIES)
  category!: SubmissionCategory;

  @ApiProperty({ example: 'cn-220000-pc', description: 'The Party Committee at the same level' })
  @Matches(ID_PATTERN, { message: 'addressedCommitteeId must be an organisation id' })
  addressedCommitteeId!: string;
}

export class AmendDraftDto extends PartialType(SubmissionContentDto) {}

export class RecordProposalDto {
  @ApiProperty({
    example: 'cn-220000-npc-fgw',
    description: 'The special committee or working body',
  })
  @Matches(ID_PATTERN, { message: 'proposingOrganisationId must be an organisation id' })
  proposingOrganisationId!: string;

  @IsDay()
  proposedOn!: string;

  @ApiProperty({ example: '法工委集体研究后建议党组报告' })
  @Text(0, 4000)
  note!: string;
}

export class RecordPartyGroupDiscussionDto {
  @ApiProperty({ enum: PARTY_GROUP_MEETING_KINDS })
  @IsIn(PARTY_GROUP_MEETING_KINDS)
  meetingKind!: PartyGroupMeetingKind;

  @IsDay()
  meetingDate!: string;

  @ApiProperty({ example: '党组会议纪要〔2025〕5号' })
  @Text(1, 200)
  minutesReference!: string;
}

export class SubmitDto {
  @ApiPropertyOptional({
    example: '吉人党字〔2025〕3号',
    description: 'Overrides the draft’s 文号',
  })
  @IsOptional()
  @Text(1, 100)
  documentNumber?: string;
}

export class ReceiveDto {
  @ApiProperty({ example: '省委办收〔2025〕118号' })
  @Text(1, 100)
  officeLogNumber!: string;
}

export class RequestMaterialDto {
  @ApiProperty({ example: '请补充各地耕地保护补偿标准测算材料' })
  @Text(1, 4000)
  description!: string;

  @IsDay()
  dueBy!: string;
}

export class SupplyMaterialDto {
  @ApiProperty()
  @Text(1, 4000)
  description!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  documentReferences!: string[];
}

export class RecordCommitteeMeetingDto {
  @ApiProperty({ enum: COMMITTEE_MEETING_KINDS })
  @IsIn(COMMITTEE_MEETING_KINDS)
  meetingKind!: CommitteeMeetingKind;

  @IsDay()
  meetingDate!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Text(1, 200)
  minutesReference?: string;
}

export class OpinionPointDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  number!: number;

  @ApiProperty({ example: '进一步明确补偿标准' })
  @Text(1, 10000)
  text!: string;
}

export class IssueOpinionDto {
  @ApiProperty({ example: '吉委办函〔2025〕21号' })
  @Text(1, 100)
  documentNumber!: string;

  @ApiProperty({ enum: [...REQUEST_OUTCOMES, ...REPORT_OUTCOMES] })
  @IsIn([...REQUEST_OUTCOMES, ...REPORT_OUTCOMES])
  outcome!: OpinionOutcome;

  @ApiProperty({ type: [OpinionPointDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OpinionPointDto)
  points!: OpinionPointDto[];
}

export class GiveFeedbackDto {
  @ApiProperty({ enum: ADOPTIONS })
  @IsIn(ADOPTIONS)
  adoption!: Adoption;

  @ApiPropertyOptional({ description: 'Required unless the point was adopted in full' })
  @IsOptional()
  @Text(1, 10000)
  explanation?: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    description: 'The reading (审议) of the item the feedback refers to',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  readingNumber?: number | null;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 100,
    example: ['art_12/para_2'],
    description: 'Articles of the draft or adopted text where the point was taken up',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(ARTICLE_ID, {
    each: true,
    message: 'each article must be an article id such as art_12 or art_12/para_2',
  })
  articles?: string[];
}

/** A revision of a point's feedback: the same fields, as the item has moved on. */
export class ReviseFeedbackDto extends GiveFeedbackDto {}

export class WithdrawDto {
  @ApiProperty()
  @Text(1, 4000)
  reason!: string;
}

export class GrantViewerDto {
  @ApiPropertyOptional({ description: 'Grant to every user of this organisation' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'organisationId must be an organisation id' })
  organisationId?: string;

  @ApiPropertyOptional({ description: 'Grant to a single user' })
  @IsOptional()
  @Text(1, 200)
  userId?: string;
}

/** Which of the caller's submissions: everything readable, or one reason to read. */
export const BOXES = ['all', 'outbox', 'inbox', 'granted'] as const;

export class ListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: BOXES,
    description: 'Only those the caller submitted (outbox), received (inbox) or was granted',
  })
  @IsOptional()
  @IsIn(BOXES)
  box?: (typeof BOXES)[number];

  @ApiPropertyOptional({ enum: LISTED_STATUSES, description: 'Only submissions in this state' })
  @IsOptional()
  @IsIn(LISTED_STATUSES)
  status?: ListedStatus;

  @ApiPropertyOptional({ enum: BOOLEAN })
  @IsOptional()
  @IsIn(BOOLEAN)
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ format: 'uuid', description: 'Only submissions about this item' })
  @IsOptional()
  @IsUUID('all', { message: 'itemId must be an item id (UUID)' })
  itemId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only submissions about this decision' })
  @IsOptional()
  @IsUUID('all', { message: 'decisionId must be a decision id (UUID)' })
  decisionId?: string;
}

// ---------------------------------------------------------------------------------------------
// Responses of the queries, for the OpenAPI document.
// ---------------------------------------------------------------------------------------------

export class SubmissionSummaryView {
  @ApiProperty() submissionId!: string;
  @ApiProperty({ enum: SUBMISSION_KINDS }) kind!: string;
  @ApiProperty({ enum: SUBMISSION_CATEGORIES }) category!: string;
  @ApiProperty({ example: '重大问题' }) categoryZh!: string;
  @ApiProperty({ type: LabelView }) categoryLabel!: LabelView;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: LISTED_STATUSES }) status!: string;
  @ApiProperty({ type: LabelView }) statusLabel!: LabelView;
  @ApiProperty({ nullable: true, type: String }) documentNumber!: string | null;
  @ApiProperty() submittingOrganisationId!: string;
  @ApiProperty() addressedCommitteeId!: string;
  @ApiProperty({ type: [String], description: 'The legislative items it is about' })
  itemIds!: string[];
  @ApiProperty({ type: [String], description: 'The committee decisions it is about' })
  decisionIds!: string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) replyDueBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) feedbackDueBy!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date',
    description: 'The due date now running',
  })
  dueBy!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ enum: ['reply', 'feedback', 'material'], isArray: true })
  overdueReasons!: ('reply' | 'feedback' | 'material')[];
  @ApiProperty({ description: 'Stream revision; the ETag of the detail' }) revision!: number;
}

export const SubmissionPageView = pageType(SubmissionSummaryView, 'SubmissionPage');

export class EventActorView {
  @ApiProperty() userId!: string;
  @ApiPropertyOptional() userName?: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
}

export class HistoryEntryView {
  @ApiProperty() revision!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 'SubmissionReceived' }) type!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ type: EventActorView }) actor!: EventActorView;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The event payload, as its type defines it (src/events/submission-events.ts)',
  })
  data!: Record<string, unknown>;
}

/** One version of a point's feedback: revision 0 is the first feedback. */
export class FeedbackRevisionView {
  @ApiProperty({ description: '0 for the first feedback, then 1, 2, …' }) revisionNumber!: number;
  @ApiProperty({ enum: ADOPTIONS }) adoption!: string;
  @ApiProperty({ type: String, nullable: true }) explanation!: string | null;
  @ApiProperty({ type: Number, nullable: true }) readingNumber!: number | null;
  @ApiProperty({ type: [String], example: ['art_12/para_2'] }) articles!: string[];
  @ApiProperty() at!: string;
}

export class FeedbackView {
  @ApiProperty({ enum: ADOPTIONS, description: 'The current adoption: the latest revision’s' })
  adoption!: string;
  @ApiProperty({ type: String, nullable: true }) explanation!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'When the first feedback was given' })
  givenAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) readingNumber!: number | null;
  @ApiProperty({ type: [String] }) articles!: string[];
  @ApiProperty({ description: 'The current revision: 0 until the feedback is revised' })
  revisionNumber!: number;
  @ApiProperty({ type: String, nullable: true, description: 'When it was last revised' })
  revisedAt!: string | null;
  @ApiProperty({ type: [FeedbackRevisionView], description: 'Every version, oldest first' })
  revisions!: FeedbackRevisionView[];
}

export class OpinionPointView {
  @ApiProperty() number!: number;
  @ApiProperty() text!: string;
  @ApiProperty({ type: FeedbackView, nullable: true }) feedback!: FeedbackView | null;
}

export class OpinionView {
  @ApiProperty({ type: String, nullable: true }) documentNumber!: string | null;
  @ApiProperty({ enum: [...REQUEST_OUTCOMES, ...REPORT_OUTCOMES] }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) issuedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) feedbackDueBy!: string | null;
  @ApiProperty({ type: [OpinionPointView] }) points!: OpinionPointView[];
}

export class MaterialSuppliedView {
  @ApiProperty() at!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: [String] }) documentReferences!: string[];
}

export class MaterialRequestView {
  @ApiProperty() requestNumber!: number;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date' }) dueBy!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ type: MaterialSuppliedView, nullable: true })
  supplied!: MaterialSuppliedView | null;
}

export class WithdrawalView {
  @ApiProperty() at!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class ViewersView {
  @ApiProperty({ type: [String] }) organisationIds!: string[];
  @ApiProperty({ type: [String] }) userIds!: string[];
}

export class SubmissionDetailView extends SubmissionSummaryView {
  @ApiProperty() summary!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ enum: CLASSIFICATIONS }) classification!: string;
  @ApiProperty({ type: [String] }) references!: string[];
  @ApiProperty({ nullable: true, type: String }) replacesSubmissionId!: string | null;
  @ApiProperty({ nullable: true, type: String }) replacedBySubmissionId!: string | null;
  @ApiProperty({ nullable: true, type: String }) replyRequestedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) receivedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) officeLogNumber!: string | null;
  @ApiProperty({ type: OpinionView, nullable: true }) opinion!: OpinionView | null;
  @ApiProperty({ type: [MaterialRequestView] }) materialRequests!: MaterialRequestView[];
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ type: WithdrawalView, nullable: true }) withdrawal!: WithdrawalView | null;
  @ApiProperty({ type: ViewersView, description: 'Organisations and users granted read access' })
  viewers!: ViewersView;
  @ApiProperty({
    enum: OFFERED_STEPS,
    isArray: true,
    description:
      'The steps the caller may take now, by role, side and state (`draft_revision`: POST …/revisions); a step’s own rules, such as a point already answered, are checked when it is taken',
  })
  openSteps!: string[];
  @ApiProperty({ type: [HistoryEntryView] }) history!: HistoryEntryView[];
  @ApiProperty({ type: ChainVerificationView }) chainVerification!: ChainVerificationView;
}

/** The official document's own particulars, not kept in the record. */
export class OfficialDocumentQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 999999,
    description:
      '份号: the number of this printed copy, printed as six digits. Required for a classified (秘密/机密) submission, as every copy of a classified document is numbered',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999999)
  copyNumber?: number;
}
