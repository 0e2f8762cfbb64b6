import {
  DivergenceStep,
  InquiryConclusion,
  InquiryStatus,
  ItemEvent,
  ItemKind,
  ItemStage,
  VoteTally,
} from '../../events/item-events';

export type ItemStatus = ItemStage | 'none';

/** A stage the item entered, on which day, in which version. */
export interface StageEntry {
  stage: ItemStage;
  on: string;
  version: number;
}

export interface Reading {
  version: number;
  readingNumber: number;
  heldOn: string;
  meetingReference: string;
}

export interface Divergence {
  divergenceNumber: number;
  description: string;
  submissionId: string | null;
  pointNumber: number | null;
  recordedOn: string;
  steps: { step: DivergenceStep; note: string; on: string }[];
  resolution: { result: string; resolvedOn: string } | null;
}

export type { InquiryStatus };

export interface Inquiry {
  inquiryNumber: number;
  question: string;
  dueBy: string;
  openedAt: string;
  status: InquiryStatus;
  answer: { conclusion: InquiryConclusion; text: string; answeredAt: string } | null;
  results: { text: string; reportedAt: string }[];
  dispute: { reason: string; disputedAt: string } | null;
  review: { finalConclusion: InquiryConclusion; note: string; concludedAt: string } | null;
}

export interface Inspection {
  inspectionNumber: number;
  heldFrom: string;
  heldTo: string;
  findings: string;
}

/**
 * A legislative item folded from its events: what the decider checks and what the detail shows
 * (the item's history is short, so the detail is its state).
 */
export interface ItemState {
  stage: ItemStatus;
  itemId: string;
  kind: ItemKind;
  legislatureId: string;
  committeeId: string;
  title: string;
  summary: string;
  policyAreas: string[];
  proposedOn: string;
  /** 1 as proposed; each amendment adds one. */
  version: number;
  planIds: string[];
  draftingUnitId: string | null;
  /** Every reading of every version. */
  readings: Reading[];
  agendaDate: string | null;
  adoptedOn: string | null;
  tally: VoteTally | null;
  announcementNumber: string | null;
  promulgatedOn: string | null;
  inForceOn: string | null;
  abolition: { abolishedOn: string; reason: string } | null;
  amendments: { version: number; reason: string; startedOn: string }[];
  stageHistory: StageEntry[];
  divergences: Divergence[];
  inquiries: Inquiry[];
  inspections: Inspection[];
}

export const initialItemState: ItemState = {
  stage: 'none',
  itemId: '',
  kind: 'local_regulation',
  legislatureId: '',
  committeeId: '',
  title: '',
  summary: '',
  policyAreas: [],
  proposedOn: '',
  version: 1,
  planIds: [],
  draftingUnitId: null,
  readings: [],
  agendaDate: null,
  adoptedOn: null,
  tally: null,
  announcementNumber: null,
  promulgatedOn: null,
  inForceOn: null,
  abolition: null,
  amendments: [],
  stageHistory: [],
  divergences: [],
  inquiries: [],
  inspections: [],
};

/** The readings of the version now in progress. */
export const currentReadings = (state: ItemState) =>
  state.readings.filter((r) => r.version === state.version);

export const openDivergences = (state: ItemState) =>
  state.divergences.filter((d) => d.resolution === null);

function enter(state: ItemState, stage: ItemStage, on: string): ItemState {
  return {
    ...state,
    stage,
    stageHistory: [...state.stageHistory, { stage, on, version: state.version }],
  };
}

function updateDivergence(
  state: ItemState,
  number: number,
  change: (d: Divergence) => Divergence,
): ItemState {
  return {
    ...state,
    divergences: state.divergences.map((d) => (d.divergenceNumber === number ? change(d) : d)),
  };
}

function updateInquiry(
  state: ItemState,
  number: number,
  change: (i: Inquiry) => Inquiry,
): ItemState {
  return {
    ...state,
    inquiries: state.inquiries.map((i) => (i.inquiryNumber === number ? change(i) : i)),
  };
}

export function evolve(state: ItemState, event: ItemEvent): ItemState {
  switch (event.type) {
    case 'LegislativeItemProposed': {
      const d = event.data;
      return enter(
        {
          ...state,
          itemId: d.itemId,
          kind: d.kind,
          legislatureId: d.legislatureId,
          committeeId: d.committeeId,
          title: d.title,
          summary: d.summary,
          policyAreas: d.policyAreas,
          proposedOn: d.proposedOn,
        },
        'proposed',
        d.proposedOn,
      );
    }
    case 'ItemPlanned': {
      const next = { ...state, planIds: [...state.planIds, event.data.planId] };
      // A plan listing an item already in drafting or deliberation leaves it where it is.
      return state.stage === 'proposed' ? enter(next, 'planned', event.data.plannedOn) : next;
    }
    case 'ItemDraftingStarted':
      return enter(
        { ...state, draftingUnitId: event.data.draftingUnitId },
        'drafting',
        event.data.startedOn,
      );
    case 'ItemReadingHeld': {
      const reading = { version: state.version, ...event.data };
      const next = { ...state, readings: [...state.readings, reading] };
      return state.stage === 'deliberation' ? next : enter(next, 'deliberation', event.data.heldOn);
    }
    case 'ItemScheduledForVote':
      return enter(
        { ...state, agendaDate: event.data.agendaDate },
        'on_agenda',
        event.data.scheduledOn,
      );
    case 'ItemAdopted':
      return enter(
        { ...state, adoptedOn: event.data.adoptedOn, tally: event.data.tally },
        'adopted',
        event.data.adoptedOn,
      );
    case 'ItemPromulgated':
      return enter(
        {
          ...state,
          announcementNumber: event.data.announcementNumber,
          promulgatedOn: event.data.promulgatedOn,
        },
        'promulgated',
        event.data.promulgatedOn,
      );
    case 'ItemEnteredIntoForce':
      return enter({ ...state, inForceOn: event.data.inForceOn }, 'in_force', event.data.inForceOn);
    case 'ItemAmendmentStarted':
      return enter(
        {
          ...state,
          version: event.data.version,
          amendments: [...state.amendments, event.data],
          agendaDate: null,
        },
        'drafting',
        event.data.startedOn,
      );
    case 'ItemAbolished':
      return enter({ ...state, abolition: event.data }, 'abolished', event.data.abolishedOn);
    case 'DivergenceRecorded':
      return {
        ...state,
        divergences: [...state.divergences, { ...event.data, steps: [], resolution: null }],
      };
    case 'DivergenceStepRecorded': {
      const { divergenceNumber, ...step } = event.data;
      return updateDivergence(state, divergenceNumber, (d) => ({
        ...d,
        steps: [...d.steps, step],
      }));
    }
    case 'DivergenceResolved': {
      const { divergenceNumber, ...resolution } = event.data;
      return updateDivergence(state, divergenceNumber, (d) => ({ ...d, resolution }));
    }
    case 'PostLegislationInquiryOpened':
      return {
        ...state,
        inquiries: [
          ...state.inquiries,
          {
            ...event.data,
            status: 'open',
            answer: null,
            results: [],
            dispute: null,
            review: null,
          },
        ],
      };
    case 'InquiryAnswered': {
      const { inquiryNumber, ...answer } = event.data;
      return updateInquiry(state, inquiryNumber, (i) => ({ ...i, status: 'answered', answer }));
    }
    case 'InquiryResultReported': {
      const { inquiryNumber, ...result } = event.data;
      return updateInquiry(state, inquiryNumber, (i) => ({
        ...i,
        status: 'result_reported',
        results: [...i.results, result],
      }));
    }
    case 'InquiryConclusionDisputed': {
      const { inquiryNumber, ...dispute } = event.data;
      return updateInquiry(state, inquiryNumber, (i) => ({ ...i, status: 'disputed', dispute }));
    }
    case 'InquiryReviewConcluded': {
      const { inquiryNumber, ...review } = event.data;
      return updateInquiry(state, inquiryNumber, (i) => ({ ...i, status: 'concluded', review }));
    }
    case 'LawEnforcementInspectionRecorded':
      return { ...state, inspections: [...state.inspections, event.data] };
  }
}
