import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
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
  CONSULTATION_SUBJECTS,
  ConsultationSubject,
  DISPOSITION_OUTCOMES,
  DispositionOutcome,
  OPINION_CHANNELS,
  OpinionChannel,
  TELL_BACK_MEANS,
  TellBackMeans,
} from '../../events/consultation-events';
import { ID_PATTERN } from '../../platform/http/command-routes';
import { EXPORT_LANGS, ExportLang } from '../../platform/http/csv';
import { PageQueryDto, pageType } from '../../platform/http/paging';
import { ARTICLE_ID, MAX_ARTICLES } from './consultation.decider';
import { PERSONAL_DATA_KINDS, PersonalDataKind } from './personal-data-screening';

/**
 * Plain text only: public input with markup (`<script…`, `<img…`, `<!--`) or control characters
 * is refused, so nothing stored can be rendered as HTML by a careless page.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
const PLAIN_TEXT = /^(?![\s\S]*<[A-Za-z!/?])[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
/** As handed out: three groups of five letters and digits (case ignored). */
const RECEIPT_CODE = /^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/;
const receiptCode = (field: string) => ({
  message: `${field} must be a receipt code like ABCDE-FGHJK-MNPQR`,
});
const plain = (field: string) => ({
  message: `${field} must be plain text: no markup or control characters`,
});
const notBlank = (field: string) => ({ message: `${field} must not be blank` });
const articleId = (field: string) => ({
  message: `${field} must be article ids like art_12/para_2 or entry_3`,
});

export class ConsultedArticleDto {
  @ApiProperty({ example: 'art_12/para_2' })
  @Matches(ARTICLE_ID, articleId('articleId'))
  articleId!: string;

  @ApiProperty({ example: '第十二条第二款 …' })
  @IsString()
  @Length(1, 20000)
  text!: string;
}

export class ConsultationRoundDto {
  @ApiProperty({ example: '一审稿' })
  @IsString()
  @Length(1, 100)
  versionLabel!: string;

  @ApiProperty({ type: [ConsultedArticleDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ARTICLES)
  @ValidateNested({ each: true })
  @Type(() => ConsultedArticleDto)
  articles!: ConsultedArticleDto[];

  @ApiProperty({ example: '2025-03-10T00:00:00.000Z' })
  @IsISO8601({ strict: true })
  opensAt!: string;

  @ApiProperty({ example: '2025-04-10T00:00:00.000Z' })
  @IsISO8601({ strict: true })
  closesAt!: string;
}

export class OpenConsultationDto extends ConsultationRoundDto {
  @ApiProperty({ example: 'jl-npcsc-party-group' })
  @Matches(ID_PATTERN, { message: 'legislatureId must be an organisation id' })
  legislatureId!: string;

  @ApiProperty({ enum: CONSULTATION_SUBJECTS })
  @IsIn(CONSULTATION_SUBJECTS)
  subject!: ConsultationSubject;

  @ApiPropertyOptional({ description: 'The legislative item or plan consulted on (UUID)' })
  @IsOptional()
  @IsUUID()
  subjectRef?: string;

  @ApiProperty({ example: '吉林省物业管理条例（草案）' })
  @IsString()
  @Length(1, 300)
  title!: string;
}

export class OpenRoundDto extends ConsultationRoundDto {
  @ApiProperty({ example: 2, description: 'The draft version consulted: later than the last' })
  @IsInt()
  @Min(2)
  @Max(100)
  version!: number;
}

export class EmptyDto {}

export class MergeClustersDto {
  @ApiProperty({ description: 'The cluster the others join' })
  @IsUUID()
  clusterId!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  mergedClusterIds!: string[];
}

export class SplitClusterDto {
  @ApiProperty()
  @IsUUID()
  clusterId!: string;

  @ApiProperty({ type: [String], description: 'Opinions that leave it for a new cluster' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  opinionIds!: string[];
}

/** Sealed before it is stored; never written anywhere in clear. */
export class ContactDto {
  @ApiPropertyOptional({ example: '张三' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(PLAIN_TEXT, plain('contact.name'))
  name?: string;

  @ApiPropertyOptional({ example: '13800000000' })
  @IsOptional()
  @Matches(/^\+?[\d\s-]{5,20}$/, { message: 'contact.phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ example: '长春市南关区…' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  @Matches(PLAIN_TEXT, plain('contact.address'))
  address?: string;
}

export class OpinionDto {
  @ApiProperty({ example: '建议第十二条第二款增加业主大会的表决期限。', maxLength: 5000 })
  @IsString()
  @Length(1, 5000)
  @Matches(/\S/, notBlank('text'))
  @Matches(PLAIN_TEXT, plain('text'))
  text!: string;

  @ApiProperty({ type: [String], example: ['art_12/para_2'] })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(ARTICLE_ID, { each: true, ...articleId('articleIds') })
  articleIds!: string[];

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;

  @ApiPropertyOptional({
    description: 'The person has no internet: the office tells them of the disposition',
  })
  @IsOptional()
  @IsBoolean()
  tellBackByOffice?: boolean;
}

const OFFICE_CHANNELS = OPINION_CHANNELS.filter((c) => c !== 'online');

export class SubmitOpinionsDto {
  @ApiProperty({ enum: OFFICE_CHANNELS })
  @IsIn(OFFICE_CHANNELS)
  channel!: OpinionChannel;

  @ApiProperty({ type: [OpinionDto], maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => OpinionDto)
  opinions!: OpinionDto[];
}

/** The public form: one opinion, no account. */
export class PublicOpinionDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @Length(1, 5000)
  @Matches(/\S/, notBlank('text'))
  @Matches(PLAIN_TEXT, plain('text'))
  text!: string;

  @ApiProperty({ type: [String], example: ['art_12/para_2'] })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(ARTICLE_ID, { each: true, ...articleId('articleIds') })
  articleIds!: string[];

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

export class DispositionDto {
  @ApiPropertyOptional({ type: [String], description: 'Opinions decided alike' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  opinionIds?: string[];

  @ApiPropertyOptional({ description: 'A whole cluster decided at once (every member)' })
  @IsOptional()
  @IsUUID()
  clusterId?: string;

  @ApiProperty({ enum: DISPOSITION_OUTCOMES })
  @IsIn(DISPOSITION_OUTCOMES)
  outcome!: DispositionOutcome;

  @ApiProperty({ example: '已在第十二条第二款中增加表决期限。' })
  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, notBlank('reason'))
  reason!: string;

  @ApiPropertyOptional({ example: 'art_12/para_2' })
  @IsOptional()
  @Matches(ARTICLE_ID, articleId('resultingArticleId'))
  resultingArticleId?: string;

  @ApiPropertyOptional({ example: '增加“业主大会应当自收到提议之日起三十日内表决”。' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  textChange?: string;
}

export class DraftDispositionsDto {
  @ApiProperty({ type: [DispositionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => DispositionDto)
  dispositions!: DispositionDto[];
}

export class RecordTellingBackDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  opinionIds!: string[];

  @ApiProperty({ enum: TELL_BACK_MEANS })
  @IsIn(TELL_BACK_MEANS)
  means!: TellBackMeans;
}

export class EraseContributorDto {
  @ApiProperty()
  @IsUUID()
  contributorId!: string;

  @ApiPropertyOptional({
    description:
      'The person’s own receipt code, by which the public route shows the erasure is theirs; staff need none',
  })
  @IsOptional()
  @Matches(RECEIPT_CODE, receiptCode('receiptCode'))
  receiptCode?: string;
}

// ---- views ------------------------------------------------------------------------------------

export class ConsultationView {
  @ApiProperty() consultationId!: string;
  @ApiProperty() legislatureId!: string;
  @ApiProperty({ enum: CONSULTATION_SUBJECTS }) subject!: ConsultationSubject;
  @ApiProperty({ nullable: true, type: String }) subjectRef!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() version!: number;
  @ApiProperty() versionLabel!: string;
  @ApiProperty() opensAt!: string;
  @ApiProperty() closesAt!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty() opinions!: number;
  @ApiProperty() publications!: number;
  @ApiProperty({ type: [ConsultedArticleDto] }) articles!: ConsultedArticleDto[];
}

export class ConsultationListItem {
  @ApiProperty() consultationId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() legislatureId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() closesAt!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty() opinions!: number;
}
export const ConsultationPageView = pageType(ConsultationListItem, 'ConsultationPage');

export class DispositionView {
  @ApiProperty({ enum: DISPOSITION_OUTCOMES }) outcome!: DispositionOutcome;
  @ApiProperty() reason!: string;
  @ApiProperty({ nullable: true, type: String }) resultingArticleId!: string | null;
  @ApiProperty({ nullable: true, type: String }) textChange!: string | null;
}

export class OpinionView {
  @ApiProperty() opinionId!: string;
  @ApiProperty() recordId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: OPINION_CHANNELS }) channel!: OpinionChannel;
  @ApiProperty({ nullable: true, type: String }) officeId!: string | null;
  @ApiProperty({ description: 'Pseudonymous' }) contributorId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [String] }) articleIds!: string[];
  @ApiProperty() clusterId!: string;
  @ApiProperty() submittedAt!: string;
  @ApiProperty({ nullable: true, type: DispositionView, description: 'Internal until published' })
  draft!: DispositionView | null;
  @ApiProperty({ nullable: true, type: DispositionView }) published!: DispositionView | null;
  @ApiProperty({ nullable: true, type: String }) toldBackAt!: string | null;
}
export const OpinionPageView = pageType(OpinionView, 'OpinionPage');

export class OpinionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only the members of this cluster' })
  @IsOptional()
  @IsUUID()
  clusterId?: string;

  @ApiPropertyOptional({ example: 'art_12/para_2', description: 'Only opinions on this article' })
  @IsOptional()
  @Matches(ARTICLE_ID, articleId('articleId'))
  articleId?: string;
}

export class ClusterView {
  @ApiProperty() clusterId!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ description: 'The text of its first opinion (500 characters at most)' })
  sample!: string;
}
export const ClusterPageView = pageType(ClusterView, 'OpinionClusterPage');

export class ReceiptView {
  @ApiProperty() consultationTitle!: string;
  @ApiProperty() submittedAt!: string;
  @ApiProperty({ type: [String] }) articleIds!: string[];
  @ApiProperty({ nullable: true, type: DispositionView, description: 'Only once published' })
  disposition!: DispositionView | null;
}

export class ReceiptCodeDto {
  @ApiProperty({ example: 'ABCDE-FGHJK-MNPQR' })
  @Matches(RECEIPT_CODE, receiptCode('code'))
  code!: string;
}

export class PublicReceiptView {
  @ApiProperty() receiptCode!: string;
}

export class NoticeboardEntry {
  @ApiProperty({ type: [String] }) articleIds!: string[];
  @ApiProperty() text!: string;
  @ApiProperty({ enum: ['adopted', 'partly_adopted'] }) outcome!: DispositionOutcome;
  @ApiProperty({ nullable: true, type: String }) resultingArticleId!: string | null;
  @ApiProperty({ nullable: true, type: String }) textChange!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: OPINION_CHANNELS }) channel!: OpinionChannel;
  @ApiProperty() publishedAt!: string;
}
export const NoticeboardPageView = pageType(NoticeboardEntry, 'NoticeboardPage');

export class ArticleSummary {
  @ApiProperty() articleId!: string;
  @ApiProperty() opinions!: number;
  @ApiProperty() adopted!: number;
  @ApiProperty() partlyAdopted!: number;
  @ApiProperty() notAdopted!: number;
}

export class ConsultationSummaryView {
  @ApiProperty() consultationId!: string;
  @ApiProperty() opinions!: number;
  @ApiProperty() clusters!: number;
  @ApiProperty() unpublishedDrafts!: number;
  @ApiProperty({ type: [ArticleSummary] }) articles!: ArticleSummary[];
  @ApiProperty({ type: [ClusterView] }) topClusters!: ClusterView[];
  @ApiProperty({ nullable: true, type: String, description: 'The linkage view of the item' })
  linkage!: string | null;
}

export class PersonalDataFoundView {
  @ApiProperty({ enum: PERSONAL_DATA_KINDS }) kind!: PersonalDataKind;
  @ApiProperty({ description: 'As the person wrote it' }) value!: string;
}

export class OpenedContactView {
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional() address?: string;
  @ApiPropertyOptional({
    type: [PersonalDataFoundView],
    description: 'Personal data written into the opinion, taken out of its text at intake',
  })
  fromText?: PersonalDataFoundView[];
}

export class TellBackView {
  @ApiProperty() opinionId!: string;
  @ApiProperty() contributorId!: string;
  @ApiProperty({ type: OpenedContactView, nullable: true, description: 'Null once erased' })
  contact!: OpenedContactView | null;
  @ApiProperty({ type: DispositionView }) disposition!: DispositionView;
}
export const TellBackPageView = pageType(TellBackView, 'TellBackPage');

export class ReceiptEntry {
  @ApiProperty() opinionId!: string;
  @ApiProperty({ description: 'Hand it to the person: it shows the published disposition' })
  receiptCode!: string;
}

export class ConsultationRecordView {
  @ApiProperty() recordId!: string;
  @ApiProperty({ enum: ['intake', 'dispositions', 'telling_back'] }) kind!: string;
  @ApiProperty() consultationId!: string;
  @ApiProperty({ nullable: true, type: String }) officeId!: string | null;
  @ApiProperty({ description: 'Opinions in the record' }) opinions!: number;
  @ApiProperty({ type: [ReceiptEntry], description: 'An intake’s receipt codes; empty otherwise' })
  receipts!: ReceiptEntry[];
}

/** The list's filters, without paging: an export holds every opinion they match. */
export class OpinionExportQueryDto extends PickType(OpinionListQueryDto, [
  'clusterId',
  'articleId',
] as const) {
  @ApiPropertyOptional({
    enum: EXPORT_LANGS,
    default: 'both',
    description: 'CSV headers and labels: Chinese with English beside (both), Chinese, or English',
  })
  @IsOptional()
  @IsIn(EXPORT_LANGS)
  lang?: ExportLang;
}

/** An opinion in the export: never the contributor or a contact. */
export class OpinionExportItem {
  @ApiProperty() opinionId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [String] }) articleIds!: string[];
  @ApiProperty({ enum: OPINION_CHANNELS }) channel!: OpinionChannel;
  @ApiProperty({ nullable: true, type: String }) officeId!: string | null;
  @ApiProperty() clusterId!: string;
  @ApiProperty() submittedAt!: string;
  @ApiProperty({ description: 'Personal data written into it was taken out at intake' })
  text!: string;
  @ApiProperty({ nullable: true, type: DispositionView }) published!: DispositionView | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: DispositionView,
    description: 'Present only for the legislature side, whose working notes drafts are',
  })
  draft?: DispositionView | null;
  @ApiProperty({ nullable: true, type: String }) toldBackAt!: string | null;
}

export class ConsultationExportView {
  @ApiProperty() consultationId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'The draft version consulted last' }) version!: number;
  @ApiProperty({ type: [OpinionExportItem], description: 'Every opinion the caller reads' })
  items!: OpinionExportItem[];
}

/** The person asks, with their receipt code, for their personal data to be erased. */
export class ReceiptErasureDto {
  @ApiProperty({ example: 'ABCDE-FGHJK-MNPQR' })
  @Matches(RECEIPT_CODE, receiptCode('receiptCode'))
  receiptCode!: string;
}

export class PublicErasureView {
  @ApiProperty({
    description:
      'The erasure is recorded: name, phone, address and what was taken out of the text can no longer be read; the receipt still shows the disposition',
  })
  erased!: boolean;
}
