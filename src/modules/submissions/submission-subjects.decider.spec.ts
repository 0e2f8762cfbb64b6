/**
 * What a submission is about (items, decisions), the pre-deliberation due date and revisable
 * feedback: the rules added with the linkage mechanism, as Given/When/Then specs.
 */
import { actor, changchun, jilin } from '../../../test/support/actors';
import { broken, specFor } from '../../../test/support/given-when-then';
import { RecordedEvent } from '../../events/envelope';
import {
  OpinionPoint,
  SubmissionContent,
  SubmissionDraftedV1,
  SubmissionDraftedV2,
  SubmissionEvent,
} from '../../events/submission-events';
import { FEATURES } from '../../features';
import { fold } from '../../platform/kernel/decider';
import {
  BusinessRuleError,
  ForbiddenError,
  InvalidStepError,
} from '../../platform/kernel/domain-errors';
import { FeatureRegistry } from '../../platform/kernel/feature-registry';
import {
  AmendDraft,
  DraftSubmission,
  GiveFeedback,
  ReviseFeedback,
  Submit,
} from './submission.commands';
import { submissionDecider } from './submission.decider';

const given = specFor(submissionDecider);

const NOW = '2025-03-10T02:00:00.000Z';
const SUBMISSION_ID = 'sub-2025-0101';
const ITEM = '0b5c2d1e-7a4f-4c3b-9d8e-1f2a3b4c5d6e';
const OTHER_ITEM = '1c6d3e2f-8b5a-4d4c-8e9f-2a3b4c5d6e7f';
const DECISION = '2d7e4f3a-9c6b-4e5d-8f0a-3b4c5d6e7f80';
/** The planned agenda date of the vote: well beyond the 15 working days of an ordinary reply. */
const AGENDA_DATE = '2025-05-28';
const DEFAULT_REPLY_DUE = '2025-03-31';
const DOC_NO = '吉人党〔2025〕9号';

const partyGroup = actor(jilin.partyGroup, ['party_group']);
const legislature = actor(jilin.partyGroup, ['legislature']);
const specialCommittee = actor(jilin.specialCommittee, ['legislature']);
const office = actor(jilin.office, ['committee_office']);
const outsider = actor(changchun.partyGroup, ['legislature']);

const CONTENT: SubmissionContent = {
  title: '关于《吉林省黑土地保护条例（草案）》提请表决前的请示',
  summary: 'Before the third reading: the draft and the points still open.',
  body: '省人大常委会党组经研究……',
  documentNumber: DOC_NO,
  classification: 'confidential',
  replyRequestedBy: AGENDA_DATE,
  references: [],
};

const POINTS: OpinionPoint[] = [
  { number: 1, text: '进一步明确补偿标准' },
  { number: 2, text: '明确执法主体' },
];

function drafted(overrides: Partial<SubmissionDraftedV2> = {}): SubmissionEvent {
  return {
    type: 'SubmissionDrafted',
    data: {
      submissionId: SUBMISSION_ID,
      kind: 'request',
      category: 'pre_deliberation',
      ...CONTENT,
      itemIds: [ITEM],
      decisionIds: [DECISION],
      submittingOrganisationId: jilin.partyGroup.organisationId,
      addressedCommitteeId: jilin.committee.organisationId,
      replacesSubmissionId: null,
      ...overrides,
    },
  };
}

const discussed: SubmissionEvent = {
  type: 'PartyGroupDiscussionRecorded',
  data: { meetingKind: 'party_group_meeting', meetingDate: '2025-03-07', minutesReference: 'm' },
};
const submitted: SubmissionEvent = {
  type: 'SubmissionSubmitted',
  data: {
    submittedAt: '2025-03-08T02:00:00.000Z',
    documentNumber: DOC_NO,
    replyDueBy: AGENDA_DATE,
  },
};
const toOpinion: SubmissionEvent[] = [
  submitted,
  { type: 'SubmissionReceived', data: { receivedAt: NOW, officeLogNumber: 'log-1' } },
  {
    type: 'CommitteeMeetingRecorded',
    data: {
      meetingKind: 'standing_committee_meeting',
      meetingDate: '2025-03-10',
      minutesReference: null,
    },
  },
  {
    type: 'OpinionIssued',
    data: {
      documentNumber: '吉委办函〔2025〕30号',
      outcome: 'approved_with_opinions',
      issuedAt: NOW,
      points: POINTS,
      feedbackDueBy: '2025-04-07',
    },
  },
];
const feedbackGiven = (pointNumber: number): SubmissionEvent => ({
  type: 'OpinionPointFeedbackGiven',
  data: {
    pointNumber,
    adoption: 'partly_adopted',
    explanation: '一审稿部分吸收',
    givenAt: NOW,
    readingNumber: 1,
    articles: ['art_12'],
  },
});
const revised = (pointNumber: number, revisionNumber: number): SubmissionEvent => ({
  type: 'OpinionPointFeedbackRevised',
  data: {
    pointNumber,
    revisionNumber,
    adoption: 'adopted',
    explanation: null,
    readingNumber: 3,
    articles: ['art_12/para_2', 'art_13'],
    revisedAt: NOW,
  },
});

const OPINION_ISSUED = [drafted(), discussed, ...toOpinion];
const CLOSED: SubmissionEvent[] = [
  ...OPINION_ISSUED,
  feedbackGiven(1),
  feedbackGiven(2),
  { type: 'SubmissionClosed', data: { closedAt: NOW, reason: 'all_points_answered' } },
];

const draft = (o: Partial<DraftSubmission> = {}): DraftSubmission => ({
  type: 'DraftSubmission',
  actor: partyGroup,
  now: NOW,
  submissionId: SUBMISSION_ID,
  kind: 'request',
  category: 'pre_deliberation',
  content: CONTENT,
  subjects: { itemIds: [ITEM], decisionIds: [DECISION] },
  submittingOrganisation: jilin.partyGroup,
  addressedCommittee: jilin.committee,
  replaces: null,
  ...o,
});
const amend = (changes: AmendDraft['changes']): AmendDraft => ({
  type: 'AmendDraft',
  actor: specialCommittee,
  now: NOW,
  changes,
});
const submit = (o: Partial<Submit> = {}): Submit => ({
  type: 'Submit',
  actor: partyGroup,
  now: NOW,
  documentNumber: null,
  defaultReplyDueBy: DEFAULT_REPLY_DUE,
  ...o,
});
const giveFeedback = (o: Partial<GiveFeedback> = {}): GiveFeedback => ({
  type: 'GiveFeedback',
  actor: legislature,
  now: NOW,
  pointNumber: 1,
  adoption: 'partly_adopted',
  explanation: '一审稿部分吸收',
  readingNumber: 1,
  articles: ['art_12'],
  ...o,
});
const revise = (o: Partial<ReviseFeedback> = {}): ReviseFeedback => ({
  type: 'ReviseFeedback',
  actor: legislature,
  now: NOW,
  pointNumber: 1,
  adoption: 'adopted',
  explanation: null,
  readingNumber: 3,
  articles: ['art_12/para_2', 'art_13'],
  ...o,
});

describe('submission decider: subjects, pre-deliberation and revisable feedback', () => {
  describe('subjects (items and decisions)', () => {
    it('Given nothing, When a request names items and decisions, Then the draft carries them and the state knows them', () => {
      const { state } = given([]).when(draft()).then([drafted()]);
      expect(state).toMatchObject({ itemIds: [ITEM], decisionIds: [DECISION] });
    });

    it('Given nothing, When a request in another category names none, Then it is about nothing', () => {
      given([])
        .when(
          draft({
            category: 'major_issue',
            content: { ...CONTENT, replyRequestedBy: null },
            subjects: { itemIds: [], decisionIds: [] },
          }),
        )
        .then([
          drafted({
            category: 'major_issue',
            replyRequestedBy: null,
            itemIds: [],
            decisionIds: [],
          }),
        ]);
    });

    it('Given a draft, When an amendment changes the items, Then it records them and the state follows', () => {
      const { state } = given([drafted()])
        .when(amend({ itemIds: [ITEM, OTHER_ITEM], decisionIds: [] }))
        .then([
          {
            type: 'SubmissionDraftAmended',
            data: { itemIds: [ITEM, OTHER_ITEM], decisionIds: [] },
          },
        ]);
      expect(state).toMatchObject({ itemIds: [ITEM, OTHER_ITEM], decisionIds: [] });
    });

    it('Given a sent submission, When its items are amended, Then the step is refused (409)', () => {
      given([drafted(), discussed, submitted])
        .when(amend({ itemIds: [OTHER_ITEM] }))
        .thenThrows(InvalidStepError, {
          details: expect.objectContaining({ step: 'amend_draft' }) as never,
        });
    });

    it('Given a draft of another Party group, When an outsider amends its items, Then it is forbidden', () => {
      given([drafted()])
        .when({ ...amend({ itemIds: [OTHER_ITEM] }), actor: outsider })
        .thenThrows(ForbiddenError, {});
    });
  });

  describe('pre-deliberation request', () => {
    it('Given nothing, When it names no item, Then 422 naming itemIds', () => {
      given([])
        .when(draft({ subjects: { itemIds: [], decisionIds: [DECISION] } }))
        .thenThrows(BusinessRuleError, broken('itemIds', 'required_for_pre_deliberation'));
    });

    it('Given nothing, When it gives no agenda date, Then 422 naming replyRequestedBy', () => {
      given([])
        .when(draft({ content: { ...CONTENT, replyRequestedBy: null } }))
        .thenThrows(BusinessRuleError, broken('replyRequestedBy', 'required_for_pre_deliberation'));
    });

    it('Given nothing, When a pre-deliberation report names neither, Then it is drafted: a report gets no reply', () => {
      given([])
        .when(
          draft({
            kind: 'report',
            content: { ...CONTENT, replyRequestedBy: null },
            subjects: { itemIds: [], decisionIds: [] },
          }),
        )
        .then([drafted({ kind: 'report', replyRequestedBy: null, itemIds: [], decisionIds: [] })]);
    });

    it('Given a draft, When an amendment removes every item, Then 422 naming itemIds', () => {
      given([drafted()])
        .when(amend({ itemIds: [] }))
        .thenThrows(BusinessRuleError, broken('itemIds', 'required_for_pre_deliberation'));
    });

    it('Given a draft, When an amendment clears the agenda date, Then 422 naming replyRequestedBy', () => {
      given([drafted()])
        .when(amend({ replyRequestedBy: null }))
        .thenThrows(BusinessRuleError, broken('replyRequestedBy', 'required_for_pre_deliberation'));
    });

    it('Given a discussed draft, When it is sent, Then the reply is due on the agenda date, not after N working days', () => {
      const { state } = given([drafted(), discussed])
        .when(submit())
        .then([
          {
            type: 'SubmissionSubmitted',
            data: { submittedAt: NOW, documentNumber: DOC_NO, replyDueBy: AGENDA_DATE },
          },
        ]);
      expect(state.replyDueBy).toBe(AGENDA_DATE);
    });

    it('Given an agenda date sooner than the default, When it is sent, Then that date is due too', () => {
      given([drafted({ replyRequestedBy: '2025-03-20' }), discussed])
        .when(submit())
        .then([
          {
            type: 'SubmissionSubmitted',
            data: { submittedAt: NOW, documentNumber: DOC_NO, replyDueBy: '2025-03-20' },
          },
        ]);
    });

    it('Given an ordinary request asking for a later date, When it is sent, Then the default still applies', () => {
      given([drafted({ category: 'major_issue' }), discussed])
        .when(submit())
        .then([
          {
            type: 'SubmissionSubmitted',
            data: { submittedAt: NOW, documentNumber: DOC_NO, replyDueBy: DEFAULT_REPLY_DUE },
          },
        ]);
    });

    it('Given a pre-deliberation draft stored before items existed, When it is sent, Then 422 naming itemIds', () => {
      const stored = registry.catalogue.upcast(
        v1('SubmissionDrafted', draftedV1),
      ) as SubmissionEvent;
      given([stored, discussed])
        .when(submit())
        .thenThrows(BusinessRuleError, broken('itemIds', 'required_for_pre_deliberation'));
    });
  });

  describe('feedback with reading and articles', () => {
    it('Given an opinion, When feedback names the reading and the articles, Then the event carries them', () => {
      const { state } = given(OPINION_ISSUED)
        .when(giveFeedback())
        .then([feedbackGiven(1)]);
      expect(state.feedbackRevisions).toEqual({ 1: 0 });
    });
  });

  describe('revise_feedback', () => {
    it('Given feedback on point 1, When it is revised, Then revision 1 becomes the current one', () => {
      const { state } = given([...OPINION_ISSUED, feedbackGiven(1)])
        .when(revise())
        .then([revised(1, 1)]);
      expect(state.status).toBe('opinion_issued');
      expect(state.feedbackRevisions).toEqual({ 1: 1 });
    });

    it('Given a revised point, When it is revised again, Then the number goes on per point', () => {
      const { state } = given([...CLOSED, revised(1, 1)])
        .when(revise({ actor: specialCommittee }))
        .then([revised(1, 2)]);
      expect(state.feedbackRevisions).toEqual({ 1: 2, 2: 0 });
      given([...CLOSED, revised(1, 1), revised(1, 2)])
        .when(revise({ pointNumber: 2, actor: partyGroup }))
        .then([revised(2, 1)]);
    });

    it('Given a closed submission, When feedback is revised, Then it stays closed', () => {
      const { state } = given(CLOSED)
        .when(revise())
        .then([revised(1, 1)]);
      expect(state.status).toBe('closed');
    });

    it('Given a point without feedback, When it is revised, Then 409: feedback comes first', () => {
      given([...OPINION_ISSUED, feedbackGiven(2)])
        .when(revise())
        .thenThrows(InvalidStepError, {
          details: {
            step: 'revise_feedback',
            currentState: 'opinion_issued',
            allowedSteps: ['give_feedback', 'revise_feedback', 'grant_viewer'],
            pointNumber: 1,
            reason: 'point 1 has no feedback yet: give feedback before revising it',
          },
        });
    });

    it('Given an opinion of two points, When point 3 is revised, Then 422 naming pointNumber', () => {
      given(CLOSED)
        .when(revise({ pointNumber: 3 }))
        .thenThrows(BusinessRuleError, broken('pointNumber', 'existing_point'));
    });

    it('Given a closed submission, When a revision other than adopted explains nothing, Then 422 naming explanation', () => {
      given(CLOSED)
        .when(revise({ adoption: 'not_adopted', explanation: '  ' }))
        .thenThrows(BusinessRuleError, broken('explanation', 'required_unless_adopted'));
    });

    it('Given a closed submission, When the committee office revises the feedback, Then it is forbidden: it is the legislature’s step', () => {
      given(CLOSED)
        .when(revise({ actor: office }))
        .thenThrows(ForbiddenError, {
          details: { step: 'revise_feedback', requiredRoles: ['legislature', 'party_group'] },
        });
    });

    it('Given a closed submission, When another Party group revises the feedback, Then it is forbidden', () => {
      given(CLOSED)
        .when(revise({ actor: outsider }))
        .thenThrows(ForbiddenError, {});
    });

    it('Given a draft, When feedback is revised, Then the step is refused (409)', () => {
      given([drafted()])
        .when(revise())
        .thenThrows(InvalidStepError, {
          details: expect.objectContaining({
            step: 'revise_feedback',
            currentState: 'drafted',
          }) as never,
        });
    });
  });
});

// Stored v1 events ---------------------------------------------------------------------------

const registry = new FeatureRegistry(FEATURES);

const draftedV1: SubmissionDraftedV1 = {
  submissionId: SUBMISSION_ID,
  kind: 'request',
  category: 'pre_deliberation',
  ...CONTENT,
  submittingOrganisationId: jilin.partyGroup.organisationId,
  addressedCommitteeId: jilin.committee.organisationId,
  replacesSubmissionId: null,
};

function v1(type: string, data: unknown, revision = 0): RecordedEvent {
  return {
    eventId: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      occurredAt: NOW,
      actor: { userId: 'u', organisationId: jilin.partyGroup.organisationId, role: 'party_group' },
      correlationId: 'c',
      causationId: null,
    },
    streamId: `submission-${SUBMISSION_ID}`,
    revision,
    position: `${revision + 1}/${revision + 1}`,
    recordedAt: NOW,
    previousHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  };
}

describe('upcasting stored v1 submission events', () => {
  it('writes SubmissionDrafted, SubmissionDraftAmended and OpinionPointFeedbackGiven at v2', () => {
    for (const type of [
      'SubmissionDrafted',
      'SubmissionDraftAmended',
      'OpinionPointFeedbackGiven',
    ]) {
      expect(registry.catalogue.currentVersion(type)).toBe(2);
    }
    expect(registry.catalogue.currentVersion('OpinionPointFeedbackRevised')).toBe(1);
  });

  it('a v1 draft is about no item and no decision', () => {
    expect(registry.catalogue.upcast(v1('SubmissionDrafted', draftedV1)).data).toEqual({
      ...draftedV1,
      itemIds: [],
      decisionIds: [],
    });
  });

  it('a v1 amendment is the same amendment at v2', () => {
    const data = { title: '新标题', replyRequestedBy: null };
    expect(registry.catalogue.upcast(v1('SubmissionDraftAmended', data, 1)).data).toEqual(data);
  });

  it('v1 feedback names no reading and no article, and counts as revision 0', () => {
    const data = { pointNumber: 1, adoption: 'adopted', explanation: null, givenAt: NOW };
    const events = [
      v1('SubmissionDrafted', draftedV1, 0),
      ...[discussed, ...toOpinion].map((e, i) => v1(e.type, e.data, i + 1)),
      v1('OpinionPointFeedbackGiven', data, 6),
    ].map((e) => registry.catalogue.upcast(e) as SubmissionEvent);
    expect(events[6].data).toEqual({ ...data, readingNumber: null, articles: [] });
    const state = fold(submissionDecider, events);
    expect(state).toMatchObject({ itemIds: [], decisionIds: [], feedbackRevisions: { 1: 0 } });
    given(events)
      .when(revise())
      .then([revised(1, 1)]);
  });
});
