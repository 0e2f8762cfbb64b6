import { DomainEvent, EventSchema, FIRST_VERSION, Label } from './envelope';

/** 立法规划 (five years) or 年度立法计划 (one year). */
export const PLAN_KINDS = ['five_year', 'annual'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const PLAN_KIND_LABELS: Record<PlanKind, Label> = {
  five_year: { zh: '五年立法规划', en: 'Five-year legislative plan' },
  annual: { zh: '年度立法计划', en: 'Annual legislative plan' },
};

/**
 * How an item sits in a plan: what the legislature argued for it (必要性、可行性、可能产生的
 * 社会影响、立法障碍).
 */
export interface PlanEntry {
  itemId: string;
  necessity: string;
  feasibility: string;
  socialEffects: string;
  obstacles: string;
}

/** v1. Stream `plan-<planId>`. Drafted by the legislature (its Standing Committee's Party group). */
export interface LegislativePlanDraftedV1 {
  planId: string;
  legislatureId: string;
  /** The Party Committee at the same level, to which the plan is reported. */
  committeeId: string;
  kind: PlanKind;
  /** First and last year covered (the same year for an annual plan). */
  fromYear: number;
  toYear: number;
  title: string;
  entries: PlanEntry[];
  draftedAt: string;
}

/** v1. An entry added to the draft, or by an adjustment. */
export interface PlanEntryAddedV1 extends PlanEntry {
  /** 0 while drafting; the adjustment's number afterwards. */
  adjustmentNumber: number;
}

/** v1. */
export interface PlanEntryRemovedV1 {
  itemId: string;
  reason: string;
  adjustmentNumber: number;
}

/** v1. The plan was reported to the committee through a submission (category legislative_plan). */
export interface PlanReportedV1 {
  submissionId: string;
  reportedAt: string;
}

/** v1. */
export interface PlanApprovedV1 {
  approvedOn: string;
  /** The meeting or document that approved it. */
  approvalReference: string;
}

/** v1. A mid-term adjustment (中期调整); its added and removed entries follow as their own events. */
export interface PlanAdjustedV1 {
  adjustmentNumber: number;
  reason: string;
  adjustedOn: string;
  /** The submission that reported the adjustment, if one did. */
  submissionId: string | null;
}

export type PlanEvent =
  | DomainEvent<'LegislativePlanDrafted', LegislativePlanDraftedV1>
  | DomainEvent<'PlanEntryAdded', PlanEntryAddedV1>
  | DomainEvent<'PlanEntryRemoved', PlanEntryRemovedV1>
  | DomainEvent<'PlanReported', PlanReportedV1>
  | DomainEvent<'PlanApproved', PlanApprovedV1>
  | DomainEvent<'PlanAdjusted', PlanAdjustedV1>;

export const PLAN_EVENT_SCHEMAS: Record<PlanEvent['type'], EventSchema> = {
  LegislativePlanDrafted: FIRST_VERSION,
  PlanEntryAdded: FIRST_VERSION,
  PlanEntryRemoved: FIRST_VERSION,
  PlanReported: FIRST_VERSION,
  PlanApproved: FIRST_VERSION,
  PlanAdjusted: FIRST_VERSION,
};
