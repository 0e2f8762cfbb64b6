/**
 * Due dates near or past as integration events on the `notifications` topic, beside the steps
 * that notify and in their shape (`NotificationEventV1`), with whose due date it is: whom to
 * tell (an organisation, and as which side), the due date and the material request's number.
 * Never text. docs/integration-events.md documents them; keep the two in step.
 */
import { Deadline, DeadlineFactV1 } from '../../events/deadline-events';
import { IntegrationMapping, defineIntegration } from '../../platform/kernel/feature';
import { NotificationEventV1 } from '../notifications/notifications.integration';
import { SubmissionDeadlinesState, submissionDeadlinesAggregate } from './deadline.decider';

export interface DeadlineNotificationEventV1 extends Omit<NotificationEventV1, 'kind' | 'dueBy'> {
  kind: 'due_soon' | 'overdue';
  deadline: Deadline;
  dueBy: string;
}

const mapping = (
  kind: DeadlineNotificationEventV1['kind'],
): IntegrationMapping<SubmissionDeadlinesState> => ({
  type: `notification.${kind}.v1`,
  data: (fact: DeadlineFactV1): DeadlineNotificationEventV1 => ({
    notificationId: fact.notificationId,
    kind,
    deadline: fact.deadline,
    recipient: fact.recipient,
    submissionId: fact.submissionId,
    submissionKind: fact.submissionKind,
    category: fact.category,
    dueBy: fact.dueBy,
    number: fact.number,
    documentNumber: fact.documentNumber,
  }),
});

export const DEADLINE_INTEGRATION = defineIntegration<SubmissionDeadlinesState>({
  topic: 'notifications',
  aggregate: submissionDeadlinesAggregate,
  events: { DeadlineApproached: mapping('due_soon'), DeadlinePassed: mapping('overdue') },
});
