import { Role } from '../../events/envelope';
import {
  Adoption,
  CommitteeMeetingKind,
  OpinionOutcome,
  OpinionPoint,
  PartyGroupMeetingKind,
  REPORT_OUTCOMES,
  REQUEST_OUTCOMES,
  SubmissionCategory,
  SubmissionContent,
  SubmissionEvent,
  SubmissionKind,
} from '../../events/submission-events';
import { Decider } from '../../platform/decider';
import { BusinessRuleError, ForbiddenError, InvalidStepError } from '../../platform/domain-errors';
import { ActorContext, OrganisationProfile, actingRole } from '../../platform/access/actor';
import { beijingDate } from '../calendar/working-day-calendar';

// ---------------------------------------------------------------------------------------------
// Commands. Each carries the caller and the instant it is decided at; due dates that depend on
// the working-day calendar are worked out by the handler and passed in, keeping this pure.
// ---------------------------------------------------------------------------------------------

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
  submittingOrganisation: OrganisationProfile;
  addressedCommittee: OrganisationProfile;
  /** The submission this one revises, with its state, when it is a resubmission. */
  replaces: SubmissionState | null;
}

export interface AmendDraft extends CommandBase {
  type: 'AmendDraft';
  changes: Partial<SubmissionContent>;
}

export interface RecordProposal extends CommandBase {
  type: 'RecordProposal';
  proposingOrganisationId: string;
  /** The profile of `proposingOrganisationId`, looked up by the handler; null if unknown. */
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
  | Withdraw
  | GrantViewer;

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

export const SUBMISSION_STATUSES = [
  'drafted',
  'proposed',
  'discussed',
  'submitted',
  'received',
  'awaiting_material',
  'committee_discussed',
  'opinion_issued',
  'closed',
  'withdrawn',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export interface SubmissionState {
  status: SubmissionStatus | 'none';
  submissionId: string;
  kind: SubmissionKind;
  category: SubmissionCategory;
  submittingOrganisationId: string;
  addressedCommitteeId: string;
  documentNumber: string | null;
  replyRequestedBy: string | null;
  submittedAt: string | null;
  openMaterialRequests: number[];
  materialRequestsMade: number;
  committeeMeetings: number;
  outcome: OpinionOutcome | null;
  opinionPoints: number[];
  answeredPoints: number[];
  viewerOrganisationIds: string[];
  viewerUserIds: string[];
}

export const initialSubmissionState: SubmissionState = {
  status: 'none',
  submissionId: '',
  kind: 'request',
  category: 'legislative_plan',
  submittingOrganisationId: '',
  addressedCommitteeId: '',
  documentNumber: null,
  replyRequestedBy: null,
  submittedAt: null,
  openMaterialRequests: [],
  materialRequestsMade: 0,
  committeeMeetings: 0,
  outcome: null,
  opinionPoints: [],
  answeredPoints: [],
  viewerOrganisationIds: [],
  viewerUserIds: [],
};

// ---------------------------------------------------------------------------------------------
// Who may take which step, and when
// ---------------------------------------------------------------------------------------------

export const STEPS = {
  DraftSubmission: 'draft',
  AmendDraft: 'amend_draft',
  RecordProposal: 'record_proposal',
  RecordPartyGroupDiscussion: 'record_party_group_discussion',
  Submit: 'submit',
  Receive: 'receive',
  RequestMaterial: 'request_material',
  SupplyMaterial: 'supply_material',
  RecordCommitteeMeeting: 'record_committee_meeting',
  IssueOpinion: 'issue_opinion',
  GiveFeedback: 'give_feedback',
  Withdraw: 'withdraw',
  GrantViewer: 'grant_viewer',
} as const satisfies Record<SubmissionCommand['type'], string>;
export type Step = (typeof STEPS)[keyof typeof STEPS];

/** The steps open in each state; anything else is refused with 409 naming these. */
export const ALLOWED_STEPS: Record<SubmissionState['status'], readonly Step[]> = {
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
  opinion_issued: ['give_feedback', 'grant_viewer'],
  closed: ['grant_viewer'],
  withdrawn: ['grant_viewer'],
};

type Side = 'submitting_side' | 'submitting_party_group' | 'addressed_office' | 'grantor';

/** For each step: the roles that may take it and the organisation they must act for. */
export const STEP_PERMISSIONS: Record<Step, { roles: readonly Role[]; side: Side }> = {
  draft: { roles: ['legislature', 'party_group'], side: 'submitting_side' },
  amend_draft: { roles: ['legislature', 'party_group'], side: 'submitting_side' },
  record_proposal: { roles: ['legislature', 'party_group'], side: 'submitting_side' },
  record_party_group_discussion: { roles: ['party_group'], side: 'submitting_party_group' },
  submit: { roles: ['party_group'], side: 'submitting_party_group' },
  withdraw: { roles: ['party_group'], side: 'submitting_party_group' },
  receive: { roles: ['committee_office'], side: 'addressed_office' },
  request_material: { roles: ['committee_office'], side: 'addressed_office' },
  record_committee_meeting: { roles: ['committee_office'], side: 'addressed_office' },
  issue_opinion: { roles: ['committee_office'], side: 'addressed_office' },
  supply_material: { roles: ['legislature', 'party_group'], side: 'submitting_side' },
  give_feedback: { roles: ['legislature', 'party_group'], side: 'submitting_side' },
  grant_viewer: { roles: ['admin', 'party_group', 'committee_office'], side: 'grantor' },
};

/** The submitting Party group itself, or a body that belongs to it (a special committee). */
export function isSubmittingSide(actor: ActorContext, submittingOrganisationId: string): boolean {
  const org = actor.organisation;
  return (
    org.organisationId === submittingOrganisationId ||
    (org.kind === 'special_committee' && org.parentOrganisationId === submittingOrganisationId)
  );
}

export function isAddressedOffice(actor: ActorContext, addressedCommitteeId: string): boolean {
  const org = actor.organisation;
  return org.kind === 'committee_office' && org.parentOrganisationId === addressedCommitteeId;
}

function actsForSide(
  actor: ActorContext,
  role: Role,
  side: Side,
  submittingOrganisationId: string,
  addressedCommitteeId: string,
): boolean {
  switch (side) {
    case 'submitting_side':
      return isSubmittingSide(actor, submittingOrganisationId);
    case 'submitting_party_group':
      return actor.organisation.organisationId === submittingOrganisationId;
    case 'addressed_office':
      return isAddressedOffice(actor, addressedCommitteeId);
    case 'grantor':
      return (
        role === 'admin' ||
        (role === 'party_group' &&
          actor.organisation.organisationId === submittingOrganisationId) ||
        (role === 'committee_office' && isAddressedOffice(actor, addressedCommitteeId))
      );
  }
}

/** Checks role and organisation for a step; returns the role the step is taken in. */
export function authorise(
  step: Step,
  actor: ActorContext,
  submittingOrganisationId: string,
  addressedCommitteeId: string,
): Role {
  const { roles, side } = STEP_PERMISSIONS[step];
  if (!actingRole(actor, roles)) {
    throw new ForbiddenError(`Only ${roles.join(' or ')} may ${step.replace(/_/g, ' ')}`, {
      step,
      requiredRoles: roles,
    });
  }
  // A user may hold several roles: the step is taken in the first one that fits its organisation.
  const role = roles.find(
    (r) =>
      actor.roles.includes(r) &&
      actsForSide(actor, r, side, submittingOrganisationId, addressedCommitteeId),
  );
  if (!role) {
    throw new ForbiddenError(
      `Organisation ${actor.organisation.organisationId} may not ${step.replace(/_/g, ' ')} on this submission`,
      { step, organisationId: actor.organisation.organisationId, requiredSide: side },
    );
  }
  return role;
}

export type Readership = Pick<
  SubmissionState,
  'submittingOrganisationId' | 'addressedCommitteeId' | 'viewerOrganisationIds' | 'viewerUserIds'
> & { submitted: boolean };

/**
 * Who may read a submission: the submitting side; the addressed committee and its office once
 * it was sent (a draft stays the legislature's own); and explicitly granted viewers.
 */
export function canRead(actor: ActorContext, readership: Readership): boolean {
  const org = actor.organisation;
  const committeeSide =
    org.organisationId === readership.addressedCommitteeId ||
    isAddressedOffice(actor, readership.addressedCommitteeId);
  return (
    isSubmittingSide(actor, readership.submittingOrganisationId) ||
    (committeeSide && readership.submitted) ||
    readership.viewerOrganisationIds.includes(org.organisationId) ||
    readership.viewerUserIds.includes(actor.userId)
  );
}

export function readershipOf(state: SubmissionState): Readership {
  return { ...state, submitted: state.submittedAt !== null };
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

const SUBMITTING_KINDS = [
  'standing_committee_party_group',
  'government_party_group',
  'drafting_unit_party_group',
] as const;

const OUTCOMES_NEEDING_POINTS: readonly OpinionOutcome[] = [
  'approved_with_opinions',
  'revise_and_resubmit',
  'noted_with_comments',
];

function rule(condition: boolean, field: string, name: string, message: string): void {
  if (!condition) throw new BusinessRuleError(field, name, message);
}

function checkDraftRules(command: DraftSubmission): void {
  const { submittingOrganisation: submitter, addressedCommittee: committee } = command;
  rule(
    (SUBMITTING_KINDS as readonly string[]).includes(submitter.kind),
    'submittingOrganisationId',
    'submitter_is_party_group',
    `Submissions are made by a Party group, not a ${submitter.kind}`,
  );
  rule(
    committee.kind === 'party_committee',
    'addressedCommitteeId',
    'addressed_to_party_committee',
    `Submissions are addressed to a Party Committee, not a ${committee.kind}`,
  );
  rule(
    committee.regionCode === submitter.regionCode && committee.level === submitter.level,
    'addressedCommitteeId',
    'same_level',
    `A Party group reports to the Party Committee at the same level (${submitter.regionCode}), not to ${committee.regionCode}`,
  );
  const isGovernment = submitter.kind === 'government_party_group';
  rule(
    isGovernment === (command.category === 'government_legislation'),
    'category',
    'government_legislation_by_government_party_group',
    isGovernment
      ? 'A government Party group submits in the government_legislation category'
      : 'Only a government Party group submits in the government_legislation category',
  );
  checkReplyRequestedBy(command.content.replyRequestedBy, command.now);
  if (command.replaces) {
    const replaced = command.replaces;
    rule(
      replaced.submittingOrganisationId === submitter.organisationId,
      'replacesSubmissionId',
      'same_submitter',
      'A revised submission replaces one of the same Party group',
    );
    rule(
      replaced.addressedCommitteeId === committee.organisationId && replaced.kind === command.kind,
      'replacesSubmissionId',
      'same_committee_and_kind',
      'A revised submission goes to the same committee as the same kind (request or report)',
    );
    rule(
      replaced.outcome === 'revise_and_resubmit' || replaced.status === 'withdrawn',
      'replacesSubmissionId',
      'replaceable',
      'Only a submission sent back for revision (revise_and_resubmit) or withdrawn can be replaced',
    );
  }
}

/** The meeting's date is today or earlier: meetings are recorded after they took place. */
function checkMeetingHeld(command: { meetingDate: string; now: string }): void {
  rule(
    command.meetingDate <= beijingDate(new Date(command.now)),
    'meetingDate',
    'not_in_future',
    'A meeting is recorded after it took place',
  );
}

function checkReplyRequestedBy(date: string | null | undefined, now: string): void {
  if (date) {
    rule(
      date > beijingDate(new Date(now)),
      'replyRequestedBy',
      'in_future',
      `The reply cannot be requested by ${date}, which is not after today`,
    );
  }
}

function checkOpinion(command: IssueOpinion, state: SubmissionState): void {
  const allowed: readonly OpinionOutcome[] =
    state.kind === 'request' ? REQUEST_OUTCOMES : REPORT_OUTCOMES;
  rule(
    allowed.includes(command.outcome),
    'outcome',
    `outcome_for_${state.kind}`,
    `A ${state.kind} gets one of: ${allowed.join(', ')}`,
  );
  rule(
    !OUTCOMES_NEEDING_POINTS.includes(command.outcome) || command.points.length > 0,
    'points',
    'points_required',
    `An opinion of outcome ${command.outcome} must state its numbered points`,
  );
  command.points.forEach((point, i) =>
    rule(
      point.number === i + 1,
      `points[${i}].number`,
      'numbered_from_one',
      `Opinion points are numbered 1, 2, 3, … in order; point ${i + 1} is numbered ${point.number}`,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// decide / evolve
// ---------------------------------------------------------------------------------------------

function decide(command: SubmissionCommand, state: SubmissionState): SubmissionEvent[] {
  const step = STEPS[command.type];
  if (command.type === 'DraftSubmission') {
    authorise(
      step,
      command.actor,
      command.submittingOrganisation.organisationId,
      command.addressedCommittee.organisationId,
    );
  } else {
    authorise(step, command.actor, state.submittingOrganisationId, state.addressedCommitteeId);
  }
  if (!ALLOWED_STEPS[state.status].includes(step)) {
    throw new InvalidStepError(step, state.status, ALLOWED_STEPS[state.status]);
  }

  switch (command.type) {
    case 'DraftSubmission':
      checkDraftRules(command);
      return [
        {
          type: 'SubmissionDrafted',
          data: {
            submissionId: command.submissionId,
            kind: command.kind,
            category: command.category,
            ...command.content,
            submittingOrganisationId: command.submittingOrganisation.organisationId,
            addressedCommitteeId: command.addressedCommittee.organisationId,
            replacesSubmissionId: command.replaces?.submissionId ?? null,
          },
        },
      ];
    case 'AmendDraft':
      rule(
        Object.values(command.changes).some((value) => value !== undefined),
        'changes',
        'not_empty',
        'An amendment changes at least one field',
      );
      checkReplyRequestedBy(command.changes.replyRequestedBy, command.now);
      return [{ type: 'SubmissionDraftAmended', data: command.changes }];
    case 'RecordProposal':
      rule(
        command.proposingOrganisation?.kind === 'special_committee' &&
          command.proposingOrganisation.parentOrganisationId === state.submittingOrganisationId,
        'proposingOrganisationId',
        'special_committee_of_party_group',
        'A proposal to the Party group comes from one of its special committees or working bodies',
      );
      rule(
        command.proposedOn <= beijingDate(new Date(command.now)),
        'proposedOn',
        'not_in_future',
        'A proposal is recorded after it was made',
      );
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
    case 'RecordPartyGroupDiscussion':
      checkMeetingHeld(command);
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
    case 'Submit': {
      const documentNumber = command.documentNumber ?? state.documentNumber;
      rule(
        !!documentNumber,
        'documentNumber',
        'required',
        'A submission is sent with a document number (文号)',
      );
      checkReplyRequestedBy(state.replyRequestedBy, command.now);
      const requested = state.replyRequestedBy;
      const replyDueBy =
        requested && requested < command.defaultReplyDueBy ? requested : command.defaultReplyDueBy;
      return [
        {
          type: 'SubmissionSubmitted',
          data: { submittedAt: command.now, documentNumber: documentNumber as string, replyDueBy },
        },
      ];
    }
    case 'Receive':
      return [
        {
          type: 'SubmissionReceived',
          data: { receivedAt: command.now, officeLogNumber: command.officeLogNumber },
        },
      ];
    case 'RequestMaterial':
      rule(
        command.dueBy > beijingDate(new Date(command.now)),
        'dueBy',
        'in_future',
        'Supplementary material is due on a date after today',
      );
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
    case 'SupplyMaterial':
      rule(
        state.openMaterialRequests.includes(command.requestNumber),
        'requestNumber',
        'open_request',
        `There is no open material request number ${command.requestNumber}; open: ${
          state.openMaterialRequests.join(', ') || 'none'
        }`,
      );
      return [
        {
          type: 'SupplementaryMaterialSupplied',
          data: {
            requestNumber: command.requestNumber,
            description: command.description,
            documentReferences: command.documentReferences,
          },
        },
      ];
    case 'RecordCommitteeMeeting':
      checkMeetingHeld(command);
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
    case 'IssueOpinion': {
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
        {
          type: 'SubmissionClosed',
          data: { closedAt: command.now, reason: 'no_points_to_answer' },
        },
      ];
    }
    case 'GiveFeedback': {
      rule(
        state.opinionPoints.includes(command.pointNumber),
        'pointNumber',
        'existing_point',
        `The opinion has points ${state.opinionPoints.join(', ')}; there is no point ${command.pointNumber}`,
      );
      if (state.answeredPoints.includes(command.pointNumber)) {
        throw new InvalidStepError('give_feedback', state.status, ALLOWED_STEPS[state.status], {
          pointNumber: command.pointNumber,
          reason: `point ${command.pointNumber} already has feedback`,
        });
      }
      rule(
        command.adoption === 'adopted' || !!command.explanation?.trim(),
        'explanation',
        'required_unless_adopted',
        `Feedback of ${command.adoption} must explain why`,
      );
      const feedback: SubmissionEvent = {
        type: 'OpinionPointFeedbackGiven',
        data: {
          pointNumber: command.pointNumber,
          adoption: command.adoption,
          explanation: command.explanation?.trim() || null,
          givenAt: command.now,
        },
      };
      const remaining = state.opinionPoints.filter(
        (n) => n !== command.pointNumber && !state.answeredPoints.includes(n),
      );
      if (remaining.length > 0) return [feedback];
      return [
        feedback,
        {
          type: 'SubmissionClosed',
          data: { closedAt: command.now, reason: 'all_points_answered' },
        },
      ];
    }
    case 'Withdraw':
      return [
        { type: 'SubmissionWithdrawn', data: { withdrawnAt: command.now, reason: command.reason } },
      ];
    case 'GrantViewer':
      rule(
        (command.organisationId === null) !== (command.userId === null),
        'organisationId',
        'exactly_one_grantee',
        'A grant names either an organisation or a user',
      );
      rule(
        !(command.organisationId && state.viewerOrganisationIds.includes(command.organisationId)) &&
          !(command.userId && state.viewerUserIds.includes(command.userId)),
        command.organisationId ? 'organisationId' : 'userId',
        'not_granted_yet',
        'That viewer already has access',
      );
      return [
        {
          type: 'SubmissionViewerGranted',
          data: { organisationId: command.organisationId, userId: command.userId },
        },
      ];
  }
}

function evolve(state: SubmissionState, event: SubmissionEvent): SubmissionState {
  switch (event.type) {
    case 'SubmissionDrafted': {
      const d = event.data;
      return {
        ...state,
        status: 'drafted',
        submissionId: d.submissionId,
        kind: d.kind,
        category: d.category,
        submittingOrganisationId: d.submittingOrganisationId,
        addressedCommitteeId: d.addressedCommitteeId,
        documentNumber: d.documentNumber,
        replyRequestedBy: d.replyRequestedBy,
      };
    }
    case 'SubmissionDraftAmended':
      return {
        ...state,
        documentNumber:
          event.data.documentNumber !== undefined
            ? event.data.documentNumber
            : state.documentNumber,
        replyRequestedBy:
          event.data.replyRequestedBy !== undefined
            ? event.data.replyRequestedBy
            : state.replyRequestedBy,
      };
    case 'ProposalToPartyGroupRecorded':
      return { ...state, status: 'proposed' };
    case 'PartyGroupDiscussionRecorded':
      return { ...state, status: 'discussed' };
    case 'SubmissionSubmitted':
      return {
        ...state,
        status: 'submitted',
        documentNumber: event.data.documentNumber,
        submittedAt: event.data.submittedAt,
      };
    case 'SubmissionReceived':
      return { ...state, status: 'received' };
    case 'SupplementaryMaterialRequested':
      return {
        ...state,
        status: 'awaiting_material',
        materialRequestsMade: event.data.requestNumber,
        openMaterialRequests: [...state.openMaterialRequests, event.data.requestNumber],
      };
    case 'SupplementaryMaterialSupplied': {
      const open = state.openMaterialRequests.filter((n) => n !== event.data.requestNumber);
      const settled = state.committeeMeetings > 0 ? 'committee_discussed' : 'received';
      return { ...state, openMaterialRequests: open, status: open.length ? state.status : settled };
    }
    case 'CommitteeMeetingRecorded':
      return {
        ...state,
        status: 'committee_discussed',
        committeeMeetings: state.committeeMeetings + 1,
      };
    case 'OpinionIssued':
      return {
        ...state,
        status: 'opinion_issued',
        outcome: event.data.outcome,
        opinionPoints: event.data.points.map((p) => p.number),
      };
    case 'OpinionPointFeedbackGiven':
      return { ...state, answeredPoints: [...state.answeredPoints, event.data.pointNumber] };
    case 'SubmissionClosed':
      return { ...state, status: 'closed' };
    case 'SubmissionWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'SubmissionViewerGranted':
      return {
        ...state,
        viewerOrganisationIds: event.data.organisationId
          ? [...state.viewerOrganisationIds, event.data.organisationId]
          : state.viewerOrganisationIds,
        viewerUserIds: event.data.userId
          ? [...state.viewerUserIds, event.data.userId]
          : state.viewerUserIds,
      };
  }
}

export const submissionDecider: Decider<SubmissionCommand, SubmissionState, SubmissionEvent> = {
  initialState: initialSubmissionState,
  decide,
  evolve,
};
