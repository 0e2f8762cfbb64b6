import { SubmissionStepInput } from './submission-commands';
import {
  AmendDraftDto,
  GiveFeedbackDto,
  GrantViewerDto,
  IssueOpinionDto,
  ReceiveDto,
  RecordCommitteeMeetingDto,
  RecordPartyGroupDiscussionDto,
  RecordProposalDto,
  RequestMaterialDto,
  SubmitDto,
  SupplyMaterialDto,
  WithdrawDto,
} from './submission.dto';

/**
 * How each step's validated request body becomes its command: one mapping for the HTTP routes
 * and the Kafka inbound commands, so both channels mean the same thing by the same body.
 */
export const STEP_INPUT = {
  amend: (dto: AmendDraftDto): SubmissionStepInput => ({ type: 'AmendDraft', changes: { ...dto } }),
  recordProposal: (dto: RecordProposalDto): SubmissionStepInput => ({
    type: 'RecordProposal',
    proposingOrganisationId: dto.proposingOrganisationId,
    proposedOn: dto.proposedOn,
    note: dto.note,
  }),
  recordDiscussion: (dto: RecordPartyGroupDiscussionDto): SubmissionStepInput => ({
    type: 'RecordPartyGroupDiscussion',
    meetingKind: dto.meetingKind,
    meetingDate: dto.meetingDate,
    minutesReference: dto.minutesReference,
  }),
  submit: (dto: SubmitDto): SubmissionStepInput => ({
    type: 'Submit',
    documentNumber: dto.documentNumber ?? null,
  }),
  receive: (dto: ReceiveDto): SubmissionStepInput => ({
    type: 'Receive',
    officeLogNumber: dto.officeLogNumber,
  }),
  requestMaterial: (dto: RequestMaterialDto): SubmissionStepInput => ({
    type: 'RequestMaterial',
    description: dto.description,
    dueBy: dto.dueBy,
  }),
  supplyMaterial: (dto: SupplyMaterialDto, requestNumber: number): SubmissionStepInput => ({
    type: 'SupplyMaterial',
    requestNumber,
    description: dto.description,
    documentReferences: dto.documentReferences,
  }),
  recordCommitteeMeeting: (dto: RecordCommitteeMeetingDto): SubmissionStepInput => ({
    type: 'RecordCommitteeMeeting',
    meetingKind: dto.meetingKind,
    meetingDate: dto.meetingDate,
    minutesReference: dto.minutesReference ?? null,
  }),
  issueOpinion: (dto: IssueOpinionDto): SubmissionStepInput => ({
    type: 'IssueOpinion',
    documentNumber: dto.documentNumber,
    outcome: dto.outcome,
    points: dto.points.map((p) => ({ number: p.number, text: p.text })),
  }),
  giveFeedback: (dto: GiveFeedbackDto, pointNumber: number): SubmissionStepInput => ({
    type: 'GiveFeedback',
    pointNumber,
    adoption: dto.adoption,
    explanation: dto.explanation ?? null,
  }),
  withdraw: (dto: WithdrawDto): SubmissionStepInput => ({ type: 'Withdraw', reason: dto.reason }),
  grantViewer: (dto: GrantViewerDto): SubmissionStepInput => ({
    type: 'GrantViewer',
    organisationId: dto.organisationId ?? null,
    userId: dto.userId ?? null,
  }),
};
