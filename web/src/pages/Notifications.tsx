import { Badge, Button, List, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { NotificationEntry, Page } from '../api';
import { beijingDateTime } from '../format';
import { defineText, useI18n } from '../i18n';
import { navigate, usePath } from '../router';
import { useWorkspace } from '../workspace';

const useText = defineText({
  notifications: { zh: '通知', en: 'Notifications' },
  markRead: { zh: '标为已读', en: 'Mark read' },
  markAllRead: { zh: '全部标为已读', en: 'Mark all read' },
  unread: { zh: '未读', en: 'Unread' },
  none: { zh: '暂无通知', en: 'No notifications' },
  more: { zh: '更多', en: 'More' },
  point: { zh: '第{n}条', en: 'no. {n}' },
  dueBy: { zh: '期限', en: 'Due by' },
});

/** The bell in the header: the unread count, refreshed on every page change and each minute. */
export function NotificationBell() {
  const t = useText();
  const { api } = useWorkspace();
  const path = usePath();
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    const refresh = () =>
      api
        .get<{ unread: number }>('/api/notifications/summary')
        .then((s) => setUnread(s.unread))
        .catch(() => undefined);
    void refresh();
    const timer = window.setInterval(refresh, 60_000);
    window.addEventListener('notifications-read', refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('notifications-read', refresh);
    };
  }, [api, path]);

  return (
    <Badge count={unread} size="small" offset={[-4, 4]}>
      <Button
        data-testid="notification-bell"
        aria-label={`${t('notifications')}: ${unread} ${t('unread')}`}
        onClick={() => navigate('/notifications')}
      >
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
      </Button>
    </Badge>
  );
}

/** The user's notifications: unread first, each linking to its submission. */
export function NotificationsPage() {
  const { lang, label } = useI18n();
  const t = useText();
  const { api } = useWorkspace();
  const [items, setItems] = useState<NotificationEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(
    (cursor: string | null) => {
      setLoading(true);
      const params = new URLSearchParams({ limit: '50' });
      if (cursor) params.set('cursor', cursor);
      return api
        .get<Page<NotificationEntry>>(`/api/notifications?${params}`)
        .then((page) => {
          setItems((shown) => (cursor ? [...shown, ...page.items] : page.items));
          setNext(page.nextCursor);
        })
        .finally(() => setLoading(false));
    },
    [api],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  const markRead = async (ids: string[]) => {
    if (!ids.length) return;
    await api.post('/api/notifications/read', { notificationIds: ids });
    window.dispatchEvent(new Event('notifications-read'));
    await load(null);
  };
  const unreadIds = items.filter((n) => !n.readAt).map((n) => n.notificationId);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('notifications')}
        </Typography.Title>
        <Button disabled={!unreadIds.length} onClick={() => void markRead(unreadIds.slice(0, 200))}>
          {t('markAllRead')}
        </Button>
      </Space>
      <List
        aria-label={t('notifications')}
        data-testid="notifications"
        loading={loading}
        dataSource={items}
        locale={{ emptyText: t('none') }}
        renderItem={(n) => (
          <List.Item
            key={n.notificationId}
            data-unread={n.readAt ? 'false' : 'true'}
            actions={
              n.readAt
                ? []
                : [
                    <Button
                      key="read"
                      size="small"
                      onClick={() => void markRead([n.notificationId])}
                    >
                      {t('markRead')}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag
                    color={n.kind === 'overdue' ? 'red' : n.kind === 'due_soon' ? 'orange' : 'blue'}
                  >
                    {label(n.kindLabel)}
                    {n.deadlineLabel ? ` · ${label(n.deadlineLabel)}` : ''}
                  </Tag>
                  {!n.readAt && <Tag>{t('unread')}</Tag>}
                  <Typography.Link
                    href={`/submissions/${n.submissionId}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/submissions/${n.submissionId}`);
                    }}
                  >
                    {n.title}
                  </Typography.Link>
                </Space>
              }
              description={
                <Typography.Text type="secondary">
                  {[
                    n.documentNumber,
                    n.number !== null ? t('point').replace('{n}', String(n.number)) : null,
                    n.dueBy ? `${t('dueBy')} ${n.dueBy}` : null,
                    beijingDateTime(n.at, lang),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
      {next && (
        <Button onClick={() => void load(next)} loading={loading}>
          {t('more')}
        </Button>
      )}
    </Space>
  );
}
