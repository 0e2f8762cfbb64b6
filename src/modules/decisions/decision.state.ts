import { Label } from '../../events/envelope';
import { DecisionEvent, DecisionKind, FollowUpKind } from '../../events/decision-events';

export const DECISION_STATUSES = ['recorded', 'transmitted', 'acknowledged', 'superseded'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const DECISION_STATUS_LABELS: Record<DecisionStatus, Label> = {
  recorded: { zh: '已登记', en: 'Recorded' },
  transmitted: { zh: '已通报人大', en: 'Transmitted to the legislature' },
  acknowledged: { zh: '人大已签收', en: 'Acknowledged by the legislature' },
  superseded: { zh: '已被新决策取代', en: 'Superseded by a later decision' },
};

export interface FollowUpReport {
  reportNumber: number;
  text: string;
  reportedAt: string;
}

/** A committee decision, folded from its events: the decider's state and the detail's source. */
export interface DecisionState {
  status: DecisionStatus | 'none';
  decisionId: string;
  committeeId: string;
  recordedByOfficeId: string;
  documentNumber: string;
  title: string;
  summary: string;
  decidedOn: string;
  policyAreas: string[];
  kind: DecisionKind;
  followUp: FollowUpKind | null;
  /** The legislature it was transmitted to; null until then. */
  legislatureId: string | null;
  transmittedAt: string | null;
  acknowledgedAt: string | null;
  followUpReports: FollowUpReport[];
  supersededByDecisionId: string | null;
  supersededAt: string | null;
}

export const initialDecisionState: DecisionState = {
  status: 'none',
  decisionId: '',
  committeeId: '',
  recordedByOfficeId: '',
  documentNumber: '',
  title: '',
  summary: '',
  decidedOn: '',
  policyAreas: [],
  kind: 'specific_measure',
  followUp: null,
  legislatureId: null,
  transmittedAt: null,
  acknowledgedAt: null,
  followUpReports: [],
  supersededByDecisionId: null,
  supersededAt: null,
};

export function evolveDecision(state: DecisionState, event: DecisionEvent): DecisionState {
  switch (event.type) {
    case 'CommitteeDecisionRecorded':
      return { ...state, ...event.data, status: 'recorded' };
    case 'DecisionTransmitted':
      return {
        ...state,
        status: 'transmitted',
        legislatureId: event.data.legislatureId,
        transmittedAt: event.data.transmittedAt,
      };
    case 'DecisionTransmissionAcknowledged':
      return { ...state, status: 'acknowledged', acknowledgedAt: event.data.acknowledgedAt };
    case 'DecisionFollowUpReported':
      return { ...state, followUpReports: [...state.followUpReports, { ...event.data }] };
    case 'DecisionSuperseded':
      return {
        ...state,
        status: 'superseded',
        supersededByDecisionId: event.data.supersededByDecisionId,
        supersededAt: event.data.supersededAt,
      };
  }
}
