import { createHash, randomUUID } from 'node:crypto';
import {
  DomainEvent,
  Role,
  currentSchemaVersion,
  NewEvent,
  RecordedEvent,
  upcast,
} from '../events';
import {
  EventStore,
  LogPosition,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from './event-store/event-store.port';
import { ActorContext, toEventActor } from './access/actor';
import { Clock } from './clock';
import { Decider } from './decider';
import { StaleRevisionError } from './domain-errors';

/** Where a command comes from: who, under which correlation, retried under which key. */
export interface CommandContext {
  actor: ActorContext;
  correlationId: string;
  causationId?: string | null;
  /** With a key, event ids are derived from it, so a retry after a crash appends nothing. */
  idempotencyKey?: string;
  /** The revision the caller last saw (If-Match); a different current revision is refused. */
  expectedRevision?: number;
}

export interface CommandResult<State> {
  streamId: string;
  revision: number;
  position: LogPosition;
  events: DomainEvent[];
  state: State;
  /** True when the command had already been carried out under the same idempotency key. */
  replayed: boolean;
}

const MAX_ATTEMPTS = 3;

/** A UUID-shaped id derived from a seed: the same key always names the same thing. */
export function deterministicUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Load → decide → append with the expected revision. Without If-Match a concurrent change is
 * retried from a fresh load; with If-Match it is the caller's conflict to resolve.
 */
export class CommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async load<State, Event>(
    streamId: string,
    decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  ): Promise<{ state: State; revision: number | null; events: RecordedEvent[] }> {
    let recorded: RecordedEvent[];
    try {
      recorded = await this.store.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFoundError) {
        return { state: decider.initialState, revision: null, events: [] };
      }
      throw error;
    }
    let state = decider.initialState;
    for (const event of recorded) state = decider.evolve(state, upcast(event) as Event);
    return { state, revision: recorded[recorded.length - 1].revision, events: recorded };
  }

  async execute<Command, State, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<Command, State, Event>,
    command: Command,
    /** The role the events record; a function of the loaded state when that decides it. */
    role: Role | ((state: State) => Role),
    context: CommandContext,
    /** Runs on the loaded state before anything else, e.g. to hide a stream from outsiders. */
    precheck: (state: State, revision: number | null) => void = () => undefined,
  ): Promise<CommandResult<State>> {
    for (let attempt = 1; ; attempt++) {
      const { state, revision, events: history } = await this.load(streamId, decider);
      precheck(state, revision);
      const replay = this.replayed(streamId, history, context, decider);
      if (replay) return replay;
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        throw new StaleRevisionError(
          `The submission is at revision ${revision ?? 'none'}, not ${context.expectedRevision}; reload it and try again`,
          { currentRevision: revision, ifMatch: context.expectedRevision },
        );
      }
      const decided = decider.decide(command, state);
      const actingRole = typeof role === 'function' ? role(state) : role;
      const newEvents = decided.map((event, index) =>
        this.envelope(event, index, streamId, actingRole, context),
      );
      try {
        const result = await this.store.append(streamId, newEvents, revision ?? 'no_stream');
        const nextState = decided.reduce(decider.evolve, state);
        return {
          streamId,
          revision: result.nextExpectedRevision,
          position: result.position,
          events: decided,
          state: nextState,
          replayed: false,
        };
      } catch (error) {
        const retry =
          error instanceof WrongExpectedRevisionError &&
          context.expectedRevision === undefined &&
          attempt < MAX_ATTEMPTS;
        if (!retry) {
          if (error instanceof WrongExpectedRevisionError) {
            throw new StaleRevisionError(
              'The submission changed while this command ran; reload it and try again',
              {
                currentRevision: error.actual,
              },
            );
          }
          throw error;
        }
      }
    }
  }

  private eventId(streamId: string, index: number, context: CommandContext): string {
    return context.idempotencyKey
      ? deterministicUuid(context.actor.userId, context.idempotencyKey, streamId, String(index))
      : randomUUID();
  }

  /** The stream already holds this key's events: the command ran before (maybe pre-crash). */
  private replayed<State, Event>(
    streamId: string,
    history: RecordedEvent[],
    context: CommandContext,
    decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  ): CommandResult<State> | null {
    if (!context.idempotencyKey) return null;
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
      .reduce((s, e) => decider.evolve(s, upcast(e) as Event), decider.initialState);
    const last = own[own.length - 1];
    return {
      streamId,
      revision: last.revision,
      position: last.position,
      events: own.map(upcast),
      state,
      replayed: true,
    };
  }

  private envelope(
    event: DomainEvent,
    index: number,
    streamId: string,
    role: Role,
    context: CommandContext,
  ): NewEvent {
    return {
      eventId: this.eventId(streamId, index, context),
      type: event.type,
      schemaVersion: currentSchemaVersion(event.type),
      data: event.data,
      metadata: {
        occurredAt: this.clock.now().toISOString(),
        actor: toEventActor(context.actor, role),
        correlationId: context.correlationId,
        causationId: context.causationId ?? null,
      },
    };
  }
}
