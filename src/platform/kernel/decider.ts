import { Role } from '../../events/envelope';

/** What a decider decided: the events, and the role the actor was authorised to act in. */
export interface Decision<Event> {
  events: Event[];
  actedAs: Role;
}

/**
 * The shape of all domain logic: pure functions, no I/O. A handler loads the stream, folds it
 * with `evolve` from `initialState`, calls `decide` and appends the result with the expected
 * revision it loaded. Authorisation happens once, inside `decide`, which names the role it
 * admitted the actor in, so the events record it without the handler deciding it again.
 */
export interface Decider<Command, State, Event> {
  initialState: State;
  decide(command: Command, state: State): Decision<Event>;
  evolve(state: State, event: Event): State;
}

export function fold<State, Event>(
  decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
