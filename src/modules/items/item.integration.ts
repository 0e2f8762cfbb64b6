/**
 * The public events of legislative items (topic `items`) and assessments (topic `assessments`).
 * They carry ids, kinds, stages, dates, numbers and conclusions; no text (titles, summaries,
 * answers, findings, reasons), which the API serves to those who may read it.
 */
import { Role } from '../../events/envelope';
import { ItemEvent } from '../../events/item-events';
import { textlessEvents } from '../../platform/integration/public-events';
import { defineIntegration } from '../../platform/kernel/feature';
import { AssessmentState, assessmentAggregate } from './assessment.decider';
import { itemAggregate } from './item.decider';
import { ItemState } from './item.state';

/** Keys of internal payloads that hold free text: never published. */
const TEXT_KEYS = new Set([
  'title',
  'summary',
  'description',
  'note',
  'reason',
  'result',
  'question',
  'text',
  'findings',
  'meetingReference',
]);

/** Every item event: which item, whose, overseen by whom, who recorded it. */
export interface ItemRefV1 {
  itemId: string;
  kind: string;
  legislatureId: string;
  committeeId: string;
  version: number;
  stage: string;
  actedBy: { organisationId: string; role: Role };
}

const itemRef = (s: ItemState): Omit<ItemRefV1, 'actedBy'> => ({
  itemId: s.itemId,
  kind: s.kind,
  legislatureId: s.legislatureId,
  committeeId: s.committeeId,
  version: s.version,
  stage: s.stage,
});

const ITEM_TYPES: Record<ItemEvent['type'], string> = {
  LegislativeItemProposed: 'proposed',
  ItemPlanned: 'planned',
  ItemDraftingStarted: 'drafting_started',
  ItemReadingHeld: 'reading_held',
  ItemScheduledForVote: 'scheduled_for_vote',
  ItemAdopted: 'adopted',
  ItemPromulgated: 'promulgated',
  ItemEnteredIntoForce: 'entered_into_force',
  ItemAmendmentStarted: 'amendment_started',
  ItemAbolished: 'abolished',
  DivergenceRecorded: 'divergence_recorded',
  DivergenceStepRecorded: 'divergence_step_recorded',
  DivergenceResolved: 'divergence_resolved',
  PostLegislationInquiryOpened: 'inquiry_opened',
  InquiryAnswered: 'inquiry_answered',
  InquiryResultReported: 'inquiry_result_reported',
  InquiryConclusionDisputed: 'inquiry_conclusion_disputed',
  InquiryReviewConcluded: 'inquiry_review_concluded',
  LawEnforcementInspectionRecorded: 'inspection_recorded',
};

export const ITEM_INTEGRATION = defineIntegration<ItemState>({
  topic: 'items',
  aggregate: itemAggregate as never,
  events: textlessEvents('item', ITEM_TYPES, itemRef, TEXT_KEYS),
});

const assessmentRef = (s: AssessmentState) => ({
  assessmentId: s.assessmentId,
  subject: s.subject,
  reportedByOrganisationId: s.reportedByOrganisationId,
  committeeId: s.committeeId,
});

export const ASSESSMENT_INTEGRATION = defineIntegration<AssessmentState>({
  topic: 'assessments',
  aggregate: assessmentAggregate as never,
  events: textlessEvents(
    'assessment',
    { AssessmentReported: 'reported', AssessmentJudged: 'judged' },
    assessmentRef,
    TEXT_KEYS,
  ),
});
