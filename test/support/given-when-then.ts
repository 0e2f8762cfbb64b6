import { Role } from '../../src/events/envelope';
import { Decider, fold } from '../../src/platform/kernel/decider';
import { DomainError } from '../../src/platform/kernel/domain-errors';

export interface ErrorMatch {
  /** Compared with toEqual: every key of the error's details, no more, no less. */
  details?: Record<string, unknown>;
  field?: string;
  rule?: string;
  message?: string | RegExp;
}

export const broken = (field: string, rule: string): ErrorMatch => ({ field, rule });

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

/**
 * The spec DSL for any decider: `given(history).when(command).then(events)` or
 * `.thenThrows(ErrorClass, match)`. State and command are frozen, so a decider that mutates
 * them fails.
 */
export function specFor<Command, State, Event>(decider: Decider<Command, State, Event>) {
  return function given(history: Event[]) {
    const state = deepFreeze(fold(decider, history));
    return {
      state,
      when(command: Command) {
        const decide = () => decider.decide(deepFreeze(command), state);
        return {
          /** The exact events decided; returns the state they lead to and the role acted in. */
          then(expected: Event[]): { state: State; actedAs: Role } {
            const { events, actedAs } = decide();
            expect(events).toEqual(expected);
            return { state: fold(decider, [...history, ...events]), actedAs };
          },
          thenThrows(errorClass: new (...args: never[]) => DomainError, match: ErrorMatch): void {
            let thrown: unknown = undefined;
            let events: Event[] | undefined = undefined;
            try {
              events = decide().events;
            } catch (error) {
              thrown = error;
            }
            if (events) {
              throw new Error(`Expected ${errorClass.name}, but decided ${JSON.stringify(events)}`);
            }
            expect(thrown).toBeInstanceOf(errorClass);
            const error = thrown as DomainError & { field?: string; rule?: string };
            expect(error.constructor).toBe(errorClass);
            if (match.details) expect(error.details).toEqual(match.details);
            if (match.field !== undefined) expect(error.field).toBe(match.field);
            if (match.rule !== undefined) expect(error.rule).toBe(match.rule);
            if (match.message !== undefined) expect(error.message).toMatch(match.message);
          },
        };
      },
    };
  };
}
