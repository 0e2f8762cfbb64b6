import {
  DISPOSITION_OUTCOME_LABELS,
  DispositionOutcome,
  OPINION_CHANNEL_LABELS,
  OpinionChannel,
} from '../../events/consultation-events';
import { Bilingual, ExportLang, csvLine, headerIn, labelIn } from '../../platform/http/csv';
import { OpinionRow } from '../../projections/consultations.projection';
import { DispositionView, OpinionExportItem } from './consultation.dto';

/** A disposition of a row's draft or published columns; null when there is none. */
export const dispositionOf = (
  outcome: string | null,
  reason: string | null,
  article: string | null,
  change: string | null,
): DispositionView | null =>
  outcome
    ? {
        outcome: outcome as DispositionOutcome,
        reason: reason ?? '',
        resultingArticleId: article,
        textChange: change,
      }
    : null;

/**
 * An opinion as the drafting unit and the committee get it: what was said on which articles,
 * by which channel and office, its cluster and disposition. Never the contributor (a
 * pseudonym still points at a person) nor any contact; the draft only for those who read drafts.
 */
export function exportItem(r: OpinionRow, drafts: boolean): OpinionExportItem {
  return {
    opinionId: r.opinion_id,
    version: r.version,
    articleIds: JSON.parse(r.article_ids) as string[],
    channel: r.channel as OpinionChannel,
    officeId: r.office_id,
    clusterId: r.cluster_id,
    submittedAt: r.submitted_at,
    text: r.text,
    published: dispositionOf(r.pub_outcome, r.pub_reason, r.pub_article, r.pub_change),
    publishedAt: r.published_at,
    ...(drafts && {
      draft: dispositionOf(r.draft_outcome, r.draft_reason, r.draft_article, r.draft_change),
    }),
    toldBackAt: r.told_back_at,
  };
}

type Column = [Bilingual, (o: OpinionExportItem, lang: ExportLang) => unknown];

const outcome = (d: DispositionView | null | undefined, lang: ExportLang) =>
  d ? labelIn(DISPOSITION_OUTCOME_LABELS[d.outcome], lang) : null;

const COLUMNS: Column[] = [
  [{ zh: '意见编号', en: 'Opinion id' }, (o) => o.opinionId],
  [{ zh: '稿次', en: 'Draft version' }, (o) => o.version],
  [{ zh: '涉及条款', en: 'Articles' }, (o) => o.articleIds.join('；')],
  [{ zh: '渠道', en: 'Channel' }, (o, lang) => labelIn(OPINION_CHANNEL_LABELS[o.channel], lang)],
  [{ zh: '基层立法联系点', en: 'Outreach office' }, (o) => o.officeId],
  [{ zh: '意见聚类', en: 'Cluster' }, (o) => o.clusterId],
  [{ zh: '提交时间', en: 'Submitted at' }, (o) => o.submittedAt],
  [{ zh: '意见内容', en: 'Opinion' }, (o) => o.text],
  [{ zh: '处理结果', en: 'Disposition' }, (o, lang) => outcome(o.published, lang)],
  [{ zh: '处理理由', en: 'Reason' }, (o) => o.published?.reason],
  [{ zh: '对应条款', en: 'Resulting article' }, (o) => o.published?.resultingArticleId],
  [{ zh: '文本修改', en: 'Text change' }, (o) => o.published?.textChange],
  [{ zh: '公布时间', en: 'Published at' }, (o) => o.publishedAt],
  [{ zh: '告知时间', en: 'Told back at' }, (o) => o.toldBackAt],
];

/** The legislature side's working notes, as columns only its readers get. */
const DRAFT_COLUMNS: Column[] = [
  [{ zh: '拟处理结果', en: 'Draft disposition' }, (o, lang) => outcome(o.draft, lang)],
  [{ zh: '拟处理理由', en: 'Draft reason' }, (o) => o.draft?.reason],
  [{ zh: '拟对应条款', en: 'Draft resulting article' }, (o) => o.draft?.resultingArticleId],
  [{ zh: '拟文本修改', en: 'Draft text change' }, (o) => o.draft?.textChange],
];

const columns = (drafts: boolean) => (drafts ? [...COLUMNS, ...DRAFT_COLUMNS] : COLUMNS);

export const opinionCsvHeader = (drafts: boolean, lang: ExportLang): string =>
  csvLine(columns(drafts).map(([header]) => headerIn(header, lang)));

export const opinionCsvRow = (o: OpinionExportItem, drafts: boolean, lang: ExportLang): string =>
  csvLine(columns(drafts).map(([, value]) => value(o, lang)));
