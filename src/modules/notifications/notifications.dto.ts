import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { DEADLINES, Deadline } from '../../events/deadline-events';
import { Label } from '../../events/envelope';
import { LabelView } from '../../platform/http/labels';
import { PageQueryDto, pageType } from '../../platform/http/paging';
import { NOTIFICATION_KINDS, NotificationKind } from '../../projections/notifications.projection';

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, Label> = {
  material_requested: { zh: '要求补充材料', en: 'Material requested' },
  answered: { zh: '已批复', en: 'Opinion issued' },
  feedback_given: { zh: '已反馈', en: 'Feedback given' },
  due_soon: { zh: '即将到期', en: 'Due soon' },
  overdue: { zh: '已逾期', en: 'Overdue' },
};

export const DEADLINE_LABELS: Record<Deadline, Label> = {
  reply: { zh: '答复期限', en: 'Reply' },
  feedback: { zh: '反馈期限', en: 'Feedback' },
  material: { zh: '补充材料期限', en: 'Material' },
};

const NOTIFICATION_ID = /^[a-z_]+(:[0-9a-f-]{36})(:[a-z0-9_-]+){0,3}$/;

export class NotificationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true'], description: 'Only the unread ones' })
  @IsOptional()
  @IsIn(['true'])
  unread?: 'true';
}

export class MarkReadDto {
  @ApiProperty({
    type: [String],
    description: 'Ids of notifications the caller is told of (1–200)',
    example: ['answered:6f1c8a52-3f0e-4bb8-9d0e-2a7f5f0c1d11'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(NOTIFICATION_ID, {
    each: true,
    message: 'each notificationIds entry must be a notification id',
  })
  notificationIds!: string[];
}

export class NotificationView {
  @ApiProperty({ example: 'overdue:reply:6f1c8a52-3f0e-4bb8-9d0e-2a7f5f0c1d11:2025-03-31' })
  notificationId!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: NotificationKind;
  @ApiProperty({ type: LabelView }) kindLabel!: LabelView;
  @ApiProperty({
    enum: DEADLINES,
    nullable: true,
    description: 'For due_soon and overdue: whose due date (the reply, the feedback, material)',
  })
  deadline!: Deadline | null;
  @ApiProperty({ type: LabelView, nullable: true }) deadlineLabel!: LabelView | null;
  @ApiProperty() submissionId!: string;
  @ApiProperty({ description: 'The submission’s title (its readers see it in every list)' })
  title!: string;
  @ApiProperty({ type: String, nullable: true }) documentNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dueBy!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The material request’s or opinion point’s number',
  })
  number!: number | null;
  @ApiProperty({ format: 'date-time', description: 'When it happened or the date came near' })
  at!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) readAt!: string | null;
}

export const NotificationPageView = pageType(NotificationView, 'NotificationPageView');

export class NotificationSummaryView {
  @ApiProperty({ description: 'Unread notifications (the bell’s badge)' }) unread!: number;
}

export class MarkedReadView {
  @ApiProperty({ description: 'How many were marked (already read ones count too)' })
  marked!: number;
}
