/**
 * The steps that notify, as integration events on the `notifications` topic for SMS and OA
 * gateways: whom to tell (an organisation, and as which side), what happened and by when they
 * must act. The same rule as the in-app list (`noticeOf`). They carry identifiers, kinds, the
 * document number and dates, never text: the submission state the relay holds has no title, and
 * a gateway that needs one reads the submission's own events, where the text rule applies.
 * docs/integration-events.md documents every type; keep the two in step.
 */
import { Audience } from '../../events/deadline-events';
import {
  SubmissionCategory,
  SubmissionEvent,
  SubmissionKind,
} from '../../events/submission-events';
import {
  IntegrationFacts,
  IntegrationMapping,
  defineIntegration,
} from '../../platform/kernel/feature';
import { NOTIFYING_EVENTS, Notice, noticeOf } from '../../projections/notifications.projection';
import { submissionAggregate } from '../submissions/submission.decider';
import { SubmissionState } from '../submissions/submission.state';

export interface NotificationEventV1 {
  notificationId: string;
  kind: Notice['kind'];
  /** The organisation to tell: the submitting body, or the addressed Party Committee. */
  recipient: { organisationId: string; audience: Audience };
  submissionId: string;
  submissionKind: SubmissionKind;
  category: SubmissionCategory;
  dueBy: string | null;
  number: number | null;
  /** 文号 of the submission (null for a draft never sent). */
  documentNumber: string | null;
}

const mapping = (type: string): IntegrationMapping<SubmissionState> => ({
  type,
  data: (data: never, facts: IntegrationFacts<SubmissionState>): NotificationEventV1 | null => {
    const state = facts.state;
    const notice = noticeOf(
      { type: NOTIFYING_TYPE_OF[type], data } as unknown as SubmissionEvent,
      state.submissionId,
    );
    if (!notice) return null;
    return {
      notificationId: notice.notificationId,
      kind: notice.kind,
      recipient: {
        organisationId:
          notice.audience === 'submitter'
            ? state.submittingOrganisationId
            : state.addressedCommitteeId,
        audience: notice.audience,
      },
      submissionId: state.submissionId,
      submissionKind: state.kind,
      category: state.category,
      dueBy: notice.dueBy,
      number: notice.number,
      documentNumber: state.documentNumber,
    };
  },
});

const PUBLIC_TYPES: Record<(typeof NOTIFYING_EVENTS)[number], string> = {
  SupplementaryMaterialRequested: 'notification.material_requested.v1',
  OpinionIssued: 'notification.answered.v1',
  OpinionPointFeedbackGiven: 'notification.feedback_given.v1',
};

const NOTIFYING_TYPE_OF: Record<string, SubmissionEvent['type']> = Object.fromEntries(
  Object.entries(PUBLIC_TYPES).map(([internal, type]) => [type, internal]),
) as Record<string, SubmissionEvent['type']>;

export const NOTIFICATION_INTEGRATION = defineIntegration<SubmissionState>({
  topic: 'notifications',
  aggregate: submissionAggregate as never,
  derived: true,
  events: Object.fromEntries(
    Object.entries(PUBLIC_TYPES).map(([internal, type]) => [internal, mapping(type)]),
  ),
});
