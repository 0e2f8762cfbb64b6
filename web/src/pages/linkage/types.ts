/** The shapes the linkage workspaces read from the API (OpenAPI at /api/docs-json). */
import { Label } from '../../api';

export interface DecisionSummary {
  decisionId: string;
  committeeId: string;
  documentNumber: string;
  title: string;
  decidedOn: string;
  policyAreas: string[];
  kind: string;
  followUp: string | null;
  status: string;
  legislatureId: string | null;
  transmittedAt: string | null;
  acknowledgedAt: string | null;
  followUpReports: number;
  supersededByDecisionId: string | null;
  revision: number;
}

export interface LinkEnd {
  kind: string;
  id: string;
  point: number | null;
}

export interface LinkView {
  linkId: string;
  type: string;
  from: LinkEnd;
  to: LinkEnd;
  rationale: string;
  active?: boolean;
  establishedAt: string;
  removedAt?: string | null;
  removalReason?: string | null;
}

export interface DecisionDetail extends Omit<DecisionSummary, 'followUpReports'> {
  summary: string;
  recordedByOfficeId: string;
  followUpReports: { reportNumber: number; text: string; reportedAt: string }[];
  supersededAt: string | null;
  supersedes: string[];
  links: LinkView[];
}

export interface StageEntry {
  stage: string;
  on: string;
  version: number;
}

export interface ItemSummary {
  itemId: string;
  kind: string;
  kindLabel: Label;
  title: string;
  stage: string;
  stageLabel: Label;
  stageSince: string;
  legislatureId: string;
  committeeId: string;
  policyAreas: string[];
  proposedOn: string;
  version: number;
  planIds: string[];
  openDivergences: number;
  revision: number;
}

export interface Inquiry {
  inquiryNumber: number;
  question: string;
  dueBy: string;
  openedAt: string;
  status: string;
  answer: { conclusion: string; text: string; answeredAt: string } | null;
  results: { text: string; reportedAt: string }[];
  dispute: { reason: string; disputedAt: string } | null;
  review: { finalConclusion: string; note: string; concludedAt: string } | null;
  conclusion: string | null;
}

export interface ItemDetail extends Omit<ItemSummary, 'openDivergences'> {
  summary: string;
  draftingUnitId: string | null;
  agendaDate: string | null;
  adoptedOn: string | null;
  announcementNumber: string | null;
  promulgatedOn: string | null;
  inForceOn: string | null;
  abolition: { abolishedOn: string; reason: string } | null;
  amendments: { version: number; reason: string; startedOn: string }[];
  stageHistory: StageEntry[];
  readings: { version: number; readingNumber: number; heldOn: string; meetingReference: string }[];
  openDivergences: number[];
  divergences: Divergence[];
  inquiries: Inquiry[];
  inspections: { inspectionNumber: number; heldFrom: string; heldTo: string; findings: string }[];
  /** The steps the caller may take now (the API's item policy; `report_assessment` too). */
  openSteps: string[];
}

export interface Divergence {
  divergenceNumber: number;
  description: string;
  submissionId: string | null;
  pointNumber: number | null;
  recordedOn: string;
  steps: { step: string; note: string; on: string }[];
  resolution: { result: string; resolvedOn: string } | null;
  open: boolean;
}

export interface AssessmentDetail {
  assessmentId: string;
  subject: { kind: string; id: string };
  reportedByOrganisationId: string;
  committeeId: string;
  title: string;
  findings: string;
  reportedOn: string;
  status: string;
  judgment: { judgment: string; judgmentLabel: Label; note: string; judgedAt: string } | null;
  openSteps: string[];
}

export interface PlanEntry {
  itemId: string;
  necessity: string;
  feasibility: string;
  socialEffects: string;
  obstacles: string;
}

export interface PlanSummary {
  planId: string;
  kind: string;
  status: string;
  committeeId: string;
  legislatureId: string;
  fromYear: number;
  toYear: number;
  title: string;
  entryCount: number;
  adjustments: number;
}

export interface PlanDetail extends Omit<PlanSummary, 'adjustments'> {
  entries: PlanEntry[];
  removedEntries: { itemId: string; reason: string; adjustmentNumber: number }[];
  submissionId: string | null;
  approval: { approvedOn: string; approvalReference: string } | null;
  adjustments: {
    adjustmentNumber: number;
    reason: string;
    adjustedOn: string;
    submissionId: string | null;
    added: string[];
    removed: string[];
  }[];
  openSteps: string[];
}

export interface ProposalSummary {
  proposalId: string;
  committeeId: string;
  receiverId: string;
  route: string;
  itemKind: string;
  title: string;
  decisionId: string | null;
  status: string;
  answer: string | null;
  transferredAt: string;
  answeredAt: string | null;
  revision: number;
}

export interface ProposalDetail extends ProposalSummary {
  summary: string;
  receiverIds: string[];
  arguments: { receiverId: string; arguedOn: string; note: string }[];
  answers: {
    receiverId: string;
    answer: string;
    explanation: string | null;
    planId: string | null;
    itemId: string | null;
    answeredAt: string;
  }[];
  reroutedAt: string | null;
  links: LinkView[];
}

export interface Adoption {
  adopted: number;
  partly_adopted: number;
  not_adopted: number;
  pending: number;
}

export interface LinkageItemBrief {
  itemId: string;
  title: string;
  kind: string;
  stage: string;
  stageLabel: Label | null;
  stageSince: string;
  daysInStage: number | null;
  version: number;
  adoptedOn: string | null;
  inForceOn: string | null;
  openDivergences: number;
  flags: string[];
  lagToAdoptionDays: number | null;
  lagToInForceDays: number | null;
  rationale: string;
}

export interface InquiryConclusionView {
  itemId: string;
  inquiryNumber: number;
  conclusion: string | null;
  finalConclusion: string | null;
  effectiveConclusion: string | null;
}

export interface AssessmentBrief {
  assessmentId: string;
  subject: { kind: string; id: string };
  title: string;
  reportedOn: string;
  judgment: string | null;
}

export interface LinkageDecision {
  decisionId: string;
  documentNumber: string;
  title: string;
  decidedOn: string;
  kind: string;
  followUp: string | null;
  policyAreas: string[];
  level: string;
  regionCode: string;
  transmittedAt: string | null;
  acknowledgedAt: string | null;
  followUpReports: number;
  supersededBy: string | null;
  items: LinkageItemBrief[];
  submissionCount: number;
  opinionPointCount: number;
  adoption: Adoption;
  lag: { toAdoptionDays: number | null; toInForceDays: number | null };
  openDivergences: number;
  inquiryConclusions: InquiryConclusionView[];
  assessments: AssessmentBrief[];
  flags: string[];
}

export interface LinkageSubmission {
  submissionId: string;
  kind: string;
  category: string;
  title: string;
  status: string;
  submittedAt: string | null;
  opinionOutcome: string | null;
  points: {
    number: number;
    text: string;
    adoption: string | null;
    explanation: string | null;
    readingNumber: number | null;
    articles: string[];
  }[];
}

export interface LinkageDivergence {
  itemId?: string;
  divergenceNumber: number;
  description: string;
  open?: boolean;
}

export interface LinkageDetailParts {
  asOf: { at: number | null; today: string };
  submissions: LinkageSubmission[];
  divergences: LinkageDivergence[];
  links: LinkView[];
}

export type LinkageDecisionDetail = LinkageDecision & LinkageDetailParts;

export interface LinkageItem {
  itemId: string;
  title: string;
  kind: string;
  stage: string;
  stageLabel: Label | null;
  stageSince: string;
  daysInStage: number | null;
  version: number;
  adoptedOn: string | null;
  inForceOn: string | null;
  openDivergences: number;
  flags: string[];
  level: string;
  regionCode: string;
  policyAreas: string[];
  proposedOn: string;
  readings: number;
  agendaDate: string | null;
  promulgatedOn: string | null;
  abolishedOn: string | null;
  plan: { planId: string; title?: string } | null;
  decisions: {
    decisionId: string;
    documentNumber: string;
    title: string;
    decidedOn: string;
    rationale: string;
    lagToAdoptionDays: number | null;
    lagToInForceDays: number | null;
  }[];
  submissionCount: number;
  opinionPointCount: number;
  adoption: Adoption;
  inquiryConclusions: InquiryConclusionView[];
}

export type LinkageItemDetail = LinkageItem &
  LinkageDetailParts & {
    assessments: AssessmentBrief[];
  };
