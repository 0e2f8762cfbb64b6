import { Actor } from '../../src/events/envelope';
import {
  MaterialRequestRow,
  OpinionPointRow,
  SubmissionRow,
} from '../../src/projections/submissions.projection';
import { LogFixture, snapshot } from '../support/projection-fixture';

const fgw: Actor = {
  userId: 'jl-fgw',
  organisationId: 'cn-220000-npc-fgw',
  role: 'legislature',
};
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
const REVISION_ID = '22222222-2222-4222-8222-222222222222';
const OTHER_ID = '33333333-3333-4333-8333-333333333333';

const DRAFTED = {
  kind: 'request',
  category: 'major_issue',
  title: '关于黑土地保护条例有关重大问题的请示',
  summary: 'Asks the Provincial Committee to settle the scope of compensation.',
  body: '一、关于补偿范围……',
  documentNumber: null,
  classification: 'confidential',
  replyRequestedBy: null,
  references: [],
  submittingOrganisationId: 'cn-220000-npcpg',
  addressedCommitteeId: 'cn-220000-pc',
  replacesSubmissionId: null,
};

/** Day `n` of March 2025, at 02:00 UTC: each event of a history happens on a later day. */
const at = (n: number) => `2025-03-${String(n).padStart(2, '0')}T02:00:00.000Z`;

/** The row a plain draft of `DRAFTED` becomes, before any later event. */
const draftedRow = (id = ID): SubmissionRow => ({
  submission_id: id,
  kind: 'request',
  category: 'major_issue',
  title: DRAFTED.title,
  document_number: null,
  classification: 'confidential',
  references_json: '[]',
  item_ids: '[]',
  decision_ids: '[]',
  status: 'drafted',
  submitting_organisation_id: 'cn-220000-npcpg',
  addressed_committee_id: 'cn-220000-pc',
  replaces_submission_id: null,
  replaced_by_submission_id: null,
  superseded_at: null,
  reply_requested_by: null,
  reply_due_by: null,
  submitted_at: null,
  received_at: null,
  office_log_number: null,
  opinion_document_number: null,
  opinion_outcome: null,
  opinion_issued_at: null,
  feedback_due_by: null,
  closed_at: null,
  withdrawn_at: null,
  withdrawal_reason: null,
  viewer_organisation_ids: '[]',
  viewer_user_ids: '[]',
  open_material_requests: 0,
  committee_meetings: 0,
  revision: 0,
  created_at: at(1),
  updated_at: at(1),
});

const submitterReaders = (id = ID): [string, string, string][] => [
  [id, 'org:cn-220000-npcpg', 'submitter'],
  [id, 'part:cn-220000-npcpg:special_committee', 'submitter'],
];

/** The submitting side plus the addressed committee and its office, as once it is sent. */
const sentReaders = (id = ID): [string, string, string][] => [
  [id, 'org:cn-220000-npcpg', 'submitter'],
  [id, 'org:cn-220000-pc', 'addressee'],
  [id, 'part:cn-220000-npcpg:special_committee', 'submitter'],
  [id, 'part:cn-220000-pc:committee_office', 'addressee'],
];

const SUBMITTED = {
  submittedAt: at(3),
  documentNumber: '吉人党字〔2025〕3号',
  replyDueBy: '2025-03-17',
};
const RECEIVED = { receivedAt: at(4), officeLogNumber: '省委办收〔2025〕118号' };
const MEETING = {
  meetingKind: 'standing_committee_meeting',
  meetingDate: '2025-03-06',
  minutesReference: null,
};

describe('submissions projection', () => {
  let log: LogFixture;
  beforeEach(() => {
    log = new LogFixture();
  });
  afterEach(() => log.close());

  /** Appends the events of one submission's stream. */
  const on =
    (id: string) =>
    (type: string, data: object, day: number, actor: Actor = partyGroup) =>
      log.append(`submission-${id}`, type, data, at(day), actor);

  /** Drafted, discussed and sent: the start most histories share. */
  async function sent(id = ID) {
    const event = on(id);
    await event('SubmissionDrafted', { ...DRAFTED, submissionId: id }, 1, fgw);
    await event(
      'PartyGroupDiscussionRecorded',
      { meetingKind: 'party_group_meeting', meetingDate: '2025-03-01', minutesReference: 'm-5' },
      2,
    );
    await event('SubmissionSubmitted', SUBMITTED, 3);
    return event;
  }

  it('Given a drafted submission, When projected, Then one drafted row, readable by the submitting side only', async () => {
    await on(ID)('SubmissionDrafted', { ...DRAFTED, submissionId: ID }, 1, fgw);
    await log.rebuild('submissions');

    expect(log.rows<SubmissionRow>('rm_submissions')).toEqual([draftedRow()]);
    expect(log.readers('submission')).toEqual(submitterReaders());
    expect(log.rows('rm_opinion_points')).toEqual([]);
    expect(log.rows('rm_material_requests')).toEqual([]);
  });

  it('Given a draft amended, proposed and discussed, When projected, Then the changed content and status discussed, still unsent', async () => {
    const event = on(ID);
    await event('SubmissionDrafted', { ...DRAFTED, submissionId: ID }, 1, fgw);
    await event(
      'SubmissionDraftAmended',
      { title: '修改后的标题', references: [OTHER_ID], replyRequestedBy: '2025-04-01' },
      2,
      fgw,
    );
    await event(
      'ProposalToPartyGroupRecorded',
      { proposingOrganisationId: 'cn-220000-npc-fgw', proposedOn: '2025-03-03', note: '建议' },
      3,
      fgw,
    );
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')).toEqual([
      {
        ...draftedRow(),
        title: '修改后的标题',
        references_json: JSON.stringify([OTHER_ID]),
        reply_requested_by: '2025-04-01',
        status: 'proposed',
        revision: 2,
        updated_at: at(3),
      },
    ]);

    await event(
      'PartyGroupDiscussionRecorded',
      { meetingKind: 'chairmans_meeting', meetingDate: '2025-03-04', minutesReference: 'm-6' },
      4,
    );
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      status: 'discussed',
      submitted_at: null,
      revision: 3,
      updated_at: at(4),
    });
    expect(log.readers('submission')).toEqual(submitterReaders());
  });

  it('Given a report sent before reports went without a reply date, When projected, Then it has no reply due date', async () => {
    const event = on(ID);
    await event('SubmissionDrafted', { ...DRAFTED, kind: 'report', submissionId: ID }, 1, fgw);
    await event('SubmissionSubmitted', SUBMITTED, 3);
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      status: 'submitted',
      reply_due_by: null,
    });
  });

  it('Given a submission sent and received, When projected, Then its dates and numbers are set and the addressed committee and its office read it as addressee', async () => {
    const event = await sent();
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')).toEqual([
      {
        ...draftedRow(),
        status: 'submitted',
        submitted_at: at(3),
        document_number: SUBMITTED.documentNumber,
        reply_due_by: '2025-03-17',
        revision: 2,
        updated_at: at(3),
      },
    ]);
    expect(log.readers('submission')).toEqual(sentReaders());

    await event('SubmissionReceived', RECEIVED, 4, office);
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      status: 'received',
      received_at: at(4),
      office_log_number: RECEIVED.officeLogNumber,
      revision: 3,
    });
    expect(log.readers('submission')).toEqual(sentReaders());
  });

  it('Given material requested twice before any committee meeting, When both are supplied, Then the open count falls to zero and the status returns to received', async () => {
    const event = await sent();
    await event('SubmissionReceived', RECEIVED, 4, office);
    await event(
      'SupplementaryMaterialRequested',
      { requestNumber: 1, description: '补充调研报告', dueBy: '2025-03-20' },
      5,
      office,
    );
    await event(
      'SupplementaryMaterialRequested',
      { requestNumber: 2, description: '补充法律依据', dueBy: '2025-03-21' },
      6,
      office,
    );
    await event(
      'SupplementaryMaterialSupplied',
      { requestNumber: 1, description: '调研报告', documentReferences: ['doc-1'] },
      7,
      fgw,
    );
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      status: 'awaiting_material',
      open_material_requests: 1,
    });

    await event(
      'SupplementaryMaterialSupplied',
      { requestNumber: 2, description: '法律依据', documentReferences: [] },
      8,
      fgw,
    );
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      status: 'received',
      open_material_requests: 0,
      committee_meetings: 0,
      revision: 7,
    });
    expect(log.rows<MaterialRequestRow>('rm_material_requests')).toEqual([
      {
        submission_id: ID,
        request_number: 1,
        description: '补充调研报告',
        due_by: '2025-03-20',
        requested_at: at(5),
        supplied_at: at(7),
        supplied_description: '调研报告',
        document_references: '["doc-1"]',
      },
      {
        submission_id: ID,
        request_number: 2,
        description: '补充法律依据',
        due_by: '2025-03-21',
        requested_at: at(6),
        supplied_at: at(8),
        supplied_description: '法律依据',
        document_references: '[]',
      },
    ]);
  });

  it('Given a committee meeting was recorded, When requested material is supplied, Then the status returns to committee_discussed', async () => {
    const event = await sent();
    await event('SubmissionReceived', RECEIVED, 4, office);
    await event('CommitteeMeetingRecorded', MEETING, 5, office);
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      status: 'committee_discussed',
      committee_meetings: 1,
    });

    await event(
      'SupplementaryMaterialRequested',
      { requestNumber: 1, description: '补充材料', dueBy: '2025-03-20' },
      6,
      office,
    );
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      status: 'awaiting_material',
      open_material_requests: 1,
    });

    await event(
      'SupplementaryMaterialSupplied',
      { requestNumber: 1, description: '材料', documentReferences: [] },
      7,
      fgw,
    );
    await event('CommitteeMeetingRecorded', { ...MEETING, meetingKind: 'plenary_session' }, 8);
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      status: 'committee_discussed',
      open_material_requests: 0,
      committee_meetings: 2,
    });
  });

  it('Given an opinion with points, When feedback is given on each and it closes, Then the points carry their feedback and the row is closed', async () => {
    const event = await sent();
    await event('SubmissionReceived', RECEIVED, 4, office);
    await event('CommitteeMeetingRecorded', MEETING, 5, office);
    await event(
      'OpinionIssued',
      {
        documentNumber: '吉委办函〔2025〕21号',
        outcome: 'approved_with_opinions',
        issuedAt: at(6),
        points: [
          { number: 1, text: '进一步明确补偿标准' },
          { number: 2, text: '明确执法主体' },
        ],
        feedbackDueBy: '2025-03-20',
      },
      6,
      office,
    );
    await event(
      'OpinionPointFeedbackGiven',
      { pointNumber: 1, adoption: 'adopted', explanation: null, givenAt: at(7) },
      7,
      fgw,
    );
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      status: 'opinion_issued',
      opinion_document_number: '吉委办函〔2025〕21号',
      opinion_outcome: 'approved_with_opinions',
      opinion_issued_at: at(6),
      feedback_due_by: '2025-03-20',
      closed_at: null,
    });

    await event(
      'OpinionPointFeedbackGiven',
      { pointNumber: 2, adoption: 'partly_adopted', explanation: '部分采纳', givenAt: at(8) },
      8,
      fgw,
    );
    await event('SubmissionClosed', { closedAt: at(8), reason: 'all_points_answered' }, 8, fgw);
    await log.rebuild('submissions');
    expect(log.rows<OpinionPointRow>('rm_opinion_points')).toEqual([
      {
        submission_id: ID,
        number: 1,
        text: '进一步明确补偿标准',
        adoption: 'adopted',
        explanation: null,
        answered_at: at(7),
        // Stored as v1: upcast to no reading and no article.
        reading_number: null,
        articles: '[]',
        revision_number: 0,
        revised_at: null,
      },
      {
        submission_id: ID,
        number: 2,
        text: '明确执法主体',
        adoption: 'partly_adopted',
        explanation: '部分采纳',
        answered_at: at(8),
        reading_number: null,
        articles: '[]',
        revision_number: 0,
        revised_at: null,
      },
    ]);
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      status: 'closed',
      closed_at: at(8),
      revision: 8,
    });
  });

  it('Given an opinion with no points, When it closes at once, Then no points are stored and the row is closed without a feedback date', async () => {
    const event = await sent();
    await event('SubmissionReceived', RECEIVED, 4, office);
    await event('CommitteeMeetingRecorded', MEETING, 5, office);
    await event(
      'OpinionIssued',
      {
        documentNumber: '吉委办函〔2025〕31号',
        outcome: 'approved',
        issuedAt: at(6),
        points: [],
        feedbackDueBy: null,
      },
      6,
      office,
    );
    await event('SubmissionClosed', { closedAt: at(6), reason: 'no_points_to_answer' }, 6, office);
    await log.rebuild('submissions');
    expect(log.rows('rm_opinion_points')).toEqual([]);
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      status: 'closed',
      opinion_outcome: 'approved',
      feedback_due_by: null,
      closed_at: at(6),
    });
  });

  it('Given a draft withdrawn before it was sent, When projected, Then it is withdrawn with its reason and the addressed side never reads it', async () => {
    const event = on(ID);
    await event('SubmissionDrafted', { ...DRAFTED, submissionId: ID }, 1, fgw);
    await event('SubmissionWithdrawn', { withdrawnAt: at(2), reason: '情况变化' }, 2);
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')).toEqual([
      {
        ...draftedRow(),
        status: 'withdrawn',
        withdrawn_at: at(2),
        withdrawal_reason: '情况变化',
        revision: 1,
        updated_at: at(2),
      },
    ]);
    expect(log.readers('submission')).toEqual(submitterReaders());
  });

  it('Given viewers granted to an organisation and to a user, When projected, Then both are listed on the row and read it by grant', async () => {
    const event = on(ID);
    await event('SubmissionDrafted', { ...DRAFTED, submissionId: ID }, 1, fgw);
    await event('SubmissionViewerGranted', { organisationId: 'cn-220000-govpg', userId: null }, 2);
    await event('SubmissionViewerGranted', { organisationId: null, userId: 'analyst' }, 3);
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      viewer_organisation_ids: '["cn-220000-govpg"]',
      viewer_user_ids: '["analyst"]',
      revision: 2,
    });
    expect(log.readers('submission')).toEqual([
      [ID, 'org:cn-220000-govpg', 'grant'],
      [ID, 'org:cn-220000-npcpg', 'submitter'],
      [ID, 'part:cn-220000-npcpg:special_committee', 'submitter'],
      [ID, 'user:analyst', 'grant'],
    ]);

    // Sending later adds the addressee without losing the grants.
    await event(
      'PartyGroupDiscussionRecorded',
      { meetingKind: 'party_group_meeting', meetingDate: '2025-03-01', minutesReference: 'm' },
      4,
    );
    await event('SubmissionSubmitted', SUBMITTED, 5);
    await log.rebuild('submissions');
    expect(log.readers('submission')).toEqual([
      [ID, 'org:cn-220000-govpg', 'grant'],
      [ID, 'org:cn-220000-npcpg', 'submitter'],
      [ID, 'org:cn-220000-pc', 'addressee'],
      [ID, 'part:cn-220000-npcpg:special_committee', 'submitter'],
      [ID, 'part:cn-220000-pc:committee_office', 'addressee'],
      [ID, 'user:analyst', 'grant'],
    ]);
  });

  it('Given a withdrawn submission and a revision replacing it, When projected, Then the replaced row names its revision and the revision names the one it replaces', async () => {
    const event = await sent();
    await event('SubmissionWithdrawn', { withdrawnAt: at(4), reason: '重新起草' }, 4);
    await on(REVISION_ID)(
      'SubmissionDrafted',
      { ...DRAFTED, submissionId: REVISION_ID, replacesSubmissionId: ID },
      5,
      fgw,
    );
    await log.rebuild('submissions');
    const [replaced, revision] = log.rows<SubmissionRow>('rm_submissions');
    expect(replaced).toMatchObject({
      submission_id: ID,
      status: 'withdrawn',
      replaced_by_submission_id: REVISION_ID,
      // The replaced row is linked, not changed: its revision is still its own stream's.
      revision: 3,
      updated_at: at(4),
    });
    expect(revision).toEqual({
      ...draftedRow(REVISION_ID),
      replaces_submission_id: ID,
      created_at: at(5),
      updated_at: at(5),
    });
    expect(log.readers('submission')).toEqual([...sentReaders(), ...submitterReaders(REVISION_ID)]);
  });

  it('Given a submission sent back for revision, When its revision is sent, Then the replaced row is superseded and stays so whatever follows on its stream', async () => {
    const event = await sent();
    await event('SubmissionReceived', RECEIVED, 4, office);
    await event('CommitteeMeetingRecorded', MEETING, 5, office);
    await event(
      'OpinionIssued',
      {
        documentNumber: '吉委办函〔2025〕30号',
        outcome: 'revise_and_resubmit',
        issuedAt: at(6),
        points: [{ number: 1, text: '重新论证' }],
        feedbackDueBy: '2025-03-20',
      },
      6,
      office,
    );
    const revision = on(REVISION_ID);
    await revision(
      'SubmissionDrafted',
      { ...DRAFTED, submissionId: REVISION_ID, replacesSubmissionId: ID },
      7,
      fgw,
    );
    await log.rebuild('submissions');
    expect(log.rows<SubmissionRow>('rm_submissions')[0]).toMatchObject({
      status: 'opinion_issued',
      superseded_at: null,
    });
    await revision('SubmissionSubmitted', { ...SUBMITTED, submittedAt: at(8) }, 8);
    await event(
      'OpinionPointFeedbackGiven',
      { pointNumber: 1, adoption: 'adopted', explanation: null, givenAt: at(9) },
      9,
      fgw,
    );
    await event('SubmissionClosed', { closedAt: at(9), reason: 'all_points_answered' }, 9, fgw);
    await log.rebuild('submissions');
    const [replaced, sentRevision] = log.rows<SubmissionRow>('rm_submissions');
    expect(replaced).toMatchObject({
      status: 'superseded',
      superseded_at: at(8),
      closed_at: at(9),
    });
    expect(sentRevision).toMatchObject({ status: 'submitted', superseded_at: null });
  });

  it('Given a log of several interleaved submissions, When replayed in one page and in pages of 1, 2 and 3 events, Then every table is identical', async () => {
    const main = await sent();
    const other = on(OTHER_ID);
    await other('SubmissionDrafted', { ...DRAFTED, submissionId: OTHER_ID, title: '另一件' }, 1);
    await main('SubmissionReceived', RECEIVED, 4, office);
    await other('SubmissionViewerGranted', { organisationId: null, userId: 'analyst' }, 4);
    await main(
      'SupplementaryMaterialRequested',
      { requestNumber: 1, description: '补充', dueBy: '2025-03-20' },
      5,
      office,
    );
    await main(
      'SupplementaryMaterialSupplied',
      { requestNumber: 1, description: '材料', documentReferences: ['d'] },
      6,
      fgw,
    );
    await main('CommitteeMeetingRecorded', MEETING, 7, office);
    await main(
      'OpinionIssued',
      {
        documentNumber: 'o-1',
        outcome: 'revise_and_resubmit',
        issuedAt: at(8),
        points: [{ number: 1, text: '重新论证' }],
        feedbackDueBy: '2025-03-25',
      },
      8,
      office,
    );
    await other('SubmissionWithdrawn', { withdrawnAt: at(8), reason: '撤回' }, 8);
    await on(REVISION_ID)(
      'SubmissionDrafted',
      { ...DRAFTED, submissionId: REVISION_ID, replacesSubmissionId: ID },
      9,
      fgw,
    );
    await main(
      'OpinionPointFeedbackGiven',
      { pointNumber: 1, adoption: 'not_adopted', explanation: '另行起草', givenAt: at(10) },
      10,
      fgw,
    );
    await main('SubmissionClosed', { closedAt: at(10), reason: 'all_points_answered' }, 10, fgw);
    await main('SubmissionViewerGranted', { organisationId: 'cn-220100-pc', userId: null }, 11);

    const tables = ['rm_submissions', 'rm_opinion_points', 'rm_material_requests', 'readers'];
    const everything = (db: Parameters<typeof snapshot>[0]) =>
      Object.fromEntries(tables.map((table) => [table, snapshot(db, table)]));
    const whole = everything(await log.rebuild('submissions'));
    expect(whole.rm_submissions).toHaveLength(3);
    for (const pageSize of [1, 2, 3]) {
      expect(everything(await log.rebuild('submissions', pageSize))).toEqual(whole);
    }
  });
});
