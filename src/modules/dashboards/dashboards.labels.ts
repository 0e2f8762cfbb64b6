import { Label } from '../../events/envelope';
import { DECISION_KIND_LABELS } from '../../events/decision-events';
import {
  DIVERGENCE_STEP_LABELS,
  INQUIRY_CONCLUSION_LABELS,
  ITEM_KIND_LABELS,
  ITEM_STAGE_LABELS,
} from '../../events/item-events';
import { AdministrativeLevel } from '../../events/organisation-events';
import { ADOPTION_LABELS, SUBMISSION_CATEGORY_LABELS } from '../../events/submission-events';
import { LAG_BUCKETS, TIMELINESS_BUCKETS } from '../../projections/dashboards.projection';

/** The levels the dashboards filter by (the committee's). */
export const ADMINISTRATIVE_LEVEL_LABELS: Record<AdministrativeLevel, Label> = {
  national: { zh: '中央', en: 'National' },
  province: { zh: '省级', en: 'Province' },
  city: { zh: '设区的市、自治州', en: 'City divided into districts' },
  county: { zh: '县级', en: 'County' },
};

/** Days past a due date of what is still awaited, as "overdue now" buckets them. */
export const OVERDUE_BUCKETS = [
  'not_yet_due',
  'overdue_1_7',
  'overdue_8_30',
  'overdue_31_90',
  'overdue_over_90',
] as const;
export type OverdueBucket = (typeof OVERDUE_BUCKETS)[number];

type Bucket = (typeof TIMELINESS_BUCKETS)[number] | (typeof LAG_BUCKETS)[number] | OverdueBucket;

export const DASHBOARD_BUCKET_LABELS: Record<Bucket, Label> = {
  early: { zh: '提前', en: 'Early' },
  due_day: { zh: '到期当日', en: 'On the due day' },
  late_1_7: { zh: '逾期1–7天', en: '1–7 days late' },
  late_8_30: { zh: '逾期8–30天', en: '8–30 days late' },
  late_31_90: { zh: '逾期31–90天', en: '31–90 days late' },
  late_over_90: { zh: '逾期90天以上', en: 'Over 90 days late' },
  within_90: { zh: '90天以内', en: 'Within 90 days' },
  within_180: { zh: '91–180天', en: '91–180 days' },
  within_365: { zh: '181–365天', en: '181–365 days' },
  within_730: { zh: '1–2年', en: '1–2 years' },
  over_730: { zh: '2年以上', en: 'Over 2 years' },
  not_yet_due: { zh: '未到期', en: 'Not yet due' },
  overdue_1_7: { zh: '已逾期1–7天', en: 'Overdue 1–7 days' },
  overdue_8_30: { zh: '已逾期8–30天', en: 'Overdue 8–30 days' },
  overdue_31_90: { zh: '已逾期31–90天', en: 'Overdue 31–90 days' },
  overdue_over_90: { zh: '已逾期90天以上', en: 'Overdue over 90 days' },
};

export const DASHBOARD_MEASURES = ['reply', 'feedback', 'to_adoption', 'to_in_force'] as const;
export const DASHBOARD_MEASURE_LABELS: Record<(typeof DASHBOARD_MEASURES)[number], Label> = {
  reply: { zh: '党委答复', en: "Committee's reply" },
  feedback: { zh: '意见反馈', en: 'Feedback on opinion points' },
  to_adoption: { zh: '决策至通过', en: 'Decision to adoption' },
  to_in_force: { zh: '决策至施行', en: 'Decision to entry into force' },
};

export const DASHBOARD_STATES = [
  'pending',
  'open',
  'resolved',
  'answered',
  'disputed',
  'concluded',
  'none',
  'unlinked',
] as const;
export const DASHBOARD_STATE_LABELS: Record<(typeof DASHBOARD_STATES)[number], Label> = {
  pending: { zh: '待反馈', en: 'Pending' },
  open: { zh: '未结', en: 'Open' },
  resolved: { zh: '已解决', en: 'Resolved' },
  answered: { zh: '已答复', en: 'Answered' },
  disputed: { zh: '有异议', en: 'Disputed' },
  concluded: { zh: '已定论', en: 'Concluded' },
  none: { zh: '无', en: 'None' },
  unlinked: { zh: '尚无立法项目', en: 'No legislative item yet' },
};

/**
 * The label tables a chart column's values are named by: the same names as in `GET /api/labels`,
 * so the web UI and the CSV show the API's own labels.
 */
export const VALUE_LABELS: Record<string, Readonly<Record<string, Label>>> = {
  adoptions: ADOPTION_LABELS,
  categories: SUBMISSION_CATEGORY_LABELS,
  itemStages: ITEM_STAGE_LABELS,
  itemKinds: ITEM_KIND_LABELS,
  decisionKinds: DECISION_KIND_LABELS,
  divergenceSteps: DIVERGENCE_STEP_LABELS,
  inquiryConclusions: INQUIRY_CONCLUSION_LABELS,
  dashboardBuckets: DASHBOARD_BUCKET_LABELS,
  dashboardMeasures: DASHBOARD_MEASURE_LABELS,
  dashboardStates: DASHBOARD_STATE_LABELS,
};
