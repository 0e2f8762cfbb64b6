/**
 * Errors a decider or handler raises, each mapped to one HTTP status by the problem filter.
 * They carry what the caller needs to correct the request.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The actor's role or organisation may not take this step (403). */
export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Forbidden';
}

/** The thing does not exist, or the caller may not know it does (404). */
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not Found';
}

const words = (name: string) => name.replace(/_/g, ' ');

/** The step is not allowed in the current state (409). */
export class InvalidStepError extends DomainError {
  readonly status = 409;
  readonly title = 'Invalid step for the current state';
  constructor(
    aggregate: string,
    step: string,
    currentState: string,
    allowedSteps: readonly string[],
    /** Why, when the step is allowed in this state but not for this target (`reason`). */
    extra: { reason?: string; [key: string]: unknown } = {},
  ) {
    super(
      `Cannot ${words(step)} while the ${words(aggregate)} is ${words(currentState)}${
        extra.reason ? ` (${extra.reason})` : ''
      }; allowed steps: ${allowedSteps.length ? allowedSteps.join(', ') : 'none'}`,
      { step, currentState, allowedSteps, ...extra },
    );
  }
}

/** The command is well-formed but breaks a business rule (422). */
export class BusinessRuleError extends DomainError {
  readonly status = 422;
  readonly title = 'Business rule violated';
  constructor(
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(message, { errors: [{ field, rule, message }] });
  }
}

/** Throws a BusinessRuleError naming the field and the rule unless the condition holds. */
export function rule(condition: boolean, field: string, name: string, message: string): void {
  if (!condition) throw new BusinessRuleError(field, name, message);
}

/** The caller's If-Match names a revision the stream has moved past (412, RFC 9110). */
export class StaleRevisionError extends DomainError {
  readonly status = 412;
  readonly title = 'Precondition Failed';
}

/** Concurrent changes kept winning the race until the command's deadline (409). */
export class ConcurrentChangeError extends DomainError {
  readonly status = 409;
  readonly title = 'Concurrent change';
}
