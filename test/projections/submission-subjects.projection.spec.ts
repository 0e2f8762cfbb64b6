/**
 * The submissions projection (v8): what each submission is about (`submission_subjects`), the
 * current adoption of each point with the history of its revisions, and the pre-deliberation
 * opinions an item still awaits. Stored v1 events and v2 events side by side.
 */
import { randomUUID } from 'node:crypto';
import { Actor } from '../../src/events/envelope';
import { SubmissionPreDeliberationOpinions } from '../../src/modules/submissions/submission-pre-deliberation';
import { ReadDatabase } from '../../src/platform/event-store/read-database';
import {
  FeedbackRevisionRow,
  OpinionPointRow,
  SubmissionRow,
  SubmissionSubjectRow,
} from '../../src/projections/submissions.projection';
import { LogFixture, registry } from '../support/projection-fixture';

const fgw: Actor = { userId: 'jl-fgw', organisationId: 'cn-220000-npc-fgw', role: 'legislature' };
const partyGroup: Actor = {
  userId: 'jl-party-group',
  organisationId: 'cn-220000-npcpg',
  role: 'party_group',
};
const office: Actor = {
  userId: 'jl-office',
  organisationId: 'cn-220000-pco',
  role: 'committee_office',
};

const ID = '11111111-1111-4111-8111-111111111111';
const ITEM = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const OTHER_ITEM = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const DECISION = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';

const at = (n: number) => `2025-03-${String(n).padStart(2, '0')}T02:00:00.000Z`;

/** As the v1 code stored a draft: no subjects. */
const DRAFTED_V1 = {
  kind: 'request',
  category: 'pre_deliberation',
  title: '关于黑土地保护条例（草案）提请表决前的请示',
  summary: 's',
  body: 'b',
  documentNumber: null,
  classification: 'confidential',
  replyRequestedBy: '2025-05-28',
  references: [],
  submittingOrganisationId: 'cn-220000-npcpg',
  addressedCommitteeId: 'cn-220000-pc',
  replacesSubmissionId: null,
};
const drafted = (id: string, itemIds = [ITEM], decisionIds = [DECISION]) => ({
  ...DRAFTED_V1,
  submissionId: id,
  itemIds,
  decisionIds,
});

describe('submissions projection: subjects and revisable feedback', () => {
  let log: LogFixture;
  beforeEach(() => {
    log = new LogFixture();
  });
  afterEach(() => log.close());

  /** Appends one event of `id`'s stream at a schema version. */
  const on =
    (id: string) =>
    async (type: string, data: object, day: number, version = 1, actor: Actor = partyGroup) => {
      const eventId = randomUUID();
      await log.store.append(
        `submission-${id}`,
        [
          {
            eventId,
            type,
            schemaVersion: version,
            data,
            metadata: { occurredAt: at(day), actor, correlationId: eventId, causationId: null },
          },
        ],
        'any',
      );
    };

  async function sent(id: string, itemIds = [ITEM], decisionIds = [DECISION]) {
    const event = on(id);
    await event('SubmissionDrafted', drafted(id, itemIds, decisionIds), 1, 2, fgw);
    await event(
      'PartyGroupDiscussionRecorded',
      { meetingKind: 'party_group_meeting', meetingDate: '2025-03-01', minutesReference: 'm' },
      2,
    );
    await event(
      'SubmissionSubmitted',
      { submittedAt: at(3), documentNumber: 'd', replyDueBy: '2025-05-28' },
      3,
    );
    return event;
  }

  const opinion = {
    documentNumber: '吉委办函〔2025〕21号',
    outcome: 'approved_with_opinions',
    issuedAt: at(6),
    points: [
      { number: 1, text: '进一步明确补偿标准' },
      { number: 2, text: '明确执法主体' },
    ],
    feedbackDueBy: '2025-04-07',
  };

  it('is version 8 with its new tables', () => {
    const projection = registry.projections.find((p) => p.name === 'submissions')!;
    expect(projection.version).toBe(8);
    expect(projection.tables).toEqual(
      expect.arrayContaining(['submission_subjects', 'rm_feedback_revisions']),
    );
    expect(projection.handles).toContain('OpinionPointFeedbackRevised');
  });

  it('Given a v2 draft about an item and a decision, When projected, Then the row and submission_subjects hold them', async () => {
    await on(ID)('SubmissionDrafted', drafted(ID), 1, 2, fgw);
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      item_ids: JSON.stringify([ITEM]),
      decision_ids: JSON.stringify([DECISION]),
    });
    expect(log.rows<SubmissionSubjectRow>('submission_subjects')).toEqual([
      { subject_kind: 'decision', subject_id: DECISION, submission_id: ID },
      { subject_kind: 'item', subject_id: ITEM, submission_id: ID },
    ]);
  });

  it('Given an amendment naming other items, When projected, Then the items are replaced and the decisions kept', async () => {
    const event = on(ID);
    await event('SubmissionDrafted', drafted(ID), 1, 2, fgw);
    await event('SubmissionDraftAmended', { itemIds: [OTHER_ITEM, ITEM] }, 2, 2, fgw);
    await event('SubmissionDraftAmended', { title: '新标题' }, 3, 1, fgw);
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      title: '新标题',
      item_ids: JSON.stringify([OTHER_ITEM, ITEM]),
      decision_ids: JSON.stringify([DECISION]),
    });
    expect(log.rows<SubmissionSubjectRow>('submission_subjects')).toEqual([
      { subject_kind: 'decision', subject_id: DECISION, submission_id: ID },
      { subject_kind: 'item', subject_id: ITEM, submission_id: ID },
      { subject_kind: 'item', subject_id: OTHER_ITEM, submission_id: ID },
    ]);
  });

  it('Given a draft stored by the v1 code, When projected, Then it is about nothing', async () => {
    await log.append(
      `submission-${ID}`,
      'SubmissionDrafted',
      { ...DRAFTED_V1, submissionId: ID },
      at(1),
      fgw,
    );
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      item_ids: '[]',
      decision_ids: '[]',
    });
    expect(log.rows('submission_subjects')).toEqual([]);
  });

  it('Given feedback revised twice, When projected, Then the point shows the latest adoption and every version stays', async () => {
    const event = await sent(ID);
    await event('SubmissionReceived', { receivedAt: at(4), officeLogNumber: 'l' }, 4, 1, office);
    await event(
      'CommitteeMeetingRecorded',
      {
        meetingKind: 'standing_committee_meeting',
        meetingDate: '2025-03-05',
        minutesReference: null,
      },
      5,
      2,
      office,
    );
    await event('OpinionIssued', opinion, 6, 1, office);
    // Point 1 answered by the v1 code, point 2 by the v2 code.
    await event(
      'OpinionPointFeedbackGiven',
      { pointNumber: 1, adoption: 'not_adopted', explanation: '暂不采纳', givenAt: at(7) },
      7,
      1,
      fgw,
    );
    await event(
      'OpinionPointFeedbackGiven',
      {
        pointNumber: 2,
        adoption: 'adopted',
        explanation: null,
        givenAt: at(8),
        readingNumber: 1,
        articles: ['art_5'],
      },
      8,
      2,
      fgw,
    );
    await event('SubmissionClosed', { closedAt: at(8), reason: 'all_points_answered' }, 8, 1, fgw);
    const revision = (n: number, adoption: string, articles: string[], day: number) => ({
      pointNumber: 1,
      revisionNumber: n,
      adoption,
      explanation: adoption === 'adopted' ? null : '二审稿部分吸收',
      readingNumber: n + 1,
      articles,
      revisedAt: at(day),
    });
    await event(
      'OpinionPointFeedbackRevised',
      revision(1, 'partly_adopted', ['art_12'], 9),
      9,
      1,
      fgw,
    );
    await event(
      'OpinionPointFeedbackRevised',
      revision(2, 'adopted', ['art_12/para_2', 'art_13'], 10),
      10,
      1,
      partyGroup,
    );
    await log.rebuild('submissions');

    expect(log.rows<OpinionPointRow>('rm_opinion_points')).toEqual([
      {
        submission_id: ID,
        number: 1,
        text: '进一步明确补偿标准',
        adoption: 'adopted',
        explanation: null,
        answered_at: at(7),
        reading_number: 3,
        articles: '["art_12/para_2","art_13"]',
        revision_number: 2,
        revised_at: at(10),
      },
      {
        submission_id: ID,
        number: 2,
        text: '明确执法主体',
        adoption: 'adopted',
        explanation: null,
        answered_at: at(8),
        reading_number: 1,
        articles: '["art_5"]',
        revision_number: 0,
        revised_at: null,
      },
    ]);
    expect(
      log
        .rows<FeedbackRevisionRow>('rm_feedback_revisions')
        .map((r) => [
          r.point_number,
          r.revision_number,
          r.adoption,
          r.reading_number,
          r.articles,
          r.at,
        ]),
    ).toEqual([
      [1, 0, 'not_adopted', null, '[]', at(7)],
      [1, 1, 'partly_adopted', 2, '["art_12"]', at(9)],
      [1, 2, 'adopted', 3, '["art_12/para_2","art_13"]', at(10)],
      [2, 0, 'adopted', 1, '["art_5"]', at(8)],
    ]);
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      status: 'closed',
      revision: 10,
    });
  });

  it('Given pre-deliberation submissions in every state, Then pendingFor names those sent and still without an opinion', async () => {
    const ids = {
      drafted: '00000000-0000-4000-8000-000000000001',
      submitted: '00000000-0000-4000-8000-000000000002',
      awaiting: '00000000-0000-4000-8000-000000000003',
      answered: '00000000-0000-4000-8000-000000000004',
      withdrawn: '00000000-0000-4000-8000-000000000005',
      otherItem: '00000000-0000-4000-8000-000000000006',
      otherCategory: '00000000-0000-4000-8000-000000000007',
      superseded: '00000000-0000-4000-8000-000000000008',
      revision: '00000000-0000-4000-8000-000000000009',
    };
    await on(ids.drafted)('SubmissionDrafted', drafted(ids.drafted), 1, 2, fgw);
    await sent(ids.submitted);
    const awaiting = await sent(ids.awaiting);
    await awaiting('SubmissionReceived', { receivedAt: at(4), officeLogNumber: 'l' }, 4, 1, office);
    await awaiting(
      'SupplementaryMaterialRequested',
      { requestNumber: 1, description: 'd', dueBy: '2025-03-20' },
      5,
      1,
      office,
    );
    const answered = await sent(ids.answered);
    await answered('SubmissionReceived', { receivedAt: at(4), officeLogNumber: 'l' }, 4, 1, office);
    await answered('OpinionIssued', opinion, 6, 1, office);
    const withdrawn = await sent(ids.withdrawn);
    await withdrawn('SubmissionWithdrawn', { withdrawnAt: at(4), reason: 'r' }, 4);
    await sent(ids.otherItem, [OTHER_ITEM]);
    await on(ids.otherCategory)(
      'SubmissionDrafted',
      { ...drafted(ids.otherCategory), category: 'major_issue' },
      1,
      2,
      fgw,
    );
    await on(ids.otherCategory)(
      'PartyGroupDiscussionRecorded',
      { meetingKind: 'party_group_meeting', meetingDate: '2025-03-01', minutesReference: 'm' },
      2,
    );
    await on(ids.otherCategory)(
      'SubmissionSubmitted',
      { submittedAt: at(3), documentNumber: 'd', replyDueBy: '2025-03-31' },
      3,
    );
    // Sent back for revision, then replaced by a revision that was sent: superseded.
    const superseded = await sent(ids.superseded);
    await superseded(
      'SubmissionReceived',
      { receivedAt: at(4), officeLogNumber: 'l' },
      4,
      1,
      office,
    );
    await on(ids.revision)(
      'SubmissionDrafted',
      { ...drafted(ids.revision, [OTHER_ITEM]), replacesSubmissionId: ids.superseded },
      5,
      2,
      fgw,
    );
    await on(ids.revision)(
      'PartyGroupDiscussionRecorded',
      { meetingKind: 'party_group_meeting', meetingDate: '2025-03-05', minutesReference: 'm' },
      6,
    );
    await on(ids.revision)(
      'SubmissionSubmitted',
      { submittedAt: at(7), documentNumber: 'd2', replyDueBy: '2025-05-28' },
      7,
    );
    const db = await log.rebuild('submissions');
    const opinions = new SubmissionPreDeliberationOpinions({ db } as ReadDatabase);
    expect(await opinions.pendingFor(ITEM)).toEqual([ids.submitted, ids.awaiting]);
    expect(await opinions.pendingFor(OTHER_ITEM)).toEqual([ids.otherItem, ids.revision]);
    expect(await opinions.pendingFor(DECISION)).toEqual([]);
  });
});
