import { actor, changchun, jilin } from '../../../test/support/actors';
import { LinkEnd } from '../../events/link-events';
import { OrganisationDirectory, OrganisationProfile } from '../../platform/access/actor';
import { principal } from '../../platform/access/readers';
import { CommandHandler } from '../../platform/commands/command-handler';
import { BusinessRuleError } from '../../platform/kernel/domain-errors';
import { AggregateDefinition } from '../../platform/kernel/feature';
import { FeatureRegistry } from '../../platform/kernel/feature-registry';
import { LinkCommandEnvironment, levelOfState } from './link.environment';

const COMMITTEE = jilin.committee.organisationId;
const LEGISLATURE = jilin.partyGroup.organisationId;

/** A minimal aggregate whose states are given by id: enough for the end look-ups. */
function fakeAggregate(name: string, states: Record<string, object>): AggregateDefinition {
  return {
    name,
    idField: `${name}Id`,
    decider: {
      initialState: null,
      decide: () => ({ events: [], actedAs: 'admin' }),
      evolve: (s) => s,
    },
    exists: (state) => state !== null,
    status: () => 'x',
    readers: (state) => {
      const s = state as { committeeId?: string; legislatureId?: string };
      return [s.committeeId, s.legislatureId]
        .filter((id): id is string => !!id)
        .flatMap((id) =>
          [
            principal.organisation(id),
            principal.partOf(id, 'committee_office'),
            principal.partOf(id, 'special_committee'),
          ].map((p) => ({ principal: p, reason: 'r' })),
        );
    },
    location: (id) => `/api/${name}s/${id}`,
    reads: [],
    // The states by id, for the fake handler below.
    ...({ states } as object),
  } as AggregateDefinition;
}

function environment(aggregates: AggregateDefinition[]) {
  const registry = {
    aggregates: new Map(aggregates.map((a) => [a.name, a])),
  } as unknown as FeatureRegistry;
  const commands = {
    load: async (aggregate: { states: Record<string, object> }, id: string) => ({
      state: aggregate.states[id] ?? null,
      revision: aggregate.states[id] ? 0 : null,
    }),
    // The handler's own read check, over the fake load above.
    readable: CommandHandler.prototype.readable,
  } as unknown as CommandHandler;
  const profiles: OrganisationProfile[] = [...Object.values(jilin), ...Object.values(changchun)];
  const directory = {
    find: async (id: string) => profiles.find((p) => p.organisationId === id) ?? null,
    findAt: async (region: string, kind: string) =>
      profiles.find((p) => p.regionCode === region && p.kind === kind) ?? null,
  } as unknown as OrganisationDirectory;
  return new LinkCommandEnvironment(registry, commands, directory);
}

const end = (kind: LinkEnd['kind'], id: string, point: number | null = null): LinkEnd => ({
  kind,
  id,
  point,
});

describe('Establishing a link looks its ends up through whichever feature keeps their kind', () => {
  const items = fakeAggregate('item', {
    'item-1': { committeeId: COMMITTEE, legislatureId: LEGISLATURE },
    'cc-item': {
      committeeId: changchun.committee.organisationId,
      legislatureId: changchun.partyGroup.organisationId,
    },
  });
  const decisions = fakeAggregate('decision', {
    'decision-1': { committeeId: COMMITTEE, legislatureId: LEGISLATURE },
    untransmitted: { committeeId: COMMITTEE, legislatureId: null },
  });
  const submissions = fakeAggregate('submission', {
    's-1': { committeeId: COMMITTEE, legislatureId: LEGISLATURE, opinionPoints: [1, 2] },
  });
  const env = environment([items, decisions, submissions]);
  const legislature = actor(jilin.specialCommittee, ['legislature']);
  const jlOffice = actor(jilin.office, ['committee_office']);

  const refusal = async (promise: Promise<unknown>) => {
    const error = (await promise.then(
      () => null,
      (e: unknown) => e,
    )) as BusinessRuleError | null;
    expect(error).toBeInstanceOf(BusinessRuleError);
    return `${error!.field}:${error!.rule}`;
  };

  it('finds an item (a feature registered later) and a decision, and the level they belong to', async () => {
    await expect(
      env.levelOf('implements', end('item', 'item-1'), end('decision', 'decision-1'), legislature),
    ).resolves.toEqual({ legislatureId: LEGISLATURE, committeeId: COMMITTEE });
  });

  it('refuses an end that does not exist or that the caller does not read (422 naming the end)', async () => {
    expect(
      await refusal(
        env.levelOf('implements', end('item', 'nope'), end('decision', 'decision-1'), legislature),
      ),
    ).toBe('from.id:exists');
    expect(
      await refusal(
        env.levelOf(
          'implements',
          end('item', 'item-1'),
          end('decision', 'untransmitted'),
          legislature,
        ),
      ),
    ).toBe('to.id:exists');
    expect(
      await refusal(
        env.levelOf(
          'implements',
          end('item', 'cc-item'),
          end('decision', 'decision-1'),
          legislature,
        ),
      ),
    ).toBe('from.id:exists');
  });

  it('refuses a kind no feature keeps, and a wrong kind before any look-up', async () => {
    expect(
      await refusal(
        env.levelOf('assesses', end('assessment', 'a'), end('decision', 'decision-1'), jlOffice),
      ),
    ).toBe('from.kind:kept_here');
    expect(
      await refusal(
        env.levelOf(
          'implements',
          end('decision', 'decision-1'),
          end('item', 'item-1'),
          legislature,
        ),
      ),
    ).toBe('from.kind:allowed_for_type');
  });

  it('finds an opinion point in its submission, which must have it', async () => {
    await expect(
      env.levelOf('answers', end('item', 'item-1'), end('opinion_point', 's-1', 2), legislature),
    ).resolves.toEqual({ legislatureId: LEGISLATURE, committeeId: COMMITTEE });
    expect(
      await refusal(
        env.levelOf('answers', end('item', 'item-1'), end('opinion_point', 's-1', 3), legislature),
      ),
    ).toBe('to.point:exists');
  });

  it('tells the level from submissions, proposals and records that name only one side', () => {
    expect(levelOfState({ addressedCommitteeId: 'pc', submittingOrganisationId: 'pg' })).toEqual({
      committeeId: 'pc',
      legislatureId: 'pg',
    });
    expect(levelOfState({ committeeId: 'pc', receiverId: 'gov' })).toEqual({
      committeeId: 'pc',
      legislatureId: 'gov',
    });
    expect(levelOfState({ committeeId: 'pc', legislatureId: null })).toEqual({
      committeeId: 'pc',
      legislatureId: null,
    });
  });

  it('completes a missing side from the directory: the Standing Committee Party group at the committee’s place', async () => {
    const replaced = fakeAggregate('decision', {
      a: { committeeId: COMMITTEE, legislatureId: null },
      b: { committeeId: COMMITTEE, legislatureId: null },
    });
    const onlyCommittee = environment([replaced]);
    await expect(
      onlyCommittee.levelOf('replaces', end('decision', 'a'), end('decision', 'b'), jlOffice),
    ).resolves.toEqual({ legislatureId: LEGISLATURE, committeeId: COMMITTEE });
  });
});
