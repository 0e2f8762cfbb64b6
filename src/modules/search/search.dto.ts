import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Label } from '../../events/envelope';
import { LabelView } from '../../platform/http/labels';
import { PageQueryDto, pageType } from '../../platform/http/paging';
import { SEARCH_KINDS, SearchKind } from '../../projections/search.projection';
import { MAX_TERMS } from './search-text';

export const SEARCH_KIND_LABELS: Record<SearchKind, Label> = {
  submission: { zh: '请示报告', en: 'Submission' },
  decision: { zh: '党委决策', en: 'Committee decision' },
  item: { zh: '立法项目', en: 'Legislative item' },
};

export const MAX_QUERY_LENGTH = 100;

export class SearchQueryDto extends PageQueryDto {
  @ApiProperty({
    description:
      `Words to find, separated by spaces (at most ${MAX_TERMS}); a record holds every one. ` +
      'Any substring matches, Chinese included: 黑土地, 立法, 〔2025〕3号',
    example: '黑土地 补偿',
    minLength: 1,
    maxLength: MAX_QUERY_LENGTH,
  })
  @IsString()
  @Length(1, MAX_QUERY_LENGTH)
  @Matches(/\S/u, { message: 'q must contain something to search for' })
  @Matches(new RegExp(`^\\s*\\S+(\\s+\\S+){0,${MAX_TERMS - 1}}\\s*$`, 'u'), {
    message: `q may hold at most ${MAX_TERMS} words`,
  })
  q!: string;

  @ApiPropertyOptional({ enum: SEARCH_KINDS, description: 'Only records of this kind' })
  @IsOptional()
  @IsIn(SEARCH_KINDS)
  kind?: SearchKind;
}

export class SegmentView {
  @ApiProperty() text!: string;
  @ApiProperty({ description: 'True where the text matched a search term' }) match!: boolean;
}

export const SNIPPET_FIELDS = ['numbers', 'summary', 'body', 'points'] as const;

export class SnippetView {
  @ApiProperty({
    enum: SNIPPET_FIELDS,
    description: 'Where the excerpt comes from: a number, the summary, the body, opinion points',
  })
  field!: (typeof SNIPPET_FIELDS)[number];
  @ApiProperty({ type: [SegmentView] }) segments!: SegmentView[];
}

export class SearchHitView {
  @ApiProperty({ enum: SEARCH_KINDS }) kind!: SearchKind;
  @ApiProperty({ type: LabelView }) kindLabel!: LabelView;
  @ApiProperty({ description: 'The submission, decision or item id' }) id!: string;
  @ApiProperty({ description: 'Where its detail is read, e.g. /api/submissions/<id>' })
  href!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [SegmentView], description: 'The title with the matches marked' })
  titleSegments!: SegmentView[];
  @ApiProperty({ type: String, nullable: true, example: '吉人党字〔2025〕3号' })
  documentNumber!: string | null;
  @ApiProperty({ format: 'date-time', description: 'When the record was created' })
  recordedAt!: string;
  @ApiProperty({
    type: SnippetView,
    nullable: true,
    description: 'An excerpt around the first match outside the title; null when only it matched',
  })
  snippet!: SnippetView | null;
}

export const SearchPageView = pageType(SearchHitView, 'SearchPageView');
