/**
 * The commands of a submission. Each carries the caller and the instant it is decided at; due
 * dates that depend on the working-day calendar and the bodies involved are looked up by the
 * command's definition before the decider runs, keeping the decider pure.
 */
import {
  Adoption,
  CommitteeMeetingKind,
  OpinionOutcome,
  OpinionPoint,
  PartyGroupMeetingKind,
  SubmissionCategory,
  SubmissionContent,
  SubmissionKind,
  SubmissionSubjects,
} from '../../events/submission-events';
import { ActorContext, OrganisationProfile } from '../../platform/access/actor';
import type { SubmissionState } from './submission.state';

interface CommandBase {
  actor: ActorContext;
  now: string;
}

export interface DraftSubmission extends CommandBase {
  type: 'DraftSubmission';
  submissionId: string;
  kind: SubmissionKind;
  category: SubmissionCategory;
  content: SubmissionContent;
  /** The items and decisions it is about, each checked to exist and be readable by the caller. */
  subjects: SubmissionSubjects;
  submittingOrganisation: OrganisationProfile;
  addressedCommittee: OrganisationProfile;
  /** The submission this one revises, with its state, when it is a resubmission. */
  replaces: SubmissionState | null;
}

export interface AmendDraft extends CommandBase {
  type: 'AmendDraft';
  changes: Partial<SubmissionContent & SubmissionSubjects>;
}

export interface RecordProposal extends CommandBase {
  type: 'RecordProposal';
  proposingOrganisationId: string;
  /** The profile of `proposingOrganisationId`; null if it is not registered. */
  proposingOrganisation: OrganisationProfile | null;
  proposedOn: string;
  note: string;
}

export interface RecordPartyGroupDiscussion extends CommandBase {
  type: 'RecordPartyGroupDiscussion';
  meetingKind: PartyGroupMeetingKind;
  meetingDate: string;
  minutesReference: string;
}

export interface Submit extends CommandBase {
  type: 'Submit';
  documentNumber: string | null;
  /** The default reply due date from the calendar; an earlier requested date wins. */
  defaultReplyDueBy: string;
}

export interface Receive extends CommandBase {
  type: 'Receive';
  officeLogNumber: string;
}

export interface RequestMaterial extends CommandBase {
  type: 'RequestMaterial';
  description: string;
  dueBy: string;
}

export interface SupplyMaterial extends CommandBase {
  type: 'SupplyMaterial';
  requestNumber: number;
  description: string;
  documentReferences: string[];
  /**
   * The reply due date moved on by the working days material has been awaited, from the
   * calendar; it applies when this supply ends the wait. Null when no reply is due.
   */
  replyDueByAfterWait: string | null;
}

export interface RecordCommitteeMeeting extends CommandBase {
  type: 'RecordCommitteeMeeting';
  meetingKind: CommitteeMeetingKind;
  meetingDate: string;
  minutesReference: string | null;
}

export interface IssueOpinion extends CommandBase {
  type: 'IssueOpinion';
  documentNumber: string;
  outcome: OpinionOutcome;
  points: OpinionPoint[];
  feedbackDueBy: string;
}

export interface GiveFeedback extends CommandBase {
  type: 'GiveFeedback';
  pointNumber: number;
  adoption: Adoption;
  explanation: string | null;
  readingNumber: number | null;
  articles: string[];
}

/** A point's feedback revised as the item moves on (a later reading, the adopted text). */
export interface ReviseFeedback extends CommandBase {
  type: 'ReviseFeedback';
  pointNumber: number;
  adoption: Adoption;
  explanation: string | null;
  readingNumber: number | null;
  articles: string[];
}

export interface Withdraw extends CommandBase {
  type: 'Withdraw';
  reason: string;
}

export interface GrantViewer extends CommandBase {
  type: 'GrantViewer';
  organisationId: string | null;
  userId: string | null;
}

export type SubmissionCommand =
  | DraftSubmission
  | AmendDraft
  | RecordProposal
  | RecordPartyGroupDiscussion
  | Submit
  | Receive
  | RequestMaterial
  | SupplyMaterial
  | RecordCommitteeMeeting
  | IssueOpinion
  | GiveFeedback
  | ReviseFeedback
  | Withdraw
  | GrantViewer;
