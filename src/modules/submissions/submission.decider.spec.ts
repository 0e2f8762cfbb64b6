import { actor, changchun, jilin } from '../../../test/support/actors';
import { broken, specFor } from '../../../test/support/given-when-then';
import {
  Adoption,
  OpinionOutcome,
  OpinionPoint,
  SubmissionContent,
  SubmissionDraftedV2,
  SubmissionEvent,
} from '../../events/submission-events';
import { NATIONAL_REGION_CODE } from '../../events/organisation-events';
import { fold } from '../../platform/kernel/decider';
import { profileOf } from '../organisations/organisation.decider';
import {
  BusinessRuleError,
  ForbiddenError,
  InvalidStepError,
} from '../../platform/kernel/domain-errors';
import { ActorContext } from '../../platform/access/actor';
import {
  AmendDraft,
  DraftSubmission,
  GiveFeedback,
  GrantViewer,
  ReviseFeedback,
  IssueOpinion,
  Receive,
  RecordCommitteeMeeting,
  RecordPartyGroupDiscussion,
  RecordProposal,
  RequestMaterial,
  Submit,
  SubmissionCommand,
  SupplyMaterial,
  Withdraw,
} from './submission.commands';
import { submissionDecider } from './submission.decider';
import { ALLOWED_STEPS, Step, SUBMISSION_READ_POLICY, readershipOf } from './submission.policy';
import { SubmissionState } from './submission.state';
import { mayRead } from '../../platform/access/readers';

const canRead = (who: ActorContext, state: SubmissionState) =>
  mayRead(who, SUBMISSION_READ_POLICY.readers(readershipOf(state)));

// ---------------------------------------------------------------------------------------------
// The spec DSL: given(history).when(command).then(events) / .thenThrows(ErrorClass, match)
// ---------------------------------------------------------------------------------------------

type Status = SubmissionState['status'];

const given = specFor(submissionDecider);

const refused = (step: string, currentState: Status, allowedSteps: readonly Step[]) => ({
  details: { step, currentState, allowedSteps },
});
const wrongRole = (step: Step, requiredRoles: readonly string[]) => ({
  details: { step, requiredRoles },
});
const wrongSide = (step: Step, organisationId: string, requiredSide: string) => ({
  details: { step, organisationId, requiredSide },
});

// ---------------------------------------------------------------------------------------------
// Fixtures: a Jilin NPC Standing Committee Party group request to the Jilin Party Committee.
// NOW is 10:00 on 10 March 2025 in Beijing; LATE_NOW is 01:00 on 11 March in Beijing.
// ---------------------------------------------------------------------------------------------

const NOW = '2025-03-10T02:00:00.000Z';
const LATE_NOW = '2025-03-10T17:00:00.000Z';
const DEFAULT_REPLY_DUE = '2025-04-08';
const FEEDBACK_DUE = '2025-04-21';
/** The reply due date of `submitted` (2025-03-31) moved on by a wait for material. */
const REPLY_DUE_AFTER_WAIT = '2025-04-03';
const SUBMISSION_ID = 'sub-2025-0007';
const OLD_SUBMISSION_ID = 'sub-2024-0031';
const DOC_NO = '吉人党〔2025〕5号';
const OPINION_DOC_NO = '吉委办〔2025〕12号';

const partyGroup = actor(jilin.partyGroup, ['party_group']);
const legislature = actor(jilin.partyGroup, ['legislature']);
const specialCommittee = actor(jilin.specialCommittee, ['legislature']);
const office = actor(jilin.office, ['committee_office']);
const admin = actor(jilin.platform, ['admin']);
const analyst = actor(jilin.partyGroup, ['analyst']);

/** Bodies of a level other than the province's and the city's. */
const atLevel = (
  level: 'national' | 'county',
  regionCode: string,
  names: [string, string, string, string],
) => ({
  committee: profileOf({
    organisationId: `${regionCode}-party-committee`,
    kind: 'party_committee',
    level,
    regionCode,
    nameZh: names[0],
    nameEn: names[1],
    parentOrganisationId: null,
  }),
  partyGroup: profileOf({
    organisationId: `${regionCode}-npcsc-party-group`,
    kind: 'standing_committee_party_group',
    level,
    regionCode,
    nameZh: names[2],
    nameEn: names[3],
    parentOrganisationId: null,
  }),
});
const national = atLevel('national', NATIONAL_REGION_CODE, [
  '中共中央',
  'CPC Central Committee',
  '全国人大常委会党组',
  'Party Group of the NPC Standing Committee',
]);
/** Nanguan District of Changchun: county level, no power to make local regulations. */
const nanguan = atLevel('county', '220102', [
  '中共长春市南关区委',
  'CPC Nanguan District Committee',
  '长春市南关区人大常委会党组',
  'Party Group of the Nanguan District People’s Congress Standing Committee',
]);

const CONTENT: SubmissionContent = {
  title: '关于《吉林省2025年度立法计划（草案）》的请示',
  summary: 'The annual legislative plan for 2025, for the Provincial Committee’s suggestions.',
  body: '省人大常委会党组经研究，拟定2025年度立法计划……',
  documentNumber: null,
  classification: 'confidential',
  replyRequestedBy: null,
  references: [],
};

const POINTS: OpinionPoint[] = [
  { number: 1, text: '将生态环境保护条例修订列入正式项目' },
  { number: 2, text: '加快推进黑土地保护立法调研' },
];

// Events -------------------------------------------------------------------------------------

function drafted(overrides: Partial<SubmissionDraftedV2> = {}): SubmissionEvent {
  return {
    type: 'SubmissionDrafted',
    data: {
      submissionId: SUBMISSION_ID,
      kind: 'request',
      category: 'legislative_plan',
      ...CONTENT,
      submittingOrganisationId: jilin.partyGroup.organisationId,
      addressedCommitteeId: jilin.committee.organisationId,
      replacesSubmissionId: null,
      itemIds: [],
      decisionIds: [],
      ...overrides,
    },
  };
}

const proposalRecorded: SubmissionEvent = {
  type: 'ProposalToPartyGroupRecorded',
  data: {
    proposingOrganisationId: jilin.specialCommittee.organisationId,
    proposedOn: '2025-02-20',
    note: '法工委集体研究后建议党组报告',
  },
};

const partyGroupDiscussed: SubmissionEvent = {
  type: 'PartyGroupDiscussionRecorded',
  data: {
    meetingKind: 'party_group_meeting',
    meetingDate: '2025-02-28',
    minutesReference: '党组会议纪要〔2025〕3号',
  },
};

const submitted: SubmissionEvent = {
  type: 'SubmissionSubmitted',
  data: {
    submittedAt: '2025-03-03T01:00:00.000Z',
    documentNumber: DOC_NO,
    replyDueBy: '2025-03-31',
  },
};

const received: SubmissionEvent = {
  type: 'SubmissionReceived',
  data: { receivedAt: '2025-03-03T06:00:00.000Z', officeLogNumber: '收文2025-0142' },
};

const materialRequested = (requestNumber: number): SubmissionEvent => ({
  type: 'SupplementaryMaterialRequested',
  data: { requestNumber, description: `补充材料 ${requestNumber}`, dueBy: '2025-03-14' },
});

const materialSupplied = (requestNumber: number): SubmissionEvent => ({
  type: 'SupplementaryMaterialSupplied',
  data: {
    requestNumber,
    description: `补充材料 ${requestNumber}`,
    documentReferences: ['附件1'],
    replyDueBy: null,
  },
});

const committeeMet: SubmissionEvent = {
  type: 'CommitteeMeetingRecorded',
  data: {
    meetingKind: 'standing_committee_meeting',
    meetingDate: '2025-03-06',
    minutesReference: '省委常委会会议纪要〔2025〕8号',
  },
};

const opinionIssued = (
  outcome: OpinionOutcome = 'approved_with_opinions',
  points: OpinionPoint[] = POINTS,
): SubmissionEvent => ({
  type: 'OpinionIssued',
  data: {
    documentNumber: OPINION_DOC_NO,
    outcome,
    issuedAt: '2025-03-07T02:00:00.000Z',
    points,
    feedbackDueBy: points.length ? '2025-04-03' : null,
  },
});

const feedbackGiven = (pointNumber: number): SubmissionEvent => ({
  type: 'OpinionPointFeedbackGiven',
  data: {
    pointNumber,
    adoption: 'adopted',
    explanation: null,
    givenAt: '2025-03-08T02:00:00.000Z',
    readingNumber: null,
    articles: [],
  },
});

const closed = (reason: 'all_points_answered' | 'no_points_to_answer'): SubmissionEvent => ({
  type: 'SubmissionClosed',
  data: { closedAt: '2025-03-08T02:00:00.000Z', reason },
});

const withdrawn: SubmissionEvent = {
  type: 'SubmissionWithdrawn',
  data: { withdrawnAt: '2025-03-05T02:00:00.000Z', reason: '情况发生变化' },
};

const viewerGranted = (organisationId: string | null, userId: string | null): SubmissionEvent => ({
  type: 'SubmissionViewerGranted',
  data: { organisationId, userId },
});

/** A history that leaves the submission in each state, starting from `first`. */
function histories(first: SubmissionEvent = drafted()): Record<Status, SubmissionEvent[]> {
  const discussed = [first, proposalRecorded, partyGroupDiscussed];
  const receivedH = [...discussed, submitted, received];
  const committeeDiscussed = [...receivedH, committeeMet];
  const opinion = [...committeeDiscussed, opinionIssued()];
  return {
    none: [],
    drafted: [first],
    proposed: [first, proposalRecorded],
    discussed,
    submitted: [...discussed, submitted],
    received: receivedH,
    awaiting_material: [...receivedH, materialRequested(1)],
    committee_discussed: committeeDiscussed,
    opinion_issued: opinion,
    closed: [...opinion, feedbackGiven(1), feedbackGiven(2), closed('all_points_answered')],
    withdrawn: [...receivedH, withdrawn],
  };
}
const HISTORY = histories();
const STATUSES = Object.keys(HISTORY) as Status[];

// Commands -----------------------------------------------------------------------------------

const draft = (o: Partial<DraftSubmission> = {}): DraftSubmission => ({
  type: 'DraftSubmission',
  actor: partyGroup,
  now: NOW,
  submissionId: SUBMISSION_ID,
  kind: 'request',
  category: 'legislative_plan',
  content: CONTENT,
  subjects: { itemIds: [], decisionIds: [] },
  submittingOrganisation: jilin.partyGroup,
  addressedCommittee: jilin.committee,
  replaces: null,
  ...o,
});
const amend = (o: Partial<AmendDraft> = {}): AmendDraft => ({
  type: 'AmendDraft',
  actor: partyGroup,
  now: NOW,
  changes: { title: '关于《吉林省2025年度立法计划（草案修改稿）》的请示' },
  ...o,
});
const recordProposal = (o: Partial<RecordProposal> = {}): RecordProposal => ({
  type: 'RecordProposal',
  actor: specialCommittee,
  now: NOW,
  proposingOrganisationId: jilin.specialCommittee.organisationId,
  proposingOrganisation: jilin.specialCommittee,
  proposedOn: '2025-03-07',
  note: '建议报告省委',
  ...o,
});
const recordDiscussion = (
  o: Partial<RecordPartyGroupDiscussion> = {},
): RecordPartyGroupDiscussion => ({
  type: 'RecordPartyGroupDiscussion',
  actor: partyGroup,
  now: NOW,
  meetingKind: 'chairmans_meeting',
  meetingDate: '2025-03-10',
  minutesReference: '主任会议纪要〔2025〕2号',
  ...o,
});
const submit = (o: Partial<Submit> = {}): Submit => ({
  type: 'Submit',
  actor: partyGroup,
  now: NOW,
  documentNumber: DOC_NO,
  defaultReplyDueBy: DEFAULT_REPLY_DUE,
  ...o,
});
const receive = (o: Partial<Receive> = {}): Receive => ({
  type: 'Receive',
  actor: office,
  now: NOW,
  officeLogNumber: '收文2025-0150',
  ...o,
});
const requestMaterial = (o: Partial<RequestMaterial> = {}): RequestMaterial => ({
  type: 'RequestMaterial',
  actor: office,
  now: NOW,
  description: '请补充立法必要性论证材料',
  dueBy: '2025-03-11',
  ...o,
});
const supplyMaterial = (o: Partial<SupplyMaterial> = {}): SupplyMaterial => ({
  type: 'SupplyMaterial',
  actor: specialCommittee,
  now: NOW,
  requestNumber: 1,
  description: '立法必要性论证报告',
  documentReferences: ['吉人法工〔2025〕9号'],
  replyDueByAfterWait: REPLY_DUE_AFTER_WAIT,
  ...o,
});
const recordCommitteeMeeting = (
  o: Partial<RecordCommitteeMeeting> = {},
): RecordCommitteeMeeting => ({
  type: 'RecordCommitteeMeeting',
  actor: office,
  now: NOW,
  meetingKind: 'secretaries_meeting',
  meetingDate: '2025-03-10',
  minutesReference: null,
  ...o,
});
const issueOpinion = (o: Partial<IssueOpinion> = {}): IssueOpinion => ({
  type: 'IssueOpinion',
  actor: office,
  now: NOW,
  documentNumber: OPINION_DOC_NO,
  outcome: 'approved_with_opinions',
  points: POINTS,
  feedbackDueBy: FEEDBACK_DUE,
  ...o,
});
const giveFeedback = (o: Partial<GiveFeedback> = {}): GiveFeedback => ({
  type: 'GiveFeedback',
  actor: legislature,
  now: NOW,
  pointNumber: 1,
  adoption: 'adopted',
  explanation: null,
  readingNumber: null,
  articles: [],
  ...o,
});
const reviseFeedback = (o: Partial<ReviseFeedback> = {}): ReviseFeedback => ({
  type: 'ReviseFeedback',
  actor: legislature,
  now: NOW,
  pointNumber: 1,
  adoption: 'partly_adopted',
  explanation: '二审稿第十二条第二款部分吸收',
  readingNumber: 2,
  articles: ['art_12/para_2'],
  ...o,
});
const withdraw = (o: Partial<Withdraw> = {}): Withdraw => ({
  type: 'Withdraw',
  actor: partyGroup,
  now: NOW,
  reason: '拟与相关项目合并报告',
  ...o,
});
const grantViewer = (o: Partial<GrantViewer> = {}): GrantViewer => ({
  type: 'GrantViewer',
  actor: partyGroup,
  now: NOW,
  organisationId: jilin.governmentPartyGroup.organisationId,
  userId: null,
  ...o,
});

/** A well-formed command for each step, taken by an actor entitled to take it. */
const COMMAND: Record<Step, (actorOverride?: ActorContext) => SubmissionCommand> = {
  draft: (a) => draft(a && { actor: a }),
  amend_draft: (a) => amend(a && { actor: a }),
  record_proposal: (a) => recordProposal(a && { actor: a }),
  record_party_group_discussion: (a) => recordDiscussion(a && { actor: a }),
  submit: (a) => submit(a && { actor: a }),
  receive: (a) => receive(a && { actor: a }),
  request_material: (a) => requestMaterial(a && { actor: a }),
  supply_material: (a) => supplyMaterial(a && { actor: a }),
  record_committee_meeting: (a) => recordCommitteeMeeting(a && { actor: a }),
  issue_opinion: (a) => issueOpinion(a && { actor: a }),
  give_feedback: (a) => giveFeedback(a && { actor: a }),
  revise_feedback: (a) => reviseFeedback(a && { actor: a }),
  withdraw: (a) => withdraw(a && { actor: a }),
  grant_viewer: (a) => grantViewer(a && { actor: a }),
};
const ALL_STEPS = Object.keys(COMMAND) as Step[];

/** The events each command from COMMAND decides, in a state that allows it. */
function expectedEvents(step: Step, status: Status): SubmissionEvent[] {
  switch (step) {
    case 'draft':
      return [drafted()];
    case 'amend_draft':
      return [
        {
          type: 'SubmissionDraftAmended',
          data: { title: '关于《吉林省2025年度立法计划（草案修改稿）》的请示' },
        },
      ];
    case 'record_proposal':
      return [
        {
          type: 'ProposalToPartyGroupRecorded',
          data: {
            proposingOrganisationId: 'jl-legislative-affairs',
            proposedOn: '2025-03-07',
            note: '建议报告省委',
          },
        },
      ];
    case 'record_party_group_discussion':
      return [
        {
          type: 'PartyGroupDiscussionRecorded',
          data: {
            meetingKind: 'chairmans_meeting',
            meetingDate: '2025-03-10',
            minutesReference: '主任会议纪要〔2025〕2号',
          },
        },
      ];
    case 'submit':
      return [
        {
          type: 'SubmissionSubmitted',
          data: { submittedAt: NOW, documentNumber: DOC_NO, replyDueBy: DEFAULT_REPLY_DUE },
        },
      ];
    case 'receive':
      return [
        { type: 'SubmissionReceived', data: { receivedAt: NOW, officeLogNumber: '收文2025-0150' } },
      ];
    case 'request_material':
      return [
        {
          type: 'SupplementaryMaterialRequested',
          data: {
            requestNumber: status === 'awaiting_material' ? 2 : 1,
            description: '请补充立法必要性论证材料',
            dueBy: '2025-03-11',
          },
        },
      ];
    case 'supply_material':
      return [
        {
          type: 'SupplementaryMaterialSupplied',
          data: {
            requestNumber: 1,
            description: '立法必要性论证报告',
            documentReferences: ['吉人法工〔2025〕9号'],
            replyDueBy: REPLY_DUE_AFTER_WAIT,
          },
        },
      ];
    case 'record_committee_meeting':
      return [
        {
          type: 'CommitteeMeetingRecorded',
          data: {
            meetingKind: 'secretaries_meeting',
            meetingDate: '2025-03-10',
            minutesReference: null,
          },
        },
      ];
    case 'issue_opinion':
      return [
        {
          type: 'OpinionIssued',
          data: {
            documentNumber: OPINION_DOC_NO,
            outcome: 'approved_with_opinions',
            issuedAt: NOW,
            points: POINTS,
            feedbackDueBy: FEEDBACK_DUE,
          },
        },
      ];
    case 'give_feedback':
      return [
        {
          type: 'OpinionPointFeedbackGiven',
          data: {
            pointNumber: 1,
            adoption: 'adopted',
            explanation: null,
            givenAt: NOW,
            readingNumber: null,
            articles: [],
          },
        },
      ];
    case 'revise_feedback':
      return [
        {
          type: 'OpinionPointFeedbackRevised',
          data: {
            pointNumber: 1,
            revisionNumber: 1,
            adoption: 'partly_adopted',
            explanation: '二审稿第十二条第二款部分吸收',
            readingNumber: 2,
            articles: ['art_12/para_2'],
            revisedAt: NOW,
          },
        },
      ];
    case 'withdraw':
      return [
        { type: 'SubmissionWithdrawn', data: { withdrawnAt: NOW, reason: '拟与相关项目合并报告' } },
      ];
    case 'grant_viewer':
      return [
        {
          type: 'SubmissionViewerGranted',
          data: { organisationId: 'jl-government-party-group', userId: null },
        },
      ];
  }
}

/** The state machine as the domain describes it, written out independently of the decider. */
const EXPECTED_ALLOWED: Record<Status, Step[]> = {
  none: ['draft'],
  drafted: [
    'amend_draft',
    'record_proposal',
    'record_party_group_discussion',
    'withdraw',
    'grant_viewer',
  ],
  proposed: ['amend_draft', 'record_party_group_discussion', 'withdraw', 'grant_viewer'],
  discussed: ['amend_draft', 'submit', 'withdraw', 'grant_viewer'],
  submitted: ['receive', 'withdraw', 'grant_viewer'],
  received: ['request_material', 'record_committee_meeting', 'withdraw', 'grant_viewer'],
  awaiting_material: ['request_material', 'supply_material', 'withdraw', 'grant_viewer'],
  committee_discussed: [
    'request_material',
    'record_committee_meeting',
    'issue_opinion',
    'withdraw',
    'grant_viewer',
  ],
  opinion_issued: ['give_feedback', 'revise_feedback', 'grant_viewer'],
  closed: ['revise_feedback', 'grant_viewer'],
  withdrawn: ['grant_viewer'],
};

const LEGISLATURE_ROLES = ['legislature', 'party_group'];
const REQUIRED_ROLES: Record<Step, string[]> = {
  draft: LEGISLATURE_ROLES,
  amend_draft: LEGISLATURE_ROLES,
  record_proposal: LEGISLATURE_ROLES,
  record_party_group_discussion: ['party_group'],
  submit: ['party_group'],
  withdraw: ['party_group'],
  receive: ['committee_office'],
  request_material: ['committee_office'],
  record_committee_meeting: ['committee_office'],
  issue_opinion: ['committee_office'],
  supply_material: LEGISLATURE_ROLES,
  give_feedback: LEGISLATURE_ROLES,
  revise_feedback: LEGISLATURE_ROLES,
  grant_viewer: ['admin', 'party_group', 'committee_office'],
};

/** A state in which each step is open, so a refusal can only come from the check under test. */
const OPEN_IN: Record<Step, Status> = {
  draft: 'none',
  amend_draft: 'drafted',
  record_proposal: 'drafted',
  record_party_group_discussion: 'proposed',
  submit: 'discussed',
  receive: 'submitted',
  request_material: 'received',
  supply_material: 'awaiting_material',
  record_committee_meeting: 'received',
  issue_opinion: 'committee_discussed',
  give_feedback: 'opinion_issued',
  revise_feedback: 'closed',
  withdraw: 'received',
  grant_viewer: 'submitted',
};

const OFFICE_STEPS: Step[] = [
  'receive',
  'request_material',
  'record_committee_meeting',
  'issue_opinion',
];
const SUBMITTING_SIDE_STEPS: Step[] = [
  'draft',
  'amend_draft',
  'record_proposal',
  'supply_material',
  'give_feedback',
  'revise_feedback',
];
const PARTY_GROUP_STEPS: Step[] = ['record_party_group_discussion', 'submit', 'withdraw'];

/** Where each allowed transition leaves the submission. */
const EXPECTED_NEXT: Record<Status, Partial<Record<Step, Status>>> = {
  none: { draft: 'drafted' },
  drafted: {
    amend_draft: 'drafted',
    record_proposal: 'proposed',
    record_party_group_discussion: 'discussed',
    withdraw: 'withdrawn',
    grant_viewer: 'drafted',
  },
  proposed: {
    amend_draft: 'proposed',
    record_party_group_discussion: 'discussed',
    withdraw: 'withdrawn',
    grant_viewer: 'proposed',
  },
  discussed: {
    amend_draft: 'discussed',
    submit: 'submitted',
    withdraw: 'withdrawn',
    grant_viewer: 'discussed',
  },
  submitted: { receive: 'received', withdraw: 'withdrawn', grant_viewer: 'submitted' },
  received: {
    request_material: 'awaiting_material',
    record_committee_meeting: 'committee_discussed',
    withdraw: 'withdrawn',
    grant_viewer: 'received',
  },
  awaiting_material: {
    request_material: 'awaiting_material',
    supply_material: 'received',
    withdraw: 'withdrawn',
    grant_viewer: 'awaiting_material',
  },
  committee_discussed: {
    request_material: 'awaiting_material',
    record_committee_meeting: 'committee_discussed',
    issue_opinion: 'opinion_issued',
    withdraw: 'withdrawn',
    grant_viewer: 'committee_discussed',
  },
  opinion_issued: {
    give_feedback: 'opinion_issued',
    revise_feedback: 'opinion_issued',
    grant_viewer: 'opinion_issued',
  },
  closed: { revise_feedback: 'closed', grant_viewer: 'closed' },
  withdrawn: { grant_viewer: 'withdrawn' },
};

/** A history where a step's command applies, when the state's own history does not suffice. */
const HISTORY_FOR: Partial<Record<Step, Partial<Record<Status, SubmissionEvent[]>>>> = {
  // Feedback is revised once given: point 1 has it before the opinion is closed.
  revise_feedback: { opinion_issued: [...HISTORY.opinion_issued, feedbackGiven(1)] },
};

describe('submission decider', () => {
  describe('fixtures', () => {
    it.each(STATUSES)('the %s history folds to that state', (status) => {
      expect(fold(submissionDecider, HISTORY[status]).status).toBe(status);
    });

    it('ALLOWED_STEPS is the state machine the domain describes', () => {
      expect(ALLOWED_STEPS).toEqual(EXPECTED_ALLOWED);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('allowed transitions', () => {
    const allowed = STATUSES.flatMap((status) =>
      EXPECTED_ALLOWED[status].map((step) => [status, step] as const),
    );

    it.each(allowed)('given %s, when %s, then its event and the next state', (status, step) => {
      const { state } = given(HISTORY_FOR[step]?.[status] ?? HISTORY[status])
        .when(COMMAND[step]())
        .then(expectedEvents(step, status));
      expect(state.status).toBe(EXPECTED_NEXT[status][step]);
    });

    describe('draft', () => {
      it('the legislature role of the Party group may draft', () => {
        given([])
          .when(draft({ actor: legislature }))
          .then([drafted()]);
      });

      it('a special committee drafts on behalf of the Party group it belongs to', () => {
        given([])
          .when(draft({ actor: specialCommittee }))
          .then([drafted()]);
      });

      it('carries the content, a requested reply date after today and the references', () => {
        const content: SubmissionContent = {
          ...CONTENT,
          documentNumber: DOC_NO,
          classification: 'secret',
          replyRequestedBy: '2025-03-11',
          references: ['sub-2024-0012'],
        };
        given([])
          .when(draft({ content }))
          .then([
            drafted({
              documentNumber: DOC_NO,
              classification: 'secret',
              replyRequestedBy: '2025-03-11',
              references: ['sub-2024-0012'],
            }),
          ]);
      });

      it('the government Party group reports government legislation to its own committee', () => {
        given([])
          .when(
            draft({
              actor: actor(jilin.governmentPartyGroup, ['party_group']),
              kind: 'report',
              category: 'government_legislation',
              submittingOrganisation: jilin.governmentPartyGroup,
            }),
          )
          .then([
            drafted({
              kind: 'report',
              category: 'government_legislation',
              submittingOrganisationId: 'jl-government-party-group',
            }),
          ]);
      });

      it('the Changchun Party group reports to the Changchun committee', () => {
        given([])
          .when(
            draft({
              actor: actor(changchun.partyGroup, ['party_group']),
              submittingOrganisation: changchun.partyGroup,
              addressedCommittee: changchun.committee,
            }),
          )
          .then([
            drafted({
              submittingOrganisationId: 'cc-npcsc-party-group',
              addressedCommitteeId: 'cc-party-committee',
            }),
          ]);
      });

      const old = histories(drafted({ submissionId: OLD_SUBMISSION_ID }));
      it.each([
        [
          'sent back with revise_and_resubmit',
          [...old.committee_discussed, opinionIssued('revise_and_resubmit')],
        ],
        ['withdrawn', old.withdrawn],
        ['withdrawn before it was sent', [drafted({ submissionId: OLD_SUBMISSION_ID }), withdrawn]],
      ])('a revised submission may replace one %s', (_label, replacedHistory) => {
        given([])
          .when(draft({ replaces: fold(submissionDecider, replacedHistory) }))
          .then([drafted({ replacesSubmissionId: OLD_SUBMISSION_ID })]);
      });
    });

    describe('amend_draft', () => {
      it('records only the fields that changed', () => {
        given(HISTORY.proposed)
          .when(amend({ changes: { documentNumber: DOC_NO, replyRequestedBy: '2025-03-20' } }))
          .then([
            {
              type: 'SubmissionDraftAmended',
              data: { documentNumber: DOC_NO, replyRequestedBy: '2025-03-20' },
            },
          ]);
      });

      it('a special committee may amend the draft', () => {
        given(HISTORY.discussed)
          .when(amend({ actor: specialCommittee, changes: { summary: '修改后的摘要' } }))
          .then([{ type: 'SubmissionDraftAmended', data: { summary: '修改后的摘要' } }]);
      });
    });

    describe('record_party_group_discussion', () => {
      it('may follow the draft directly, without a recorded proposal', () => {
        const { state } = given(HISTORY.drafted)
          .when(recordDiscussion({ meetingKind: 'party_group_meeting', meetingDate: '2025-03-01' }))
          .then([
            {
              type: 'PartyGroupDiscussionRecorded',
              data: {
                meetingKind: 'party_group_meeting',
                meetingDate: '2025-03-01',
                minutesReference: '主任会议纪要〔2025〕2号',
              },
            },
          ]);
        expect(state.status).toBe('discussed');
      });

      it('a meeting on the Beijing date of now is accepted even when UTC is a day behind', () => {
        given(HISTORY.proposed)
          .when(recordDiscussion({ now: LATE_NOW, meetingDate: '2025-03-11' }))
          .then([
            {
              type: 'PartyGroupDiscussionRecorded',
              data: {
                meetingKind: 'chairmans_meeting',
                meetingDate: '2025-03-11',
                minutesReference: '主任会议纪要〔2025〕2号',
              },
            },
          ]);
      });
    });

    describe('submit', () => {
      const submittedWith = (documentNumber: string, replyDueBy: string): SubmissionEvent[] => [
        { type: 'SubmissionSubmitted', data: { submittedAt: NOW, documentNumber, replyDueBy } },
      ];
      const discussedAfter = (...events: SubmissionEvent[]) => [
        ...events,
        proposalRecorded,
        partyGroupDiscussed,
      ];

      it('the document number given on submission wins over the draft’s', () => {
        given(discussedAfter(drafted({ documentNumber: '吉人党〔2025〕4号' })))
          .when(submit())
          .then(submittedWith(DOC_NO, DEFAULT_REPLY_DUE));
      });

      it('without one, the draft’s document number is used', () => {
        given(discussedAfter(drafted({ documentNumber: '吉人党〔2025〕4号' })))
          .when(submit({ documentNumber: null }))
          .then(submittedWith('吉人党〔2025〕4号', DEFAULT_REPLY_DUE));
      });

      it('an amended document number is used', () => {
        given([
          ...HISTORY.discussed,
          { type: 'SubmissionDraftAmended', data: { documentNumber: '吉人党〔2025〕6号' } },
        ])
          .when(submit({ documentNumber: null }))
          .then(submittedWith('吉人党〔2025〕6号', DEFAULT_REPLY_DUE));
      });

      it('replyDueBy is the requested date when it is earlier than the default', () => {
        given(discussedAfter(drafted({ replyRequestedBy: '2025-03-20' })))
          .when(submit())
          .then(submittedWith(DOC_NO, '2025-03-20'));
      });

      it('replyDueBy is the default when the requested date is later', () => {
        given(discussedAfter(drafted({ replyRequestedBy: '2025-04-30' })))
          .when(submit())
          .then(submittedWith(DOC_NO, DEFAULT_REPLY_DUE));
      });

      it('replyDueBy follows an amended requested date', () => {
        given([
          ...discussedAfter(drafted({ replyRequestedBy: '2025-04-30' })),
          { type: 'SubmissionDraftAmended', data: { replyRequestedBy: '2025-03-25' } },
        ])
          .when(submit())
          .then(submittedWith(DOC_NO, '2025-03-25'));
      });

      it('a requested reply date that has passed by the time of sending is refused', () => {
        given(discussedAfter(drafted({ replyRequestedBy: '2025-03-10' })))
          .when(submit())
          .thenThrows(BusinessRuleError, broken('replyRequestedBy', 'in_future'));
      });

      it('replyDueBy is the default once the requested date is amended away', () => {
        given([
          ...discussedAfter(drafted({ replyRequestedBy: '2025-03-20' })),
          { type: 'SubmissionDraftAmended', data: { replyRequestedBy: null } },
        ])
          .when(submit())
          .then(submittedWith(DOC_NO, DEFAULT_REPLY_DUE));
      });
    });

    describe('supplementary material', () => {
      const requested = (requestNumber: number): SubmissionEvent[] => [
        {
          type: 'SupplementaryMaterialRequested',
          data: { requestNumber, description: '请补充立法必要性论证材料', dueBy: '2025-03-11' },
        },
      ];

      it.each([
        ['the first request', 1, HISTORY.received],
        ['a second open request', 2, [...HISTORY.received, materialRequested(1)]],
        [
          'a request after one was supplied',
          2,
          [...HISTORY.received, materialRequested(1), materialSupplied(1)],
        ],
        ['a third request', 3, [...HISTORY.received, materialRequested(1), materialRequested(2)]],
        [
          'a request after a committee meeting',
          2,
          [...HISTORY.committee_discussed, materialRequested(1), materialSupplied(1)],
        ],
      ])('%s is numbered %i', (_label, requestNumber, history) => {
        given(history).when(requestMaterial()).then(requested(requestNumber));
      });

      it('the supply that ends the wait moves the reply due date, as the calendar computed it', () => {
        const { state } = given(HISTORY.awaiting_material)
          .when(supplyMaterial())
          .then(expectedEvents('supply_material', 'awaiting_material'));
        expect(state.replyDueBy).toBe(REPLY_DUE_AFTER_WAIT);
      });

      it('a report moves no reply due date: it has none', () => {
        const report = histories(drafted({ kind: 'report' }));
        const { state } = given([...report.received, materialRequested(1)])
          .when(supplyMaterial())
          .then([
            {
              type: 'SupplementaryMaterialSupplied',
              data: {
                requestNumber: 1,
                description: '立法必要性论证报告',
                documentReferences: ['吉人法工〔2025〕9号'],
                replyDueBy: null,
              },
            },
          ]);
        expect(state.replyDueBy).toBeNull();
      });

      it('supplying one of two open requests keeps the submission awaiting material', () => {
        const { state } = given([...HISTORY.received, materialRequested(1), materialRequested(2)])
          .when(supplyMaterial({ requestNumber: 2 }))
          .then([
            {
              type: 'SupplementaryMaterialSupplied',
              data: {
                requestNumber: 2,
                description: '立法必要性论证报告',
                documentReferences: ['吉人法工〔2025〕9号'],
                replyDueBy: null,
              },
            },
          ]);
        expect(state.status).toBe('awaiting_material');
        expect(state.openMaterialRequests).toEqual([1]);
      });

      it('supplying the last open request before any committee meeting returns to received', () => {
        const history = [
          ...HISTORY.received,
          materialRequested(1),
          materialRequested(2),
          materialSupplied(2),
        ];
        const { state } = given(history)
          .when(supplyMaterial({ requestNumber: 1 }))
          .then(expectedEvents('supply_material', 'awaiting_material'));
        expect(state.status).toBe('received');
        given([...history, materialSupplied(1)])
          .when(issueOpinion())
          .thenThrows(
            InvalidStepError,
            refused('issue_opinion', 'received', EXPECTED_ALLOWED.received),
          );
      });

      it('supplying the last open request after a committee meeting returns to committee_discussed', () => {
        const history = [...HISTORY.committee_discussed, materialRequested(1)];
        const { state } = given(history)
          .when(supplyMaterial({ actor: partyGroup }))
          .then(expectedEvents('supply_material', 'awaiting_material'));
        expect(state.status).toBe('committee_discussed');
        given([...history, materialSupplied(1)])
          .when(issueOpinion())
          .then(expectedEvents('issue_opinion', 'committee_discussed'));
      });
    });

    describe('issue_opinion', () => {
      const issued = (outcome: OpinionOutcome, points: OpinionPoint[]): SubmissionEvent => ({
        type: 'OpinionIssued',
        data: {
          documentNumber: OPINION_DOC_NO,
          outcome,
          issuedAt: NOW,
          points,
          feedbackDueBy: points.length ? FEEDBACK_DUE : null,
        },
      });
      const closedNow = (
        reason: 'all_points_answered' | 'no_points_to_answer',
      ): SubmissionEvent => ({
        type: 'SubmissionClosed',
        data: { closedAt: NOW, reason },
      });
      const report = histories(drafted({ kind: 'report' }));

      it.each([
        ['request', 'approved', HISTORY.committee_discussed],
        ['request', 'not_approved', HISTORY.committee_discussed],
        ['report', 'noted', report.committee_discussed],
      ] as const)('a %s %s without points is closed at once', (_kind, outcome, history) => {
        const { state } = given(history)
          .when(issueOpinion({ outcome, points: [] }))
          .then([issued(outcome, []), closedNow('no_points_to_answer')]);
        expect(state.status).toBe('closed');
      });

      it.each([
        ['request', 'approved', HISTORY.committee_discussed],
        ['request', 'revise_and_resubmit', HISTORY.committee_discussed],
        ['request', 'not_approved', HISTORY.committee_discussed],
        ['report', 'noted_with_comments', report.committee_discussed],
      ] as const)('a %s %s with points waits for feedback', (_kind, outcome, history) => {
        const { state } = given(history)
          .when(issueOpinion({ outcome }))
          .then([issued(outcome, POINTS)]);
        expect(state.status).toBe('opinion_issued');
        expect(state.opinionPoints).toEqual([1, 2]);
      });
    });

    describe('a report (报告) informs', () => {
      const report = histories(drafted({ kind: 'report' }));

      it('is sent with no reply due date', () => {
        given(report.discussed)
          .when(submit())
          .then([
            {
              type: 'SubmissionSubmitted',
              data: { submittedAt: NOW, documentNumber: DOC_NO, replyDueBy: null },
            },
          ]);
      });

      it.each([
        ['noted', []],
        ['noted_with_comments', POINTS],
      ] as const)('may be %s once received, without a committee meeting', (outcome, points) => {
        const { state } = given(report.received)
          .when(issueOpinion({ outcome, points: [...points] }))
          .then([
            {
              type: 'OpinionIssued',
              data: {
                documentNumber: OPINION_DOC_NO,
                outcome,
                issuedAt: NOW,
                points: [...points],
                feedbackDueBy: points.length ? FEEDBACK_DUE : null,
              },
            },
            ...(points.length
              ? []
              : [
                  {
                    type: 'SubmissionClosed',
                    data: { closedAt: NOW, reason: 'no_points_to_answer' },
                  } as const,
                ]),
          ]);
        expect(state.status).toBe(points.length ? 'opinion_issued' : 'closed');
      });

      it('gets only a report’s outcomes when noted straight from received', () => {
        given(report.received)
          .when(issueOpinion({ outcome: 'approved', points: [] }))
          .thenThrows(BusinessRuleError, broken('outcome', 'outcome_for_report'));
      });

      it('a request (请示) still waits for a committee meeting before its opinion', () => {
        given(HISTORY.received)
          .when(issueOpinion())
          .thenThrows(
            InvalidStepError,
            refused('issue_opinion', 'received', EXPECTED_ALLOWED.received),
          );
      });
    });

    describe('give_feedback', () => {
      const feedbackNow = (
        pointNumber: number,
        adoption: Adoption,
        explanation: string | null,
      ): SubmissionEvent => ({
        type: 'OpinionPointFeedbackGiven',
        data: {
          pointNumber,
          adoption,
          explanation,
          givenAt: NOW,
          readingNumber: null,
          articles: [],
        },
      });
      const closedNow: SubmissionEvent = {
        type: 'SubmissionClosed',
        data: { closedAt: NOW, reason: 'all_points_answered' },
      };

      it('feedback on the second point first leaves the first open', () => {
        const { state } = given(HISTORY.opinion_issued)
          .when(giveFeedback({ pointNumber: 2, actor: specialCommittee }))
          .then([feedbackNow(2, 'adopted', null)]);
        expect(state.status).toBe('opinion_issued');
        expect(state.answeredPoints).toEqual([2]);
      });

      it('feedback on the last open point closes the submission, with a trimmed explanation', () => {
        const { state } = given([...HISTORY.opinion_issued, feedbackGiven(1)])
          .when(
            giveFeedback({
              actor: partyGroup,
              pointNumber: 2,
              adoption: 'partly_adopted',
              explanation: '  已列入2025年度调研项目  ',
            }),
          )
          .then([feedbackNow(2, 'partly_adopted', '已列入2025年度调研项目'), closedNow]);
        expect(state.status).toBe('closed');
      });

      it('the last open point may be the first one', () => {
        given([...HISTORY.opinion_issued, feedbackGiven(2)])
          .when(giveFeedback({ adoption: 'not_adopted', explanation: '超出地方立法权限' }))
          .then([feedbackNow(1, 'not_adopted', '超出地方立法权限'), closedNow]);
      });

      it('an opinion with one point is closed by its only feedback', () => {
        given([...HISTORY.committee_discussed, opinionIssued('approved', [POINTS[0]])])
          .when(giveFeedback({ explanation: '已据此修改' }))
          .then([feedbackNow(1, 'adopted', '已据此修改'), closedNow]);
      });
    });

    describe('grant_viewer', () => {
      const unsent: Status[] = ['drafted', 'proposed', 'discussed'];
      const sent = STATUSES.filter((status) => status !== 'none' && !unsent.includes(status));

      it.each(sent)('an administrator may grant a viewer while %s', (status) => {
        const { actedAs } = given(HISTORY[status])
          .when(grantViewer({ actor: admin }))
          .then([viewerGranted('jl-government-party-group', null)]);
        expect(actedAs).toBe('admin');
      });

      it.each(unsent)(
        'an administrator may not open a draft never sent (%s) to anyone',
        (status) => {
          given(HISTORY[status])
            .when(grantViewer({ actor: admin }))
            .thenThrows(ForbiddenError, wrongSide('grant_viewer', 'platform-operator', 'sent'));
        },
      );

      it.each([
        ['their own user', { organisationId: null, userId: admin.userId }, 'userId'],
        ['their own organisation', { organisationId: 'platform-operator' }, 'organisationId'],
      ])('nobody grants access to themself: an administrator granting %s', (_l, grant, field) => {
        given(HISTORY.submitted)
          .when(grantViewer({ actor: admin, ...grant }))
          .thenThrows(BusinessRuleError, broken(field, 'not_to_self'));
      });

      it('the submitting Party group may share its own draft', () => {
        given(HISTORY.drafted)
          .when(grantViewer({ actor: partyGroup }))
          .then([viewerGranted('jl-government-party-group', null)]);
      });

      it('the addressed committee office may grant a single user', () => {
        const { state } = given(HISTORY.closed)
          .when(grantViewer({ actor: office, organisationId: null, userId: 'u-jl-assessor-7' }))
          .then([viewerGranted(null, 'u-jl-assessor-7')]);
        expect(state.viewerUserIds).toEqual(['u-jl-assessor-7']);
        expect(state.viewerOrganisationIds).toEqual([]);
      });

      it('another user may be granted after a first one', () => {
        given([...HISTORY.received, viewerGranted(null, 'u-1')])
          .when(grantViewer({ organisationId: null, userId: 'u-2' }))
          .then([viewerGranted(null, 'u-2')]);
      });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('refused steps (409)', () => {
    const refusedSteps = STATUSES.filter((status) => status !== 'none').flatMap((status) =>
      ALL_STEPS.filter((step) => !EXPECTED_ALLOWED[status].includes(step)).map(
        (step) => [status, step] as const,
      ),
    );

    it('covers every refused pair', () => {
      // 14 steps in 10 states, less the 35 allowed pairs
      expect(refusedSteps).toHaveLength(14 * 10 - 35);
    });

    it.each(refusedSteps)('given %s, when %s, then InvalidStepError', (status, step) => {
      given(HISTORY[status])
        .when(COMMAND[step]())
        .thenThrows(InvalidStepError, refused(step, status, EXPECTED_ALLOWED[status]));
    });

    it('before a draft exists nobody is party to it, so any other step is forbidden', () => {
      given([])
        .when(receive())
        .thenThrows(
          ForbiddenError,
          wrongSide('receive', 'jl-committee-office', 'addressed_office'),
        );
    });

    it('the same point cannot get feedback twice', () => {
      given([...HISTORY.opinion_issued, feedbackGiven(1)])
        .when(giveFeedback({ adoption: 'not_adopted', explanation: '重新考虑' }))
        .thenThrows(InvalidStepError, {
          details: {
            step: 'give_feedback',
            currentState: 'opinion_issued',
            allowedSteps: ['give_feedback', 'revise_feedback', 'grant_viewer'],
            pointNumber: 1,
            reason: 'point 1 already has feedback',
          },
        });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('forbidden (403)', () => {
    const when = (step: Step, who: ActorContext) =>
      given(HISTORY[OPEN_IN[step]]).when(COMMAND[step](who));

    describe('wrong role', () => {
      it.each(ALL_STEPS)('an analyst may not %s', (step) => {
        when(step, analyst).thenThrows(ForbiddenError, wrongRole(step, REQUIRED_ROLES[step]));
      });

      it.each(ALL_STEPS.filter((step) => step !== 'grant_viewer'))(
        'an administrator may not %s',
        (step) => {
          when(step, admin).thenThrows(ForbiddenError, wrongRole(step, REQUIRED_ROLES[step]));
        },
      );

      it.each([...SUBMITTING_SIDE_STEPS, ...PARTY_GROUP_STEPS])(
        'the committee office may not take the legislature’s step %s',
        (step) => {
          when(step, office).thenThrows(ForbiddenError, wrongRole(step, REQUIRED_ROLES[step]));
        },
      );

      it.each(
        OFFICE_STEPS.flatMap((step) =>
          [partyGroup, legislature].map((who) => [step, who.userId, who] as const),
        ),
      )('the legislature may not take the office’s step %s (as %s)', (step, _user, who) => {
        when(step, who).thenThrows(ForbiddenError, wrongRole(step, ['committee_office']));
      });

      it.each(
        PARTY_GROUP_STEPS.flatMap((step) =>
          [legislature, specialCommittee].map((who) => [step, who.userId, who] as const),
        ),
      )('only the party_group role may %s, not %s', (step, _user, who) => {
        when(step, who).thenThrows(ForbiddenError, wrongRole(step, ['party_group']));
      });

      it('the legislature role may not grant viewers', () => {
        when('grant_viewer', legislature).thenThrows(
          ForbiddenError,
          wrongRole('grant_viewer', ['admin', 'party_group', 'committee_office']),
        );
      });
    });

    describe('right role, wrong organisation', () => {
      const asOffice = (org: typeof jilin.office) => actor(org, ['committee_office']);

      it.each(OFFICE_STEPS)('the Changchun office may not %s on a Jilin submission', (step) => {
        when(step, asOffice(changchun.office)).thenThrows(
          ForbiddenError,
          wrongSide(step, 'cc-committee-office', 'addressed_office'),
        );
      });

      it.each(OFFICE_STEPS)('the Party Committee itself, not its office, may not %s', (step) => {
        when(step, asOffice(jilin.committee)).thenThrows(
          ForbiddenError,
          wrongSide(step, 'jl-party-committee', 'addressed_office'),
        );
      });

      // The organisation decider lets bodies other than offices name the committee as parent.
      const underCommittee = actor(
        { ...jilin.outreachOffice, parentOrganisationId: jilin.committee.organisationId },
        ['committee_office'],
      );

      it.each(OFFICE_STEPS)(
        'a body under the committee that is not its office may not %s',
        (step) => {
          when(step, underCommittee).thenThrows(
            ForbiddenError,
            wrongSide(step, 'jl-outreach-office', 'addressed_office'),
          );
        },
      );

      // The same holds on the submitting side: only a special committee acts for its Party group.
      const underPartyGroup = actor(
        { ...jilin.outreachOffice, parentOrganisationId: jilin.partyGroup.organisationId },
        ['legislature'],
      );

      it('a body under the Party group that is not a special committee may not give feedback', () => {
        when('give_feedback', underPartyGroup).thenThrows(
          ForbiddenError,
          wrongSide('give_feedback', 'jl-outreach-office', 'submitting_side'),
        );
      });

      it.each(OFFICE_STEPS)('the Party group acting as the office may not %s', (step) => {
        when(step, asOffice(jilin.partyGroup)).thenThrows(
          ForbiddenError,
          wrongSide(step, 'jl-npcsc-party-group', 'addressed_office'),
        );
      });

      it.each(SUBMITTING_SIDE_STEPS)('the office acting as the legislature may not %s', (step) => {
        when(step, actor(jilin.office, ['legislature'])).thenThrows(
          ForbiddenError,
          wrongSide(step, 'jl-committee-office', 'submitting_side'),
        );
      });

      it.each(PARTY_GROUP_STEPS)('the office acting as the Party group may not %s', (step) => {
        when(step, actor(jilin.office, ['party_group'])).thenThrows(
          ForbiddenError,
          wrongSide(step, 'jl-committee-office', 'submitting_party_group'),
        );
      });

      it.each(PARTY_GROUP_STEPS)(
        'a special committee may not %s: the Party group itself must',
        (step) => {
          when(step, actor(jilin.specialCommittee, ['party_group'])).thenThrows(
            ForbiddenError,
            wrongSide(step, 'jl-legislative-affairs', 'submitting_party_group'),
          );
        },
      );

      it.each(SUBMITTING_SIDE_STEPS)(
        'the Changchun special committee may not %s on a Jilin submission',
        (step) => {
          when(step, actor(changchun.specialCommittee, ['legislature'])).thenThrows(
            ForbiddenError,
            wrongSide(step, 'cc-legislative-affairs', 'submitting_side'),
          );
        },
      );

      it.each([...SUBMITTING_SIDE_STEPS, ...PARTY_GROUP_STEPS])(
        'the Changchun Party group may not %s on a Jilin submission',
        (step) => {
          const side = PARTY_GROUP_STEPS.includes(step)
            ? 'submitting_party_group'
            : 'submitting_side';
          when(step, actor(changchun.partyGroup, ['party_group'])).thenThrows(
            ForbiddenError,
            wrongSide(step, 'cc-npcsc-party-group', side),
          );
        },
      );

      it('another Party group of the same level may not withdraw the submission', () => {
        when('withdraw', actor(jilin.governmentPartyGroup, ['party_group'])).thenThrows(
          ForbiddenError,
          wrongSide('withdraw', 'jl-government-party-group', 'submitting_party_group'),
        );
      });

      it.each([
        [
          'cc-npcsc-party-group',
          actor(changchun.partyGroup, ['party_group']),
          'submitting_party_group',
        ],
        [
          'jl-legislative-affairs',
          actor(jilin.specialCommittee, ['party_group']),
          'submitting_party_group',
        ],
        ['cc-committee-office', asOffice(changchun.office), 'addressed_office'],
        ['jl-party-committee', asOffice(jilin.committee), 'addressed_office'],
      ])(
        '%s may not grant viewers: only the submitter, the addressed office or an administrator',
        (orgId, who, side) => {
          when('grant_viewer', who).thenThrows(
            ForbiddenError,
            wrongSide('grant_viewer', orgId, side),
          );
        },
      );

      it('authorisation is checked before the state, revealing nothing to outsiders', () => {
        given(HISTORY.closed)
          .when(receive({ actor: asOffice(changchun.office) }))
          .thenThrows(
            ForbiddenError,
            wrongSide('receive', 'cc-committee-office', 'addressed_office'),
          );
      });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('users with several roles', () => {
    it('the step is taken in the role that fits the organisation, not the first role held', () => {
      const officeWithTwoRoles = actor(jilin.office, ['party_group', 'committee_office']);
      given(HISTORY.submitted)
        .when(grantViewer({ actor: officeWithTwoRoles }))
        .then([
          {
            type: 'SubmissionViewerGranted',
            data: { organisationId: jilin.governmentPartyGroup.organisationId, userId: null },
          },
        ]);
    });
  });

  describe('amendments', () => {
    it('an amendment whose every field is undefined changes nothing and is refused', () => {
      given(HISTORY.drafted)
        .when(amend({ changes: { title: undefined } }))
        .thenThrows(BusinessRuleError, broken('changes', 'not_empty'));
    });
  });

  describe('business rules (422)', () => {
    describe('proposal', () => {
      it.each([
        ['an unknown organisation', null],
        ['the Party group itself', jilin.partyGroup],
        ['another level’s special committee', changchun.specialCommittee],
      ])('a proposal does not come from %s', (_name, proposingOrganisation) => {
        given(HISTORY.drafted)
          .when(recordProposal({ proposingOrganisation }))
          .thenThrows(
            BusinessRuleError,
            broken('proposingOrganisationId', 'special_committee_of_party_group'),
          );
      });

      it('a proposal is recorded after it was made', () => {
        given(HISTORY.drafted)
          .when(recordProposal({ proposedOn: '2025-03-11' }))
          .thenThrows(BusinessRuleError, broken('proposedOn', 'not_in_future'));
      });
    });

    describe('draft', () => {
      it('a Party group reports to the committee at its own level, not the one above', () => {
        given([])
          .when(draft({ addressedCommittee: changchun.committee }))
          .thenThrows(BusinessRuleError, broken('addressedCommitteeId', 'same_level'));
      });

      it('a city Party group does not report to the provincial committee', () => {
        given([])
          .when(
            draft({
              actor: actor(changchun.partyGroup, ['party_group']),
              submittingOrganisation: changchun.partyGroup,
            }),
          )
          .thenThrows(BusinessRuleError, broken('addressedCommitteeId', 'same_level'));
      });

      it.each([jilin.office, jilin.governmentPartyGroup])(
        'a submission is addressed to a Party Committee, not a $kind',
        (addressedCommittee) => {
          given([])
            .when(draft({ addressedCommittee }))
            .thenThrows(
              BusinessRuleError,
              broken('addressedCommitteeId', 'addressed_to_party_committee'),
            );
        },
      );

      it.each([jilin.specialCommittee, jilin.outreachOffice])(
        'the submitter cannot be a $kind',
        (submittingOrganisation) => {
          given([])
            .when(
              draft({
                actor: actor(submittingOrganisation, ['legislature']),
                submittingOrganisation,
              }),
            )
            .thenThrows(
              BusinessRuleError,
              broken('submittingOrganisationId', 'submitter_is_party_group'),
            );
        },
      );

      it.each(['legislative_plan', 'legislative_project', 'drafting', 'pre_deliberation'] as const)(
        'a county-level Party group has no legislative power, so it drafts no %s submission',
        (category) => {
          given([])
            .when(
              draft({
                actor: actor(nanguan.partyGroup, ['party_group']),
                submittingOrganisation: nanguan.partyGroup,
                addressedCommittee: nanguan.committee,
                category,
              }),
            )
            .thenThrows(BusinessRuleError, broken('submittingOrganisationId', 'legislative_power'));
        },
      );

      it('a county-level Party group may still report a major issue to its committee', () => {
        given([])
          .when(
            draft({
              actor: actor(nanguan.partyGroup, ['party_group']),
              submittingOrganisation: nanguan.partyGroup,
              addressedCommittee: nanguan.committee,
              category: 'major_issue',
            }),
          )
          .then([
            drafted({
              category: 'major_issue',
              submittingOrganisationId: nanguan.partyGroup.organisationId,
              addressedCommitteeId: nanguan.committee.organisationId,
            }),
          ]);
      });

      it('the NPC Standing Committee Party group reports its plan to the Central Committee', () => {
        given([])
          .when(
            draft({
              actor: actor(national.partyGroup, ['party_group']),
              submittingOrganisation: national.partyGroup,
              addressedCommittee: national.committee,
            }),
          )
          .then([
            drafted({
              submittingOrganisationId: national.partyGroup.organisationId,
              addressedCommitteeId: national.committee.organisationId,
            }),
          ]);
      });

      it('a government Party group submits only in the government_legislation category', () => {
        given([])
          .when(
            draft({
              actor: actor(jilin.governmentPartyGroup, ['party_group']),
              submittingOrganisation: jilin.governmentPartyGroup,
            }),
          )
          .thenThrows(
            BusinessRuleError,
            broken('category', 'government_legislation_by_government_party_group'),
          );
      });

      it('only a government Party group submits in the government_legislation category', () => {
        given([])
          .when(draft({ category: 'government_legislation' }))
          .thenThrows(
            BusinessRuleError,
            broken('category', 'government_legislation_by_government_party_group'),
          );
      });

      it.each([
        ['yesterday', NOW, '2025-03-09'],
        ['today', NOW, '2025-03-10'],
        ['today in Beijing, tomorrow in UTC', LATE_NOW, '2025-03-11'],
      ])('a reply cannot be requested by %s', (_label, now, replyRequestedBy) => {
        given([])
          .when(draft({ now, content: { ...CONTENT, replyRequestedBy } }))
          .thenThrows(BusinessRuleError, broken('replyRequestedBy', 'in_future'));
      });

      const old = histories(drafted({ submissionId: OLD_SUBMISSION_ID }));

      it.each([
        ['another committee', { addressedCommitteeId: jilin.office.organisationId }],
        ['another kind', { kind: 'report' as const }],
      ])('a revised submission does not go to %s', (_label, overrides) => {
        const elsewhere = histories(drafted({ submissionId: OLD_SUBMISSION_ID, ...overrides }));
        given([])
          .when(draft({ replaces: fold(submissionDecider, elsewhere.withdrawn) }))
          .thenThrows(BusinessRuleError, broken('replacesSubmissionId', 'same_committee_and_kind'));
      });

      it('a revised submission replaces one of the same Party group', () => {
        const otherSubmitter = histories(
          drafted({
            submissionId: OLD_SUBMISSION_ID,
            category: 'government_legislation',
            submittingOrganisationId: jilin.governmentPartyGroup.organisationId,
          }),
        );
        given([])
          .when(draft({ replaces: fold(submissionDecider, otherSubmitter.withdrawn) }))
          .thenThrows(BusinessRuleError, broken('replacesSubmissionId', 'same_submitter'));
      });

      it('a submission is replaced once: a second revision revises the first one instead', () => {
        const replacedAlready = {
          ...fold(submissionDecider, old.withdrawn),
          replacedBySubmissionId: 'sub-2025-0002',
        };
        given([])
          .when(draft({ replaces: replacedAlready }))
          .thenThrows(BusinessRuleError, broken('replacesSubmissionId', 'replaced_once'));
      });

      it.each([
        ['still in progress', old.received],
        ['approved with opinions', old.closed],
        [
          'not approved',
          [
            ...old.committee_discussed,
            opinionIssued('not_approved', []),
            closed('no_points_to_answer'),
          ],
        ],
      ])('a submission %s cannot be replaced', (_label, replacedHistory) => {
        given([])
          .when(draft({ replaces: fold(submissionDecider, replacedHistory) }))
          .thenThrows(BusinessRuleError, broken('replacesSubmissionId', 'replaceable'));
      });
    });

    describe('amend_draft', () => {
      it('an amendment changes at least one field', () => {
        given(HISTORY.drafted)
          .when(amend({ changes: {} }))
          .thenThrows(BusinessRuleError, broken('changes', 'not_empty'));
      });

      it('an amended reply date must be after today', () => {
        given(HISTORY.discussed)
          .when(amend({ changes: { replyRequestedBy: '2025-03-10' } }))
          .thenThrows(BusinessRuleError, broken('replyRequestedBy', 'in_future'));
      });
    });

    describe('submit', () => {
      it('a submission is sent with a document number', () => {
        given(HISTORY.discussed)
          .when(submit({ documentNumber: null }))
          .thenThrows(BusinessRuleError, broken('documentNumber', 'required'));
      });
    });

    describe('meeting kinds fit the body', () => {
      const governmentDraft = drafted({
        category: 'government_legislation',
        submittingOrganisationId: jilin.governmentPartyGroup.organisationId,
      });
      const government = actor(jilin.governmentPartyGroup, ['party_group']);

      it.each(['chairmans_meeting', 'standing_committee_session'] as const)(
        'a government Party group does not discuss at a %s',
        (meetingKind) => {
          given([governmentDraft])
            .when(recordDiscussion({ actor: government, meetingKind }))
            .thenThrows(BusinessRuleError, broken('meetingKind', 'meeting_kind_for_body'));
        },
      );

      it('a Standing Committee Party group does not discuss at the government executive meeting', () => {
        given(HISTORY.proposed)
          .when(recordDiscussion({ meetingKind: 'executive_meeting' }))
          .thenThrows(BusinessRuleError, broken('meetingKind', 'meeting_kind_for_body'));
      });

      it('a government Party group discusses at the executive meeting (政府常务会议)', () => {
        given([governmentDraft])
          .when(recordDiscussion({ actor: government, meetingKind: 'executive_meeting' }))
          .then([
            {
              type: 'PartyGroupDiscussionRecorded',
              data: {
                meetingKind: 'executive_meeting',
                meetingDate: '2025-03-10',
                minutesReference: '主任会议纪要〔2025〕2号',
              },
            },
          ]);
      });

      it('a Standing Committee Party group may discuss at a Standing Committee session', () => {
        given(HISTORY.proposed)
          .when(recordDiscussion({ meetingKind: 'standing_committee_session' }))
          .then([
            {
              type: 'PartyGroupDiscussionRecorded',
              data: {
                meetingKind: 'standing_committee_session',
                meetingDate: '2025-03-10',
                minutesReference: '主任会议纪要〔2025〕2号',
              },
            },
          ]);
      });
    });

    describe('meetings are recorded after they took place', () => {
      it('a Party group meeting tomorrow cannot be recorded', () => {
        given(HISTORY.proposed)
          .when(recordDiscussion({ meetingDate: '2025-03-11' }))
          .thenThrows(BusinessRuleError, broken('meetingDate', 'not_in_future'));
      });

      it('a committee meeting tomorrow cannot be recorded', () => {
        given(HISTORY.received)
          .when(recordCommitteeMeeting({ meetingDate: '2025-03-11' }))
          .thenThrows(BusinessRuleError, broken('meetingDate', 'not_in_future'));
      });
    });

    describe('supplementary material', () => {
      it.each([
        ['today', NOW, '2025-03-10'],
        ['yesterday', NOW, '2025-03-09'],
        ['today in Beijing, tomorrow in UTC', LATE_NOW, '2025-03-11'],
      ])('material cannot be due %s', (_label, now, dueBy) => {
        given(HISTORY.received)
          .when(requestMaterial({ now, dueBy }))
          .thenThrows(BusinessRuleError, broken('dueBy', 'in_future'));
      });

      it('material is supplied against an open request only', () => {
        given(HISTORY.awaiting_material)
          .when(supplyMaterial({ requestNumber: 2 }))
          .thenThrows(BusinessRuleError, broken('requestNumber', 'open_request'));
      });

      it('a request already answered is no longer open', () => {
        given([
          ...HISTORY.received,
          materialRequested(1),
          materialRequested(2),
          materialSupplied(1),
        ])
          .when(supplyMaterial({ requestNumber: 1 }))
          .thenThrows(BusinessRuleError, broken('requestNumber', 'open_request'));
      });
    });

    describe('issue_opinion', () => {
      const report = histories(drafted({ kind: 'report' }));

      it.each(['noted', 'noted_with_comments'] as const)('a request cannot be %s', (outcome) => {
        given(HISTORY.committee_discussed)
          .when(issueOpinion({ outcome }))
          .thenThrows(BusinessRuleError, broken('outcome', 'outcome_for_request'));
      });

      it.each([
        'approved',
        'approved_with_opinions',
        'revise_and_resubmit',
        'not_approved',
      ] as const)('a report cannot be %s', (outcome) => {
        given(report.committee_discussed)
          .when(issueOpinion({ outcome }))
          .thenThrows(BusinessRuleError, broken('outcome', 'outcome_for_report'));
      });

      it.each([
        ['approved_with_opinions', HISTORY.committee_discussed],
        ['revise_and_resubmit', HISTORY.committee_discussed],
        ['noted_with_comments', report.committee_discussed],
      ] as const)('an opinion %s states its points', (outcome, history) => {
        given(history)
          .when(issueOpinion({ outcome, points: [] }))
          .thenThrows(BusinessRuleError, broken('points', 'points_required'));
      });

      it.each([
        [[2], 'points[0].number'],
        [[1, 3], 'points[1].number'],
        [[1, 1], 'points[1].number'],
        [[0, 1], 'points[0].number'],
      ])('points numbered %j break numbered_from_one at %s', (numbers, field) => {
        const points = numbers.map((number) => ({ number, text: `意见${number}` }));
        given(HISTORY.committee_discussed)
          .when(issueOpinion({ points }))
          .thenThrows(BusinessRuleError, broken(field, 'numbered_from_one'));
      });
    });

    describe('give_feedback', () => {
      it.each([0, 3])('there is no point %i to answer', (pointNumber) => {
        given(HISTORY.opinion_issued)
          .when(giveFeedback({ pointNumber }))
          .thenThrows(BusinessRuleError, broken('pointNumber', 'existing_point'));
      });

      it.each([
        ['partly_adopted', null],
        ['not_adopted', null],
        ['not_adopted', '   '],
        ['partly_adopted', ''],
      ] as const)('%s feedback with explanation %j is refused', (adoption, explanation) => {
        given(HISTORY.opinion_issued)
          .when(giveFeedback({ adoption, explanation }))
          .thenThrows(BusinessRuleError, broken('explanation', 'required_unless_adopted'));
      });
    });

    describe('grant_viewer', () => {
      it.each([
        ['both an organisation and a user', 'jl-government-party-group', 'u-1'],
        ['neither an organisation nor a user', null, null],
      ])('a grant naming %s is refused', (_label, organisationId, userId) => {
        given(HISTORY.received)
          .when(grantViewer({ organisationId, userId }))
          .thenThrows(BusinessRuleError, broken('organisationId', 'exactly_one_grantee'));
      });

      it('an organisation is not granted twice', () => {
        given([...HISTORY.received, viewerGranted('jl-government-party-group', null)])
          .when(grantViewer({ actor: office }))
          .thenThrows(BusinessRuleError, broken('organisationId', 'not_granted_yet'));
      });

      it('a user is not granted twice', () => {
        given([...HISTORY.received, viewerGranted(null, 'u-1')])
          .when(grantViewer({ actor: admin, organisationId: null, userId: 'u-1' }))
          .thenThrows(BusinessRuleError, broken('userId', 'not_granted_yet'));
      });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('canRead', () => {
    const readable = (who: ActorContext, history: SubmissionEvent[]) =>
      canRead(who, fold(submissionDecider, history));
    const granted = [
      ...HISTORY.received,
      viewerGranted('jl-government-party-group', null),
      viewerGranted(null, 'u-cc-office-reader'),
    ];
    const committee = actor(jilin.committee, ['committee_office']);
    const governmentPartyGroup = actor(jilin.governmentPartyGroup, ['party_group']);
    const ccOffice = actor(changchun.office, ['committee_office']);
    const ccOfficeReader = actor(changchun.office, ['committee_office'], 'u-cc-office-reader');

    it.each([
      ['the submitting Party group', true, partyGroup, HISTORY.drafted],
      ['the Party group’s legislature user', true, legislature, HISTORY.drafted],
      ['the special committee under the Party group', true, specialCommittee, HISTORY.drafted],
      ['the addressed committee, before submission', false, committee, HISTORY.discussed],
      ['the addressed office, before submission', false, office, HISTORY.discussed],
      ['the addressed office, withdrawn unsent', false, office, [drafted(), withdrawn]],
      ['the addressed committee, once submitted', true, committee, HISTORY.submitted],
      ['the addressed office, once submitted', true, office, HISTORY.submitted],
      ['the addressed office, withdrawn after submission', true, office, HISTORY.withdrawn],
      ['the addressed office, closed', true, office, HISTORY.closed],
      ['the Changchun office', false, ccOffice, HISTORY.closed],
      [
        'the Changchun committee',
        false,
        actor(changchun.committee, ['committee_office']),
        HISTORY.closed,
      ],
      [
        'the Changchun Party group',
        false,
        actor(changchun.partyGroup, ['party_group']),
        HISTORY.closed,
      ],
      [
        'the Changchun special committee',
        false,
        actor(changchun.specialCommittee, ['legislature']),
        HISTORY.closed,
      ],
      ['the government Party group, not granted', false, governmentPartyGroup, HISTORY.received],
      ['the government Party group, granted', true, governmentPartyGroup, granted],
      ['a granted user of an outside organisation', true, ccOfficeReader, granted],
      ['a colleague of the granted user', false, ccOffice, granted],
      ['an outreach office', false, actor(jilin.outreachOffice, ['legislature']), granted],
      [
        'a body under the committee that is not its office',
        false,
        actor({ ...jilin.outreachOffice, parentOrganisationId: 'jl-party-committee' }, [
          'committee_office',
        ]),
        granted,
      ],
      [
        'a body under the Party group that is not a special committee',
        false,
        actor({ ...jilin.outreachOffice, parentOrganisationId: 'jl-npcsc-party-group' }, [
          'legislature',
        ]),
        HISTORY.drafted,
      ],
      ['an analyst of the platform operator', false, actor(jilin.platform, ['analyst']), granted],
      ['an administrator, without a grant', false, admin, granted],
    ] as const)('%s → %s', (_label, expected, who, history) => {
      expect(readable(who, [...history])).toBe(expected);
    });
  });
});
