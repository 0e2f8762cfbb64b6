/**
 * Who may do and read what on a legislative item, stated once: the steps open in each stage, the
 * roles and sides that may take each step, and who reads an item.
 */
import { ActorContext } from '../../platform/access/actor';
import { ReadPolicy, Reader } from '../../platform/access/readers';
import { StepActors } from '../../platform/kernel/workflow';
import { OversightFacts } from '../../projections/items.projection';
import {
  committeeReaders,
  isCommitteeOffice,
  isLegislatureSide,
  legislatureReaders,
} from '../organisations/sides';
import { ItemCommand } from './item.commands';
import { ItemState, ItemStatus } from './item.state';

export type Step =
  | 'propose'
  | 'plan'
  | 'start_drafting'
  | 'hold_reading'
  | 'schedule_for_vote'
  | 'adopt'
  | 'promulgate'
  | 'enter_into_force'
  | 'start_amendment'
  | 'abolish'
  | 'record_divergence'
  | 'record_divergence_step'
  | 'resolve_divergence'
  | 'open_inquiry'
  | 'answer_inquiry'
  | 'report_inquiry_result'
  | 'dispute_inquiry_conclusion'
  | 'conclude_inquiry_review'
  | 'record_inspection';

/** Steps about a divergence or an inquiry already recorded: open whatever the stage. */
const FOLLOW_UPS: readonly Step[] = [
  'record_divergence_step',
  'resolve_divergence',
  'answer_inquiry',
  'report_inquiry_result',
  'dispute_inquiry_conclusion',
  'conclude_inquiry_review',
];

/** The steps open in each stage; anything else is refused with 409 naming these. */
export const ALLOWED_STEPS: Record<ItemStatus, readonly Step[]> = {
  none: ['propose'],
  proposed: ['plan', 'start_drafting', ...FOLLOW_UPS],
  planned: ['plan', 'start_drafting', ...FOLLOW_UPS],
  // An annual plan also lists items already being drafted or deliberated (continuing items).
  drafting: ['plan', 'hold_reading', 'record_divergence', ...FOLLOW_UPS],
  deliberation: ['plan', 'hold_reading', 'schedule_for_vote', 'record_divergence', ...FOLLOW_UPS],
  on_agenda: ['adopt', 'record_divergence', ...FOLLOW_UPS],
  adopted: ['promulgate', 'abolish', ...FOLLOW_UPS],
  promulgated: ['enter_into_force', 'abolish', ...FOLLOW_UPS],
  in_force: ['start_amendment', 'abolish', 'open_inquiry', 'record_inspection', ...FOLLOW_UPS],
  abolished: FOLLOW_UPS,
};

export type Side = 'legislature_side' | 'committee_office';

const legislature = { legislature: 'legislature_side', party_group: 'legislature_side' } as const;
const office = { committee_office: 'committee_office' } as const;

/** For each command: its step, and each role that may take it with the side it must act for. */
export const STEPS: Record<ItemCommand['type'], { step: Step; actors: StepActors<Side> }> = {
  ProposeItem: { step: 'propose', actors: legislature },
  PlanItem: { step: 'plan', actors: legislature },
  StartDrafting: { step: 'start_drafting', actors: legislature },
  HoldReading: { step: 'hold_reading', actors: legislature },
  ScheduleForVote: { step: 'schedule_for_vote', actors: legislature },
  AdoptItem: { step: 'adopt', actors: legislature },
  PromulgateItem: { step: 'promulgate', actors: legislature },
  EnterIntoForce: { step: 'enter_into_force', actors: legislature },
  StartAmendment: { step: 'start_amendment', actors: legislature },
  AbolishItem: { step: 'abolish', actors: legislature },
  RecordDivergence: { step: 'record_divergence', actors: legislature },
  RecordDivergenceStep: { step: 'record_divergence_step', actors: legislature },
  ResolveDivergence: { step: 'resolve_divergence', actors: legislature },
  OpenInquiry: { step: 'open_inquiry', actors: office },
  AnswerInquiry: { step: 'answer_inquiry', actors: legislature },
  ReportInquiryResult: { step: 'report_inquiry_result', actors: legislature },
  DisputeInquiryConclusion: { step: 'dispute_inquiry_conclusion', actors: office },
  ConcludeInquiryReview: { step: 'conclude_inquiry_review', actors: legislature },
  RecordInspection: { step: 'record_inspection', actors: legislature },
};

export const SIDES: Record<
  Side,
  (actor: ActorContext, state: ItemState, command: ItemCommand) => boolean
> = {
  legislature_side: (actor, state, command) =>
    isLegislatureSide(
      actor,
      command.type === 'ProposeItem' ? command.legislature.organisationId : state.legislatureId,
    ),
  committee_office: (actor, state) => isCommitteeOffice(actor, state.committeeId),
};

/** The facts that decide who reads an item or a plan: whose it is and who oversees it. */
export type Oversight = OversightFacts;

/** The legislature with its bodies, and the overseeing committee with its office. */
export function oversightReaders(o: Oversight): Reader[] {
  return [
    ...legislatureReaders(o.legislatureId, 'legislature'),
    ...committeeReaders(o.committeeId, 'committee'),
  ];
}

export const ITEM_READ_POLICY: ReadPolicy<Oversight> = {
  recordType: 'item',
  readers: oversightReaders,
};
