/** One decision per command: the events it records, once the workflow admitted the step. */
import { SubmissionEvent } from '../../events/submission-events';
import { rule } from '../../platform/kernel/domain-errors';
import { StepRefused } from '../../platform/kernel/workflow';
import * as C from './submission.commands';
import {
  checkDiscussion,
  checkDraft,
  checkDueInFuture,
  checkGrant,
  checkHappened,
  checkOpinion,
  checkPreDeliberation,
  checkReplyRequestedBy,
} from './submission.rules';
import { SubmissionState } from './submission.state';

type Decide<Command> = (command: Command, state: SubmissionState) => SubmissionEvent[];

export const draft: Decide<C.DraftSubmission> = (command) => {
  checkDraft(command);
  return [
    {
      type: 'SubmissionDrafted',
      data: {
        submissionId: command.submissionId,
        kind: command.kind,
        category: command.category,
        ...command.content,
        itemIds: command.subjects.itemIds,
        decisionIds: command.subjects.decisionIds,
        submittingOrganisationId: command.submittingOrganisation.organisationId,
        addressedCommitteeId: command.addressedCommittee.organisationId,
        replacesSubmissionId: command.replaces?.submissionId ?? null,
      },
    },
  ];
};

export const amendDraft: Decide<C.AmendDraft> = (command, state) => {
  rule(
    Object.values(command.changes).some((value) => value !== undefined),
    'changes',
    'not_empty',
    'An amendment changes at least one field',
  );
  checkReplyRequestedBy(command.changes.replyRequestedBy, command.now);
  checkPreDeliberation({
    kind: state.kind,
    category: state.category,
    itemIds: command.changes.itemIds ?? state.itemIds,
    replyRequestedBy:
      command.changes.replyRequestedBy !== undefined
        ? command.changes.replyRequestedBy
        : state.replyRequestedBy,
  });
  return [{ type: 'SubmissionDraftAmended', data: command.changes }];
};

export const recordProposal: Decide<C.RecordProposal> = (command, state) => {
  rule(
    command.proposingOrganisation?.kind === 'special_committee' &&
      command.proposingOrganisation.reportsThrough === state.submittingOrganisationId,
    'proposingOrganisationId',
    'special_committee_of_party_group',
    'A proposal to the Party group comes from one of its special committees or working bodies',
  );
  checkHappened(command.proposedOn, command.now, 'proposedOn', 'A proposal');
  return [
    {
      type: 'ProposalToPartyGroupRecorded',
      data: {
        proposingOrganisationId: command.proposingOrganisationId,
        proposedOn: command.proposedOn,
        note: command.note,
      },
    },
  ];
};

export const recordPartyGroupDiscussion: Decide<C.RecordPartyGroupDiscussion> = (command) => {
  checkDiscussion(command);
  checkHappened(command.meetingDate, command.now, 'meetingDate', 'A meeting');
  return [
    {
      type: 'PartyGroupDiscussionRecorded',
      data: {
        meetingKind: command.meetingKind,
        meetingDate: command.meetingDate,
        minutesReference: command.minutesReference,
      },
    },
  ];
};

export const submit: Decide<C.Submit> = (command, state) => {
  const documentNumber = command.documentNumber ?? state.documentNumber;
  rule(
    !!documentNumber,
    'documentNumber',
    'required',
    'A submission is sent with a document number (文号)',
  );
  checkReplyRequestedBy(state.replyRequestedBy, command.now);
  checkPreDeliberation(state);
  const requested = state.replyRequestedBy;
  // Before deliberation the reply is due by the vote's agenda date, however far it is.
  const replyDueBy =
    state.kind === 'report'
      ? null
      : state.category === 'pre_deliberation'
        ? requested
        : requested && requested < command.defaultReplyDueBy
          ? requested
          : command.defaultReplyDueBy;
  return [
    {
      type: 'SubmissionSubmitted',
      data: { submittedAt: command.now, documentNumber: documentNumber as string, replyDueBy },
    },
  ];
};

export const receive: Decide<C.Receive> = (command) => [
  {
    type: 'SubmissionReceived',
    data: { receivedAt: command.now, officeLogNumber: command.officeLogNumber },
  },
];

export const requestMaterial: Decide<C.RequestMaterial> = (command, state) => {
  checkDueInFuture(command.dueBy, command.now);
  return [
    {
      type: 'SupplementaryMaterialRequested',
      data: {
        requestNumber: state.materialRequestsMade + 1,
        description: command.description,
        dueBy: command.dueBy,
      },
    },
  ];
};

export const supplyMaterial: Decide<C.SupplyMaterial> = (command, state) => {
  rule(
    state.openMaterialRequests.includes(command.requestNumber),
    'requestNumber',
    'open_request',
    `There is no open material request number ${command.requestNumber}; open: ${
      state.openMaterialRequests.join(', ') || 'none'
    }`,
  );
  const endsWait = state.openMaterialRequests.length === 1;
  return [
    {
      type: 'SupplementaryMaterialSupplied',
      data: {
        requestNumber: command.requestNumber,
        description: command.description,
        documentReferences: command.documentReferences,
        replyDueBy: endsWait && state.replyDueBy ? command.replyDueByAfterWait : null,
      },
    },
  ];
};

export const recordCommitteeMeeting: Decide<C.RecordCommitteeMeeting> = (command) => {
  checkHappened(command.meetingDate, command.now, 'meetingDate', 'A meeting');
  return [
    {
      type: 'CommitteeMeetingRecorded',
      data: {
        meetingKind: command.meetingKind,
        meetingDate: command.meetingDate,
        minutesReference: command.minutesReference,
      },
    },
  ];
};

export const issueOpinion: Decide<C.IssueOpinion> = (command, state) => {
  checkOpinion(command, state);
  const hasPoints = command.points.length > 0;
  const issued: SubmissionEvent = {
    type: 'OpinionIssued',
    data: {
      documentNumber: command.documentNumber,
      outcome: command.outcome,
      issuedAt: command.now,
      points: command.points,
      feedbackDueBy: hasPoints ? command.feedbackDueBy : null,
    },
  };
  if (hasPoints) return [issued];
  return [
    issued,
    { type: 'SubmissionClosed', data: { closedAt: command.now, reason: 'no_points_to_answer' } },
  ];
};

export const giveFeedback: Decide<C.GiveFeedback> = (command, state) => {
  rule(
    state.opinionPoints.includes(command.pointNumber),
    'pointNumber',
    'existing_point',
    `The opinion has points ${state.opinionPoints.join(', ')}; there is no point ${command.pointNumber}`,
  );
  if (state.answeredPoints.includes(command.pointNumber)) {
    throw new StepRefused(`point ${command.pointNumber} already has feedback`, {
      pointNumber: command.pointNumber,
    });
  }
  checkExplained(command);
  const feedback: SubmissionEvent = {
    type: 'OpinionPointFeedbackGiven',
    data: {
      pointNumber: command.pointNumber,
      adoption: command.adoption,
      explanation: command.explanation?.trim() || null,
      givenAt: command.now,
      readingNumber: command.readingNumber,
      articles: command.articles,
    },
  };
  const remaining = state.opinionPoints.filter(
    (n) => n !== command.pointNumber && !state.answeredPoints.includes(n),
  );
  if (remaining.length > 0) return [feedback];
  return [
    feedback,
    { type: 'SubmissionClosed', data: { closedAt: command.now, reason: 'all_points_answered' } },
  ];
};

function checkExplained(command: C.GiveFeedback | C.ReviseFeedback): void {
  rule(
    command.adoption === 'adopted' || !!command.explanation?.trim(),
    'explanation',
    'required_unless_adopted',
    `Feedback of ${command.adoption} must explain why`,
  );
}

/**
 * Feedback on a point is revised as the item moves on: each revision is numbered per point from
 * 1 (the first feedback is revision 0) and becomes the point's current adoption.
 */
export const reviseFeedback: Decide<C.ReviseFeedback> = (command, state) => {
  rule(
    state.opinionPoints.includes(command.pointNumber),
    'pointNumber',
    'existing_point',
    `The opinion has points ${state.opinionPoints.join(', ')}; there is no point ${command.pointNumber}`,
  );
  const latest = state.feedbackRevisions[command.pointNumber];
  if (latest === undefined) {
    throw new StepRefused(
      `point ${command.pointNumber} has no feedback yet: give feedback before revising it`,
      { pointNumber: command.pointNumber },
    );
  }
  checkExplained(command);
  return [
    {
      type: 'OpinionPointFeedbackRevised',
      data: {
        pointNumber: command.pointNumber,
        revisionNumber: latest + 1,
        adoption: command.adoption,
        explanation: command.explanation?.trim() || null,
        readingNumber: command.readingNumber,
        articles: command.articles,
        revisedAt: command.now,
      },
    },
  ];
};

export const withdraw: Decide<C.Withdraw> = (command) => [
  { type: 'SubmissionWithdrawn', data: { withdrawnAt: command.now, reason: command.reason } },
];

export const grantViewer: Decide<C.GrantViewer> = (command, state) => {
  checkGrant(command, state);
  return [
    {
      type: 'SubmissionViewerGranted',
      data: { organisationId: command.organisationId, userId: command.userId },
    },
  ];
};
