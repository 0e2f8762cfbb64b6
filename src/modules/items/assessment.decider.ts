/**
 * Post-legislation assessment (立法后评估): a report on an item or a committee decision, and the
 * committee's judgment on it. The legislature's bodies assess their items; the committee office
 * assesses its committee's decisions. The committee office of the subject's committee judges.
 */
import {
  AssessmentEvent,
  AssessmentJudgment,
  AssessmentReportedV1,
} from '../../events/item-events';
import { ActorContext } from '../../platform/access/actor';
import { ReadPolicy, Reader, principal } from '../../platform/access/readers';
import { rule } from '../../platform/kernel/domain-errors';
import { defineAggregate } from '../../platform/kernel/feature';
import { workflow } from '../../platform/kernel/workflow';
import { beijingDate } from '../calendar/working-day-calendar';
import { committeeReaders, isCommitteeOffice, isLegislatureSide } from '../organisations/sides';

interface CommandBase {
  actor: ActorContext;
  now: string;
}

/** What the report needs of its subject, looked up (and checked readable) before deciding. */
export interface SubjectFacts {
  kind: 'item' | 'decision';
  id: string;
  /** The item's legislature; null for a decision. */
  legislatureId: string | null;
  committeeId: string;
}

export interface ReportAssessment extends CommandBase {
  type: 'ReportAssessment';
  assessmentId: string;
  subject: SubjectFacts;
  title: string;
  findings: string;
  reportedOn: string;
}

export interface JudgeAssessment extends CommandBase {
  type: 'JudgeAssessment';
  judgment: AssessmentJudgment;
  note: string;
}

export type AssessmentCommand = ReportAssessment | JudgeAssessment;

export interface AssessmentState {
  status: 'none' | 'reported' | 'judged';
  assessmentId: string;
  subject: { kind: 'item' | 'decision'; id: string };
  reportedByOrganisationId: string;
  committeeId: string;
  title: string;
  findings: string;
  reportedOn: string;
  judgment: { judgment: AssessmentJudgment; note: string; judgedAt: string } | null;
}

export const initialAssessmentState: AssessmentState = {
  status: 'none',
  assessmentId: '',
  subject: { kind: 'item', id: '' },
  reportedByOrganisationId: '',
  committeeId: '',
  title: '',
  findings: '',
  reportedOn: '',
  judgment: null,
};

export function evolveAssessment(state: AssessmentState, event: AssessmentEvent): AssessmentState {
  switch (event.type) {
    case 'AssessmentReported':
      return { ...state, status: 'reported', ...event.data };
    case 'AssessmentJudged':
      return { ...state, status: 'judged', judgment: event.data };
  }
}

/** The facts that decide who reads an assessment. */
export interface AssessmentReadership {
  committeeId: string;
  reportedByOrganisationId: string;
}

/** The judging committee with its office, and the organisation that reported it. */
export const ASSESSMENT_READ_POLICY: ReadPolicy<AssessmentReadership> = {
  recordType: 'assessment',
  readers(a): Reader[] {
    return [
      ...committeeReaders(a.committeeId, 'committee'),
      { principal: principal.organisation(a.reportedByOrganisationId), reason: 'reporter' },
    ];
  },
};

type Side = 'subject_legislature' | 'subject_committee_office' | 'judging_office';

export const assessmentDecider = workflow<
  AssessmentCommand,
  AssessmentState,
  AssessmentEvent,
  AssessmentState['status'],
  Side
>({
  aggregate: 'assessment',
  initialState: initialAssessmentState,
  status: (state) => state.status,
  allowedSteps: { none: ['report'], reported: ['judge'], judged: [] },
  steps: {
    ReportAssessment: {
      step: 'report',
      actors: {
        legislature: 'subject_legislature',
        party_group: 'subject_legislature',
        committee_office: 'subject_committee_office',
      },
    },
    JudgeAssessment: { step: 'judge', actors: { committee_office: 'judging_office' } },
  },
  sides: {
    // An item is assessed by its legislature's side, a decision by its committee's office.
    subject_legislature: (actor, _state, command) =>
      command.type === 'ReportAssessment' &&
      command.subject.kind === 'item' &&
      isLegislatureSide(actor, command.subject.legislatureId ?? ''),
    subject_committee_office: (actor, _state, command) =>
      command.type === 'ReportAssessment' &&
      command.subject.kind === 'decision' &&
      isCommitteeOffice(actor, command.subject.committeeId),
    judging_office: (actor, state) => isCommitteeOffice(actor, state.committeeId),
  },
  decisions: {
    ReportAssessment: (command) => {
      rule(
        command.reportedOn <= beijingDate(new Date(command.now)),
        'reportedOn',
        'not_in_future',
        'An assessment is reported once it was made',
      );
      const data: AssessmentReportedV1 = {
        assessmentId: command.assessmentId,
        subject: { kind: command.subject.kind, id: command.subject.id },
        reportedByOrganisationId: command.actor.organisation.organisationId,
        committeeId: command.subject.committeeId,
        title: command.title,
        findings: command.findings,
        reportedOn: command.reportedOn,
      };
      return [{ type: 'AssessmentReported', data }];
    },
    JudgeAssessment: (command) => [
      {
        type: 'AssessmentJudged',
        data: { judgment: command.judgment, note: command.note, judgedAt: command.now },
      },
    ],
  },
  evolve: evolveAssessment,
});

export const assessmentAggregate = defineAggregate({
  name: 'assessment',
  idField: 'assessmentId',
  decider: assessmentDecider,
  exists: (state) => state.status !== 'none',
  status: (state) => state.status,
  readers: (state) => ASSESSMENT_READ_POLICY.readers(state),
  location: (id) => `/api/assessments/${id}`,
  reads: ['assessments'],
});
