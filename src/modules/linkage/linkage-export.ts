import { ITEM_STAGE_LABELS, ItemStage } from '../../events/item-events';
import { ExportLang, csvLine, headerIn, labelIn } from '../../platform/http/csv';
import { DecisionSummary } from './linkage-queries';
import { LINKAGE_FLAG_LABELS } from './linkage.sql';

/** The columns of the CSV export: zh-CN header, English header, value. */
const COLUMNS: [string, string, (d: DecisionSummary, lang: ExportLang) => unknown][] = [
  ['决策编号', 'Decision id', (d) => d.decisionId],
  ['文号', 'Document number', (d) => d.documentNumber],
  ['标题', 'Title', (d) => d.title],
  ['决策日期', 'Decided on', (d) => d.decidedOn],
  ['层级', 'Level', (d) => d.level],
  ['地区代码', 'Region code', (d) => d.regionCode],
  ['政策领域', 'Policy areas', (d) => d.policyAreas.join('；')],
  ['立法跟进', 'Follow-up', (d) => d.followUp],
  [
    '关联立法项目（阶段）',
    'Linked items (stage)',
    (d, lang) =>
      d.items
        .map((i) => `${i.title}（${stageName(i.stage, lang)}，${i.daysInStage ?? ''}天）`)
        .join('；'),
  ],
  ['报送件数', 'Submissions', (d) => d.submissionCount],
  ['意见条数', 'Opinion points', (d) => d.opinionPointCount],
  ['采纳', 'Adopted', (d) => d.adoption.adopted],
  ['部分采纳', 'Partly adopted', (d) => d.adoption.partly_adopted],
  ['未采纳', 'Not adopted', (d) => d.adoption.not_adopted],
  ['待反馈', 'Pending', (d) => d.adoption.pending],
  ['至通过天数', 'Days to adoption', (d) => d.lag.toAdoptionDays],
  ['至施行天数', 'Days to entry into force', (d) => d.lag.toInForceDays],
  ['未决分歧', 'Open divergences', (d) => d.openDivergences],
  [
    '询问结论',
    'Inquiry conclusions',
    (d) => d.inquiryConclusions.map((q) => q.effectiveConclusion ?? '').join('；'),
  ],
  ['评估', 'Assessments', (d) => d.assessments.map((a) => a.judgment ?? a.title).join('；')],
  [
    '提示',
    'Flags',
    (d, lang) => d.flags.map((f) => labelIn(LINKAGE_FLAG_LABELS[f], lang)).join('；'),
  ],
];

function stageName(stage: string, lang: ExportLang): string {
  const label = ITEM_STAGE_LABELS[stage as ItemStage];
  return label ? labelIn(label, lang) : stage;
}

export function csvHeader(lang: ExportLang): string {
  return csvLine(COLUMNS.map(([zh, en]) => headerIn({ zh, en }, lang)));
}

export function csvRow(decision: DecisionSummary, lang: ExportLang): string {
  return csvLine(COLUMNS.map(([, , value]) => value(decision, lang)));
}
