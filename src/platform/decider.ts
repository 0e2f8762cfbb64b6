/**
 * The shape of all domain logic: pure functions, no I/O. A handler loads the stream, folds it
 * with `evolve` from `initialState`, calls `decide` and appends the result with the expected
 * revision it loaded.
 */
export interface Decider<Command, State, Event> {
  initialState: State;
  decide(command: Command, state: State): Event[];
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
