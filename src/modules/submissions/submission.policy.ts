/**
 * Who may do and read what on a submission, stated once: the steps open in each state, the
 * roles and sides that may take each step, and who reads a submission.
 */
import { Role } from '../../events/envelope';
import { ActorContext } from '../../platform/access/actor';
import { ReadPolicy, Reader, principal } from '../../platform/access/readers';
import { StepActors } from '../../platform/kernel/workflow';
import { SubmissionReadership } from '../../projections/submissions.projection';
import {
  committeeReaders,
  isCommitteeOffice,
  isLegislatureSide,
  legislatureReaders,
} from '../organisations/sides';
import { SubmissionCommand } from './submission.commands';
import { sentBackOrWithdrawn } from './submission.rules';
import { SubmissionState } from './submission.state';

export type Step =
  | 'draft'
  | 'amend_draft'
  | 'record_proposal'
  | 'record_party_group_discussion'
  | 'submit'
  | 'receive'
  | 'request_material'
  | 'supply_material'
  | 'record_committee_meeting'
  | 'issue_opinion'
  | 'give_feedback'
  | 'revise_feedback'
  | 'withdraw'
  | 'grant_viewer';

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
  opinion_issued: ['give_feedback', 'revise_feedback', 'grant_viewer'],
  closed: ['revise_feedback', 'grant_viewer'],
  withdrawn: ['grant_viewer'],
};

/** A report only informs: the committee may note it once received, without a meeting. */
export const REPORT_STEPS: Partial<Record<SubmissionState['status'], readonly Step[]>> = {
  received: ['issue_opinion'],
};

/** The steps a submission opens beyond its status's, by its kind. */
export function moreSteps(state: SubmissionState): readonly Step[] {
  return (state.kind === 'report' && REPORT_STEPS[state.status]) || [];
}

export type Side = 'submitting_side' | 'submitting_party_group' | 'addressed_office' | 'sent';

const legislatureSide = { legislature: 'submitting_side', party_group: 'submitting_side' } as const;
const partyGroup = { party_group: 'submitting_party_group' } as const;
const office = { committee_office: 'addressed_office' } as const;

/** For each command: its step, and each role that may take it with the side it must act for. */
export const STEPS: Record<SubmissionCommand['type'], { step: Step; actors: StepActors<Side> }> = {
  DraftSubmission: { step: 'draft', actors: legislatureSide },
  AmendDraft: { step: 'amend_draft', actors: legislatureSide },
  RecordProposal: { step: 'record_proposal', actors: legislatureSide },
  RecordPartyGroupDiscussion: { step: 'record_party_group_discussion', actors: partyGroup },
  Submit: { step: 'submit', actors: partyGroup },
  Withdraw: { step: 'withdraw', actors: partyGroup },
  Receive: { step: 'receive', actors: office },
  RequestMaterial: { step: 'request_material', actors: office },
  RecordCommitteeMeeting: { step: 'record_committee_meeting', actors: office },
  IssueOpinion: { step: 'issue_opinion', actors: office },
  SupplyMaterial: { step: 'supply_material', actors: legislatureSide },
  GiveFeedback: { step: 'give_feedback', actors: legislatureSide },
  // Whoever feeds back on a point revises it: the same side, as the item moves on.
  ReviseFeedback: { step: 'revise_feedback', actors: legislatureSide },
  // An administrator grants only what was sent: a draft stays the legislature's own.
  GrantViewer: {
    step: 'grant_viewer',
    actors: {
      admin: 'sent',
      party_group: 'submitting_party_group',
      committee_office: 'addressed_office',
    },
  },
};

/**
 * Whether the actor may draft a revision replacing this submission (`POST …/revisions`): one
 * sent back or withdrawn and not replaced yet, by the draft step's roles on its submitting side.
 */
export function mayDraftRevision(
  actor: ActorContext,
  state: SubmissionState,
  replacedBySubmissionId: string | null,
): boolean {
  const roles = Object.keys(STEPS.DraftSubmission.actors) as Role[];
  return (
    replacedBySubmissionId === null &&
    sentBackOrWithdrawn(state) &&
    roles.some((role) => actor.roles.includes(role)) &&
    isLegislatureSide(actor, state.submittingOrganisationId)
  );
}

/** What the detail offers the caller: the workflow's steps and drafting a revision. */
export const OFFERED_STEPS: readonly string[] = [
  ...new Set(Object.values(STEPS).map(({ step }) => step as string)),
  'draft_revision',
];

/** Between whom: from the state, or from the command that drafts it. */
function parties(state: SubmissionState, command: SubmissionCommand) {
  return command.type === 'DraftSubmission'
    ? {
        submitting: command.submittingOrganisation.organisationId,
        addressed: command.addressedCommittee.organisationId,
      }
    : { submitting: state.submittingOrganisationId, addressed: state.addressedCommitteeId };
}

export const SIDES: Record<
  Side,
  (actor: ActorContext, state: SubmissionState, command: SubmissionCommand) => boolean
> = {
  submitting_side: (actor, state, command) =>
    isLegislatureSide(actor, parties(state, command).submitting),
  submitting_party_group: (actor, state, command) =>
    actor.organisation.organisationId === parties(state, command).submitting,
  addressed_office: (actor, state, command) =>
    isCommitteeOffice(actor, parties(state, command).addressed),
  sent: (_actor, state) => state.submittedAt !== null,
};

/** The facts that decide who reads a submission, kept by the decider and the projection alike. */
export type Readership = SubmissionReadership;

/** Why a reader reads it: the lists are views by reason (outbox, inbox, shared with me). */
export const READ_REASONS = {
  submitter: 'submitter',
  addressee: 'addressee',
  grant: 'grant',
} as const;

/**
 * Who may read a submission: the submitting Party group and its special committees; the
 * addressed committee and its office once it was sent (a draft stays the legislature's own);
 * and explicitly granted organisations and users.
 */
export const SUBMISSION_READ_POLICY: ReadPolicy<Readership> = {
  recordType: 'submission',
  readers(r) {
    const readers: Reader[] = legislatureReaders(r.submittingOrganisationId, 'submitter');
    if (r.sent) readers.push(...committeeReaders(r.addressedCommitteeId, 'addressee'));
    for (const id of r.viewerOrganisationIds) {
      readers.push({ principal: principal.organisation(id), reason: 'grant' });
    }
    for (const id of r.viewerUserIds)
      readers.push({ principal: principal.user(id), reason: 'grant' });
    return readers;
  },
};

export function readershipOf(state: SubmissionState): Readership {
  return { ...state, sent: state.submittedAt !== null };
}
