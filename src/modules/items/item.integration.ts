/**
 * The public events of legislative items (topic `items`) and assessments (topic `assessments`).
 * They carry ids, kinds, stages, dates, numbers and conclusions; no text (titles, summaries,
 * answers, findings, reasons), which the API serves to those who may read it.
 */
import { Role } from '../../events/envelope';
import { ItemEvent } from '../../events/item-events';
import {
  IntegrationFacts,
  IntegrationMapping,
  defineIntegration,
} from '../../platform/kernel/feature';
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

function withoutText(data: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !TEXT_KEYS.has(key)));
}

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

function itemEvent(type: string): IntegrationMapping<ItemState> {
  return {
    type: `item.${type}.v1`,
    data: (data: object, facts: IntegrationFacts<ItemState>) => {
      const s = facts.state;
      const ref: ItemRefV1 = {
        itemId: s.itemId,
        kind: s.kind,
        legislatureId: s.legislatureId,
        committeeId: s.committeeId,
        version: s.version,
        stage: s.stage,
        actedBy: facts.actedBy,
      };
      return { ...ref, ...withoutText(data) };
    },
  };
}

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
  events: Object.fromEntries(
    Object.entries(ITEM_TYPES).map(([internal, type]) => [internal, itemEvent(type)]),
  ),
});

function assessmentEvent(type: string): IntegrationMapping<AssessmentState> {
  return {
    type: `assessment.${type}.v1`,
    data: (data: object, facts: IntegrationFacts<AssessmentState>) => ({
      assessmentId: facts.state.assessmentId,
      subject: facts.state.subject,
      reportedByOrganisationId: facts.state.reportedByOrganisationId,
      committeeId: facts.state.committeeId,
      actedBy: facts.actedBy,
      ...withoutText(data),
    }),
  };
}

export const ASSESSMENT_INTEGRATION = defineIntegration<AssessmentState>({
  topic: 'assessments',
  aggregate: assessmentAggregate as never,
  events: {
    AssessmentReported: assessmentEvent('reported'),
    AssessmentJudged: assessmentEvent('judged'),
  },
});
