import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordedEvent } from '../../events/envelope';
import { SubmissionDraftedV1, SubmissionEvent } from '../../events/submission-events';
import { FEATURES } from '../../features';
import { fold } from '../../platform/kernel/decider';
import { FeatureRegistry } from '../../platform/kernel/feature-registry';
import {
  IntegrationOptions,
  integrationEventTypes,
  toIntegrationMessage,
} from '../../platform/integration/integration-events';
import { organisationDecider } from '../organisations/organisation.decider';
import { submissionDecider } from './submission.decider';
import { SubmissionRefV1 } from './submission.integration';

const registry = new FeatureRegistry(FEATURES);
const INTEGRATION_EVENT_TYPES = integrationEventTypes(registry);

/** Text a confidential submission carries: none of it may leave unless its category allows. */
const SECRET = '机密';

const drafted: SubmissionDraftedV1 = {
  submissionId: '6f1c8a52-3f0e-4bb8-9d0e-2a7f5f0c1d11',
  kind: 'request',
  category: 'major_issue',
  title: `${SECRET}标题`,
  summary: `${SECRET}摘要`,
  body: `${SECRET}正文`,
  documentNumber: '吉人党字〔2025〕3号',
  classification: 'confidential',
  replyRequestedBy: '2025-04-01',
  references: [],
  submittingOrganisationId: 'cn-220000-npcpg',
  addressedCommitteeId: 'cn-220000-pc',
  replacesSubmissionId: null,
};
const ref: SubmissionRefV1 = {
  submissionId: drafted.submissionId,
  kind: drafted.kind,
  category: drafted.category,
  submittingOrganisationId: drafted.submittingOrganisationId,
  addressedCommitteeId: drafted.addressedCommitteeId,
};

/** One event of every submission type, each with its text fields marked. */
const SUBMISSION_HISTORY: [string, unknown][] = [
  ['SubmissionDrafted', drafted],
  ['SubmissionDraftAmended', { body: `${SECRET}新正文`, documentNumber: '吉人党字〔2025〕4号' }],
  [
    'ProposalToPartyGroupRecorded',
    {
      proposingOrganisationId: 'cn-220000-npc-fgw',
      proposedOn: '2025-03-05',
      note: `${SECRET}建议`,
    },
  ],
  [
    'PartyGroupDiscussionRecorded',
    {
      meetingKind: 'party_group_meeting',
      meetingDate: '2025-03-07',
      minutesReference: `${SECRET}纪要`,
    },
  ],
  [
    'SubmissionSubmitted',
    {
      submittedAt: '2025-03-10T02:00:00.000Z',
      documentNumber: '吉人党字〔2025〕4号',
      replyDueBy: '2025-03-31',
    },
  ],
  [
    'SubmissionReceived',
    { receivedAt: '2025-03-10T03:00:00.000Z', officeLogNumber: '省委办收〔2025〕118号' },
  ],
  [
    'SupplementaryMaterialRequested',
    { requestNumber: 1, description: `${SECRET}补充`, dueBy: '2025-03-20' },
  ],
  [
    'SupplementaryMaterialSupplied',
    {
      requestNumber: 1,
      description: `${SECRET}材料`,
      documentReferences: [`${SECRET}附件1`, '附件2'],
    },
  ],
  [
    'CommitteeMeetingRecorded',
    {
      meetingKind: 'standing_committee_meeting',
      meetingDate: '2025-03-12',
      minutesReference: `${SECRET}会议纪要`,
    },
  ],
  [
    'OpinionIssued',
    {
      documentNumber: '吉委办函〔2025〕21号',
      outcome: 'approved_with_opinions',
      issuedAt: '2025-03-13T02:00:00.000Z',
      points: [
        { number: 1, text: `${SECRET}意见一` },
        { number: 2, text: `${SECRET}意见二` },
      ],
      feedbackDueBy: '2025-04-24',
    },
  ],
  [
    'OpinionPointFeedbackGiven',
    {
      pointNumber: 2,
      adoption: 'partly_adopted',
      explanation: `${SECRET}说明`,
      givenAt: '2025-03-20T02:00:00.000Z',
    },
  ],
  ['SubmissionClosed', { closedAt: '2025-03-20T02:00:00.000Z', reason: 'all_points_answered' }],
  ['SubmissionWithdrawn', { withdrawnAt: '2025-03-20T02:00:00.000Z', reason: `${SECRET}撤回理由` }],
  ['SubmissionViewerGranted', { organisationId: 'cn-220000-govpg', userId: null }],
];

function recorded(
  type: string,
  data: unknown,
  revision = 0,
  streamId = `submission-${ref.submissionId}`,
): RecordedEvent {
  return {
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
      correlationId: 'corr-1',
      causationId: revision === 3 ? 'command-7' : null,
    },
    streamId,
    revision,
    position: `${revision + 1}/${revision + 1}`,
    recordedAt: '2025-03-10T02:00:00.001Z',
    previousHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  };
}

const options = (
  textCategories: IntegrationOptions['textCategories'] = [],
): IntegrationOptions => ({
  topicPrefix: 'legislink.',
  source: 'urn:legislink:legislink',
  textCategories,
});

/** The submission's state after the first `count` events of the history. */
const stateAfter = (count: number, history = SUBMISSION_HISTORY) =>
  fold(
    submissionDecider,
    history.slice(0, count).map(([type, data]) => ({ type, data }) as SubmissionEvent),
  );

const mapAll = (
  textCategories: IntegrationOptions['textCategories'] = [],
  history = SUBMISSION_HISTORY,
) =>
  history.map(([type, data], revision) =>
    toIntegrationMessage(
      registry,
      recorded(type, data, revision),
      stateAfter(revision + 1, history),
      options(textCategories),
    )!,
  );

describe('Public integration events', () => {
  it('has one public type per internal event type, each documented', () => {
    const derived = [...registry.derivedEvents.values()].flat().length;
    expect(INTEGRATION_EVENT_TYPES).toHaveLength(registry.catalogue.types.length + derived);
    expect(new Set(INTEGRATION_EVENT_TYPES).size).toBe(INTEGRATION_EVENT_TYPES.length);
    const docs = readFileSync(join(__dirname, '../../../docs/integration-events.md'), 'utf8');
    for (const type of INTEGRATION_EVENT_TYPES) {
      expect(type).toMatch(/^cn\.legislink\.[a-z_]+\.[a-z_]+\.v\d+$/);
      expect(docs).toContain(`\`${type}\``);
    }
  });

  it('is a binary-mode CloudEvent on the aggregate’s topic, keyed by the aggregate id', () => {
    const message = toIntegrationMessage(
      registry,
      recorded('SubmissionReceived', SUBMISSION_HISTORY[5][1], 3),
      stateAfter(6),
      options(),
    )!;
    expect(message.topic).toBe('legislink.submissions');
    expect(message.key).toBe(ref.submissionId);
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: '00000000-0000-4000-8000-000000000003',
      ce_type: 'cn.legislink.submission.received.v1',
      ce_source: 'urn:legislink:legislink',
      ce_subject: ref.submissionId,
      ce_time: '2025-03-10T02:00:00.000Z',
      ce_dataschema: 'urn:legislink:schema:cn.legislink.submission.received.v1',
      ce_correlationid: 'corr-1',
      ce_causationid: 'command-7',
      ce_revision: '3',
      ce_partitionkey: ref.submissionId,
      'content-type': 'application/json',
    });
    expect(JSON.parse(message.value)).toEqual({
      ...ref,
      actedBy: { organisationId: 'cn-220000-npcpg', role: 'party_group' },
      receivedAt: '2025-03-10T03:00:00.000Z',
      officeLogNumber: '省委办收〔2025〕118号',
    });
  });

  it('publishes organisations on their own topic', () => {
    const organisation = {
      organisationId: 'cn-220000-pc',
      kind: 'party_committee',
      level: 'province',
      regionCode: '220000',
      nameZh: '中共吉林省委',
      nameEn: 'CPC Jilin Provincial Committee',
      parentOrganisationId: null,
    };
    const message = toIntegrationMessage(
      registry,
      recorded('OrganisationRegistered', organisation, 0, 'organisation-cn-220000-pc'),
      fold(organisationDecider, []),
      options(),
    )!;
    expect(message).toMatchObject({ topic: 'legislink.organisations', key: 'cn-220000-pc' });
    expect(message.headers).toMatchObject({
      ce_type: 'cn.legislink.organisation.registered.v1',
      ce_subject: 'cn-220000-pc',
    });
    expect(message.headers).not.toHaveProperty('ce_causationid');
    expect(JSON.parse(message.value)).toEqual({
      ...organisation,
      actedBy: { organisationId: 'cn-220000-npcpg', role: 'party_group' },
    });
  });

  it('carries identifiers, states, dates and counts, but no text of a confidential submission', () => {
    const values = mapAll().map((m) => JSON.parse(m.value) as Record<string, unknown>);
    for (const value of values) {
      expect(JSON.stringify(value)).not.toContain(SECRET);
      expect(value).toMatchObject({ ...ref, actedBy: expect.any(Object) });
      if ('text' in value) expect(value.text).toBeNull();
    }
    const byType = Object.fromEntries(
      mapAll().map((m) => [m.headers.ce_type.split('.')[3], JSON.parse(m.value)]),
    );
    expect(byType.draft_amended).toMatchObject({
      amendedFields: ['body', 'documentNumber'],
      changes: { documentNumber: '吉人党字〔2025〕4号' },
    });
    expect(byType.opinion_issued).toMatchObject({
      pointCount: 2,
      pointNumbers: [1, 2],
      outcome: 'approved_with_opinions',
    });
    expect(byType.feedback_given).toMatchObject({
      pointNumber: 2,
      adoption: 'partly_adopted',
      explained: true,
    });
    expect(byType.material_supplied).toMatchObject({ requestNumber: 1, documentCount: 2 });
  });

  it('carries the text when the operator enabled it for the submission’s category', () => {
    const elsewhere = mapAll(['legislative_plan']);
    expect(elsewhere.map((m) => m.value).join()).not.toContain(SECRET);
    const enabled = mapAll(['major_issue', 'legislative_plan']).map((m) => JSON.parse(m.value));
    expect(enabled[0].text).toEqual({
      title: drafted.title,
      summary: drafted.summary,
      body: drafted.body,
    });
    expect(enabled[1].text).toEqual({ body: `${SECRET}新正文` });
    expect(enabled[9].text).toEqual({
      points: [
        { number: 1, text: `${SECRET}意见一` },
        { number: 2, text: `${SECRET}意见二` },
      ],
    });
    // Every marked text field made it out: the switch covers all of them.
    const out = JSON.stringify(enabled);
    for (const [, data] of SUBMISSION_HISTORY) {
      for (const text of JSON.stringify(data).match(new RegExp(`${SECRET}[^"]*`, 'g')) ?? []) {
        expect(out).toContain(text);
      }
    }
  });

  it('never carries the text of a secret submission, whatever the operator enabled', () => {
    const secret: [string, unknown][] = [
      ['SubmissionDrafted', { ...drafted, classification: 'secret' }],
      ...SUBMISSION_HISTORY.slice(1),
    ];
    const everything = mapAll(['major_issue'], secret);
    expect(everything.map((m) => m.value).join()).not.toContain(SECRET);
    // Lowered to confidential by its owners, the amendment's own text may then leave.
    const lowered: [string, unknown][] = [
      secret[0],
      ['SubmissionDraftAmended', { classification: 'confidential', body: `${SECRET}新正文` }],
    ];
    expect(JSON.parse(mapAll(['major_issue'], lowered)[1].value).text).toEqual({
      body: `${SECRET}新正文`,
    });
  });

  it('skips what is not a Legislink event', () => {
    for (const type of ['$metadata', 'constructor']) {
      expect(
        toIntegrationMessage(registry, recorded(type, {}, 0, '$$system'), null, options()),
      ).toBeNull();
    }
  });
});
