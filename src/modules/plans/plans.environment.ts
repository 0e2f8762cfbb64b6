import { Injectable } from '@nestjs/common';
import { ActorContext, OrganisationProfile } from '../../platform/access/actor';
import { CommandHandler } from '../../platform/commands/command-handler';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { statement } from '../../platform/kernel/projection';
import { readableBy, readerParams } from '../../platform/projections/readers-table';
import { LegislatureEnvironment } from '../items/items.environment';
import { submissionAggregate } from '../submissions/submission.decider';
import { ItemOwners, SubmissionFacts } from './plan.decider';

const ITEM_OWNER_SQL = `SELECT i.legislature_id FROM rm_items i
  WHERE i.item_id = @id AND ${readableBy('item', 'i.item_id')}`;

/** What plan commands look up: the legislature and its committee, listed items, the submission. */
@Injectable()
export class PlanCommandEnvironment {
  constructor(
    private readonly legislature: LegislatureEnvironment,
    private readonly commands: CommandHandler,
    private readonly read: ReadDatabase,
  ) {}

  legislatureOf(actor: ActorContext): Promise<OrganisationProfile> {
    return this.legislature.legislatureOf(actor);
  }

  committeeOf(legislature: OrganisationProfile): Promise<OrganisationProfile | null> {
    return this.legislature.committeeOf(legislature);
  }

  /** Whose item each listed id is, among the items the caller reads (from the items read model). */
  itemOwners(itemIds: readonly string[], actor: ActorContext): ItemOwners {
    const owners: Record<string, string | null> = {};
    const params = readerParams(actor);
    for (const id of itemIds) {
      const row = statement<[Record<string, unknown>], { legislature_id: string }>(
        this.read.db,
        ITEM_OWNER_SQL,
      ).get({ id, ...params });
      owners[id] = row?.legislature_id ?? null;
    }
    return owners;
  }

  /** The submission reporting a plan, if the caller may read it. */
  async submission(submissionId: string, actor: ActorContext): Promise<SubmissionFacts | null> {
    const state = await this.commands.readable(submissionAggregate, submissionId, actor);
    if (!state) return null;
    return {
      submissionId,
      category: state.category,
      submittingOrganisationId: state.submittingOrganisationId,
      status: state.status,
    };
  }
}
