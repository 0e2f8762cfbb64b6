import { ActorContext } from '../access/actor';
import { mayRead } from '../access/readers';
import { CommandHandler } from '../commands/command-handler';
import { NotFoundError } from '../kernel/domain-errors';
import { ChainVerification } from '../event-store/hash-chain';
import { StreamChains } from '../event-store/stream-chains';
import { AggregateDefinition, streamIdOf } from '../kernel/feature';

/**
 * An aggregate folded from its stream, for a detail view: 404 (`Item <id> not found`) when it
 * does not exist or the caller may not read it, so outsiders learn nothing of it.
 */
export async function loadReadable<State>(
  commands: CommandHandler,
  aggregate: AggregateDefinition<never, State>,
  id: string,
  actor: ActorContext,
): Promise<{ state: State; revision: number }> {
  const { state, revision } = await commands.load(aggregate, id);
  if (revision === null || !aggregate.exists(state) || !mayRead(actor, aggregate.readers(state))) {
    const name = aggregate.name.charAt(0).toUpperCase() + aggregate.name.slice(1);
    throw new NotFoundError(`${name} ${id} not found`);
  }
  return { state, revision };
}

/** The same, with the hash-chain status of the record's stream that every detail view shows. */
export async function loadReadableWithChain<State>(
  commands: CommandHandler,
  chains: StreamChains,
  aggregate: AggregateDefinition<never, State>,
  id: string,
  actor: ActorContext,
): Promise<{ state: State; revision: number; chainVerification: ChainVerification }> {
  const loaded = await loadReadable(commands, aggregate, id, actor);
  const streamId = streamIdOf(aggregate as AggregateDefinition, id);
  return { ...loaded, chainVerification: await chains.verify(streamId, loaded.revision) };
}
