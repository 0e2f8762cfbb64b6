import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import {
  DECISION_KINDS,
  DecisionKind,
  FOLLOW_UP_KINDS,
  FollowUpKind,
  PROPOSAL_ANSWERS,
  PROPOSAL_ROUTES,
  ProposalAnswer,
  ProposalRoute,
} from '../../events/decision-events';
import { ITEM_KINDS, ItemKind } from '../../events/item-events';
import { PageQueryDto, pageType } from '../../platform/http/paging';
import { LinkView } from '../links/links.dto';
import { DECISION_STATUSES } from './decision.state';
import { PROPOSAL_STATUSES } from './proposal.state';
import { BOOLEAN, IsDay, Text } from '../../platform/http/dto-fields';
import { ChainVerificationView } from '../../platform/event-store/event-store.dto';

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

export class RecordDecisionDto {
  @ApiProperty({ example: '吉发〔2016〕12号', description: '文号, unique per committee' })
  @Text(1, 100)
  documentNumber!: string;

  @ApiProperty({ example: '关于加强黑土地保护的意见' })
  @Text(1, 300)
  title!: string;

  @ApiProperty({ example: 'Protect black soil farmland by law.' })
  @Text(1, 4000)
  summary!: string;

  @IsDay('The day the committee took the decision')
  decidedOn!: string;

  @ApiProperty({ type: [String], example: ['农业农村', '生态环境'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  policyAreas!: string[];

  @ApiProperty({
    enum: DECISION_KINDS,
    description: 'reform_plan 改革方案 or specific_measure 具体举措',
  })
  @IsIn(DECISION_KINDS)
  kind!: DecisionKind;

  @ApiPropertyOptional({
    enum: FOLLOW_UP_KINDS,
    nullable: true,
    description: 'The legislative follow-up it needs; absent or null when none',
  })
  @IsOptional()
  @IsIn(FOLLOW_UP_KINDS)
  followUp?: FollowUpKind | null;
}

/** No body: the legislature is the Standing Committee’s Party group at the same level. */
export class TransmitDecisionDto {}

/** No body: the acknowledgement is its time and who made it. */
export class AcknowledgeTransmissionDto {}

export class ReportFollowUpDto {
  @ApiProperty({ example: '《吉林省黑土地保护条例》已列入2025年立法计划，正在起草' })
  @Text(1, 10000)
  text!: string;
}

export class SupersedeDecisionDto {
  @ApiProperty({ format: 'uuid', description: 'The later decision of the same committee' })
  @IsUUID('all', { message: 'supersededByDecisionId must be a decision id (UUID)' })
  supersededByDecisionId!: string;
}

export class TransferProposalDto {
  @ApiProperty({
    enum: PROPOSAL_ROUTES,
    description: 'standing_committee, or government (only for a government_rule)',
  })
  @IsIn(PROPOSAL_ROUTES)
  route!: ProposalRoute;

  @ApiProperty({ enum: ITEM_KINDS })
  @IsIn(ITEM_KINDS)
  itemKind!: ItemKind;

  @ApiProperty({ example: '建议制定《吉林省黑土地保护条例》' })
  @Text(1, 300)
  title!: string;

  @ApiProperty()
  @Text(1, 4000)
  summary!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The committee decision it carries out' })
  @IsOptional()
  @IsUUID('all', { message: 'decisionId must be a decision id (UUID)' })
  decisionId?: string;
}

export class ArgueProposalDto {
  @IsDay('The day the receiver argued it (论证)')
  arguedOn!: string;

  @ApiProperty({ example: '经论证，立法条件基本成熟' })
  @Text(1, 10000)
  note!: string;
}

export class AnswerProposalDto {
  @ApiProperty({
    enum: PROPOSAL_ANSWERS,
    description: 'outside_government_power only on the government route: it re-routes the proposal',
  })
  @IsIn(PROPOSAL_ANSWERS)
  answer!: ProposalAnswer;

  @ApiPropertyOptional({ description: 'Required unless taken into the plan' })
  @IsOptional()
  @Text(1, 10000)
  explanation?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'With taken_into_plan: the plan' })
  @IsOptional()
  @IsUUID('all', { message: 'planId must be a plan id (UUID)' })
  planId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'With taken_into_plan: the item' })
  @IsOptional()
  @IsUUID('all', { message: 'itemId must be an item id (UUID)' })
  itemId?: string;
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

export class DecisionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only decisions naming this policy area' })
  @IsOptional()
  @Text(1, 50)
  policyArea?: string;

  @ApiPropertyOptional({ example: '2016', description: 'Only decisions taken in this year' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'year must be a four-digit year' })
  year?: string;

  @ApiPropertyOptional({
    enum: BOOLEAN,
    description: 'Only those that need (or need no) follow-up',
  })
  @IsOptional()
  @IsIn(BOOLEAN)
  followUpNeeded?: 'true' | 'false';

  @ApiPropertyOptional({ enum: BOOLEAN, description: 'Only those transmitted (or not yet)' })
  @IsOptional()
  @IsIn(BOOLEAN)
  transmitted?: 'true' | 'false';
}

export class ProposalListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: (typeof PROPOSAL_STATUSES)[number];

  @ApiPropertyOptional({ enum: PROPOSAL_ROUTES, description: 'The route it is on now' })
  @IsOptional()
  @IsIn(PROPOSAL_ROUTES)
  route?: ProposalRoute;
}

export class DecisionSummaryView {
  @ApiProperty() decisionId!: string;
  @ApiProperty() committeeId!: string;
  @ApiProperty({ example: '吉发〔2016〕12号' }) documentNumber!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date' }) decidedOn!: string;
  @ApiProperty({ type: [String] }) policyAreas!: string[];
  @ApiProperty({ enum: DECISION_KINDS }) kind!: string;
  @ApiProperty({ enum: FOLLOW_UP_KINDS, nullable: true, type: String }) followUp!: string | null;
  @ApiProperty({ enum: DECISION_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) legislatureId!: string | null;
  @ApiProperty({ nullable: true, type: String }) transmittedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedAt!: string | null;
  @ApiProperty() followUpReports!: number;
  @ApiProperty({ nullable: true, type: String }) supersededByDecisionId!: string | null;
  @ApiProperty({ description: 'Stream revision; the ETag of the detail' }) revision!: number;
}

export const DecisionPageView = pageType(DecisionSummaryView, 'DecisionPage');

export class FollowUpReportView {
  @ApiProperty() reportNumber!: number;
  @ApiProperty() text!: string;
  @ApiProperty() reportedAt!: string;
}

export class DecisionDetailView {
  @ApiProperty() decisionId!: string;
  @ApiProperty() committeeId!: string;
  @ApiProperty() recordedByOfficeId!: string;
  @ApiProperty() documentNumber!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ format: 'date' }) decidedOn!: string;
  @ApiProperty({ type: [String] }) policyAreas!: string[];
  @ApiProperty({ enum: DECISION_KINDS }) kind!: string;
  @ApiProperty({ enum: FOLLOW_UP_KINDS, nullable: true, type: String }) followUp!: string | null;
  @ApiProperty({ enum: DECISION_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) legislatureId!: string | null;
  @ApiProperty({ nullable: true, type: String }) transmittedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedAt!: string | null;
  @ApiProperty({ type: [FollowUpReportView] }) followUpReports!: FollowUpReportView[];
  @ApiProperty({ nullable: true, type: String }) supersededByDecisionId!: string | null;
  @ApiProperty({ nullable: true, type: String }) supersededAt!: string | null;
  @ApiProperty({ type: [String], description: 'Earlier decisions this one superseded (readable)' })
  supersedes!: string[];
  @ApiProperty({ type: [LinkView], description: 'Active links at either end, readable ones' })
  links!: LinkView[];
  @ApiProperty() revision!: number;
  @ApiProperty({
    type: ChainVerificationView,
    description: 'The hash chain of the record’s stream, verified',
  })
  chainVerification!: ChainVerificationView;
}

export class ProposalSummaryView {
  @ApiProperty() proposalId!: string;
  @ApiProperty() committeeId!: string;
  @ApiProperty({ description: 'The body that has it now' }) receiverId!: string;
  @ApiProperty({ enum: PROPOSAL_ROUTES }) route!: string;
  @ApiProperty({ enum: ITEM_KINDS }) itemKind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) decisionId!: string | null;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status!: string;
  @ApiProperty({ enum: PROPOSAL_ANSWERS, nullable: true, type: String }) answer!: string | null;
  @ApiProperty() transferredAt!: string;
  @ApiProperty({ nullable: true, type: String }) answeredAt!: string | null;
  @ApiProperty() revision!: number;
}

export const ProposalPageView = pageType(ProposalSummaryView, 'ProposalPage');

export class ProposalArgumentView {
  @ApiProperty() receiverId!: string;
  @ApiProperty({ format: 'date' }) arguedOn!: string;
  @ApiProperty() note!: string;
}

export class ProposalAnswerView {
  @ApiProperty() receiverId!: string;
  @ApiProperty({ enum: PROPOSAL_ANSWERS }) answer!: string;
  @ApiProperty() explanation!: string;
  @ApiProperty({ nullable: true, type: String }) planId!: string | null;
  @ApiProperty({ nullable: true, type: String }) itemId!: string | null;
  @ApiProperty() answeredAt!: string;
}

export class ProposalDetailView extends ProposalSummaryView {
  @ApiProperty() transferredByOfficeId!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [String], description: 'Every receiver it has had, in order' })
  receiverIds!: string[];
  @ApiProperty({ type: [ProposalArgumentView] }) arguments!: ProposalArgumentView[];
  @ApiProperty({ type: [ProposalAnswerView] }) answers!: ProposalAnswerView[];
  @ApiProperty({ nullable: true, type: String }) reroutedAt!: string | null;
  @ApiProperty({ type: [LinkView] }) links!: LinkView[];
  @ApiProperty({
    type: ChainVerificationView,
    description: 'The hash chain of the record’s stream, verified',
  })
  chainVerification!: ChainVerificationView;
}
