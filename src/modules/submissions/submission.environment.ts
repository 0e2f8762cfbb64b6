import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { SubmissionContent } from '../../events/submission-events';
import {
  ActorContext,
  OrganisationDirectory,
  OrganisationProfile,
} from '../../platform/access/actor';
import { mayRead } from '../../platform/access/readers';
import { CommandHandler } from '../../platform/commands/command-handler';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { BusinessRuleError, NotFoundError } from '../../platform/kernel/domain-errors';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { submissionAggregate } from './submission.decider';
import { SubmissionContentDto } from './submission.dto';
import { SubmissionState } from './submission.state';

const KINDS_THAT_SUBMIT = [
  'standing_committee_party_group',
  'government_party_group',
  'drafting_unit_party_group',
];

/** What building a submission command looks up: bodies, due dates, a replaced submission. */
@Injectable()
export class SubmissionCommandEnvironment {
  constructor(
    readonly directory: OrganisationDirectory,
    private readonly calendar: WorkingDayCalendar,
    private readonly config: AppConfig,
    private readonly commands: CommandHandler,
    private readonly read: ReadDatabase,
  ) {}

  replyDueBy(now: string): string {
    return this.calendar.addWorkingDays(new Date(now), this.config.REPLY_DUE_WORKING_DAYS);
  }

  feedbackDueBy(now: string): string {
    return this.calendar.addWorkingDays(new Date(now), this.config.FEEDBACK_DUE_WORKING_DAYS);
  }

  async registered(organisationId: string, field: string): Promise<OrganisationProfile> {
    const found = await this.directory.find(organisationId);
    if (!found) {
      throw new BusinessRuleError(
        field,
        'registered',
        `Organisation ${organisationId} is not registered`,
      );
    }
    return found;
  }

  /** A Party group submits for itself; a special committee drafts for the Party group it belongs to. */
  async submittingOrganisationOf(actor: ActorContext): Promise<OrganisationProfile> {
    const own = actor.organisation;
    if (KINDS_THAT_SUBMIT.includes(own.kind)) return own;
    const parent = own.parentOrganisationId
      ? await this.directory.find(own.parentOrganisationId)
      : null;
    return parent ?? own;
  }

  /** The state of a submission the actor may read, or 404. */
  private async readableState(submissionId: string, actor: ActorContext): Promise<SubmissionState> {
    const { state } = await this.commands.load(submissionAggregate, submissionId);
    if (!submissionAggregate.exists(state) || !mayRead(actor, submissionAggregate.readers(state))) {
      throw new NotFoundError(`Submission ${submissionId} not found`);
    }
    return state;
  }

  /**
   * A submission a revision would replace, with the revision that already replaces it: that
   * link lives on the revision's stream, so the read model answers it.
   */
  async replacedState(submissionId: string, actor: ActorContext): Promise<SubmissionState> {
    const state = await this.readableState(submissionId, actor);
    const row = this.read.db
      .prepare<[string], { replaced_by_submission_id: string | null }>(
        'SELECT replaced_by_submission_id FROM rm_submissions WHERE submission_id = ?',
      )
      .get(submissionId);
    return { ...state, replacedBySubmissionId: row?.replaced_by_submission_id ?? null };
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
