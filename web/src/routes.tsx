import { Spin } from 'antd';
import { ReactNode, Suspense, lazy } from 'react';
import { Session, isOffice, isSubmitter, mayOpenDashboards } from './auth';
import { TextKey } from './i18n';
import { ComposePage } from './pages/Compose';
import { FeedbackPage } from './pages/Feedback';
import { InboxPage } from './pages/Inbox';
import { OpinionComposerPage } from './pages/OpinionComposer';
import { NotificationsPage } from './pages/Notifications';
import { OutboxPage } from './pages/Outbox';
import { SearchPage } from './pages/Search';
import { ThreadPage } from './pages/Thread';

// The dashboards (and their date picker) load when opened, not with the first page.
const DashboardsPage = lazy(() => import('./pages/dashboards/DashboardsPage'));

/**
 * Every workspace page in one table: its path (a pattern when it takes parameters), who may open
 * it (the UI shows only what the role may do; the API still enforces it) and, when it belongs in
 * the menu, its menu label. The first page in the menu a user may open is their home.
 */
export interface WorkspaceRoute {
  path: string | RegExp;
  allowed(session: Session): boolean;
  menu?: TextKey;
  render(params: string[]): ReactNode;
}

const anyone = () => true;

export const ROUTES: WorkspaceRoute[] = [
  { path: '/outbox', allowed: isSubmitter, menu: 'outbox', render: () => <OutboxPage /> },
  { path: '/compose', allowed: isSubmitter, menu: 'compose', render: () => <ComposePage /> },
  { path: '/inbox', allowed: isOffice, menu: 'inbox', render: () => <InboxPage /> },
  // Opened from the header's search box and bell, not the menu.
  { path: '/search', allowed: anyone, render: () => <SearchPage /> },
  { path: '/notifications', allowed: anyone, render: () => <NotificationsPage /> },
  {
    path: '/dashboards',
    allowed: mayOpenDashboards,
    menu: 'dashboards',
    render: () => (
      <Suspense fallback={<Spin />}>
        <DashboardsPage />
      </Suspense>
    ),
  },
  {
    path: /^\/submissions\/([0-9a-f-]{36})$/,
    allowed: anyone,
    render: ([id]) => <ThreadPage key={id} submissionId={id} />,
  },
  {
    path: /^\/submissions\/([0-9a-f-]{36})\/opinion$/,
    allowed: isOffice,
    render: ([id]) => <OpinionComposerPage key={id} submissionId={id} />,
  },
  {
    path: /^\/submissions\/([0-9a-f-]{36})\/feedback$/,
    allowed: isSubmitter,
    render: ([id]) => <FeedbackPage key={id} submissionId={id} />,
  },
  {
    path: /^\/submissions\/([0-9a-f-]{36})\/revision$/,
    allowed: isSubmitter,
    render: ([id]) => <ComposePage key={id} replaces={id} />,
  },
];

/** The page at a path for a session, or null when there is none it may open. */
export function pageAt(path: string, session: Session): ReactNode {
  for (const route of ROUTES) {
    if (!route.allowed(session)) continue;
    if (typeof route.path === 'string') {
      if (route.path === path) return route.render([]);
    } else {
      const match = route.path.exec(path);
      if (match) return route.render(match.slice(1));
    }
  }
  return null;
}

export function menuOf(session: Session): { key: string; label: TextKey }[] {
  return ROUTES.filter(
    (route): route is WorkspaceRoute & { path: string; menu: TextKey } =>
      typeof route.path === 'string' && route.menu !== undefined && route.allowed(session),
  ).map((route) => ({ key: route.path, label: route.menu }));
}
