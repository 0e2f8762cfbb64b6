import { Spin } from 'antd';
import { ComponentType, ReactNode, Suspense, lazy } from 'react';
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

/** Offices and the legislature side: the linkage workspaces (the API filters what each reads). */
const linkageWork = (s: Session) =>
  isOffice(s) || s.roles.includes('legislature') || s.roles.includes('party_group');
const linkageReader = (s: Session) => linkageWork(s) || s.roles.includes('analyst');

/**
 * A page loaded when first opened (its own chunk), so the first page stays small. `name` is the
 * page's export in its module.
 */
function lazyPage<P extends object>(
  load: () => Promise<Record<string, unknown>>,
  name: string,
): (props: P) => ReactNode {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType<P> }));
  return function LazyPage(props: P) {
    return (
      <Suspense fallback={<Spin />}>
        <Page {...props} />
      </Suspense>
    );
  };
}

const linkagePages = () => import('./pages/linkage/pages');
const DecisionsPage = lazyPage(linkagePages, 'DecisionsPage');
const DecisionPage = lazyPage<{ decisionId: string }>(linkagePages, 'DecisionPage');
const ItemsPage = lazyPage(linkagePages, 'ItemsPage');
const ItemPage = lazyPage<{ itemId: string }>(linkagePages, 'ItemPage');
const ProposalsPage = lazyPage(linkagePages, 'ProposalsPage');
const ProposalPage = lazyPage<{ proposalId: string }>(linkagePages, 'ProposalPage');
const PlansPage = lazyPage(linkagePages, 'PlansPage');
const PlanPage = lazyPage<{ planId: string }>(linkagePages, 'PlanPage');
const LinkagePage = lazyPage(linkagePages, 'LinkagePage');
const LinkageDecisionPage = lazyPage<{ decisionId: string }>(linkagePages, 'LinkageDecisionPage');
const LinkageItemPage = lazyPage<{ itemId: string }>(linkagePages, 'LinkageItemPage');
const ID = '([0-9a-f-]{36})';

const publicPages = () => import('./pages/consultations/public');
const PublicConsultationPage = lazyPage<{ consultationId: string }>(
  publicPages,
  'PublicConsultationPage',
);
const PublicReceiptPage = lazyPage(publicPages, 'PublicReceiptPage');

/**
 * The pages anyone opens without signing in (a consultation's form and noticeboard, the receipt
 * lookup): shown whether or not someone is signed in, never sent to the sign-in page.
 */
export function publicPageAt(path: string): ReactNode | null {
  const consultation = new RegExp(`^/public/consultations/${ID}$`).exec(path);
  if (consultation) {
    return <PublicConsultationPage key={consultation[1]} consultationId={consultation[1]} />;
  }
  if (path === '/public/receipts') return <PublicReceiptPage />;
  return null;
}

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
  // The linkage workspaces (issue 9): decisions register, items, proposals, the linkage view.
  { path: '/decisions', allowed: linkageWork, menu: 'decisions', render: () => <DecisionsPage /> },
  {
    path: new RegExp(`^/decisions/${ID}$`),
    allowed: linkageWork,
    render: ([id]) => <DecisionPage decisionId={id} />,
  },
  { path: '/items', allowed: linkageWork, menu: 'items', render: () => <ItemsPage /> },
  {
    path: new RegExp(`^/items/${ID}$`),
    allowed: linkageWork,
    render: ([id]) => <ItemPage itemId={id} />,
  },
  { path: '/proposals', allowed: linkageWork, menu: 'proposals', render: () => <ProposalsPage /> },
  {
    path: new RegExp(`^/proposals/${ID}$`),
    allowed: linkageWork,
    render: ([id]) => <ProposalPage proposalId={id} />,
  },
  { path: '/plans', allowed: linkageWork, menu: 'plans', render: () => <PlansPage /> },
  {
    path: new RegExp(`^/plans/${ID}$`),
    allowed: linkageWork,
    render: ([id]) => <PlanPage planId={id} />,
  },
  { path: '/linkage', allowed: linkageReader, menu: 'linkage', render: () => <LinkagePage /> },
  {
    path: new RegExp(`^/linkage/decisions/${ID}$`),
    allowed: linkageReader,
    render: ([id]) => <LinkageDecisionPage decisionId={id} />,
  },
  {
    path: new RegExp(`^/linkage/items/${ID}$`),
    allowed: linkageReader,
    render: ([id]) => <LinkageItemPage itemId={id} />,
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
