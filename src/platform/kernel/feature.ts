import { ModuleMetadata, Provider, Type } from '@nestjs/common';
import { DomainEvent, EventSchema, Label, Role } from '../../events/envelope';
import { Reader } from '../access/readers';
import { ActorContext } from '../access/actor';
import { Decider } from './decider';
import { Projection } from './projection';

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

/**
 * An event-sourced aggregate: how its streams are named, its decider, and what a command's
 * response and read check need to know of its state.
 */
export interface AggregateDefinition<Command = unknown, State = unknown, Event = unknown> {
  /** Singular, in the domain's words: `submission`. Streams are `<name>-<id>`. */
  readonly name: string;
  /** The response field and route parameter naming its id: `submissionId`. */
  readonly idField: string;
  readonly decider: Decider<Command, State, Event>;
  exists(state: State): boolean;
  status(state: State): string;
  /** Who may read it: the feature's read policy applied to the aggregate's state. */
  readers(state: State): Reader[];
  /** Where a created aggregate is read: `/api/submissions/<id>`. */
  location(id: string): string;
  /** The projections its commands wait for before answering (read-your-writes). */
  readonly reads: readonly string[];
}

export const streamIdOf = (aggregate: AggregateDefinition, id: string) => `${aggregate.name}-${id}`;

/** What a route parameter holds: checked the same way on HTTP and Kafka. */
export type ParamKind = 'uuid' | 'int' | 'id';

/** Everything a command definition is given to build its command. */
export interface CommandArguments<Dto, Env> {
  dto: Dto;
  /** Route parameters, parsed (`int` ones as numbers). */
  params: Record<string, string | number>;
  /** The aggregate the command acts on (created or existing). */
  id: string;
  context: CommandContext;
  /** The instant the command is decided at (ISO 8601). */
  now: string;
  /** The feature's environment (services a command needs to look things up). */
  env: Env;
}

type CommandInput<C> = C extends unknown ? Omit<C, 'actor' | 'now'> : never;

/**
 * One command, declared once: it yields the HTTP route with its DTO validation and OpenAPI
 * entry, the Kafka inbound command of the same name, and the command for the decider.
 */
export interface CommandDefinition<Dto = object, Command = unknown, Env = unknown> {
  /** Public name; the Kafka type is `cn.legislink.command.<name>.v1`. */
  readonly name: string;
  readonly aggregate: AggregateDefinition<Command>;
  /** Route under `/api`, e.g. `submissions/:submissionId/receipt`. */
  readonly path: string;
  readonly summary: string;
  readonly dto: Type<Dto>;
  /** Route parameters besides none; the aggregate's `idField` names its target. */
  readonly params?: Readonly<Record<string, ParamKind>>;
  /** True when the command starts a new aggregate: 201 with Location; otherwise 200. */
  readonly creates?: boolean;
  /** The id of a created aggregate (existing ones come from the route). */
  newId?(args: { dto: Dto; context: CommandContext }): string;
  /** The roles it can be sent for over Kafka; none means HTTP only. */
  readonly inboundRoles?: readonly Role[];
  command(args: CommandArguments<Dto, Env>): CommandInput<Command> | Promise<CommandInput<Command>>;
  /** What the caller needs next besides id, revision, status and events. */
  respond?(events: DomainEvent[]): Record<string, unknown>;
  /** The body fields holding free text, and when that text may sit in a shared topic. */
  readonly text?: CommandText;
}

/**
 * Which of a command's body fields hold free text (a title, a body, minutes, an explanation),
 * and whether that text may be kept where every sender can read it: the shared dead-letter
 * topic keeps a refused command's text only when `mayShare` says so, by the same rule as the
 * feature's public events; otherwise only the fields' names and sizes and a digest.
 */
export interface CommandText {
  /** Top-level body fields; a field holding a list or an object is kept or left out whole. */
  readonly fields: readonly string[];
  mayShare(args: {
    /** The body as sent, not validated: null when it is not a JSON object. */
    body: Record<string, unknown> | null;
    /**
     * The target aggregate's state, for a command on an existing one; null for a command that
     * creates one, or when the target cannot be read.
     */
    state: unknown;
    settings: { textCategories: readonly string[] };
  }): boolean;
}

/** Public events of one aggregate on its own Kafka topic. */
export interface IntegrationDeclaration<State = unknown> {
  /**
   * `${KAFKA_TOPIC_PREFIX}<topic>`, keyed by the aggregate id. One declaration of an aggregate's
   * own events per topic; derived declarations may publish on it too.
   */
  readonly topic: string;
  readonly aggregate: AggregateDefinition<unknown, State>;
  /** Per internal event type: the public type (without `cn.legislink.`) and payload. */
  readonly events: Readonly<Record<string, IntegrationMapping<State>>>;
  /**
   * Facts another feature derives from the aggregate's events (a notification that an opinion
   * was issued): published beside the aggregate's own public event, on this topic, for the
   * event types it names; a mapping returning null publishes nothing for that event. The
   * CloudEvents id is derived from the event's id and the public type, so it differs from the
   * own event's and stays the same on every redelivery.
   */
  readonly derived?: boolean;
}

export interface IntegrationFacts<State> {
  /** The organisation and role the event was recorded under (never the person's name). */
  actedBy: { organisationId: string; role: Role };
  /** The aggregate's state after the event. */
  state: State;
  /** Operator settings a mapping may consult (which categories may carry text). */
  settings: { textCategories: readonly string[] };
}

export interface IntegrationMapping<State> {
  readonly type: string;
  /**
   * The public payload; `data` is the internal event's payload at its current version. Only a
   * derived declaration's mapping may return null (nothing to publish).
   */
  data(data: never, facts: IntegrationFacts<State>): object | null;
}

/** The zh-CN and en names of one enum's values, served at `GET /api/labels` under its name. */
export interface LabelTable {
  /** What the values are, for the API docs: `Submission statuses`. */
  readonly description: string;
  readonly values: Readonly<Record<string, Label>>;
}

/**
 * A feature declares in one place everything it adds; the application lists its features and
 * no registry is edited to add one.
 */
export interface Feature {
  readonly name: string;
  /** Its event types with their schema versions (the types live in `src/events/`). */
  readonly events: Readonly<Record<string, EventSchema>>;
  readonly aggregates: readonly AnyAggregate[];
  readonly commands: readonly AnyCommand[];
  /** Its read models (they live in `src/projections/`). */
  readonly projections: readonly Projection[];
  readonly integration?: readonly IntegrationDeclaration<unknown>[];
  /** The label tables of the values it returns, by name (`statuses`): unique across features. */
  readonly labels?: Readonly<Record<string, LabelTable>>;
  /** Services its commands are given as `env`. */
  readonly environment?: Type<unknown>;
  /** Query controllers and the Nest providers and modules they need. */
  readonly controllers?: ModuleMetadata['controllers'];
  readonly providers?: Provider[];
  readonly imports?: ModuleMetadata['imports'];
  /** Providers other features or the platform use (e.g. the organisation directory). */
  readonly exports?: ModuleMetadata['exports'];
}

/** Any aggregate, command or public-event declaration, as the platform holds them. */
export type AnyAggregate = AggregateDefinition<never, unknown, unknown>;
export type AnyCommand = CommandDefinition<object, unknown, unknown>;

/** Typed helpers: each checks its argument's shape with its own types. */
export const defineAggregate = <C, S, E>(a: AggregateDefinition<C, S, E>) => a;
export const defineCommand = <Dto extends object, C, Env = unknown>(
  c: CommandDefinition<Dto, C, Env>,
) => c as unknown as AnyCommand;
export const defineIntegration = <S>(i: IntegrationDeclaration<S>) =>
  i as unknown as IntegrationDeclaration<unknown>;
export const defineFeature = (f: Feature) => f;
