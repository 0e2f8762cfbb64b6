import { ItemEvent } from '../../events/item-events';
import { defineAggregate } from '../../platform/kernel/feature';
import { workflow } from '../../platform/kernel/workflow';
import { ItemCommand } from './item.commands';
import * as decisions from './item.decisions';
import { ALLOWED_STEPS, ITEM_READ_POLICY, SIDES, STEPS, Side } from './item.policy';
import { ItemState, ItemStatus, evolve, initialItemState } from './item.state';

/** The life of a legislative item: the workflow of its policy, one decision per command. */
export const itemDecider = workflow<ItemCommand, ItemState, ItemEvent, ItemStatus, Side>({
  aggregate: 'item',
  initialState: initialItemState,
  status: (state) => state.stage,
  allowedSteps: ALLOWED_STEPS,
  steps: STEPS,
  sides: SIDES,
  decisions: {
    ProposeItem: decisions.propose,
    PlanItem: decisions.plan,
    StartDrafting: decisions.startDrafting,
    HoldReading: decisions.holdReading,
    ScheduleForVote: decisions.scheduleForVote,
    AdoptItem: decisions.adopt,
    PromulgateItem: decisions.promulgate,
    EnterIntoForce: decisions.enterIntoForce,
    StartAmendment: decisions.startAmendment,
    AbolishItem: decisions.abolish,
    RecordDivergence: decisions.recordDivergence,
    RecordDivergenceStep: decisions.recordDivergenceStep,
    ResolveDivergence: decisions.resolveDivergence,
    OpenInquiry: decisions.openInquiry,
    AnswerInquiry: decisions.answerInquiry,
    ReportInquiryResult: decisions.reportInquiryResult,
    DisputeInquiryConclusion: decisions.disputeInquiryConclusion,
    ConcludeInquiryReview: decisions.concludeInquiryReview,
    RecordInspection: decisions.recordInspection,
  },
  evolve,
});

export const itemAggregate = defineAggregate({
  name: 'item',
  idField: 'itemId',
  decider: itemDecider,
  exists: (state) => state.stage !== 'none',
  status: (state) => state.stage,
  readers: (state) => ITEM_READ_POLICY.readers(state),
  location: (id) => `/api/items/${id}`,
  reads: ['items'],
});
