import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../../config/app-config';
import { ActorContext } from '../../platform/access/actor';
import { CurrentActor } from '../../platform/access/auth.guard';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { Page, keysetParams, pageOf } from '../../platform/http/paging';
import { Clock } from '../../platform/kernel/clock';
import { NotFoundError } from '../../platform/kernel/domain-errors';
import { readerParams } from '../../platform/projections/readers-table';
import {
  NotificationListRow,
  NotificationQuery,
  READ_MARKS_DDL,
  countUnread,
  markRead,
  notificationsOf,
  readNotifications,
} from '../../projections/notifications.projection';
import { dueWindow } from './due-window';
import {
  DEADLINE_LABELS,
  MarkReadDto,
  MarkedReadView,
  NOTIFICATION_KIND_LABELS,
  NotificationListQueryDto,
  NotificationPageView,
  NotificationSummaryView,
  NotificationView,
} from './notifications.dto';

function notificationView(r: NotificationListRow): NotificationView {
  return {
    notificationId: r.notification_id,
    kind: r.kind,
    kindLabel: NOTIFICATION_KIND_LABELS[r.kind],
    deadline: r.deadline,
    deadlineLabel: r.deadline ? DEADLINE_LABELS[r.deadline] : null,
    submissionId: r.submission_id,
    title: r.title,
    documentNumber: r.document_number,
    dueBy: r.due_by,
    number: r.number,
    at: r.at,
    readAt: r.read_at,
  };
}

/**
 * In-app notifications: the steps that notify (from the notifications projection) and the due
 * dates near or past (computed as of the clock from the submissions' due dates, by the rule the
 * deadline sweep records them with for Kafka), each shown to the readers of its submission for
 * the reason it concerns; read marks per user.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/notifications')
export class NotificationsController {
  constructor(
    private readonly read: ReadDatabase,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    read.db.exec(READ_MARKS_DDL);
  }

  private scope(
    actor: ActorContext,
  ): Omit<NotificationQuery, 'unread' | 'after' | 'k0' | 'k1' | 'k2' | 'limit'> {
    return {
      principals: readerParams(actor).principals,
      userId: actor.userId,
      ...dueWindow(this.clock.now(), this.config.NOTIFICATIONS_DUE_SOON_DAYS),
    };
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s notifications: unread first, then newest first' })
  @ApiOkResponse({ type: NotificationPageView })
  list(
    @Query() query: NotificationListQueryDto,
    @CurrentActor() actor: ActorContext,
  ): Page<NotificationView> {
    const { limit, params } = keysetParams(query, 3);
    const rows = readNotifications(this.read.db, {
      ...this.scope(actor),
      ...(params as Pick<NotificationQuery, 'after' | 'k0' | 'k1' | 'k2' | 'limit'>),
      unread: query.unread ? 1 : null,
    });
    return pageOf(rows, limit, (r) => [r.is_read, r.at, r.notification_id], notificationView);
  }

  @Get('summary')
  @ApiOperation({ summary: 'How many of the caller’s notifications are unread' })
  @ApiOkResponse({ type: NotificationSummaryView })
  summary(@CurrentActor() actor: ActorContext): NotificationSummaryView {
    return { unread: countUnread(this.read.db, this.scope(actor) as NotificationQuery) };
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Marks notifications read for the caller; 404 naming any the caller is not told of',
  })
  @ApiOkResponse({ type: MarkedReadView })
  markRead(@Body() body: MarkReadDto, @CurrentActor() actor: ActorContext): MarkedReadView {
    const ids = [...new Set(body.notificationIds)];
    const told = notificationsOf(this.read.db, this.scope(actor) as NotificationQuery, ids);
    const unknown = ids.filter((id) => !told.has(id));
    if (unknown.length) throw new NotFoundError(`Notification ${unknown.join(', ')} not found`);
    markRead(this.read.db, actor.userId, ids, this.clock.now().toISOString());
    return { marked: ids.length };
  }
}
