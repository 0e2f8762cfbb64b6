/**
 * Every submission command, declared once: its route, body, Kafka name and the command it
 * builds for the decider.
 */
import { Role } from '../../events/envelope';
import { SupplementaryMaterialRequestedV1 } from '../../events/submission-events';
import { CommandArguments, CommandText, defineCommand } from '../../platform/kernel/feature';
import * as C from './submission.commands';
import { submissionAggregate } from './submission.decider';
import { textMayLeave } from './submission.integration';
import { SubmissionState } from './submission.state';
import {
  AmendDraftDto,
  DraftSubmissionDto,
  GiveFeedbackDto,
  GrantViewerDto,
  IssueOpinionDto,
  ReceiveDto,
  RecordCommitteeMeetingDto,
  RecordPartyGroupDiscussionDto,
  RecordProposalDto,
  RequestMaterialDto,
  ReviseFeedbackDto,
  SubmitDto,
  SupplyMaterialDto,
  WithdrawDto,
} from './submission.dto';
import { SubmissionCommandEnvironment, contentOf, subjectsOf } from './submission.environment';

type Env = SubmissionCommandEnvironment;
/** Services act for people in the roles that take submission steps, never as admin or analyst. */
const SERVICE_ROLES: Role[] = ['legislature', 'party_group', 'committee_office'];
const ON_SUBMISSION = { submissionId: 'uuid' } as const;
const common = {
  aggregate: submissionAggregate,
  inboundRoles: SERVICE_ROLES,
} as const;

/**
 * A draft's text may be shared (in the dead-letter topic) by the rule of the public events,
 * applied to the category and classification it asks for; anything else in their place (a body
 * that is not an object, a missing field) keeps the text out.
 */
const DRAFT_TEXT: CommandText = {
  fields: ['title', 'summary', 'body'],
  mayShare: ({ body, settings }) =>
    typeof body?.category === 'string' &&
    typeof body.classification === 'string' &&
    textMayLeave(
      { category: body.category, classification: body.classification } as SubmissionState,
      settings.textCategories,
    ),
};

/** A step's text goes with its submission's: shared only when the submission's text may be. */
const stepText = (...fields: string[]): CommandText => ({
  fields,
  mayShare: ({ body, state, settings }) => {
    const submission = state as SubmissionState | null;
    return (
      submission !== null &&
      submissionAggregate.exists(submission) &&
      // An amendment that makes the draft secret takes its text in with it.
      body?.classification !== 'secret' &&
      textMayLeave(submission, settings.textCategories)
    );
  },
});

async function drafting({
  dto,
  params,
  id,
  context,
  env,
}: CommandArguments<DraftSubmissionDto, Env>): Promise<Omit<C.DraftSubmission, 'actor' | 'now'>> {
  const replacedId = params.submissionId as string | undefined;
  return {
    type: 'DraftSubmission',
    submissionId: id,
    kind: dto.kind,
    category: dto.category,
    content: contentOf(dto),
    subjects: await env.readableSubjects(subjectsOf(dto), context.actor),
    submittingOrganisation: await env.submittingOrganisationOf(context.actor),
    addressedCommittee: await env.registered(dto.addressedCommitteeId, 'addressedCommitteeId'),
    replaces: replacedId ? await env.replacedState(replacedId, context.actor) : null,
  };
}

export const SUBMISSION_COMMANDS = [
  defineCommand<DraftSubmissionDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'submission.draft',
    text: DRAFT_TEXT,
    path: 'submissions',
    summary: 'Draft a submission (legislature or party_group of the submitting side)',
    dto: DraftSubmissionDto,
    creates: true,
    command: drafting,
  }),
  defineCommand<DraftSubmissionDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'submission.revise',
    text: DRAFT_TEXT,
    path: 'submissions/:submissionId/revisions',
    summary: 'Draft a revised submission replacing one sent back for revision or withdrawn',
    dto: DraftSubmissionDto,
    params: ON_SUBMISSION,
    creates: true,
    command: drafting,
  }),
  defineCommand<AmendDraftDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'submission.amend',
    text: stepText('title', 'summary', 'body'),
    path: 'submissions/:submissionId/amendments',
    summary: 'Amend a draft before it is sent',
    dto: AmendDraftDto,
    params: ON_SUBMISSION,
    command: async ({ dto, context, env }) => {
      await env.readableSubjects(dto, context.actor);
      return { type: 'AmendDraft', changes: { ...dto } };
    },
  }),
  defineCommand<RecordProposalDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'submission.proposal.record',
    text: stepText('note'),
    path: 'submissions/:submissionId/proposal',
    summary: 'Record the special committee’s proposal to the Party group',
    dto: RecordProposalDto,
    params: ON_SUBMISSION,
    command: async ({ dto, env }) => ({
      type: 'RecordProposal',
      proposingOrganisationId: dto.proposingOrganisationId,
      proposingOrganisation: await env.directory.find(dto.proposingOrganisationId),
      proposedOn: dto.proposedOn,
      note: dto.note,
    }),
  }),
  defineCommand<RecordPartyGroupDiscussionDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'submission.discussion.record',
    text: stepText('minutesReference'),
    path: 'submissions/:submissionId/party-group-discussion',
    summary: 'Record the Party group meeting or chairman’s meeting that discussed it',
    dto: RecordPartyGroupDiscussionDto,
    params: ON_SUBMISSION,
    command: ({ dto }) => ({
      type: 'RecordPartyGroupDiscussion',
      meetingKind: dto.meetingKind,
      meetingDate: dto.meetingDate,
      minutesReference: dto.minutesReference,
    }),
  }),
  defineCommand<SubmitDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'submission.submit',
    path: 'submissions/:submissionId/submission',
    summary: 'Send it to the Party Committee at the same level (party_group)',
    dto: SubmitDto,
    params: ON_SUBMISSION,
    command: ({ dto, now, env }) => ({
      type: 'Submit',
      documentNumber: dto.documentNumber ?? null,
      defaultReplyDueBy: env.replyDueBy(now),
    }),
  }),
  defineCommand<ReceiveDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'submission.receive',
    path: 'submissions/:submissionId/receipt',
    summary: 'Receive and log it (committee_office of the addressed committee)',
    dto: ReceiveDto,
    params: ON_SUBMISSION,
    command: ({ dto }) => ({ type: 'Receive', officeLogNumber: dto.officeLogNumber }),
  }),
  defineCommand<RequestMaterialDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'material.request',
    text: stepText('description'),
    path: 'submissions/:submissionId/material-requests',
    summary: 'Ask for supplementary material by a date (committee_office)',
    dto: RequestMaterialDto,
    params: ON_SUBMISSION,
    command: ({ dto }) => ({
      type: 'RequestMaterial',
      description: dto.description,
      dueBy: dto.dueBy,
    }),
    respond: (events) => {
      const opened = events.find((e) => e.type === 'SupplementaryMaterialRequested');
      return { requestNumber: (opened?.data as SupplementaryMaterialRequestedV1).requestNumber };
    },
  }),
  defineCommand<SupplyMaterialDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'material.supply',
    text: stepText('description', 'documentReferences'),
    path: 'submissions/:submissionId/material-requests/:requestNumber/supply',
    summary: 'Supply the requested material (submitting side)',
    dto: SupplyMaterialDto,
    params: { ...ON_SUBMISSION, requestNumber: 'int' },
    command: async ({ dto, params, now, env }) => ({
      type: 'SupplyMaterial',
      requestNumber: params.requestNumber as number,
      description: dto.description,
      documentReferences: dto.documentReferences,
      replyDueByAfterWait: await env.replyDueByAfterWait(params.submissionId as string, now),
    }),
  }),
  defineCommand<RecordCommitteeMeetingDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'committee_meeting.record',
    text: stepText('minutesReference'),
    path: 'submissions/:submissionId/committee-meetings',
    summary: 'Record the committee meeting that discussed it (committee_office)',
    dto: RecordCommitteeMeetingDto,
    params: ON_SUBMISSION,
    command: ({ dto }) => ({
      type: 'RecordCommitteeMeeting',
      meetingKind: dto.meetingKind,
      meetingDate: dto.meetingDate,
      minutesReference: dto.minutesReference ?? null,
    }),
  }),
  defineCommand<IssueOpinionDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'opinion.issue',
    text: stepText('points'),
    path: 'submissions/:submissionId/opinion',
    summary: 'Issue the committee’s written opinion with numbered points (committee_office)',
    dto: IssueOpinionDto,
    params: ON_SUBMISSION,
    command: ({ dto, now, env }) => ({
      type: 'IssueOpinion',
      documentNumber: dto.documentNumber,
      outcome: dto.outcome,
      points: dto.points.map((p) => ({ number: p.number, text: p.text })),
      feedbackDueBy: env.feedbackDueBy(now),
    }),
  }),
  defineCommand<GiveFeedbackDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'feedback.give',
    text: stepText('explanation'),
    path: 'submissions/:submissionId/opinion/points/:pointNumber/feedback',
    summary: 'Feed back how one opinion point was adopted (submitting side)',
    dto: GiveFeedbackDto,
    params: { ...ON_SUBMISSION, pointNumber: 'int' },
    command: ({ dto, params }) => ({
      type: 'GiveFeedback',
      pointNumber: params.pointNumber as number,
      adoption: dto.adoption,
      explanation: dto.explanation ?? null,
      readingNumber: dto.readingNumber ?? null,
      articles: dto.articles ?? [],
    }),
  }),
  defineCommand<ReviseFeedbackDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'feedback.revise',
    path: 'submissions/:submissionId/opinion/points/:pointNumber/feedback-revisions',
    summary:
      'Revise the feedback on an opinion point as the item moves on, naming the reading and articles (submitting side)',
    dto: ReviseFeedbackDto,
    params: { ...ON_SUBMISSION, pointNumber: 'int' },
    command: ({ dto, params }) => ({
      type: 'ReviseFeedback',
      pointNumber: params.pointNumber as number,
      adoption: dto.adoption,
      explanation: dto.explanation ?? null,
      readingNumber: dto.readingNumber ?? null,
      articles: dto.articles ?? [],
    }),
  }),
  defineCommand<WithdrawDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'submission.withdraw',
    text: stepText('reason'),
    path: 'submissions/:submissionId/withdrawal',
    summary: 'Withdraw it before an opinion is issued (party_group)',
    dto: WithdrawDto,
    params: ON_SUBMISSION,
    command: ({ dto }) => ({ type: 'Withdraw', reason: dto.reason }),
  }),
  defineCommand<GrantViewerDto, C.SubmissionCommand, Env>({
    ...common,
    name: 'viewer.grant',
    path: 'submissions/:submissionId/viewers',
    summary:
      'Grant an organisation or a user read access (submitting party_group, addressed office; admin once sent)',
    dto: GrantViewerDto,
    params: ON_SUBMISSION,
    command: ({ dto }) => ({
      type: 'GrantViewer',
      organisationId: dto.organisationId ?? null,
      userId: dto.userId ?? null,
    }),
  }),
];
