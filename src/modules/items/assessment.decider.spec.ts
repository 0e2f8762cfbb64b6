import { actor, changchun, jilin } from '../../../test/support/actors';
import { broken, specFor } from '../../../test/support/given-when-then';
import { AssessmentEvent } from '../../events/item-events';
import { ActorContext } from '../../platform/access/actor';
import { mayRead } from '../../platform/access/readers';
import {
  BusinessRuleError,
  ForbiddenError,
  InvalidStepError,
} from '../../platform/kernel/domain-errors';
import {
  JudgeAssessment,
  ReportAssessment,
  SubjectFacts,
  assessmentAggregate,
  assessmentDecider,
} from './assessment.decider';

const NOW = '2025-03-10T02:00:00.000Z';
const ID = '5a1c2a4e-0000-4000-8000-000000000001';
const ITEM: SubjectFacts = {
  kind: 'item',
  id: 'item-1',
  legislatureId: jilin.partyGroup.organisationId,
  committeeId: jilin.committee.organisationId,
};
const DECISION: SubjectFacts = {
  kind: 'decision',
  id: 'decision-1',
  legislatureId: null,
  committeeId: jilin.committee.organisationId,
};

const fgw = actor(jilin.specialCommittee, ['legislature']);
const office = actor(jilin.office, ['committee_office']);
const ccOffice = actor(changchun.office, ['committee_office']);
const ccPartyGroup = actor(changchun.partyGroup, ['party_group', 'legislature']);

const given = specFor(assessmentDecider);

const report = (a: ActorContext, subject = ITEM, reportedOn = '2025-03-01'): ReportAssessment => ({
  actor: a,
  now: NOW,
  type: 'ReportAssessment',
  assessmentId: ID,
  subject,
  title: '《黑土地保护条例》立法后评估报告',
  findings: '总体有效',
  reportedOn,
});
const reported = (by: string, subject = ITEM): AssessmentEvent => ({
  type: 'AssessmentReported',
  data: {
    assessmentId: ID,
    subject: { kind: subject.kind, id: subject.id },
    reportedByOrganisationId: by,
    committeeId: jilin.committee.organisationId,
    title: '《黑土地保护条例》立法后评估报告',
    findings: '总体有效',
    reportedOn: '2025-03-01',
  },
});
const judge = (a: ActorContext): JudgeAssessment => ({
  actor: a,
  now: NOW,
  type: 'JudgeAssessment',
  judgment: 'adjust_law',
  note: '建议修改补偿标准',
});

describe('Reporting an assessment', () => {
  it('takes an item’s assessment from its legislature side, judged by the item’s committee', () => {
    const { state } = given([])
      .when(report(fgw))
      .then([reported(jilin.specialCommittee.organisationId)]);
    expect(state.status).toBe('reported');
  });

  it('takes a decision’s assessment from its committee office', () => {
    given([])
      .when(report(office, DECISION))
      .then([reported(jilin.office.organisationId, DECISION)]);
  });

  it('refuses the office assessing an item and the legislature a decision (403)', () => {
    given([]).when(report(office)).thenThrows(ForbiddenError, {});
    given([]).when(report(fgw, DECISION)).thenThrows(ForbiddenError, {});
    given([]).when(report(ccPartyGroup)).thenThrows(ForbiddenError, {});
    given([]).when(report(ccOffice, DECISION)).thenThrows(ForbiddenError, {});
  });

  it('refuses a report dated ahead (422) and a second report on the same stream (409)', () => {
    given([])
      .when(report(fgw, ITEM, '2025-03-11'))
      .thenThrows(BusinessRuleError, broken('reportedOn', 'not_in_future'));
    given([reported('x')])
      .when(report(fgw))
      .thenThrows(InvalidStepError, {});
  });
});

describe('Judging an assessment', () => {
  const history = [reported(jilin.specialCommittee.organisationId)];

  it('is the committee office’s, once', () => {
    const { state, actedAs } = given(history)
      .when(judge(office))
      .then([
        {
          type: 'AssessmentJudged',
          data: { judgment: 'adjust_law', note: '建议修改补偿标准', judgedAt: NOW },
        },
      ]);
    expect(actedAs).toBe('committee_office');
    expect(state).toMatchObject({ status: 'judged', judgment: { judgment: 'adjust_law' } });
    given([
      ...history,
      { type: 'AssessmentJudged', data: { judgment: 'effective', note: '', judgedAt: NOW } },
    ])
      .when(judge(office))
      .thenThrows(InvalidStepError, {
        details: { step: 'judge', currentState: 'judged', allowedSteps: [] },
      });
  });

  it('refuses the legislature and another committee’s office (403)', () => {
    given(history)
      .when(judge(fgw))
      .thenThrows(ForbiddenError, {
        details: { step: 'judge', requiredRoles: ['committee_office'] },
      });
    given(history).when(judge(ccOffice)).thenThrows(ForbiddenError, {});
  });

  it('is read by the committee, its office and the reporter only', () => {
    const readers = assessmentAggregate.readers(given(history).state);
    expect(mayRead(office, readers)).toBe(true);
    expect(mayRead(fgw, readers)).toBe(true);
    expect(mayRead(actor(jilin.partyGroup, ['party_group']), readers)).toBe(false);
    expect(mayRead(ccOffice, readers)).toBe(false);
  });
});
