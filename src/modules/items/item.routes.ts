/**
 * Every item and assessment command, declared once: its route, body and the command it builds
 * for the decider. HTTP only for now (no inbound Kafka roles).
 */
import { defineCommand } from '../../platform/kernel/feature';
import { AssessmentCommand, assessmentAggregate } from './assessment.decider';
import * as C from './item.commands';
import { itemAggregate } from './item.decider';
import {
  AbolishItemDto,
  AdoptItemDto,
  AnswerInquiryDto,
  ConcludeInquiryReviewDto,
  DisputeInquiryDto,
  EnterIntoForceDto,
  HoldReadingDto,
  JudgeAssessmentDto,
  OpenInquiryDto,
  PlanItemDto,
  PromulgateItemDto,
  ProposeItemDto,
  RecordDivergenceDto,
  RecordDivergenceStepDto,
  RecordInspectionDto,
  ReportAssessmentDto,
  ReportInquiryResultDto,
  ResolveDivergenceDto,
  ScheduleForVoteDto,
  StartAmendmentDto,
  StartDraftingDto,
} from './item.dto';
import { LegislatureEnvironment } from './items.environment';

type Env = LegislatureEnvironment;
const ON_ITEM = { itemId: 'uuid' } as const;
const ON_DIVERGENCE = { ...ON_ITEM, divergenceNumber: 'int' } as const;
const ON_INQUIRY = { ...ON_ITEM, inquiryNumber: 'int' } as const;
const item = { aggregate: itemAggregate, params: ON_ITEM } as const;

const numbered =
  (type: string, field: string) =>
  (events: { type: string; data: unknown }[]): Record<string, unknown> => {
    const event = events.find((e) => e.type === type);
    return { [field]: (event?.data as Record<string, unknown>)[field] };
  };

export const ITEM_COMMANDS = [
  defineCommand<ProposeItemDto, C.ItemCommand, Env>({
    aggregate: itemAggregate,
    name: 'item.propose',
    path: 'items',
    summary:
      'Propose a legislative item (legislature side: a Standing Committee’s Party group or its special committees; a government Party group for a government rule)',
    dto: ProposeItemDto,
    creates: true,
    command: async ({ dto, id, context, env }) => {
      const legislature = await env.legislatureOf(context.actor);
      return {
        type: 'ProposeItem',
        itemId: id,
        kind: dto.kind,
        legislature,
        committee: await env.committeeOf(legislature),
        title: dto.title,
        summary: dto.summary,
        policyAreas: dto.policyAreas,
        proposedOn: dto.proposedOn,
      };
    },
  }),
  defineCommand<PlanItemDto, C.ItemCommand, Env>({
    ...item,
    name: 'item.plan',
    path: 'items/:itemId/plan',
    summary: 'Record that the item is in an approved plan that lists it (legislature side)',
    dto: PlanItemDto,
    command: ({ dto, context, env }) => ({
      type: 'PlanItem',
      planId: dto.planId,
      plan: env.plan(dto.planId, context.actor),
    }),
  }),
  defineCommand<StartDraftingDto, C.ItemCommand, Env>({
    ...item,
    name: 'item.drafting.start',
    path: 'items/:itemId/drafting',
    summary: 'Start drafting, by a drafting unit (legislature side)',
    dto: StartDraftingDto,
    command: async ({ dto, env }) => ({
      type: 'StartDrafting',
      draftingUnitId: dto.draftingUnitId,
      draftingUnit: await env.find(dto.draftingUnitId),
      startedOn: dto.startedOn,
    }),
  }),
  defineCommand<HoldReadingDto, C.ItemCommand, Env>({
    ...item,
    name: 'item.reading.hold',
    path: 'items/:itemId/readings',
    summary: 'Record a numbered reading by the Standing Committee (legislature side)',
    dto: HoldReadingDto,
    command: ({ dto }) => ({
      type: 'HoldReading',
      readingNumber: dto.readingNumber,
      heldOn: dto.heldOn,
      meetingReference: dto.meetingReference,
    }),
  }),
  defineCommand<ScheduleForVoteDto, C.ItemCommand, Env>({
    ...item,
    name: 'item.vote.schedule',
    path: 'items/:itemId/agenda',
    summary:
      'Put it on the agenda for a vote (legislature side); 409 while a pre-deliberation submission about it awaits its opinion',
    dto: ScheduleForVoteDto,
    command: async ({ dto, params, env }) => ({
      type: 'ScheduleForVote',
      agendaDate: dto.agendaDate,
      pendingPreDeliberation: await env.pendingPreDeliberation(params.itemId as string),
    }),
  }),
  defineCommand<AdoptItemDto, C.ItemCommand, Env>({
    ...item,
    name: 'item.adopt',
    path: 'items/:itemId/adoption',
    summary: 'Record its adoption, with the tally if known (legislature side)',
    dto: AdoptItemDto,
    command: ({ dto }) => ({
      type: 'AdoptItem',
      adoptedOn: dto.adoptedOn,
      tally: dto.tally
        ? { for: dto.tally.for, against: dto.tally.against, abstentions: dto.tally.abstentions }
        : null,
    }),
  }),
  defineCommand<PromulgateItemDto, C.ItemCommand, Env>({
    ...item,
    name: 'item.promulgate',
    path: 'items/:itemId/promulgation',
    summary: 'Record its promulgation with the announcement (公告) number (legislature side)',
    dto: PromulgateItemDto,
    command: ({ dto }) => ({
      type: 'PromulgateItem',
      announcementNumber: dto.announcementNumber,
      promulgatedOn: dto.promulgatedOn,
    }),
  }),
  defineCommand<EnterIntoForceDto, C.ItemCommand, Env>({
    ...item,
    name: 'item.force.enter',
    path: 'items/:itemId/entry-into-force',
    summary: 'Record the day it enters into force (legislature side)',
    dto: EnterIntoForceDto,
    command: ({ dto }) => ({ type: 'EnterIntoForce', inForceOn: dto.inForceOn }),
  }),
  defineCommand<StartAmendmentDto, C.ItemCommand, Env>({
    ...item,
    name: 'item.amendment.start',
    path: 'items/:itemId/amendments',
    summary: 'Start an amendment: a new version, back in drafting (legislature side)',
    dto: StartAmendmentDto,
    command: ({ dto }) => ({ type: 'StartAmendment', reason: dto.reason }),
    respond: numbered('ItemAmendmentStarted', 'version'),
  }),
  defineCommand<AbolishItemDto, C.ItemCommand, Env>({
    ...item,
    name: 'item.abolish',
    path: 'items/:itemId/abolition',
    summary: 'Record its abolition (legislature side)',
    dto: AbolishItemDto,
    command: ({ dto }) => ({
      type: 'AbolishItem',
      abolishedOn: dto.abolishedOn,
      reason: dto.reason,
    }),
  }),
  defineCommand<RecordDivergenceDto, C.ItemCommand, Env>({
    ...item,
    name: 'item.divergence.record',
    path: 'items/:itemId/divergences',
    summary:
      'Record a divergence between the deliberation and the committee’s opinion (legislature side)',
    dto: RecordDivergenceDto,
    command: ({ dto }) => ({
      type: 'RecordDivergence',
      description: dto.description,
      submissionId: dto.submissionId ?? null,
      pointNumber: dto.pointNumber ?? null,
      recordedOn: dto.recordedOn,
    }),
    respond: numbered('DivergenceRecorded', 'divergenceNumber'),
  }),
  defineCommand<RecordDivergenceStepDto, C.ItemCommand, Env>({
    ...item,
    params: ON_DIVERGENCE,
    name: 'item.divergence.step',
    path: 'items/:itemId/divergences/:divergenceNumber/steps',
    summary:
      'Record a step settling a divergence: further study, consultation, statutory vote, referral to the plenary (legislature side)',
    dto: RecordDivergenceStepDto,
    command: ({ dto, params }) => ({
      type: 'RecordDivergenceStep',
      divergenceNumber: params.divergenceNumber as number,
      step: dto.step,
      note: dto.note,
      on: dto.on,
    }),
  }),
  defineCommand<ResolveDivergenceDto, C.ItemCommand, Env>({
    ...item,
    params: ON_DIVERGENCE,
    name: 'item.divergence.resolve',
    path: 'items/:itemId/divergences/:divergenceNumber/resolution',
    summary: 'Record the final result of a divergence (legislature side)',
    dto: ResolveDivergenceDto,
    command: ({ dto, params }) => ({
      type: 'ResolveDivergence',
      divergenceNumber: params.divergenceNumber as number,
      result: dto.result,
      resolvedOn: dto.resolvedOn,
    }),
  }),
  defineCommand<OpenInquiryDto, C.ItemCommand, Env>({
    ...item,
    name: 'item.inquiry.open',
    path: 'items/:itemId/inquiries',
    summary:
      'Ask how an item in force is implemented, with a due date for the written answer (committee_office)',
    dto: OpenInquiryDto,
    command: ({ dto }) => ({ type: 'OpenInquiry', question: dto.question, dueBy: dto.dueBy }),
    respond: numbered('PostLegislationInquiryOpened', 'inquiryNumber'),
  }),
  defineCommand<AnswerInquiryDto, C.ItemCommand, Env>({
    ...item,
    params: ON_INQUIRY,
    name: 'item.inquiry.answer',
    path: 'items/:itemId/inquiries/:inquiryNumber/answer',
    summary:
      'Answer an inquiry in writing with a conclusion: keep, amend, abolish (legislature side)',
    dto: AnswerInquiryDto,
    command: ({ dto, params }) => ({
      type: 'AnswerInquiry',
      inquiryNumber: params.inquiryNumber as number,
      conclusion: dto.conclusion,
      text: dto.text,
    }),
  }),
  defineCommand<ReportInquiryResultDto, C.ItemCommand, Env>({
    ...item,
    params: ON_INQUIRY,
    name: 'item.inquiry.result',
    path: 'items/:itemId/inquiries/:inquiryNumber/results',
    summary: 'Report the result of acting on the conclusion (legislature side)',
    dto: ReportInquiryResultDto,
    command: ({ dto, params }) => ({
      type: 'ReportInquiryResult',
      inquiryNumber: params.inquiryNumber as number,
      text: dto.text,
    }),
  }),
  defineCommand<DisputeInquiryDto, C.ItemCommand, Env>({
    ...item,
    params: ON_INQUIRY,
    name: 'item.inquiry.dispute',
    path: 'items/:itemId/inquiries/:inquiryNumber/dispute',
    summary: 'Disagree with the legislature’s conclusion, asking for a review (committee_office)',
    dto: DisputeInquiryDto,
    command: ({ dto, params }) => ({
      type: 'DisputeInquiryConclusion',
      inquiryNumber: params.inquiryNumber as number,
      reason: dto.reason,
    }),
  }),
  defineCommand<ConcludeInquiryReviewDto, C.ItemCommand, Env>({
    ...item,
    params: ON_INQUIRY,
    name: 'item.inquiry.review',
    path: 'items/:itemId/inquiries/:inquiryNumber/review',
    summary: 'Record the review’s final conclusion (legislature side)',
    dto: ConcludeInquiryReviewDto,
    command: ({ dto, params }) => ({
      type: 'ConcludeInquiryReview',
      inquiryNumber: params.inquiryNumber as number,
      finalConclusion: dto.finalConclusion,
      note: dto.note,
    }),
  }),
  defineCommand<RecordInspectionDto, C.ItemCommand, Env>({
    ...item,
    name: 'item.inspection.record',
    path: 'items/:itemId/inspections',
    summary:
      'Record a law-enforcement inspection (执法检查) of an item in force (legislature side)',
    dto: RecordInspectionDto,
    command: ({ dto }) => ({
      type: 'RecordInspection',
      heldFrom: dto.heldFrom,
      heldTo: dto.heldTo,
      findings: dto.findings,
    }),
    respond: numbered('LawEnforcementInspectionRecorded', 'inspectionNumber'),
  }),
  defineCommand<ReportAssessmentDto, AssessmentCommand, Env>({
    aggregate: assessmentAggregate,
    name: 'assessment.report',
    path: 'assessments',
    summary:
      'Report an assessment: of an item by its legislature side, of a decision by its committee_office',
    dto: ReportAssessmentDto,
    creates: true,
    command: async ({ dto, id, context, env }) => ({
      type: 'ReportAssessment',
      assessmentId: id,
      subject: await env.subject(dto.subjectKind, dto.subjectId, context.actor),
      title: dto.title,
      findings: dto.findings,
      reportedOn: dto.reportedOn,
    }),
  }),
  defineCommand<JudgeAssessmentDto, AssessmentCommand, Env>({
    aggregate: assessmentAggregate,
    params: { assessmentId: 'uuid' },
    name: 'assessment.judge',
    path: 'assessments/:assessmentId/judgment',
    summary:
      'Judge an assessment: effective, adjust the decision, adjust the law (committee_office)',
    dto: JudgeAssessmentDto,
    command: ({ dto }) => ({ type: 'JudgeAssessment', judgment: dto.judgment, note: dto.note }),
  }),
];
