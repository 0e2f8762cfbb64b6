/**
 * The subjects of a submission are checked through whatever `item` and `decision` aggregates the
 * build registers: each must exist and be readable by the caller; without such an aggregate
 * the ids are kept unchecked.
 */
import { actor, changchun, jilin } from '../../../test/support/actors';
import { principal } from '../../platform/access/readers';
import { CommandHandler } from '../../platform/commands/command-handler';
import { BusinessRuleError } from '../../platform/kernel/domain-errors';
import { AggregateDefinition } from '../../platform/kernel/feature';
import { FeatureRegistry } from '../../platform/kernel/feature-registry';
import { SubmissionCommandEnvironment } from './submission.environment';

const ITEM = '0b5c2d1e-7a4f-4c3b-9d8e-1f2a3b4c5d6e';
const FOREIGN_ITEM = '1c6d3e2f-8b5a-4d4c-8e9f-2a3b4c5d6e7f';
const MISSING_ITEM = '2d7e4f3a-9c6b-4e5d-8f0a-3b4c5d6e7f80';
const DECISION = '3e8f5a4b-0d7c-4f6e-9a1b-4c5d6e7f8091';

interface Owned {
  legislatureId: string;
}

/** An aggregate of that name as another feature would register it: read by its legislature. */
const aggregateNamed = (name: string) =>
  ({
    name,
    idField: `${name}Id`,
    exists: (state: Owned | null) => state !== null,
    readers: (state: Owned) => [
      { principal: principal.organisation(state.legislatureId), reason: 'legislature' },
      {
        principal: principal.partOf(state.legislatureId, 'special_committee'),
        reason: 'legislature',
      },
    ],
  }) as unknown as AggregateDefinition;

const STATES: Record<string, Owned | null> = {
  [ITEM]: { legislatureId: jilin.partyGroup.organisationId },
  [FOREIGN_ITEM]: { legislatureId: changchun.partyGroup.organisationId },
  [DECISION]: { legislatureId: jilin.partyGroup.organisationId },
};

function environment(registered: string[]): SubmissionCommandEnvironment {
  const commands = {
    load: (_aggregate: unknown, id: string) =>
      Promise.resolve({ state: STATES[id] ?? null, revision: STATES[id] ? 0 : null }),
    // The handler's own read check, over the fake load above.
    readable: CommandHandler.prototype.readable,
  } as unknown as CommandHandler;
  const registry = {
    aggregates: new Map(registered.map((name) => [name, aggregateNamed(name)])),
  } as unknown as FeatureRegistry;
  return new SubmissionCommandEnvironment(
    null as never,
    null as never,
    null as never,
    commands,
    null as never,
    null as never,
    registry,
  );
}

const fgw = actor(jilin.specialCommittee, ['legislature']);

async function refusal(promise: Promise<unknown>): Promise<BusinessRuleError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BusinessRuleError);
  return error as BusinessRuleError;
}

describe('submission subjects: existence and read checks', () => {
  it('Given item and decision aggregates, When the subjects are readable, Then they are kept', async () => {
    await expect(
      environment(['item', 'decision']).readableSubjects(
        { itemIds: [ITEM], decisionIds: [DECISION] },
        fgw,
      ),
    ).resolves.toEqual({ itemIds: [ITEM], decisionIds: [DECISION] });
  });

  it('Given no subjects, When checked, Then both lists are empty', async () => {
    await expect(environment(['item']).readableSubjects({}, fgw)).resolves.toEqual({
      itemIds: [],
      decisionIds: [],
    });
  });

  it('Given an item that does not exist, Then 422 naming the entry', async () => {
    const error = await refusal(
      environment(['item']).readableSubjects({ itemIds: [ITEM, MISSING_ITEM] }, fgw),
    );
    expect(error).toMatchObject({ field: 'itemIds[1]', rule: 'readable_item' });
  });

  it('Given an item of another legislature, Then 422 alike: the refusal reveals nothing', async () => {
    const error = await refusal(
      environment(['item']).readableSubjects({ itemIds: [FOREIGN_ITEM] }, fgw),
    );
    expect(error).toMatchObject({ field: 'itemIds[0]', rule: 'readable_item' });
    expect(error.message).toBe(`There is no item ${FOREIGN_ITEM} that you may read`);
  });

  it('Given a decision that does not exist, Then 422 naming decisionIds', async () => {
    const error = await refusal(
      environment(['item', 'decision']).readableSubjects({ decisionIds: [MISSING_ITEM] }, fgw),
    );
    expect(error).toMatchObject({ field: 'decisionIds[0]', rule: 'readable_decision' });
  });

  it('Given a build without those aggregates, Then the ids are kept unchecked', async () => {
    await expect(
      environment([]).readableSubjects(
        { itemIds: [MISSING_ITEM], decisionIds: [FOREIGN_ITEM] },
        fgw,
      ),
    ).resolves.toEqual({ itemIds: [MISSING_ITEM], decisionIds: [FOREIGN_ITEM] });
    // Only the registered one is checked.
    await expect(
      environment(['decision']).readableSubjects({ itemIds: [MISSING_ITEM] }, fgw),
    ).resolves.toEqual({ itemIds: [MISSING_ITEM], decisionIds: [] });
  });
});
