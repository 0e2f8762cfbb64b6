import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { SubmissionContent, SubmissionSubjects } from '../../events/submission-events';
import {
  ActorContext,
  OrganisationDirectory,
  OrganisationProfile,
} from '../../platform/access/actor';
import { CommandHandler } from '../../platform/commands/command-handler';
import {
  EVENT_STORE,
  EventStore,
  StreamNotFoundError,
} from '../../platform/event-store/event-store.port';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { BusinessRuleError, NotFoundError } from '../../platform/kernel/domain-errors';
import { AggregateDefinition } from '../../platform/kernel/feature';
import { FeatureRegistry } from '../../platform/kernel/feature-registry';
import { reportingBody } from '../organisations/sides';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { submissionAggregate } from './submission.decider';
import { SubmissionContentDto } from './submission.dto';
import { SubmissionState } from './submission.state';

/** What a submission may be about, by the name of the aggregate that keeps it. */
const SUBJECT_AGGREGATES = [
  ['itemIds', 'item'],
  ['decisionIds', 'decision'],
] as const;

/** What building a submission command looks up: bodies, due dates, a replaced submission. */
@Injectable()
export class SubmissionCommandEnvironment {
  constructor(
    readonly directory: OrganisationDirectory,
    private readonly calendar: WorkingDayCalendar,
    private readonly config: AppConfig,
    private readonly commands: CommandHandler,
    private readonly read: ReadDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: FeatureRegistry,
  ) {}

  /**
   * The items and decisions a submission is about, each checked to exist and to be readable by
   * the caller, through whatever aggregate the build registers under that name (`item`,
   * `decision`): the submissions feature knows no other feature's code. When the build has no
   * such aggregate there is nothing to check against, and the ids are kept as given (a
   * submission drafted before that feature was deployed keeps its references).
   * A missing and an unreadable subject are refused alike, so a refusal reveals nothing.
   */
  async readableSubjects(
    subjects: Partial<SubmissionSubjects>,
    actor: ActorContext,
  ): Promise<SubmissionSubjects> {
    const checked: SubmissionSubjects = { itemIds: [], decisionIds: [] };
    for (const [field, name] of SUBJECT_AGGREGATES) {
      const ids = subjects[field] ?? [];
      checked[field] = ids;
      const aggregate = this.registry.aggregates.get(name) as
        AggregateDefinition<never, unknown> | undefined;
      if (!aggregate) continue; // Not registered in this build: unchecked, see above.
      for (const [index, id] of ids.entries()) {
        if (!(await this.commands.readable(aggregate, id, actor))) {
          throw new BusinessRuleError(
            `${field}[${index}]`,
            `readable_${name}`,
            `There is no ${name} ${id} that you may read`,
          );
        }
      }
    }
    return checked;
  }

  replyDueBy(now: string): string {
    return this.calendar.addWorkingDays(new Date(now), this.config.REPLY_DUE_WORKING_DAYS);
  }

  feedbackDueBy(now: string): string {
    return this.calendar.addWorkingDays(new Date(now), this.config.FEEDBACK_DUE_WORKING_DAYS);
  }

  /**
   * The reply due date once material awaited since the wait began is supplied `now`: moved on
   * by the working days the wait took, so the committee's time to reply is not eaten by it.
   * Null when no reply is due (a report, or nothing sent).
   */
  async replyDueByAfterWait(submissionId: string, now: string): Promise<string | null> {
    const { state } = await this.commands.load(submissionAggregate, submissionId);
    if (!state.replyDueBy) return null;
    const since = await this.waitingSince(submissionId);
    const waited = since ? this.calendar.workingDaysBetween(new Date(since), new Date(now)) : 0;
    if (waited < 1) return state.replyDueBy;
    // Noon in Beijing: the due date itself, whatever the time zone of the server.
    return this.calendar.addWorkingDays(new Date(`${state.replyDueBy}T12:00:00+08:00`), waited);
  }

  /** When the current wait for material began: the request made while none was open. */
  private async waitingSince(submissionId: string): Promise<string | null> {
    let events;
    try {
      events = await this.store.readStream(`submission-${submissionId}`);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    let open = 0;
    let since: string | null = null;
    for (const event of events) {
      if (event.type === 'SupplementaryMaterialRequested') {
        if (open === 0) since = event.metadata.occurredAt;
        open += 1;
      } else if (event.type === 'SupplementaryMaterialSupplied') open -= 1;
    }
    return open > 0 ? since : null;
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
  submittingOrganisationOf(actor: ActorContext): Promise<OrganisationProfile> {
    return reportingBody(actor.organisation, this.directory);
  }

  /** The state of a submission the actor may read, or 404. */
  private async readableState(submissionId: string, actor: ActorContext): Promise<SubmissionState> {
    const state = await this.commands.readable(submissionAggregate, submissionId, actor);
    if (!state) throw new NotFoundError(`Submission ${submissionId} not found`);
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

export function subjectsOf(dto: Partial<SubmissionSubjects>): SubmissionSubjects {
  return { itemIds: dto.itemIds ?? [], decisionIds: dto.decisionIds ?? [] };
}
