/**
 * The public events of what the linkage mechanism added to submissions: the subjects on
 * `drafted.v1` and `draft_amended.v1`, the reading and articles on `feedback_given.v1` (fields
 * added within v1), and the new `feedback_revised.v1`.
 */
import { RecordedEvent } from '../../events/envelope';
import { SubmissionDraftedV1, SubmissionEvent } from '../../events/submission-events';
import { FEATURES } from '../../features';
import { fold } from '../../platform/kernel/decider';
import { FeatureRegistry } from '../../platform/kernel/feature-registry';
import { toIntegrationMessage } from '../../platform/integration/integration-events';
import { submissionDecider } from './submission.decider';

const registry = new FeatureRegistry(FEATURES);
const ID = '6f1c8a52-3f0e-4bb8-9d0e-2a7f5f0c1d11';
const ITEM = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const DECISION = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';

const draftedV1: SubmissionDraftedV1 = {
  submissionId: ID,
  kind: 'request',
  category: 'pre_deliberation',
  title: '机密标题',
  summary: '机密摘要',
  body: '机密正文',
  documentNumber: null,
  classification: 'confidential',
  replyRequestedBy: '2025-05-28',
  references: [],
  submittingOrganisationId: 'cn-220000-npcpg',
  addressedCommitteeId: 'cn-220000-pc',
  replacesSubmissionId: null,
};

function recorded(type: string, data: unknown, revision: number, schemaVersion = 2): RecordedEvent {
  return {
    eventId: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
    type,
    schemaVersion,
    data,
    metadata: {
      occurredAt: '2025-03-10T02:00:00.000Z',
      actor: { userId: 'u1', organisationId: 'cn-220000-npcpg', role: 'party_group' },
      correlationId: 'c',
      causationId: null,
    },
    streamId: `submission-${ID}`,
    revision,
    position: `${revision + 1}/${revision + 1}`,
    recordedAt: '2025-03-10T02:00:00.001Z',
    previousHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  };
}

/** The public payload of each event of the history, mapped in order with the state after it. */
function publish(history: RecordedEvent[], textCategories: string[] = []) {
  const events = history.map((e) => registry.catalogue.upcast(e) as SubmissionEvent);
  return history.map((event, i) => {
    const message = toIntegrationMessage(
      registry,
      event,
      fold(submissionDecider, events.slice(0, i + 1)),
      {
        topicPrefix: 'legislink.',
        source: 'urn:legislink:legislink',
        textCategories: textCategories as never,
      },
    )!;
    return {
      type: message.headers.ce_type,
      value: JSON.parse(message.value) as Record<string, unknown>,
    };
  });
}

const feedback = {
  pointNumber: 1,
  adoption: 'partly_adopted',
  explanation: '机密说明',
  givenAt: '2025-03-20T02:00:00.000Z',
};
const revision = {
  pointNumber: 1,
  revisionNumber: 1,
  adoption: 'adopted',
  explanation: null,
  readingNumber: 3,
  articles: ['art_12/para_2'],
  revisedAt: '2025-05-28T02:00:00.000Z',
};

describe('Public integration events of subjects and revisable feedback', () => {
  it('publishes the subjects of a draft and of an amendment, and [] for a draft stored at v1', () => {
    const [v2, amended] = publish([
      recorded('SubmissionDrafted', { ...draftedV1, itemIds: [ITEM], decisionIds: [DECISION] }, 0),
      recorded('SubmissionDraftAmended', { itemIds: [] }, 1),
    ]);
    expect(v2).toMatchObject({
      type: 'cn.legislink.submission.drafted.v1',
      value: { itemIds: [ITEM], decisionIds: [DECISION], text: null },
    });
    expect(amended.value).toMatchObject({ amendedFields: ['itemIds'], changes: { itemIds: [] } });
    const [v1] = publish([recorded('SubmissionDrafted', draftedV1, 0, 1)]);
    expect(v1.value).toMatchObject({ itemIds: [], decisionIds: [] });
  });

  it('publishes where feedback was taken up, and each revision; the explanation only as text', () => {
    const history = [
      recorded('SubmissionDrafted', draftedV1, 0, 1),
      recorded('OpinionPointFeedbackGiven', feedback, 1, 1),
      recorded(
        'OpinionPointFeedbackGiven',
        { ...feedback, pointNumber: 2, readingNumber: 2, articles: ['art_3'] },
        2,
      ),
      recorded('OpinionPointFeedbackRevised', revision, 3, 1),
    ];
    const [, givenV1, givenV2, revised] = publish(history);
    expect(givenV1.value).toMatchObject({ readingNumber: null, articles: [], explained: true });
    expect(givenV2.value).toMatchObject({ pointNumber: 2, readingNumber: 2, articles: ['art_3'] });
    expect(revised).toEqual({
      type: 'cn.legislink.submission.feedback_revised.v1',
      value: {
        submissionId: ID,
        kind: 'request',
        category: 'pre_deliberation',
        submittingOrganisationId: 'cn-220000-npcpg',
        addressedCommitteeId: 'cn-220000-pc',
        actedBy: { organisationId: 'cn-220000-npcpg', role: 'party_group' },
        pointNumber: 1,
        revisionNumber: 1,
        adoption: 'adopted',
        revisedAt: '2025-05-28T02:00:00.000Z',
        readingNumber: 3,
        articles: ['art_12/para_2'],
        explained: false,
        text: null,
      },
    });
    expect(JSON.stringify(publish(history).map((m) => m.value))).not.toContain('机密');
    const withText = publish(history, ['pre_deliberation']);
    expect(withText[1].value.text).toEqual({ explanation: '机密说明' });
    expect(withText[3].value.text).toEqual({ explanation: null });
  });
});
