/**
 * A recorded history for the linkage view, written as raw events on proper streams
 * (`decision-<id>`, `item-<id>`, …) through whatever appends them: the projection specs' log
 * fixture or the e2e app's event store. The aggregates that emit these events live in other
 * modules; this history follows the event contract in src/events/.
 */
import { Actor } from '../../src/events/envelope';
import { OrganisationRegisteredV1 } from '../../src/events/organisation-events';
import { ActorContext, OrganisationProfile } from '../../src/platform/access/actor';

export type Append = (
  streamId: string,
  type: string,
  data: object,
  occurredAt: string,
  actor: Actor,
) => Promise<string>;

const org = (
  organisationId: string,
  kind: string,
  level: 'province' | 'city',
  regionCode: string,
  parentOrganisationId: string | null,
): OrganisationProfile => ({
  organisationId,
  kind,
  level,
  regionCode,
  parentOrganisationId,
  nameZh: organisationId,
  nameEn: organisationId,
  reportsThrough: null,
});

/** The demo organisations' ids (src/demo/demo-data.ts), so e2e and specs share one history. */
export const ORGS = {
  jlCommittee: org('cn-220000-pc', 'party_committee', 'province', '220000', null),
  jlOffice: org('cn-220000-pco', 'committee_office', 'province', '220000', 'cn-220000-pc'),
  jlLegislature: org(
    'cn-220000-npcpg',
    'standing_committee_party_group',
    'province',
    '220000',
    null,
  ),
  jlSpecial: org('cn-220000-npc-fgw', 'special_committee', 'province', '220000', 'cn-220000-npcpg'),
  ccCommittee: org('cn-220100-pc', 'party_committee', 'city', '220100', null),
  ccOffice: org('cn-220100-pco', 'committee_office', 'city', '220100', 'cn-220100-pc'),
  ccLegislature: org('cn-220100-npcpg', 'standing_committee_party_group', 'city', '220100', null),
};

export const caller = (organisation: OrganisationProfile, userId = organisation.organisationId) =>
  ({
    userId,
    userName: userId,
    roles: ['committee_office', 'legislature', 'party_group'],
    organisation,
  }) as ActorContext;

export const IDS = {
  d1: 'd1000000-0000-5000-8000-000000000001',
  d2: 'd1000000-0000-5000-8000-000000000002',
  d3: 'd1000000-0000-5000-8000-000000000003',
  i1: 'a1000000-0000-4000-8000-000000000001',
  i2: 'a1000000-0000-4000-8000-000000000002',
  i3: 'a1000000-0000-4000-8000-000000000003',
  i4: 'a1000000-0000-4000-8000-000000000004',
  p1: 'b1000000-0000-4000-8000-000000000001',
  s1: 'c1000000-0000-4000-8000-000000000001',
  s2: 'c1000000-0000-4000-8000-000000000002',
  s3: 'c1000000-0000-4000-8000-000000000003',
  a1: 'e1000000-0000-4000-8000-000000000001',
  l1: 'f1000000-0000-4000-8000-000000000001',
  l2: 'f1000000-0000-4000-8000-000000000002',
  l3: 'f1000000-0000-4000-8000-000000000003',
  l4: 'f1000000-0000-4000-8000-000000000004',
};

const office: Actor = {
  userId: 'jl-office',
  organisationId: 'cn-220000-pco',
  role: 'committee_office',
};
const legislature: Actor = {
  userId: 'jl-party-group',
  organisationId: 'cn-220000-npcpg',
  role: 'party_group',
};
const admin: Actor = { userId: 'admin', organisationId: 'legislink-operator', role: 'admin' };

const at = (day: string) => `${day}T02:00:00.000Z`;

/** The organisations, for a log that has none yet (the e2e app registers its own). */
export async function registerOrganisations(append: Append): Promise<string> {
  let last = '';
  for (const o of Object.values(ORGS)) {
    const data: OrganisationRegisteredV1 = {
      organisationId: o.organisationId,
      kind: o.kind as OrganisationRegisteredV1['kind'],
      level: o.level as OrganisationRegisteredV1['level'],
      regionCode: o.regionCode,
      nameZh: o.nameZh,
      nameEn: o.nameEn,
      parentOrganisationId: o.parentOrganisationId,
    };
    last = await append(
      `organisation-${o.organisationId}`,
      'OrganisationRegistered',
      data,
      at('2024-01-01'),
      admin,
    );
  }
  return last;
}

const decision = (
  id: string,
  n: number,
  decidedOn: string,
  followUp: string | null,
  committee = ORGS.jlCommittee,
) => ({
  decisionId: id,
  committeeId: committee.organisationId,
  recordedByOfficeId: `${committee.organisationId}o`,
  documentNumber: `吉发〔${decidedOn.slice(0, 4)}〕${n}号`,
  title: `关于黑土地保护的决定（${n}）`,
  summary: '……',
  decidedOn,
  policyAreas: n === 1 ? ['生态环境', '农业农村'] : ['农业农村'],
  kind: 'reform_plan',
  followUp,
});

const proposed = (
  id: string,
  title: string,
  proposedOn: string,
  legislature = ORGS.jlLegislature,
  committee = ORGS.jlCommittee,
) => ({
  itemId: id,
  kind: 'local_regulation',
  legislatureId: legislature.organisationId,
  committeeId: committee.organisationId,
  title,
  summary: '……',
  policyAreas: ['生态环境'],
  proposedOn,
});

const linkEvent = (id: string, itemId: string, decisionId: string, on: string) => ({
  linkId: id,
  type: 'implements',
  from: { kind: 'item', id: itemId, point: null },
  to: { kind: 'decision', id: decisionId, point: null },
  rationale: '落实决策部署',
  establishedAt: at(on),
});

const submissionDrafted = (
  id: string,
  category: string,
  itemIds: string[] | undefined,
  decisionIds: string[] | undefined,
) => ({
  submissionId: id,
  kind: 'request',
  category,
  title: `关于${category}的请示`,
  summary: '……',
  body: '……',
  documentNumber: null,
  classification: 'internal',
  replyRequestedBy: null,
  references: [],
  submittingOrganisationId: 'cn-220000-npcpg',
  addressedCommitteeId: 'cn-220000-pc',
  replacesSubmissionId: null,
  // Written at the current version: a v1 draft's subjects are what its upcaster gives, none.
  itemIds: itemIds ?? [],
  decisionIds: decisionIds ?? [],
});

/**
 * The history in batches (each a list of appends), so a test can look at the view after each.
 * By 2025-06-01: D1 (follow-up, transmitted) is carried out by I1 (in force, inquiry "amend"
 * not acted on) and I2 (stalled in drafting, open divergence); D2 (follow-up) has no item;
 * D3 is the city's. I3 is on the agenda while its pre-deliberation request S2 awaits an
 * opinion (and is overdue). S1 is about I1 and D1, with two points answered and one revised.
 */
export function linkageBatches(append: Append): (() => Promise<string>)[] {
  const e =
    (stream: string, type: string, data: object, day: string, who: Actor = office) =>
    () =>
      append(stream, type, data, at(day), who);
  const seq =
    (...steps: (() => Promise<string>)[]) =>
    async () => {
      let last = '';
      for (const step of steps) last = await step();
      return last;
    };
  const { d1, d2, d3, i1, i2, i3, i4, p1, s1, s2, s3, a1, l1, l2, l3, l4 } = IDS;
  return [
    // 1. Decisions recorded; D1 transmitted; items proposed.
    seq(
      e(
        `decision-${d1}`,
        'CommitteeDecisionRecorded',
        decision(d1, 1, '2025-01-10', 'new_law'),
        '2025-01-10',
      ),
      e(
        `decision-${d1}`,
        'DecisionTransmitted',
        { legislatureId: 'cn-220000-npcpg', transmittedAt: at('2025-01-12') },
        '2025-01-12',
      ),
      e(
        `decision-${d2}`,
        'CommitteeDecisionRecorded',
        decision(d2, 2, '2024-06-01', 'amendment'),
        '2024-06-01',
      ),
      e(
        `decision-${d3}`,
        'CommitteeDecisionRecorded',
        decision(d3, 3, '2025-02-01', null, ORGS.ccCommittee),
        '2025-02-01',
      ),
      e(
        `item-${i1}`,
        'LegislativeItemProposed',
        proposed(i1, '吉林省黑土地保护条例', '2025-01-20'),
        '2025-01-20',
        legislature,
      ),
      e(
        `item-${i2}`,
        'LegislativeItemProposed',
        proposed(i2, '吉林省湿地保护条例', '2024-10-01'),
        '2024-10-01',
        legislature,
      ),
      e(
        `item-${i2}`,
        'ItemDraftingStarted',
        { draftingUnitId: 'unit', startedOn: '2024-11-01' },
        '2024-11-01',
        legislature,
      ),
      e(
        `item-${i4}`,
        'LegislativeItemProposed',
        proposed(i4, '长春市物业条例', '2025-01-05', ORGS.ccLegislature, ORGS.ccCommittee),
        '2025-01-05',
        legislature,
      ),
    ),
    // 2. Plan and links; S1 about I1 and D1 (v2 payload), S3 v1-shaped (no subjects).
    seq(
      e(
        `plan-${p1}`,
        'LegislativePlanDrafted',
        {
          planId: p1,
          legislatureId: 'cn-220000-npcpg',
          committeeId: 'cn-220000-pc',
          kind: 'annual',
          fromYear: 2025,
          toYear: 2025,
          title: '2025年度立法计划',
          entries: [],
          draftedAt: at('2025-01-25'),
        },
        '2025-01-25',
        legislature,
      ),
      e(
        `item-${i1}`,
        'ItemPlanned',
        { planId: p1, plannedOn: '2025-02-01' },
        '2025-02-01',
        legislature,
      ),
      e(
        `link-${l1}`,
        'LinkEstablished',
        linkEvent(l1, i1, d1, '2025-02-02'),
        '2025-02-02',
        legislature,
      ),
      e(
        `link-${l2}`,
        'LinkEstablished',
        linkEvent(l2, i2, d1, '2025-02-02'),
        '2025-02-02',
        legislature,
      ),
      e(
        `link-${l3}`,
        'LinkEstablished',
        linkEvent(l3, i4, d2, '2025-02-03'),
        '2025-02-03',
        legislature,
      ),
      e(
        `submission-${s1}`,
        'SubmissionDrafted',
        submissionDrafted(s1, 'drafting', [i1], [d1]),
        '2025-02-05',
        legislature,
      ),
      e(
        `submission-${s1}`,
        'SubmissionSubmitted',
        {
          submittedAt: at('2025-02-06'),
          documentNumber: '吉人党字〔2025〕1号',
          replyDueBy: '2025-02-27',
        },
        '2025-02-06',
        legislature,
      ),
      e(
        `submission-${s3}`,
        'SubmissionDrafted',
        submissionDrafted(s3, 'major_issue', undefined, undefined),
        '2025-02-05',
        legislature,
      ),
    ),
    // 3. Opinion with points; feedback v1 and v2; a revision; the wrong link removed.
    seq(
      e(
        `submission-${s1}`,
        'SubmissionReceived',
        { receivedAt: at('2025-02-07'), officeLogNumber: '收文1' },
        '2025-02-07',
      ),
      e(
        `submission-${s1}`,
        'OpinionIssued',
        {
          documentNumber: '吉委办函〔2025〕1号',
          outcome: 'approved_with_opinions',
          issuedAt: at('2025-02-20'),
          points: [
            { number: 1, text: '明确补偿标准' },
            { number: 2, text: '细化法律责任' },
            { number: 3, text: '增加公众参与' },
          ],
          feedbackDueBy: '2025-04-03',
        },
        '2025-02-20',
      ),
      e(
        `submission-${s1}`,
        'OpinionPointFeedbackGiven',
        {
          pointNumber: 1,
          adoption: 'adopted',
          explanation: null,
          givenAt: at('2025-03-01'),
          // v1 feedback at the current version: no reading and no article, as its upcaster gives.
          readingNumber: null,
          articles: [],
        },
        '2025-03-01',
        legislature,
      ),
      e(
        `submission-${s1}`,
        'OpinionPointFeedbackGiven',
        {
          pointNumber: 2,
          adoption: 'partly_adopted',
          explanation: '部分采纳',
          givenAt: at('2025-03-01'),
          readingNumber: 1,
          articles: ['art_12'],
        },
        '2025-03-01',
        legislature,
      ),
      e(
        `item-${i1}`,
        'ItemDraftingStarted',
        { draftingUnitId: 'unit', startedOn: '2025-02-10' },
        '2025-02-10',
        legislature,
      ),
      e(
        `item-${i1}`,
        'ItemReadingHeld',
        { readingNumber: 1, heldOn: '2025-03-01', meetingReference: '第十五次会议' },
        '2025-03-01',
        legislature,
      ),
      e(
        `link-${l3}`,
        'LinkRemoved',
        { reason: '关联错误', removedAt: at('2025-03-02') },
        '2025-03-02',
        legislature,
      ),
      e(
        `submission-${s1}`,
        'OpinionPointFeedbackRevised',
        {
          pointNumber: 2,
          revisionNumber: 1,
          adoption: 'adopted',
          explanation: '二审全部采纳',
          revisedAt: at('2025-03-20'),
          readingNumber: 2,
          articles: ['art_12', 'art_13/para_2'],
        },
        '2025-03-20',
        legislature,
      ),
    ),
    // 4. I1 adopted and in force; I2 diverges; I3 on the agenda without its opinion.
    seq(
      e(
        `item-${i1}`,
        'ItemScheduledForVote',
        { agendaDate: '2025-04-20', scheduledOn: '2025-04-01' },
        '2025-04-01',
        legislature,
      ),
      e(
        `item-${i1}`,
        'ItemAdopted',
        { adoptedOn: '2025-04-20', tally: null },
        '2025-04-20',
        legislature,
      ),
      e(
        `item-${i1}`,
        'ItemPromulgated',
        { announcementNumber: '第1号', promulgatedOn: '2025-04-22' },
        '2025-04-22',
        legislature,
      ),
      e(
        `item-${i1}`,
        'ItemEnteredIntoForce',
        { inForceOn: '2025-05-01' },
        '2025-05-01',
        legislature,
      ),
      e(
        `item-${i2}`,
        'DivergenceRecorded',
        {
          divergenceNumber: 1,
          description: '补偿主体',
          submissionId: null,
          pointNumber: null,
          recordedOn: '2025-03-10',
        },
        '2025-03-10',
        legislature,
      ),
      e(
        `item-${i2}`,
        'DivergenceStepRecorded',
        { divergenceNumber: 1, step: 'consultation', note: '沟通', on: '2025-03-15' },
        '2025-03-15',
        legislature,
      ),
      e(
        `item-${i3}`,
        'LegislativeItemProposed',
        proposed(i3, '吉林省人参产业条例', '2025-01-15'),
        '2025-01-15',
        legislature,
      ),
      e(
        `item-${i3}`,
        'ItemScheduledForVote',
        { agendaDate: '2025-06-20', scheduledOn: '2025-05-20' },
        '2025-05-20',
        legislature,
      ),
      e(
        `submission-${s2}`,
        'SubmissionDrafted',
        submissionDrafted(s2, 'pre_deliberation', [i3], []),
        '2025-04-01',
        legislature,
      ),
      e(
        `submission-${s2}`,
        'SubmissionSubmitted',
        {
          submittedAt: at('2025-04-02'),
          documentNumber: '吉人党字〔2025〕2号',
          replyDueBy: '2025-04-23',
        },
        '2025-04-02',
        legislature,
      ),
    ),
    // 5. Inquiry concluded "amend"; assessment judged; D1 linked again from I3 (then kept).
    seq(
      e(
        `item-${i1}`,
        'PostLegislationInquiryOpened',
        { inquiryNumber: 1, question: '实施情况', dueBy: '2025-05-20', openedAt: at('2025-05-05') },
        '2025-05-05',
      ),
      e(
        `item-${i1}`,
        'InquiryAnswered',
        { inquiryNumber: 1, conclusion: 'amend', text: '建议修改', answeredAt: at('2025-05-15') },
        '2025-05-15',
        legislature,
      ),
      e(
        `assessment-${a1}`,
        'AssessmentReported',
        {
          assessmentId: a1,
          subject: { kind: 'decision', id: d1 },
          reportedByOrganisationId: 'cn-220000-npcpg',
          committeeId: 'cn-220000-pc',
          title: '黑土地保护决策实施评估',
          findings: '……',
          reportedOn: '2025-05-10',
        },
        '2025-05-10',
        legislature,
      ),
      e(
        `assessment-${a1}`,
        'AssessmentJudged',
        { judgment: 'effective', note: '', judgedAt: at('2025-05-12') },
        '2025-05-12',
      ),
      e(
        `link-${l4}`,
        'LinkEstablished',
        linkEvent(l4, i3, d1, '2025-05-21'),
        '2025-05-21',
        legislature,
      ),
      e(
        `decision-${d1}`,
        'DecisionFollowUpReported',
        { reportNumber: 1, text: '已通过', reportedAt: at('2025-05-22') },
        '2025-05-22',
        legislature,
      ),
    ),
  ];
}
