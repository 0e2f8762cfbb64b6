import { DomainEvent } from '../../events/envelope';
import { Clock } from '../kernel/clock';
import { AnyCommand } from '../kernel/feature';
import { ProjectionRunner } from '../projections/projection-runner';
import { CommandContext, CommandHandler, deterministicUuid } from './command-handler';
import { randomUUID } from 'node:crypto';

/** What every command answers: the aggregate, its revision (the ETag), state and events. */
export interface CommandOutcome {
  id: string;
  revision: number;
  created: boolean;
  location: string | null;
  body: Record<string, unknown>;
}

/**
 * Runs a declared command, whichever channel it came by (HTTP or Kafka): builds the decider's
 * command from the validated body and parameters, executes it, and waits for the projections
 * that command's aggregate is read from.
 */
export class CommandBus {
  constructor(
    private readonly handler: CommandHandler,
    private readonly projections: ProjectionRunner,
    private readonly clock: Clock,
    /** The environment object each command's feature declared, by command name. */
    private readonly environmentOf: (command: AnyCommand) => unknown,
    private readonly readYourWritesTimeoutMs: number,
  ) {}

  async run(
    definition: AnyCommand,
    dto: object,
    params: Record<string, string | number>,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    const aggregate = definition.aggregate;
    const id = definition.creates
      ? (definition.newId?.({ dto, context }) ??
        (context.idempotencyKey
          ? deterministicUuid(context.actor.userId, context.idempotencyKey, aggregate.name)
          : randomUUID()))
      : String(params[aggregate.idField]);
    const now = this.clock.now().toISOString();
    const input = await definition.command({
      dto,
      params,
      id,
      context,
      now,
      env: this.environmentOf(definition),
    });
    const result = await this.handler.execute(
      aggregate,
      id,
      { ...(input as object), actor: context.actor, now } as never,
      context,
      definition.creates ?? false,
    );
    await this.projections.waitFor(result.position, this.readYourWritesTimeoutMs, aggregate.reads);
    const events = result.events as DomainEvent[];
    return {
      id,
      revision: result.revision,
      created: definition.creates ?? false,
      location: definition.creates ? aggregate.location(id) : null,
      body: {
        [aggregate.idField]: id,
        revision: result.revision,
        status: aggregate.status(result.state),
        events: events.map((e) => e.type),
        ...definition.respond?.(events),
      },
    };
  }
}
