import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { SubmissionContent } from '../../events/submission-events';
import { Clock } from '../../platform/clock';
import { CommandContext, CommandHandler, deterministicUuid } from '../../platform/command-handler';
import { BusinessRuleError, NotFoundError } from '../../platform/domain-errors';
import { ProjectionRunner } from '../../platform/projections/projection-runner';
import { ActorContext, OrganisationProfile } from '../../platform/access/actor';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import {
  DraftSubmission,
  STEPS,
  authorise,
  SubmissionCommand,
  SubmissionState,
  canRead,
  readershipOf,
  submissionDecider,
} from './submission.decider';
import { DraftSubmissionDto, SubmissionContentDto } from './submission.dto';

export const submissionStream = (submissionId: string) => `submission-${submissionId}`;

/** The service adds the caller, the instant, the calendar's due dates and looked-up bodies. */
type CommandBody<C> = C extends SubmissionCommand
  ? Omit<C, 'actor' | 'now' | 'defaultReplyDueBy' | 'feedbackDueBy' | 'proposingOrganisation'>
  : never;
/** A command for an existing submission, less what the service adds. */
export type SubmissionStepInput = CommandBody<Exclude<SubmissionCommand, DraftSubmission>>;

export interface SubmissionCommandResult {
  submissionId: string;
  revision: number;
  status: string;
  events: string[];
}

const KINDS_THAT_SUBMIT = [
  'standing_committee_party_group',
  'government_party_group',
  'drafting_unit_party_group',
];

/**
 * The command side of submissions, shared by the HTTP API and the inbound Kafka consumer:
 * it gathers what the decider needs (organisations, due dates, the replaced submission), runs
 * the command through the command handler and waits for the in-process read models.
 */
@Injectable()
export class SubmissionCommands {
  constructor(
    private readonly commands: CommandHandler,
    private readonly directory: OrganisationDirectory,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly projections: ProjectionRunner,
  ) {}

  async draft(
    dto: DraftSubmissionDto,
    context: CommandContext,
    replacesSubmissionId: string | null = null,
  ): Promise<SubmissionCommandResult> {
    const submittingOrganisation = await this.submittingOrganisationOf(context.actor);
    const addressedCommittee = await this.directory.find(dto.addressedCommitteeId);
    if (!addressedCommittee) {
      throw new BusinessRuleError(
        'addressedCommitteeId',
        'registered',
        `Organisation ${dto.addressedCommitteeId} is not registered`,
      );
    }
    const replaces = replacesSubmissionId
      ? await this.readableState(replacesSubmissionId, context.actor)
      : null;
    const submissionId = context.idempotencyKey
      ? deterministicUuid(context.actor.userId, context.idempotencyKey, 'submission')
      : randomUUID();
    const command: DraftSubmission = {
      type: 'DraftSubmission',
      actor: context.actor,
      now: this.clock.now().toISOString(),
      submissionId,
      kind: dto.kind,
      category: dto.category,
      content: contentOf(dto),
      submittingOrganisation,
      addressedCommittee,
      replaces,
    };
    return this.run(submissionId, command, context);
  }

  /** Any step on an existing submission; outsiders learn nothing, not even that it exists. */
  async step(
    submissionId: string,
    input: SubmissionStepInput,
    context: CommandContext,
  ): Promise<SubmissionCommandResult> {
    const now = this.clock.now();
    const command = {
      ...input,
      actor: context.actor,
      now: now.toISOString(),
      ...this.dueDates(input.type, now),
      ...(input.type === 'RecordProposal'
        ? { proposingOrganisation: await this.directory.find(input.proposingOrganisationId) }
        : {}),
    } as SubmissionCommand;
    return this.run(submissionId, command, context, (state) => {
      const adminGrant = command.type === 'GrantViewer' && context.actor.roles.includes('admin');
      if (
        state.status === 'none' ||
        (!adminGrant && !canRead(context.actor, readershipOf(state)))
      ) {
        throw new NotFoundError(`Submission ${submissionId} not found`);
      }
    });
  }

  private dueDates(type: SubmissionCommand['type'], now: Date) {
    if (type === 'Submit') {
      return {
        defaultReplyDueBy: this.calendar.addWorkingDays(now, this.config.REPLY_DUE_WORKING_DAYS),
      };
    }
    if (type === 'IssueOpinion') {
      return {
        feedbackDueBy: this.calendar.addWorkingDays(now, this.config.FEEDBACK_DUE_WORKING_DAYS),
      };
    }
    return {};
  }

  /** The state of a submission the actor may read, or 404. */
  async readableState(submissionId: string, actor: ActorContext): Promise<SubmissionState> {
    const { state } = await this.commands.load(submissionStream(submissionId), submissionDecider);
    if (state.status === 'none' || !canRead(actor, readershipOf(state))) {
      throw new NotFoundError(`Submission ${submissionId} not found`);
    }
    return state;
  }

  private async run(
    submissionId: string,
    command: SubmissionCommand,
    context: CommandContext,
    precheck?: (state: SubmissionState) => void,
  ): Promise<SubmissionCommandResult> {
    const step = STEPS[command.type];
    // The same check the decider made, so the events record the role the step was taken in.
    const role = (state: SubmissionState) =>
      command.type === 'DraftSubmission'
        ? authorise(
            step,
            context.actor,
            command.submittingOrganisation.organisationId,
            command.addressedCommittee.organisationId,
          )
        : authorise(
            step,
            context.actor,
            state.submittingOrganisationId,
            state.addressedCommitteeId,
          );
    const result = await this.commands.execute(
      submissionStream(submissionId),
      submissionDecider,
      command,
      role,
      context,
      precheck,
    );
    await this.projections.waitFor(result.position, this.config.READ_YOUR_WRITES_TIMEOUT_MS);
    return {
      submissionId,
      revision: result.revision,
      status: result.state.status,
      events: result.events.map((e) => e.type),
    };
  }

  /** A Party group submits for itself; a special committee drafts for the Party group it belongs to. */
  private async submittingOrganisationOf(actor: ActorContext): Promise<OrganisationProfile> {
    const own = actor.organisation;
    if (KINDS_THAT_SUBMIT.includes(own.kind)) return own;
    const parent = own.parentOrganisationId
      ? await this.directory.find(own.parentOrganisationId)
      : null;
    return parent ?? own;
  }
}

export function contentOf(dto: Partial<SubmissionContentDto>): SubmissionContent {
  return {
    title: dto.title ?? '',
    summary: dto.summary ?? '',
    body: dto.body ?? '',
    documentNumber: dto.documentNumber ?? null,
    classification: dto.classification ?? 'internal',
    replyRequestedBy: dto.replyRequestedBy ?? null,
    references: dto.references ?? [],
  };
}
