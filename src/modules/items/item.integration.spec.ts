import { RecordedEvent } from '../../events/envelope';
import { AssessmentEvent, ItemEvent } from '../../events/item-events';
import { PlanEvent } from '../../events/plan-events';
import { FEATURES } from '../../features';
import { fold } from '../../platform/kernel/decider';
import { FeatureRegistry } from '../../platform/kernel/feature-registry';
import { toIntegrationMessage } from '../../platform/integration/integration-events';
import { planDecider } from '../plans/plan.decider';
import { assessmentDecider } from './assessment.decider';
import { itemDecider } from './item.decider';

const registry = new FeatureRegistry(FEATURES);
const SECRET = '内部';
const ID = '6f1c8a52-3f0e-4bb8-9d0e-2a7f5f0c1d11';
const options = {
  topicPrefix: 'legislink.',
  source: 'urn:legislink:legislink',
  textCategories: [],
};

const recorded = (streamId: string, type: string, data: unknown, revision: number) =>
  ({
    eventId: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      occurredAt: '2025-03-10T02:00:00.000Z',
      actor: {
        userId: 'u1',
        userName: '张三',
        organisationId: 'cn-220000-npcpg',
        role: 'party_group',
      },
      correlationId: 'c',
      causationId: null,
    },
    streamId,
    revision,
    position: `${revision + 1}/${revision + 1}`,
    recordedAt: '2025-03-10T02:00:00.001Z',
    previousHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  }) as RecordedEvent;

const ITEM_HISTORY: ItemEvent[] = [
  {
    type: 'LegislativeItemProposed',
    data: {
      itemId: ID,
      kind: 'local_regulation',
      legislatureId: 'cn-220000-npcpg',
      committeeId: 'cn-220000-pc',
      title: `${SECRET}标题`,
      summary: `${SECRET}摘要`,
      policyAreas: ['agriculture'],
      proposedOn: '2025-01-06',
    },
  },
  { type: 'ItemPlanned', data: { planId: 'p', plannedOn: '2025-01-07' } },
  { type: 'ItemDraftingStarted', data: { draftingUnitId: 'u', startedOn: '2025-01-08' } },
  {
    type: 'ItemReadingHeld',
    data: { readingNumber: 1, heldOn: '2025-02-01', meetingReference: `${SECRET}会议` },
  },
  { type: 'ItemScheduledForVote', data: { agendaDate: '2025-03-01', scheduledOn: '2025-02-20' } },
  { type: 'ItemAdopted', data: { adoptedOn: '2025-03-01', tally: null } },
  { type: 'ItemPromulgated', data: { announcementNumber: '公告1号', promulgatedOn: '2025-03-02' } },
  { type: 'ItemEnteredIntoForce', data: { inForceOn: '2025-03-03' } },
  {
    type: 'DivergenceRecorded',
    data: {
      divergenceNumber: 1,
      description: `${SECRET}分歧`,
      submissionId: null,
      pointNumber: null,
      recordedOn: '2025-03-03',
    },
  },
  {
    type: 'DivergenceStepRecorded',
    data: { divergenceNumber: 1, step: 'consultation', note: `${SECRET}`, on: '2025-03-04' },
  },
  {
    type: 'DivergenceResolved',
    data: { divergenceNumber: 1, result: `${SECRET}结果`, resolvedOn: '2025-03-05' },
  },
  {
    type: 'PostLegislationInquiryOpened',
    data: { inquiryNumber: 1, question: `${SECRET}问`, dueBy: '2025-04-01', openedAt: 'x' },
  },
  {
    type: 'InquiryAnswered',
    data: { inquiryNumber: 1, conclusion: 'keep', text: `${SECRET}答`, answeredAt: 'x' },
  },
  { type: 'InquiryResultReported', data: { inquiryNumber: 1, text: `${SECRET}`, reportedAt: 'x' } },
  {
    type: 'InquiryConclusionDisputed',
    data: { inquiryNumber: 1, reason: `${SECRET}`, disputedAt: 'x' },
  },
  {
    type: 'InquiryReviewConcluded',
    data: { inquiryNumber: 1, finalConclusion: 'amend', note: `${SECRET}`, concludedAt: 'x' },
  },
  {
    type: 'LawEnforcementInspectionRecorded',
    data: { inspectionNumber: 1, heldFrom: '2025-03-01', heldTo: '2025-03-02', findings: SECRET },
  },
  {
    type: 'ItemAmendmentStarted',
    data: { version: 2, reason: `${SECRET}`, startedOn: '2025-03-09' },
  },
  { type: 'ItemAbolished', data: { abolishedOn: '2025-03-10', reason: `${SECRET}` } },
];

function messages<E extends { type: string; data: unknown }>(
  stream: string,
  decider: { initialState: unknown; evolve(s: never, e: never): unknown },
  history: E[],
) {
  return history.map((event, revision) =>
    toIntegrationMessage(
      registry,
      recorded(stream, event.type, event.data, revision),
      fold(decider as never, history.slice(0, revision + 1) as never[]),
      options,
    )!,
  );
}

describe('Public events of items, assessments and plans', () => {
  it('publishes every item event on the items topic, keyed by item, without text', () => {
    const out = messages(`item-${ID}`, itemDecider, ITEM_HISTORY);
    expect(out.map((m) => m.topic)).toEqual(ITEM_HISTORY.map(() => 'legislink.items'));
    for (const m of out) {
      expect(m.key).toBe(ID);
      expect(m.value).not.toContain(SECRET);
    }
    expect(JSON.parse(out[7].value)).toEqual({
      itemId: ID,
      kind: 'local_regulation',
      legislatureId: 'cn-220000-npcpg',
      committeeId: 'cn-220000-pc',
      version: 1,
      stage: 'in_force',
      actedBy: { organisationId: 'cn-220000-npcpg', role: 'party_group' },
      inForceOn: '2025-03-03',
    });
    expect(out[12].headers.ce_type).toBe('cn.legislink.item.inquiry_answered.v1');
    expect(JSON.parse(out[12].value)).toMatchObject({ inquiryNumber: 1, conclusion: 'keep' });
  });

  it('publishes assessments and plans on their own topics, without text', () => {
    const assessments: AssessmentEvent[] = [
      {
        type: 'AssessmentReported',
        data: {
          assessmentId: ID,
          subject: { kind: 'item', id: 'i' },
          reportedByOrganisationId: 'o',
          committeeId: 'cn-220000-pc',
          title: SECRET,
          findings: SECRET,
          reportedOn: '2025-03-01',
        },
      },
      { type: 'AssessmentJudged', data: { judgment: 'effective', note: SECRET, judgedAt: 'x' } },
    ];
    const a = messages(`assessment-${ID}`, assessmentDecider, assessments);
    expect(a.map((m) => m.topic)).toEqual(['legislink.assessments', 'legislink.assessments']);
    expect(a.map((m) => m.value).join()).not.toContain(SECRET);
    expect(JSON.parse(a[1].value)).toMatchObject({
      judgment: 'effective',
      subject: { kind: 'item' },
    });

    const entry = {
      itemId: 'i',
      necessity: SECRET,
      feasibility: SECRET,
      socialEffects: SECRET,
      obstacles: SECRET,
    };
    const plans: PlanEvent[] = [
      {
        type: 'LegislativePlanDrafted',
        data: {
          planId: ID,
          legislatureId: 'cn-220000-npcpg',
          committeeId: 'cn-220000-pc',
          kind: 'annual',
          fromYear: 2026,
          toYear: 2026,
          title: SECRET,
          entries: [entry],
          draftedAt: 'x',
        },
      },
      { type: 'PlanReported', data: { submissionId: 's', reportedAt: 'x' } },
      { type: 'PlanApproved', data: { approvedOn: '2025-03-01', approvalReference: SECRET } },
      {
        type: 'PlanAdjusted',
        data: { adjustmentNumber: 1, reason: SECRET, adjustedOn: '2025-03-02', submissionId: null },
      },
      { type: 'PlanEntryRemoved', data: { itemId: 'i', reason: SECRET, adjustmentNumber: 1 } },
      { type: 'PlanEntryAdded', data: { ...entry, adjustmentNumber: 1 } },
    ];
    const p = messages(`plan-${ID}`, planDecider, plans);
    expect(new Set(p.map((m) => m.topic))).toEqual(new Set(['legislink.plans']));
    expect(p.map((m) => m.value).join()).not.toContain(SECRET);
    expect(JSON.parse(p[0].value)).toMatchObject({ entries: [{ itemId: 'i' }], fromYear: 2026 });
  });
});
