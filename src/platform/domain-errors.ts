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

/** The step is not allowed in the current state (409). */
export class InvalidStepError extends DomainError {
  readonly status = 409;
  readonly title = 'Invalid step for the current state';
  constructor(
    step: string,
    currentState: string,
    allowedSteps: readonly string[],
    /** Why, when the step is allowed in this state but not for this target (`reason`). */
    extra: { reason?: string; [key: string]: unknown } = {},
  ) {
    super(
      `Cannot ${step.replace(/_/g, ' ')} while the submission is ${currentState}${
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

/** The caller's If-Match names a revision the stream has moved past (409). */
export class StaleRevisionError extends DomainError {
  readonly status = 409;
  readonly title = 'Stale revision';
}
