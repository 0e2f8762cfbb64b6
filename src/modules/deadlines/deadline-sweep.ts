import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, NewEvent } from '../../events/envelope';
import { DeadlineEvent } from '../../events/deadline-events';
import { AppConfig } from '../../config/app-config';
import { CommandHandler } from '../../platform/commands/command-handler';
import {
  EVENT_STORE,
  EventStore,
  LogPosition,
  WrongExpectedRevisionError,
  compareLogPositions,
  readLogEntries,
} from '../../platform/event-store/event-store.port';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { Clock } from '../../platform/kernel/clock';
import { EventCatalogue } from '../../platform/kernel/event-catalogue';
import { FeatureRegistry } from '../../platform/kernel/feature-registry';
import { streamIdOf } from '../../platform/kernel/feature';
import { ProjectionRunner } from '../../platform/projections/projection-runner';
import {
  PendingDeadlineNotice,
  pendingDeadlineNotices,
} from '../../projections/notifications.projection';
import { dueWindow } from '../notifications/due-window';
import { DueNotice, deadlineDecider, submissionDeadlinesAggregate } from './deadline.decider';

/** The read models the rule reads: their checkpoints must reach the log's end first. */
const READ_MODELS = ['submissions', 'notifications'] as const;
/** More unapplied events than this: the read models are catching up; sweep next time. */
const MAX_LAG_EVENTS = 1000;
const CATCH_UP_WAIT_MS = 10_000;
/** Sweepers racing for one submission's stream settle in a round or two. */
const MAX_ATTEMPTS = 5;

export interface SweepResult {
  /** Facts recorded by this sweep, and the submissions they are about. */
  recorded: number;
  submissions: number;
}

const toNotice = (row: PendingDeadlineNotice): DueNotice => ({
  kind: row.kind,
  fact: {
    notificationId: row.notificationId,
    submissionId: row.submissionId,
    deadline: row.deadline,
    number: row.number,
    dueBy: row.dueBy,
    recipient: { organisationId: row.organisationId, audience: row.audience },
    submissionKind: row.submissionKind,
    category: row.category,
    documentNumber: row.documentNumber,
  },
});

/**
 * The clock sweep: nothing happens in the log when time passes, so every
 * DEADLINE_SWEEP_INTERVAL_MS a process with the `deadlines` role finds, in the read models, the
 * due dates that came within NOTIFICATIONS_DUE_SOON_DAYS or went by (the in-app list's rule) and
 * not yet recorded, and records each as a fact (`DeadlineApproached`, `DeadlinePassed`) that the
 * relay publishes like any other event. It reads "today" from the injected clock, and only once
 * the read models hold every event recorded before it looked, so a step taken in time is never
 * reported late. Several sweepers may run: each appends at the revision it read.
 */
@Injectable()
export class DeadlineSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DeadlineSweep');
  private readonly catalogue: EventCatalogue;
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly read: ReadDatabase,
    private readonly states: CommandHandler,
    private readonly projections: ProjectionRunner,
    registry: FeatureRegistry,
  ) {
    this.catalogue = registry.catalogue;
  }

  onApplicationBootstrap(): void {
    if (this.config.has('deadlines')) this.schedule(0);
  }

  /** Before the core closes the stores: a sweep may be appending. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.sweeping;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.sweeping = this.sweep()
        .catch((error: unknown) =>
          this.logger.warn({ msg: 'Deadline sweep failed; trying again next time', err: error }),
        )
        .finally(() => {
          this.sweeping = null;
          this.schedule(this.config.DEADLINE_SWEEP_INTERVAL_MS);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** One sweep as of the clock; null when the read models were too far behind to sweep. */
  async sweep(): Promise<SweepResult | null> {
    const now = this.clock.now();
    if (!(await this.readModelsCurrent())) return null;
    const window = dueWindow(now, this.config.NOTIFICATIONS_DUE_SOON_DAYS);
    const bySubmission = new Map<string, DueNotice[]>();
    for (const row of pendingDeadlineNotices(this.read.db, window)) {
      const notices = bySubmission.get(row.submissionId) ?? [];
      notices.push(toNotice(row));
      bySubmission.set(row.submissionId, notices);
    }
    const correlationId = `deadline-sweep:${randomUUID()}`;
    let recorded = 0;
    let submissions = 0;
    for (const [submissionId, notices] of bySubmission) {
      const count = await this.record(submissionId, notices, now, correlationId);
      recorded += count;
      if (count > 0) submissions += 1;
    }
    if (recorded > 0) {
      this.logger.log(
        `Recorded ${recorded} deadline fact(s) for ${submissions} submission(s) as of ${window.today}`,
      );
    }
    return { recorded, submissions };
  }

  /**
   * True once the read models the rule reads hold every event recorded when it was called
   * (they may be kept by another process on the same SQLite file: their checkpoints tell).
   */
  private async readModelsCurrent(): Promise<boolean> {
    const behind = READ_MODELS.map((name) => this.projections.checkpoint(name).position).sort(
      compareLogPositions,
    )[0];
    const pending = await readLogEntries(this.store, { from: behind, maxCount: MAX_LAG_EVENTS });
    if (pending.length === 0) return true;
    if (pending.length >= MAX_LAG_EVENTS) return false;
    const end: LogPosition = pending[pending.length - 1].position;
    const deadline = Date.now() + CATCH_UP_WAIT_MS;
    while (Date.now() < deadline && !this.stopped) {
      const reached = READ_MODELS.every(
        (name) => compareLogPositions(this.projections.checkpoint(name).position, end) >= 0,
      );
      if (reached) return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return false;
  }

  /** Appends what the decider leaves to record, at the revision it decided on. */
  private async record(
    submissionId: string,
    notices: readonly DueNotice[],
    now: Date,
    correlationId: string,
  ): Promise<number> {
    const streamId = streamIdOf(submissionDeadlinesAggregate, submissionId);
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.states.load(
        submissionDeadlinesAggregate,
        submissionId,
      );
      const { events, actedAs } = deadlineDecider.decide(
        { type: 'RecordDeadlineFacts', notices },
        state,
      );
      if (events.length === 0) return 0;
      const actor: Actor = {
        userId: 'deadline-sweep',
        userName: '期限检查',
        organisationId: this.config.SERVICE_IDENTITY,
        role: actedAs,
      };
      try {
        await this.store.append(
          streamId,
          events.map((event) => this.envelope(event, actor, now, correlationId)),
          revision ?? 'no_stream',
        );
        return events.length;
      } catch (error) {
        // Another sweeper recorded first: decide again on what it recorded.
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Event ids are random: two sweepers deciding on different read-model moments may decide
   * overlapping sets of facts, and the expected revision, not the ids, keeps each one once.
   */
  private envelope(event: DeadlineEvent, actor: Actor, now: Date, correlationId: string): NewEvent {
    return {
      eventId: randomUUID(),
      type: event.type,
      schemaVersion: this.catalogue.currentVersion(event.type),
      data: event.data,
      metadata: { occurredAt: now.toISOString(), actor, correlationId, causationId: null },
    };
  }
}
