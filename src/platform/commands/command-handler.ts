import { createHash, randomUUID } from 'node:crypto';
import { DomainEvent, NewEvent, RecordedEvent } from '../../events/envelope';
import { ActorContext, toEventActor } from '../access/actor';
import { mayRead } from '../access/readers';
import { Clock } from '../kernel/clock';
import {
  ConcurrentChangeError,
  ForbiddenError,
  NotFoundError,
  StaleRevisionError,
} from '../kernel/domain-errors';
import { EventCatalogue } from '../kernel/event-catalogue';
import {
  EventStore,
  LogPosition,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../event-store/event-store.port';
import { AggregateDefinition, CommandContext, streamIdOf } from '../kernel/feature';

export type { CommandContext };

export interface CommandResult<State> {
  streamId: string;
  revision: number;
  position: LogPosition;
  events: DomainEvent[];
  state: State;
  /** True when the command had already been carried out under the same idempotency key. */
  replayed: boolean;
}

export interface CommandHandlerOptions {
  /** How long a command keeps retrying after losing an append race to a concurrent one. */
  retryDeadlineMs?: number;
  /** How many folded aggregate states are kept, each checked against its stream's tail. */
  cachedStates?: number;
}

interface Loaded<State> {
  state: State;
  revision: number | null;
}

/** A UUID-shaped id derived from a seed: the same key always names the same thing. */
export function deterministicUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A random UUID (version 7) that begins with the time in milliseconds: ids made together sort
 * together, so a batch's ids land side by side in a unique index (a few pages written per
 * commit) instead of one random page each. 74 random bits stay.
 */
export function timeOrderedUuid(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randomUUID().slice(15)}`;
}

const capitalised = (name: string) =>
  name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, ' ');

/**
 * Load → decide → append with the expected revision, for any aggregate. Without If-Match a lost
 * race against a concurrent command is retried from a fresh load, with jittered backoff, until a
 * deadline; with If-Match a moved stream is the caller's to resolve (412).
 */
export class CommandHandler {
  private readonly states = new Map<string, Loaded<unknown>>();
  private readonly retryDeadlineMs: number;
  private readonly cachedStates: number;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly catalogue: EventCatalogue,
    options: CommandHandlerOptions = {},
  ) {
    this.retryDeadlineMs = options.retryDeadlineMs ?? 5000;
    this.cachedStates = options.cachedStates ?? 10_000;
  }

  /** The aggregate's current state, folding only the events after the cached revision. */
  async load<State>(
    aggregate: AggregateDefinition<never, State>,
    id: string,
  ): Promise<Loaded<State>> {
    const streamId = streamIdOf(aggregate as AggregateDefinition, id);
    const cached = this.states.get(streamId) as Loaded<State> | undefined;
    const tail = await this.events(streamId, cached?.revision == null ? 0 : cached.revision + 1);
    return this.foldOnto(aggregate, streamId, cached, tail);
  }

  /**
   * The state of a record the caller may read, or null when it does not exist or the caller may
   * not read it: the two are answered alike, so a refusal reveals nothing.
   */
  async readable<State>(
    aggregate: AggregateDefinition<never, State>,
    id: string,
    actor: ActorContext,
  ): Promise<State | null> {
    const { state } = await this.load(aggregate, id);
    return aggregate.exists(state) && mayRead(actor, aggregate.readers(state)) ? state : null;
  }

  /** A stream's events from a revision on; none when the stream does not exist. */
  private async events(streamId: string, fromRevision: number): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(streamId, fromRevision);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /** Folds `tail` onto a known state (or the initial one) and remembers the result. */
  private foldOnto<State>(
    aggregate: AggregateDefinition<never, State>,
    streamId: string,
    base: Loaded<State> | undefined,
    tail: RecordedEvent[],
  ): Loaded<State> {
    let state = base?.state ?? aggregate.decider.initialState;
    let revision = base?.revision ?? null;
    for (const event of tail) {
      state = aggregate.decider.evolve(state, this.catalogue.upcast(event) as never);
      revision = event.revision;
    }
    const loaded = { state, revision };
    if (revision !== null) this.remember(streamId, loaded);
    return loaded;
  }

  private remember(streamId: string, loaded: Loaded<unknown>): void {
    this.states.delete(streamId);
    this.states.set(streamId, loaded);
    if (this.states.size > this.cachedStates) this.states.delete(this.states.keys().next().value!);
  }

  async execute<Command, State>(
    aggregate: AggregateDefinition<Command, State>,
    id: string,
    command: Command & { actor: ActorContext },
    context: CommandContext,
    creates = false,
  ): Promise<CommandResult<State>> {
    const streamId = streamIdOf(aggregate as AggregateDefinition, id);
    const deadline = Date.now() + this.retryDeadlineMs;
    for (let attempt = 1; ; attempt++) {
      let loaded: Loaded<State>;
      if (context.idempotencyKey) {
        // A keyed command reads its whole stream once: to find its own earlier events, and
        // otherwise to decide on.
        const history = await this.events(streamId, 0);
        const replay = this.replayed(aggregate, streamId, history, context);
        if (replay) return replay;
        loaded = this.foldOnto(aggregate, streamId, undefined, history);
      } else {
        loaded = await this.load(aggregate, id);
      }
      const { state, revision } = loaded;
      const readable = () => mayRead(context.actor, aggregate.readers(state));
      if (!creates && (!aggregate.exists(state) || revision === null)) {
        throw new NotFoundError(`${capitalised(aggregate.name)} ${id} not found`);
      }
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        if (!readable()) throw new NotFoundError(`${capitalised(aggregate.name)} ${id} not found`);
        throw new StaleRevisionError(
          `The ${aggregate.name.replace(/_/g, ' ')} is at revision ${revision ?? 'none'}, not ${context.expectedRevision}; reload it and try again`,
          { currentRevision: revision, ifMatch: context.expectedRevision },
        );
      }
      let decision;
      try {
        decision = aggregate.decider.decide(command, state);
      } catch (error) {
        // Outsiders learn nothing, not even that it exists.
        if (error instanceof ForbiddenError && aggregate.exists(state) && !readable()) {
          throw new NotFoundError(`${capitalised(aggregate.name)} ${id} not found`);
        }
        throw error;
      }
      const decided = decision.events as DomainEvent[];
      // One command, one instant and one actor: its events share one metadata object, which
      // the store serialises once however many events the command decided.
      const metadata: NewEvent['metadata'] = {
        occurredAt: this.clock.now().toISOString(),
        actor: toEventActor(context.actor, decision.actedAs),
        correlationId: context.correlationId,
        causationId: context.causationId ?? null,
      };
      const envelopes = decided.map((event, index): NewEvent => ({
        eventId: this.eventId(streamId, index, context),
        type: event.type,
        schemaVersion: this.catalogue.currentVersion(event.type),
        data: event.data,
        metadata,
      }));
      try {
        const appended = await this.store.append(streamId, envelopes, revision ?? 'no_stream');
        const nextState = decision.events.reduce(aggregate.decider.evolve, state);
        this.remember(streamId, { state: nextState, revision: appended.nextExpectedRevision });
        return {
          streamId,
          revision: appended.nextExpectedRevision,
          position: appended.position,
          events: decided,
          state: nextState,
          replayed: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        this.states.delete(streamId);
        if (context.expectedRevision !== undefined) {
          throw new StaleRevisionError(
            `The ${aggregate.name.replace(/_/g, ' ')} changed while this command ran; reload it and try again`,
            { currentRevision: error.actual, ifMatch: context.expectedRevision },
          );
        }
        if (Date.now() >= deadline) {
          throw new ConcurrentChangeError(
            `The ${aggregate.name.replace(/_/g, ' ')} kept changing while this command ran; try again`,
            { currentRevision: error.actual, attempts: attempt },
          );
        }
        // Full jitter: racing commands spread out instead of colliding again in step.
        const ceiling = Math.min(200, 5 * 2 ** Math.min(attempt, 6));
        await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
      }
    }
  }

  private eventId(streamId: string, index: number, context: CommandContext): string {
    return context.idempotencyKey
      ? deterministicUuid(context.actor.userId, context.idempotencyKey, streamId, String(index))
      : timeOrderedUuid();
  }

  /** The stream already holds this key's events: the command ran before (maybe pre-crash). */
  private replayed<State>(
    aggregate: AggregateDefinition<never, State>,
    streamId: string,
    history: RecordedEvent[],
    context: CommandContext,
  ): CommandResult<State> | null {
    const firstId = this.eventId(streamId, 0, context);
    const start = history.findIndex((e) => e.eventId === firstId);
    if (start < 0) return null;
    const own: RecordedEvent[] = [];
    for (let i = start; i < history.length; i++) {
      if (history[i].eventId !== this.eventId(streamId, i - start, context)) break;
      own.push(history[i]);
    }
    const state = history
      .slice(0, start + own.length)
      .reduce(
        (s, e) => aggregate.decider.evolve(s, this.catalogue.upcast(e) as never),
        aggregate.decider.initialState,
      );
    const last = own[own.length - 1];
    return {
      streamId,
      revision: last.revision,
      position: last.position,
      events: own.map((e) => this.catalogue.upcast(e)),
      state,
      replayed: true,
    };
  }
}
