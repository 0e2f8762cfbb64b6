/** The business rules of submissions: each broken one is a 422 naming the field and the rule. */
import { LEGISLATIVE_LEVELS } from '../../events/organisation-events';
import {
  OpinionOutcome,
  PartyGroupMeetingKind,
  REPORT_OUTCOMES,
  REQUEST_OUTCOMES,
  SubmissionCategory,
  SubmissionKind,
} from '../../events/submission-events';
import { rule } from '../../platform/kernel/domain-errors';
import { beijingDate } from '../calendar/working-day-calendar';
import {
  DraftSubmission,
  GrantViewer,
  IssueOpinion,
  RecordPartyGroupDiscussion,
} from './submission.commands';
import { SubmissionState } from './submission.state';

const SUBMITTING_KINDS = [
  'standing_committee_party_group',
  'government_party_group',
  'drafting_unit_party_group',
];

/** Categories about making law, which only a level with legislative power reports on. */
const LAWMAKING_CATEGORIES: readonly SubmissionCategory[] = [
  'legislative_plan',
  'legislative_project',
  'drafting',
  'pre_deliberation',
];

const OUTCOMES_NEEDING_POINTS: readonly OpinionOutcome[] = [
  'approved_with_opinions',
  'revise_and_resubmit',
  'noted_with_comments',
];

const today = (now: string) => beijingDate(new Date(now));

export function checkDraft(command: DraftSubmission): void {
  const { submittingOrganisation: submitter, addressedCommittee: committee } = command;
  rule(
    SUBMITTING_KINDS.includes(submitter.kind),
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
  rule(
    (LEGISLATIVE_LEVELS as readonly string[]).includes(submitter.level) ||
      !LAWMAKING_CATEGORIES.includes(command.category),
    'submittingOrganisationId',
    'legislative_power',
    `A ${submitter.level}-level body makes no local regulations, so it submits nothing in the ${command.category} category`,
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
  checkPreDeliberation({
    kind: command.kind,
    category: command.category,
    itemIds: command.subjects.itemIds,
    replyRequestedBy: command.content.replyRequestedBy,
  });
  if (command.replaces) checkReplacement(command, command.replaces);
}

/** A submission a revision may replace: sent back for revision, or withdrawn. */
export function sentBackOrWithdrawn(state: SubmissionState): boolean {
  return state.outcome === 'revise_and_resubmit' || state.status === 'withdrawn';
}

function checkReplacement(command: DraftSubmission, replaced: SubmissionState): void {
  rule(
    replaced.submittingOrganisationId === command.submittingOrganisation.organisationId,
    'replacesSubmissionId',
    'same_submitter',
    'A revised submission replaces one of the same Party group',
  );
  rule(
    replaced.addressedCommitteeId === command.addressedCommittee.organisationId &&
      replaced.kind === command.kind,
    'replacesSubmissionId',
    'same_committee_and_kind',
    'A revised submission goes to the same committee as the same kind (request or report)',
  );
  rule(
    sentBackOrWithdrawn(replaced),
    'replacesSubmissionId',
    'replaceable',
    'Only a submission sent back for revision (revise_and_resubmit) or withdrawn can be replaced',
  );
  rule(
    replaced.replacedBySubmissionId === null,
    'replacesSubmissionId',
    'replaced_once',
    `The submission is already replaced by ${replaced.replacedBySubmissionId}; revise that one instead`,
  );
}

/** The meetings each kind of Party group holds: the chairman's meeting is the legislature's,
 * the executive meeting the government's. */
const MEETINGS_OF: Partial<Record<string, readonly PartyGroupMeetingKind[]>> = {
  standing_committee_party_group: [
    'party_group_meeting',
    'chairmans_meeting',
    'standing_committee_session',
  ],
  government_party_group: ['party_group_meeting', 'executive_meeting'],
  drafting_unit_party_group: ['party_group_meeting'],
};

/** Only the submitting Party group records its discussion, so the actor's body is the submitter. */
export function checkDiscussion(command: RecordPartyGroupDiscussion): void {
  const body = command.actor.organisation.kind;
  const meetings = MEETINGS_OF[body] ?? [];
  rule(
    meetings.includes(command.meetingKind),
    'meetingKind',
    'meeting_kind_for_body',
    `A ${body} discusses at one of: ${meetings.join(', ')}; not at a ${command.meetingKind}`,
  );
}

/** A meeting or proposal is recorded after it took place: its date is today or earlier. */
export function checkHappened(date: string, now: string, field: string, what: string): void {
  rule(date <= today(now), field, 'not_in_future', `${what} is recorded after it took place`);
}

export function checkReplyRequestedBy(date: string | null | undefined, now: string): void {
  if (date) {
    rule(
      date > today(now),
      'replyRequestedBy',
      'in_future',
      `The reply cannot be requested by ${date}, which is not after today`,
    );
  }
}

/**
 * A pre-deliberation request (审议前请示) is about the items going to the vote, and its reply is
 * due by the agenda date of that vote, which the submitter gives as `replyRequestedBy`. Checked
 * on the draft, on every amendment (of the draft as amended) and when it is sent.
 */
export function checkPreDeliberation(draft: {
  kind: SubmissionKind;
  category: SubmissionCategory;
  itemIds: readonly string[];
  replyRequestedBy: string | null;
}): void {
  if (draft.kind !== 'request' || draft.category !== 'pre_deliberation') return;
  rule(
    draft.itemIds.length > 0,
    'itemIds',
    'required_for_pre_deliberation',
    'A pre-deliberation request names the legislative item(s) going to the vote',
  );
  rule(
    !!draft.replyRequestedBy,
    'replyRequestedBy',
    'required_for_pre_deliberation',
    'A pre-deliberation request gives the planned agenda date of the vote as replyRequestedBy: the reply is due by then',
  );
}

export function checkDueInFuture(date: string, now: string): void {
  rule(
    date > today(now),
    'dueBy',
    'in_future',
    'Supplementary material is due on a date after today',
  );
}

export function checkOpinion(command: IssueOpinion, state: SubmissionState): void {
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

export function checkGrant(command: GrantViewer, state: SubmissionState): void {
  rule(
    (command.organisationId === null) !== (command.userId === null),
    'organisationId',
    'exactly_one_grantee',
    'A grant names either an organisation or a user',
  );
  const field = command.organisationId ? 'organisationId' : 'userId';
  rule(
    command.userId !== command.actor.userId &&
      command.organisationId !== command.actor.organisation.organisationId,
    field,
    'not_to_self',
    'Access is granted to someone else: nobody grants access to themself',
  );
  rule(
    !(command.organisationId && state.viewerOrganisationIds.includes(command.organisationId)) &&
      !(command.userId && state.viewerUserIds.includes(command.userId)),
    field,
    'not_granted_yet',
    'That viewer already has access',
  );
}
