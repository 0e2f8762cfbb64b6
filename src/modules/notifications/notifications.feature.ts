import { defineFeature } from '../../platform/kernel/feature';
import { notificationsProjection } from '../../projections/notifications.projection';
import { NotificationsController } from './notifications.controller';
import { DEADLINE_LABELS, NOTIFICATION_KIND_LABELS } from './notifications.dto';
import { NOTIFICATION_INTEGRATION } from './notifications.integration';

/**
 * Notifications: in the app for the readers each concerns (material requested, opinion issued,
 * feedback given, due dates near or past), and the steps as integration events on their own
 * topic for SMS and OA gateways (due dates near or past reach it as facts the deadlines
 * feature's sweep records).
 */
export const notificationsFeature = defineFeature({
  name: 'notifications',
  events: {},
  aggregates: [],
  commands: [],
  projections: [notificationsProjection()],
  integration: [NOTIFICATION_INTEGRATION],
  labels: {
    notificationKinds: { description: 'Notification kinds', values: NOTIFICATION_KIND_LABELS },
    deadlines: { description: 'Whose due date a notification is about', values: DEADLINE_LABELS },
  },
  controllers: [NotificationsController],
});
