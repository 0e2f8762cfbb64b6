/** A dependency that readiness reports on (the Kafka broker, when configured). */
export interface ReadinessCheck {
  name: string;
  /** Resolves (optionally with a description) when up; rejects when down. */
  probe(): Promise<string | void>;
}

export const READINESS_CHECKS = Symbol('ReadinessChecks');
