import { Injectable } from '@nestjs/common';
import { LinkEnd, LinkType } from '../../events/link-events';
import {
  ActorContext,
  OrganisationDirectory,
  OrganisationProfile,
} from '../../platform/access/actor';
import { CommandHandler } from '../../platform/commands/command-handler';
import { BusinessRuleError } from '../../platform/kernel/domain-errors';
import { AggregateDefinition } from '../../platform/kernel/feature';
import { FeatureRegistry } from '../../platform/kernel/feature-registry';
import { checkKinds } from './link.model';

/** The level a record belongs to, as far as its own state tells. */
interface Level {
  committeeId: string | null;
  legislatureId: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/**
 * The committee and legislature a record's state names, whatever its aggregate: decisions,
 * items, plans and assessments name `committeeId` (and `legislatureId`); a submission names its
 * addressed committee and its submitting Party group; a proposal its current receiver.
 */
export function levelOfState(state: unknown): Level {
  const s = (state ?? {}) as Record<string, unknown>;
  return {
    committeeId: text(s.committeeId) ?? text(s.addressedCommitteeId),
    legislatureId: text(s.legislatureId) ?? text(s.submittingOrganisationId) ?? text(s.receiverId),
  };
}

/** The aggregate a link end's kind is kept in: an opinion point lives in its submission. */
export const aggregateNameOf = (kind: LinkEnd['kind']) =>
  kind === 'opinion_point' ? 'submission' : kind;

/**
 * What establishing a link looks up: both ends, through whichever feature keeps their kind (so
 * items, plans and assessments are found once their features are registered), each of which
 * must exist and be readable by the caller; and the level they belong to, whose legislature and
 * committee read the link.
 */
@Injectable()
export class LinkCommandEnvironment {
  constructor(
    private readonly registry: FeatureRegistry,
    private readonly commands: CommandHandler,
    private readonly directory: OrganisationDirectory,
  ) {}

  async levelOf(
    type: LinkType,
    from: LinkEnd,
    to: LinkEnd,
    actor: ActorContext,
  ): Promise<{ legislatureId: string; committeeId: string }> {
    checkKinds(type, from, to);
    const a = await this.readableEnd(from, 'from', actor);
    const b = await this.readableEnd(to, 'to', actor);
    if (a.committeeId && b.committeeId && a.committeeId !== b.committeeId) {
      throw new BusinessRuleError(
        'to.id',
        'same_level',
        'Both ends of a link belong to the same Party Committee’s level',
      );
    }
    let committeeId = a.committeeId ?? b.committeeId;
    let legislatureId = a.legislatureId ?? b.legislatureId;
    if (!committeeId && legislatureId) {
      committeeId =
        (await this.counterpart(legislatureId, 'party_committee'))?.organisationId ?? null;
    }
    if (!legislatureId && committeeId) {
      legislatureId =
        (await this.counterpart(committeeId, 'standing_committee_party_group'))?.organisationId ??
        null;
    }
    if (!committeeId || !legislatureId) {
      throw new BusinessRuleError(
        'from.id',
        'level_known',
        'The committee and the legislature of the linked records cannot be told',
      );
    }
    return { legislatureId, committeeId };
  }

  /** The body of `kind` at the same place as `organisationId`. */
  private async counterpart(
    organisationId: string,
    kind: string,
  ): Promise<OrganisationProfile | null> {
    const org = await this.directory.find(organisationId);
    return org ? this.directory.findAt(org.regionCode, kind) : null;
  }

  private async readableEnd(
    end: LinkEnd,
    name: 'from' | 'to',
    actor: ActorContext,
  ): Promise<Level> {
    const aggregate = this.registry.aggregates.get(aggregateNameOf(end.kind)) as
      AggregateDefinition<never, unknown> | undefined;
    if (!aggregate) {
      throw new BusinessRuleError(
        `${name}.kind`,
        'kept_here',
        `Records of kind ${end.kind} are not kept by this service yet`,
      );
    }
    const state = await this.commands.readable(aggregate, end.id, actor);
    if (!state) {
      throw new BusinessRuleError(
        `${name}.id`,
        'exists',
        `There is no ${end.kind.replace(/_/g, ' ')} ${end.id} the caller may read`,
      );
    }
    if (end.kind === 'opinion_point') {
      const points = (state as { opinionPoints?: unknown }).opinionPoints;
      if (!Array.isArray(points) || !points.includes(end.point)) {
        throw new BusinessRuleError(
          `${name}.point`,
          'exists',
          `Submission ${end.id} has no opinion point ${end.point}`,
        );
      }
    }
    return levelOfState(state);
  }
}
