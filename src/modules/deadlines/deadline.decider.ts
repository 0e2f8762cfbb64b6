import { DeadlineEvent, DeadlineFactV1 } from '../../events/deadline-events';
import { Role } from '../../events/envelope';
import { principal } from '../../platform/access/readers';
import { Decider } from '../../platform/kernel/decider';
import { defineAggregate } from '../../platform/kernel/feature';

/** A due date the sweep found near (`due_soon`) or past (`overdue`) in the read models. */
export interface DueNotice {
  kind: 'due_soon' | 'overdue';
  fact: DeadlineFactV1;
}

/** The clock's one command: record what it found for one submission, each fact once. */
export interface RecordDeadlineFacts {
  type: 'RecordDeadlineFacts';
  notices: readonly DueNotice[];
}

/** The deadline facts of one submission, folded from `submission_deadlines-<submissionId>`. */
export interface SubmissionDeadlinesState {
  submissionId: string | null;
  /** Per due date (`<deadline>:<number>:<due date>`), how far it has been recorded. */
  recorded: Readonly<Record<string, 'approached' | 'passed'>>;
  /** The organisations told so far. */
  recipients: readonly string[];
}

export const initialDeadlinesState: SubmissionDeadlinesState = {
  submissionId: null,
  recorded: {},
  recipients: [],
};

/**
 * The role the clock's facts are recorded in, for the service itself (no person, no
 * organisation of the record acts; see `DeadlineSweep`).
 */
export const SWEEP_ROLE: Role = 'admin';

/** One due date: a due date moved later is another one. */
const dueDateKey = (fact: DeadlineFactV1) => `${fact.deadline}:${fact.number ?? 0}:${fact.dueBy}`;

function evolve(state: SubmissionDeadlinesState, event: DeadlineEvent): SubmissionDeadlinesState {
  const { organisationId } = event.data.recipient;
  return {
    submissionId: event.data.submissionId,
    recorded: {
      ...state.recorded,
      [dueDateKey(event.data)]: event.type === 'DeadlineApproached' ? 'approached' : 'passed',
    },
    recipients: state.recipients.includes(organisationId)
      ? state.recipients
      : [...state.recipients, organisationId],
  };
}

/**
 * Each due date gets "approached" once, when first found within the window, and "passed" once,
 * when first found past; one first found past gets only "passed" (the window is behind it).
 * Whether a due date still runs is the read model's rule (`dueNotices`): a step taken in time
 * leaves nothing to find.
 */
export const deadlineDecider: Decider<
  RecordDeadlineFacts,
  SubmissionDeadlinesState,
  DeadlineEvent
> = {
  initialState: initialDeadlinesState,
  decide(command, state) {
    const events: DeadlineEvent[] = [];
    let now = state;
    for (const { kind, fact } of command.notices) {
      const recorded = now.recorded[dueDateKey(fact)];
      const event: DeadlineEvent | null =
        kind === 'overdue' && recorded !== 'passed'
          ? { type: 'DeadlinePassed', data: fact }
          : kind === 'due_soon' && recorded === undefined
            ? { type: 'DeadlineApproached', data: fact }
            : null;
      if (!event) continue;
      events.push(event);
      now = evolve(now, event);
    }
    return { events, actedAs: SWEEP_ROLE };
  },
  evolve,
};

/**
 * The due dates of one submission as facts, in a stream of their own named by the submission:
 * sweepers in several processes append to it at the revision they read, so a fact another one
 * recorded first is seen, and not recorded twice. The submission's own stream stays the record of
 * what people did.
 */
export const submissionDeadlinesAggregate = defineAggregate({
  name: 'submission_deadlines',
  idField: 'submissionId',
  decider: deadlineDecider,
  exists: (state) => state.submissionId !== null,
  status: () => 'recorded',
  readers: (state) =>
    state.recipients.map((id) => ({ principal: principal.organisation(id), reason: 'told' })),
  location: (id) => `/api/submissions/${id}`,
  reads: ['notifications'],
});
