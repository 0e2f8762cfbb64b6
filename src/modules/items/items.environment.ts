import { Injectable } from '@nestjs/common';
import {
  ActorContext,
  OrganisationDirectory,
  OrganisationProfile,
} from '../../platform/access/actor';
import { CommandHandler } from '../../platform/commands/command-handler';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { BusinessRuleError } from '../../platform/kernel/domain-errors';
import { statement } from '../../platform/kernel/projection';
import { readableBy, readerParams } from '../../platform/projections/readers-table';
import { SubjectFacts } from './assessment.decider';
import { PlanFacts } from './item.commands';
import { itemAggregate } from './item.decider';
import { decisionAggregate } from '../decisions/decision.decider';
import { reportingBody } from '../organisations/sides';
import { PreDeliberationOpinions } from './pre-deliberation-opinions';

const PLAN_SQL = `SELECT p.plan_id, p.legislature_id, p.status,
    (SELECT json_group_array(e.item_id) FROM rm_plan_entries e WHERE e.plan_id = p.plan_id) AS item_ids
  FROM rm_plans p WHERE p.plan_id = @id AND ${readableBy('plan', 'p.plan_id')}`;

/**
 * What the legislature side's commands look up: whose item or plan it is, the committee that
 * oversees it, plans, bodies, subjects of assessments and pending pre-deliberation opinions.
 */
@Injectable()
export class LegislatureEnvironment {
  constructor(
    readonly directory: OrganisationDirectory,
    private readonly commands: CommandHandler,
    private readonly read: ReadDatabase,
    private readonly opinions: PreDeliberationOpinions,
  ) {}

  /** A Party group acts for itself; a special committee (法工委) for the Party group it belongs to. */
  legislatureOf(actor: ActorContext): Promise<OrganisationProfile> {
    return reportingBody(actor.organisation, this.directory);
  }

  /** The Party Committee of the legislature's region, or null when none is registered. */
  committeeOf(legislature: OrganisationProfile): Promise<OrganisationProfile | null> {
    return this.directory.findAt(legislature.regionCode, 'party_committee');
  }

  find(organisationId: string): Promise<OrganisationProfile | null> {
    return this.directory.find(organisationId);
  }

  /** A plan the caller may read, with its entries; null otherwise (from the plans read model). */
  plan(planId: string, actor: ActorContext): PlanFacts | null {
    const row = statement<
      [Record<string, unknown>],
      { plan_id: string; legislature_id: string; status: string; item_ids: string }
    >(this.read.db, PLAN_SQL).get({ id: planId, ...readerParams(actor) });
    return row
      ? {
          planId: row.plan_id,
          legislatureId: row.legislature_id,
          status: row.status,
          itemIds: JSON.parse(row.item_ids) as string[],
        }
      : null;
  }

  pendingPreDeliberation(itemId: string): Promise<string[]> {
    return this.opinions.pendingFor(itemId);
  }

  /** The item or decision an assessment reports on, if the caller may read it; 422 otherwise. */
  async subject(kind: 'item' | 'decision', id: string, actor: ActorContext): Promise<SubjectFacts> {
    const found = kind === 'item' ? await this.item(id, actor) : await this.decision(id, actor);
    if (!found) {
      throw new BusinessRuleError(
        'subjectId',
        'readable_subject',
        `There is no ${kind} ${id} the caller may read`,
      );
    }
    return found;
  }

  private async item(id: string, actor: ActorContext): Promise<SubjectFacts | null> {
    const state = await this.commands.readable(itemAggregate, id, actor);
    if (!state) return null;
    return { kind: 'item', id, legislatureId: state.legislatureId, committeeId: state.committeeId };
  }

  /** A committee decision the caller reads, with the committee whose it is. */
  private async decision(id: string, actor: ActorContext): Promise<SubjectFacts | null> {
    const state = await this.commands.readable(decisionAggregate, id, actor);
    return state
      ? { kind: 'decision', id, legislatureId: null, committeeId: state.committeeId }
      : null;
  }
}
