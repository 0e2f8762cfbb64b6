import { DomainEvent, EventSchema, FIRST_VERSION, Label } from './envelope';
import { SubmissionCategory, SubmissionKind } from './submission-events';

/** The due dates of a submission that run: the committee's reply, the feedback, material. */
export const DEADLINES = ['reply', 'feedback', 'material'] as const;
export type Deadline = (typeof DEADLINES)[number];

/**
 * Who is told, as the reason they read the submission (its read policy's): the submitting side
 * (`submitter`: the Party group and its special committees) or the addressed committee and its
 * office (`addressee`). A notification reaches exactly the readers of the submission for that
 * reason, so nobody is told of what they may not read.
 */
export type Audience = 'submitter' | 'addressee';

/**
 * v1. A due date of a submission came within the due-soon window (`DeadlineApproached`) or went
 * by (`DeadlinePassed`, from the day after it) while its step was still not taken. Recorded by the
 * service's clock, once per due date: stream `submission_deadlines-<submissionId>`. A due date
 * moved later (the reply after a wait for material) is another due date and gets facts of its own.
 * The submission's facts that whoever is told needs are copied in; never its text.
 */
export interface DeadlineFactV1 {
  /** The in-app notification's id: `<due_soon|overdue>:<deadline>:<submission>[:<n>]:<due>`. */
  notificationId: string;
  submissionId: string;
  deadline: Deadline;
  /** The material request's number; null for the reply and the feedback. */
  number: number | null;
  /** YYYY-MM-DD, Beijing. */
  dueBy: string;
  /** The organisation to tell: the submitting body, or the addressed Party Committee. */
  recipient: { organisationId: string; audience: Audience };
  submissionKind: SubmissionKind;
  category: SubmissionCategory;
  /** 文号 of the submission. */
  documentNumber: string | null;
}

export type DeadlineEvent =
  DomainEvent<'DeadlineApproached', DeadlineFactV1> | DomainEvent<'DeadlinePassed', DeadlineFactV1>;

export const DEADLINE_EVENT_SCHEMAS: Record<DeadlineEvent['type'], EventSchema> = {
  DeadlineApproached: FIRST_VERSION,
  DeadlinePassed: FIRST_VERSION,
};

export const DEADLINE_EVENT_LABELS: Record<DeadlineEvent['type'], Label> = {
  DeadlineApproached: { zh: '期限临近', en: 'Deadline approached' },
  DeadlinePassed: { zh: '期限已过', en: 'Deadline passed' },
};
