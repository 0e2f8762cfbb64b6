import { Role } from '../../events/envelope';
import { ActorContext } from '../access/actor';
import { Decider, Decision } from './decider';
import { ForbiddenError, InvalidStepError } from './domain-errors';

/**
 * A decision refusing a step that its state allows in general but not for this target (a point
 * already answered): the workflow turns it into the 409 naming the state and allowed steps.
 */
export class StepRefused extends Error {
  constructor(
    readonly reason: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(reason);
  }
}

/** Who may take a step: each role with the side it must act for, tried in this order. */
export type StepActors<Side extends string> = Partial<Record<Role, Side>>;

type CommandOf<C extends { type: string }, T> = Extract<C, { type: T }>;

export interface WorkflowSpec<
  Command extends { type: string; actor: ActorContext },
  State,
  Event,
  Status extends string,
  Side extends string,
> {
  /** The aggregate's name in messages ("while the submission is received"). */
  aggregate: string;
  initialState: State;
  status(state: State): Status;
  /** The steps open in each state; any other is refused with 409 naming these. */
  allowedSteps: Record<Status, readonly string[]>;
  /** Steps a particular aggregate opens beyond its status's (a report noted without a meeting). */
  moreSteps?(state: State): readonly string[];
  /** Each command's step name and who may take it. */
  steps: { [T in Command['type']]: { step: string; actors: StepActors<Side> } };
  /** Which organisation a side is, for the actor, the aggregate and the command. */
  sides: Record<Side, (actor: ActorContext, state: State, command: Command) => boolean>;
  /** One pure function per command: the events it decides (rules checked inside). */
  decisions: { [T in Command['type']]: (command: CommandOf<Command, T>, state: State) => Event[] };
  evolve(state: State, event: Event): State;
}

/**
 * The generic workflow every aggregate's decider is built from: role, then organisation (the
 * side), then the state's allowed steps, then the command's own decision. The role the actor was
 * admitted in is part of the decision, so it is decided once.
 */
export function workflow<
  Command extends { type: string; actor: ActorContext },
  State,
  Event,
  Status extends string,
  Side extends string,
>(
  spec: WorkflowSpec<Command, State, Event, Status, Side>,
): Decider<Command, State, Event> & {
  spec: WorkflowSpec<Command, State, Event, Status, Side>;
} {
  const authorise = (command: Command, state: State): Role => {
    const type = command.type as Command['type'];
    const { step, actors } = spec.steps[type];
    const roles = Object.keys(actors) as Role[];
    const held = roles.filter((role) => command.actor.roles.includes(role));
    if (held.length === 0) {
      throw new ForbiddenError(`Only ${roles.join(' or ')} may ${step.replace(/_/g, ' ')}`, {
        step,
        requiredRoles: roles,
      });
    }
    // A user may hold several roles: the step is taken in the first that fits its organisation.
    const role = held.find((r) => spec.sides[actors[r] as Side](command.actor, state, command));
    if (!role) {
      throw new ForbiddenError(
        `Organisation ${command.actor.organisation.organisationId} may not ${step.replace(/_/g, ' ')} on this ${spec.aggregate.replace(/_/g, ' ')}`,
        {
          step,
          organisationId: command.actor.organisation.organisationId,
          requiredSide: actors[held[0]],
        },
      );
    }
    return role;
  };

  const decide = (command: Command, state: State): Decision<Event> => {
    const type = command.type as Command['type'];
    const actedAs = authorise(command, state);
    const { step } = spec.steps[type];
    const status = spec.status(state);
    const more = spec.moreSteps?.(state) ?? [];
    const allowed = more.length
      ? [...spec.allowedSteps[status], ...more]
      : spec.allowedSteps[status];
    if (!allowed.includes(step)) {
      throw new InvalidStepError(spec.aggregate, step, status, allowed);
    }
    const decision = spec.decisions[type] as (c: Command, s: State) => Event[];
    try {
      return { events: decision(command, state), actedAs };
    } catch (error) {
      if (error instanceof StepRefused) {
        throw new InvalidStepError(spec.aggregate, step, status, allowed, {
          ...error.details,
          reason: error.reason,
        });
      }
      throw error;
    }
  };

  return { spec, initialState: spec.initialState, decide, evolve: spec.evolve };
}

type StepChecks<
  Command extends { type: string; actor: ActorContext },
  State,
  Status extends string,
  Side extends string,
> = Pick<
  WorkflowSpec<Command, State, unknown, Status, Side>,
  'status' | 'allowedSteps' | 'moreSteps' | 'steps' | 'sides'
>;

/**
 * Whether the command's actor may take its step now, by the checks `decide` makes before the
 * command's own decision: a role the step admits, the side that role must act for, and a step
 * the state opens. The command's own rules (a point already answered) are checked when taken.
 */
export function mayTake<
  Command extends { type: string; actor: ActorContext },
  State,
  Status extends string,
  Side extends string,
>(spec: StepChecks<Command, State, Status, Side>, state: State, command: Command): boolean {
  const { step, actors } = spec.steps[command.type as Command['type']];
  const allowed = [...spec.allowedSteps[spec.status(state)], ...(spec.moreSteps?.(state) ?? [])];
  return (
    allowed.includes(step) &&
    (Object.entries(actors) as [Role, Side][]).some(
      ([role, side]) =>
        command.actor.roles.includes(role) && spec.sides[side](command.actor, state, command),
    )
  );
}

/**
 * The steps an actor may take now on an existing record (see `mayTake`). Sides are asked with a
 * command that carries only its type and actor: a side reads more of the command only for the
 * creating step, which no existing record's state opens.
 */
export function openSteps<
  Command extends { type: string; actor: ActorContext },
  State,
  Status extends string,
  Side extends string,
>(spec: StepChecks<Command, State, Status, Side>, state: State, actor: ActorContext): string[] {
  const open: string[] = [];
  for (const type of Object.keys(spec.steps) as Command['type'][]) {
    const { step } = spec.steps[type];
    if (!open.includes(step) && mayTake(spec, state, { type, actor } as Command)) open.push(step);
  }
  return open;
}
