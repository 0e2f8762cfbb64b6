import { SubmissionEvent } from '../../events/submission-events';
import { defineAggregate } from '../../platform/kernel/feature';
import { workflow } from '../../platform/kernel/workflow';
import { SubmissionCommand } from './submission.commands';
import * as decisions from './submission.decisions';
import {
  ALLOWED_STEPS,
  SIDES,
  STEPS,
  Side,
  SUBMISSION_READ_POLICY,
  moreSteps,
  readershipOf,
} from './submission.policy';
import { SubmissionState, evolve, initialSubmissionState } from './submission.state';

/** The life of a submission: the workflow of its policy, with one decision per command. */
export const submissionDecider = workflow<
  SubmissionCommand,
  SubmissionState,
  SubmissionEvent,
  SubmissionState['status'],
  Side
>({
  aggregate: 'submission',
  initialState: initialSubmissionState,
  status: (state) => state.status,
  allowedSteps: ALLOWED_STEPS,
  moreSteps,
  steps: STEPS,
  sides: SIDES,
  decisions: {
    DraftSubmission: decisions.draft,
    AmendDraft: decisions.amendDraft,
    RecordProposal: decisions.recordProposal,
    RecordPartyGroupDiscussion: decisions.recordPartyGroupDiscussion,
    Submit: decisions.submit,
    Receive: decisions.receive,
    RequestMaterial: decisions.requestMaterial,
    SupplyMaterial: decisions.supplyMaterial,
    RecordCommitteeMeeting: decisions.recordCommitteeMeeting,
    IssueOpinion: decisions.issueOpinion,
    GiveFeedback: decisions.giveFeedback,
    ReviseFeedback: decisions.reviseFeedback,
    Withdraw: decisions.withdraw,
    GrantViewer: decisions.grantViewer,
  },
  evolve,
});

export const submissionAggregate = defineAggregate({
  name: 'submission',
  idField: 'submissionId',
  decider: submissionDecider,
  exists: (state) => state.status !== 'none',
  status: (state) => state.status,
  readers: (state) => SUBMISSION_READ_POLICY.readers(readershipOf(state)),
  location: (id) => `/api/submissions/${id}`,
  reads: ['submissions'],
});
