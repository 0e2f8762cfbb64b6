/** Every plan command, declared once: route, body and the command it builds (HTTP only). */
import { PlanEntry } from '../../events/plan-events';
import { defineCommand } from '../../platform/kernel/feature';
import { PlanCommand, planAggregate } from './plan.decider';
import {
  AdjustPlanDto,
  ApprovePlanDto,
  DraftPlanDto,
  PlanEntryDto,
  RemovePlanEntryDto,
  ReportPlanDto,
} from './plan.dto';
import { PlanCommandEnvironment } from './plans.environment';

type Env = PlanCommandEnvironment;
const plan = { aggregate: planAggregate, params: { planId: 'uuid' } } as const;

const entryOf = (dto: PlanEntryDto): PlanEntry => ({
  itemId: dto.itemId,
  necessity: dto.necessity,
  feasibility: dto.feasibility,
  socialEffects: dto.socialEffects,
  obstacles: dto.obstacles,
});

export const PLAN_COMMANDS = [
  defineCommand<DraftPlanDto, PlanCommand, Env>({
    aggregate: planAggregate,
    name: 'plan.draft',
    path: 'plans',
    summary: 'Draft a five-year or annual legislative plan with its entries (legislature side)',
    dto: DraftPlanDto,
    creates: true,
    command: async ({ dto, id, context, env }) => {
      const legislature = await env.legislatureOf(context.actor);
      const entries = dto.entries.map(entryOf);
      return {
        type: 'DraftPlan',
        planId: id,
        legislature,
        committee: await env.committeeOf(legislature),
        kind: dto.kind,
        fromYear: dto.fromYear,
        toYear: dto.toYear,
        title: dto.title,
        entries,
        itemOwners: env.itemOwners(
          entries.map((e) => e.itemId),
          context.actor,
        ),
      };
    },
  }),
  defineCommand<PlanEntryDto, PlanCommand, Env>({
    ...plan,
    name: 'plan.entry.add',
    path: 'plans/:planId/entries',
    summary: 'Add an item to the plan while it is drafted (legislature side)',
    dto: PlanEntryDto,
    command: ({ dto, context, env }) => ({
      type: 'AddPlanEntry',
      entry: entryOf(dto),
      itemOwners: env.itemOwners([dto.itemId], context.actor),
    }),
  }),
  defineCommand<RemovePlanEntryDto, PlanCommand, Env>({
    ...plan,
    name: 'plan.entry.remove',
    path: 'plans/:planId/entry-removals',
    summary: 'Remove an item from the plan while it is drafted (legislature side)',
    dto: RemovePlanEntryDto,
    command: ({ dto }) => ({ type: 'RemovePlanEntry', itemId: dto.itemId, reason: dto.reason }),
  }),
  defineCommand<ReportPlanDto, PlanCommand, Env>({
    ...plan,
    name: 'plan.report',
    path: 'plans/:planId/report',
    summary:
      'Record the legislative_plan submission that reports the plan to the committee (legislature side)',
    dto: ReportPlanDto,
    command: async ({ dto, context, env }) => ({
      type: 'ReportPlan',
      submissionId: dto.submissionId,
      submission: await env.submission(dto.submissionId, context.actor),
    }),
  }),
  defineCommand<ApprovePlanDto, PlanCommand, Env>({
    ...plan,
    name: 'plan.approve',
    path: 'plans/:planId/approval',
    summary: 'Record the committee’s approval of a reported plan (committee_office)',
    dto: ApprovePlanDto,
    command: ({ dto }) => ({
      type: 'ApprovePlan',
      approvedOn: dto.approvedOn,
      approvalReference: dto.approvalReference,
    }),
  }),
  defineCommand<AdjustPlanDto, PlanCommand, Env>({
    ...plan,
    name: 'plan.adjust',
    path: 'plans/:planId/adjustments',
    summary:
      'Adjust an approved plan mid-term: a numbered adjustment adding and removing entries (legislature side)',
    dto: AdjustPlanDto,
    command: async ({ dto, context, env }) => {
      const added = dto.added.map(entryOf);
      return {
        type: 'AdjustPlan',
        reason: dto.reason,
        adjustedOn: dto.adjustedOn,
        submissionId: dto.submissionId ?? null,
        submission: dto.submissionId ? await env.submission(dto.submissionId, context.actor) : null,
        added,
        removed: dto.removed.map((r) => ({ itemId: r.itemId, reason: r.reason })),
        itemOwners: env.itemOwners(
          added.map((e) => e.itemId),
          context.actor,
        ),
      };
    },
    respond: (events) => {
      const adjusted = events.find((e) => e.type === 'PlanAdjusted');
      return {
        adjustmentNumber: (adjusted?.data as { adjustmentNumber: number }).adjustmentNumber,
      };
    },
  }),
];
