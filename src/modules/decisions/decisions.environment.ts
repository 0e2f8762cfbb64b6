import { Injectable } from '@nestjs/common';
import { ProposalRoute } from '../../events/decision-events';
import {
  ActorContext,
  OrganisationDirectory,
  OrganisationProfile,
} from '../../platform/access/actor';
import { CommandHandler } from '../../platform/commands/command-handler';
import { AggregateDefinition } from '../../platform/kernel/feature';
import { FeatureRegistry } from '../../platform/kernel/feature-registry';
import { decisionAggregate, proposalAggregate } from './decision.decider';
import { DecisionState } from './decision.state';

/** The receiver of each route: the Standing Committee's or the government's Party group. */
export const RECEIVER_KIND: Record<ProposalRoute, string> = {
  standing_committee: 'standing_committee_party_group',
  government: 'government_party_group',
};

/** The committee a committee office acts for: the body it belongs to. */
export const committeeIdOf = (actor: ActorContext): string =>
  actor.organisation.parentOrganisationId ?? '';

/**
 * What building a decision or proposal command looks up: the committee, the legislature or
 * government at its place, and other decisions the caller reads.
 */
@Injectable()
export class DecisionCommandEnvironment {
  constructor(
    readonly directory: OrganisationDirectory,
    private readonly commands: CommandHandler,
    private readonly registry: FeatureRegistry,
  ) {}

  /**
   * Which of the given references name no record the caller may read. Plans and items are found
   * by aggregate name: their features import this one, so it cannot import theirs.
   */
  async unreadable<Field extends string>(
    references: readonly [Field, aggregate: string, id: string | null][],
    actor: ActorContext,
  ): Promise<Field[]> {
    const missing: Field[] = [];
    for (const [field, name, id] of references) {
      if (id === null) continue;
      const aggregate = this.registry.aggregates.get(name) as
        AggregateDefinition<never, unknown> | undefined;
      if (!aggregate || !(await this.commands.readable(aggregate, id, actor))) missing.push(field);
    }
    return missing;
  }

  async committeeOf(actor: ActorContext): Promise<OrganisationProfile | null> {
    const id = committeeIdOf(actor);
    return id ? this.directory.find(id) : null;
  }

  /** The body of `kind` at the committee's place (same region, so the same level). */
  async atCommitteesPlace(committeeId: string, kind: string): Promise<OrganisationProfile | null> {
    const committee = committeeId ? await this.directory.find(committeeId) : null;
    return committee ? this.directory.findAt(committee.regionCode, kind) : null;
  }

  /** The Standing Committee's Party group a decision goes to; null if none (or no decision). */
  async legislatureFor(decisionId: string): Promise<OrganisationProfile | null> {
    const { state } = await this.commands.load(decisionAggregate, decisionId);
    return this.atCommitteesPlace(state.committeeId, 'standing_committee_party_group');
  }

  /** A decision the caller reads, or null. */
  async readableDecision(decisionId: string, actor: ActorContext): Promise<DecisionState | null> {
    return this.commands.readable(decisionAggregate, decisionId, actor);
  }

  /** The Standing Committee's Party group that takes over a proposal outside the government's power. */
  async standingCommitteeFor(proposalId: string): Promise<OrganisationProfile | null> {
    const { state } = await this.commands.load(proposalAggregate, proposalId);
    return this.atCommitteesPlace(state.committeeId, RECEIVER_KIND.standing_committee);
  }
}
