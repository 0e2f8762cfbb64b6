import { Label } from '../../events/envelope';
import {
  Classification,
  OpinionOutcome,
  SubmissionCategory,
  SubmissionEvent,
  SubmissionKind,
} from '../../events/submission-events';

export const SUBMISSION_STATUSES = [
  'drafted',
  'proposed',
  'discussed',
  'submitted',
  'received',
  'awaiting_material',
  'committee_discussed',
  'opinion_issued',
  'closed',
  'withdrawn',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/**
 * The statuses lists show: also `superseded`, which the read model gives a submission once its
 * revision is sent. The replaced stream itself never records it (a command appends to one stream).
 */
export const LISTED_STATUSES = [...SUBMISSION_STATUSES, 'superseded'] as const;
export type ListedStatus = (typeof LISTED_STATUSES)[number];

export const STATUS_LABELS: Record<ListedStatus, Label> = {
  drafted: { zh: '起草中', en: 'Drafted' },
  proposed: { zh: '已提议报告', en: 'Proposed to the Party group' },
  discussed: { zh: '党组已讨论', en: 'Discussed by the Party group' },
  submitted: { zh: '已报送', en: 'Submitted' },
  received: { zh: '已收文', en: 'Received' },
  awaiting_material: { zh: '待补充材料', en: 'Awaiting material' },
  committee_discussed: { zh: '党委已研究', en: 'Discussed by the committee' },
  opinion_issued: { zh: '已出具意见', en: 'Opinion issued' },
  closed: { zh: '已办结', en: 'Closed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  superseded: { zh: '已被修改稿替代', en: 'Superseded by a revision' },
};

/** What the decider needs to know of a submission, folded from its events. */
export interface SubmissionState {
  status: SubmissionStatus | 'none';
  submissionId: string;
  kind: SubmissionKind;
  category: SubmissionCategory;
  classification: Classification;
  submittingOrganisationId: string;
  addressedCommitteeId: string;
  documentNumber: string | null;
  replyRequestedBy: string | null;
  /** The legislative items and committee decisions it is about. */
  itemIds: string[];
  decisionIds: string[];
  /** When the committee's reply is due, moved on by each wait for material; null for a report. */
  replyDueBy: string | null;
  submittedAt: string | null;
  openMaterialRequests: number[];
  materialRequestsMade: number;
  committeeMeetings: number;
  outcome: OpinionOutcome | null;
  opinionPoints: number[];
  answeredPoints: number[];
  /** Per answered point, the number of its latest feedback revision (0: the first feedback). */
  feedbackRevisions: Record<number, number>;
  viewerOrganisationIds: string[];
  viewerUserIds: string[];
  /**
   * The revision that replaces this submission. It is recorded on the revision's stream, not
   * this one, so evolve leaves it null and loading a submission to be replaced fills it in.
   */
  replacedBySubmissionId: string | null;
}

export const initialSubmissionState: SubmissionState = {
  status: 'none',
  submissionId: '',
  kind: 'request',
  category: 'legislative_plan',
  classification: 'internal',
  submittingOrganisationId: '',
  addressedCommitteeId: '',
  documentNumber: null,
  replyRequestedBy: null,
  itemIds: [],
  decisionIds: [],
  replyDueBy: null,
  submittedAt: null,
  openMaterialRequests: [],
  materialRequestsMade: 0,
  committeeMeetings: 0,
  outcome: null,
  opinionPoints: [],
  answeredPoints: [],
  feedbackRevisions: {},
  viewerOrganisationIds: [],
  viewerUserIds: [],
  replacedBySubmissionId: null,
};

export function evolve(state: SubmissionState, event: SubmissionEvent): SubmissionState {
  switch (event.type) {
    case 'SubmissionDrafted': {
      const d = event.data;
      return {
        ...state,
        status: 'drafted',
        submissionId: d.submissionId,
        kind: d.kind,
        category: d.category,
        classification: d.classification,
        submittingOrganisationId: d.submittingOrganisationId,
        addressedCommitteeId: d.addressedCommitteeId,
        documentNumber: d.documentNumber,
        replyRequestedBy: d.replyRequestedBy,
        itemIds: d.itemIds,
        decisionIds: d.decisionIds,
      };
    }
    case 'SubmissionDraftAmended': {
      const changes = event.data;
      return {
        ...state,
        classification: changes.classification ?? state.classification,
        documentNumber:
          changes.documentNumber !== undefined ? changes.documentNumber : state.documentNumber,
        replyRequestedBy:
          changes.replyRequestedBy !== undefined
            ? changes.replyRequestedBy
            : state.replyRequestedBy,
        itemIds: changes.itemIds ?? state.itemIds,
        decisionIds: changes.decisionIds ?? state.decisionIds,
      };
    }
    case 'ProposalToPartyGroupRecorded':
      return { ...state, status: 'proposed' };
    case 'PartyGroupDiscussionRecorded':
      return { ...state, status: 'discussed' };
    case 'SubmissionSubmitted':
      return {
        ...state,
        status: 'submitted',
        documentNumber: event.data.documentNumber,
        replyDueBy: state.kind === 'report' ? null : event.data.replyDueBy,
        submittedAt: event.data.submittedAt,
      };
    case 'SubmissionReceived':
      return { ...state, status: 'received' };
    case 'SupplementaryMaterialRequested':
      return {
        ...state,
        status: 'awaiting_material',
        materialRequestsMade: event.data.requestNumber,
        openMaterialRequests: [...state.openMaterialRequests, event.data.requestNumber],
      };
    case 'SupplementaryMaterialSupplied': {
      const open = state.openMaterialRequests.filter((n) => n !== event.data.requestNumber);
      const settled = state.committeeMeetings > 0 ? 'committee_discussed' : 'received';
      return {
        ...state,
        openMaterialRequests: open,
        status: open.length ? state.status : settled,
        replyDueBy: event.data.replyDueBy ?? state.replyDueBy,
      };
    }
    case 'CommitteeMeetingRecorded':
      return {
        ...state,
        status: 'committee_discussed',
        committeeMeetings: state.committeeMeetings + 1,
      };
    case 'OpinionIssued':
      return {
        ...state,
        status: 'opinion_issued',
        outcome: event.data.outcome,
        opinionPoints: event.data.points.map((p) => p.number),
      };
    case 'OpinionPointFeedbackGiven':
      return {
        ...state,
        answeredPoints: [...state.answeredPoints, event.data.pointNumber],
        feedbackRevisions: { ...state.feedbackRevisions, [event.data.pointNumber]: 0 },
      };
    case 'OpinionPointFeedbackRevised':
      return {
        ...state,
        feedbackRevisions: {
          ...state.feedbackRevisions,
          [event.data.pointNumber]: event.data.revisionNumber,
        },
      };
    case 'SubmissionClosed':
      return { ...state, status: 'closed' };
    case 'SubmissionWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'SubmissionViewerGranted':
      return {
        ...state,
        viewerOrganisationIds: event.data.organisationId
          ? [...state.viewerOrganisationIds, event.data.organisationId]
          : state.viewerOrganisationIds,
        viewerUserIds: event.data.userId
          ? [...state.viewerUserIds, event.data.userId]
          : state.viewerUserIds,
      };
  }
}
