import {
  App as AntApp,
  Button,
  ConfigProvider,
  Layout,
  Menu,
  Segmented,
  Space,
  Typography,
} from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Api, ApiError, Labels } from './api';
import { Session, sessionOf, storeSession, storedSession } from './auth';
import { mayRefresh, refreshAccessToken, refreshDelay } from './oidc';
import { I18nContext, Lang, makeI18n, rememberLang, storedLang } from './i18n';
import { navigate, usePath } from './router';
import { OidcCallbackPage } from './pages/OidcCallback';
import { NotificationBell } from './pages/Notifications';
import { SignInNotice, SignInPage } from './pages/SignIn';
import { HeaderSearch } from './pages/Search';
import { menuOf, pageAt, publicPageAt } from './routes';
import { Workspace, WorkspaceContext } from './workspace';

const { Header, Content, Sider } = Layout;

/** Where the identity provider sends the browser back (the service's `redirectPath`). */
const OIDC_CALLBACK = '/auth/callback';

function homeOf(session: Session): string {
  return menuOf(session)[0]?.key ?? '/outbox';
}

export function App() {
  const [lang, setLang] = useState<Lang>(storedLang);
  const [session, setSession] = useState<Session | null>(storedSession);
  const [labels, setLabels] = useState<Labels | null>(null);
  const path = usePath();
  const i18n = useMemo(() => makeI18n(lang), [lang]);

  useEffect(() => rememberLang(lang), [lang]);
  const signIn = useCallback((next: Session) => {
    storeSession(next);
    setSession(next);
    navigate(homeOf(next));
  }, []);
  /** Why the user is back at the sign-in page, when not by their own choice. */
  const [notice, setNotice] = useState<SignInNotice | null>(null);
  const signOut = useCallback((reason: SignInNotice | null = null) => {
    storeSession(null);
    setSession(null);
    setNotice(reason);
    navigate('/sign-in');
  }, []);

  /**
   * A new access token from the provider (OIDC sign-ins with a refresh token): the session goes
   * on with it; a refusal ends the session with a word why. One renewal at a time, whoever asks.
   */
  const renewal = useRef<Promise<string> | null>(null);
  const renew = useCallback((): Promise<string> => {
    renewal.current ??= refreshAccessToken()
      .then((token) => {
        const next = sessionOf(token);
        if (!next) throw new Error('The renewed token is not usable');
        storeSession(next);
        setSession(next);
        return token;
      })
      .catch((error: unknown) => {
        signOut('expired');
        throw error;
      })
      .finally(() => {
        renewal.current = null;
      });
    return renewal.current;
  }, [signOut]);

  useEffect(() => {
    // Renewed shortly before it expires, so no request meets an expired token.
    if (!session?.expiresAt || !mayRefresh()) return;
    const timer = setTimeout(
      () => void renew().catch(() => undefined),
      refreshDelay(session.expiresAt, Date.now()),
    );
    return () => clearTimeout(timer);
  }, [session, renew]);

  const api = useMemo(
    () => (session ? new Api(session.token, mayRefresh() ? renew : undefined) : null),
    [session, renew],
  );

  useEffect(() => {
    // The API's own labels (for any signed-in user): every enum value is shown from them.
    if (!api) return setLabels(null);
    api.get<Labels>('/api/labels').then(setLabels, (error: unknown) => {
      // A token the API no longer accepts: back to the sign-in page.
      if (error instanceof ApiError && error.status === 401) signOut('expired');
    });
  }, [api, signOut]);

  const workspace: Workspace | null = useMemo(
    () => (session && labels && api ? { session, api, labels, signOut: () => signOut() } : null),
    [session, labels, api, signOut],
  );

  const publicPage = publicPageAt(path);
  const isPublic = publicPage !== null;
  useEffect(() => {
    if (isPublic) return;
    if (!session && path !== '/sign-in' && path !== OIDC_CALLBACK) navigate('/sign-in');
    else if (session && (path === '/' || path === '/sign-in')) navigate(homeOf(session));
  }, [session, path, isPublic]);

  let page = null;
  if (publicPage) page = publicPage;
  else if (!session && path === OIDC_CALLBACK) page = <OidcCallbackPage onSignIn={signIn} />;
  else if (!session) page = <SignInPage onSignIn={signIn} notice={notice} />;
  else if (workspace) page = pageAt(path, session);

  const menu = session
    ? menuOf(session).map(({ key, label }) => ({ key, label: i18n.t(label) }))
    : [];

  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{
        // Darker secondary text than antd's default (0.45 alpha): WCAG AA contrast for axe.
        token: {
          colorPrimary: '#a8071a',
          colorLink: '#a8071a',
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
          fontFamily: "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif",
        },
      }}
    >
      <AntApp>
        <I18nContext.Provider value={i18n}>
          <Layout style={{ minHeight: '100vh' }}>
            <Header
              style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#7f0000' }}
            >
              <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
                Legislink · {i18n.t('appName')}
              </Typography.Text>
              <div style={{ flex: 1 }} />
              <Space>
                <Segmented
                  aria-label={i18n.t('language')}
                  value={lang}
                  onChange={(value) => setLang(value as Lang)}
                  options={[
                    { label: '中文', value: 'zh' },
                    { label: 'English', value: 'en' },
                  ]}
                />
                {workspace && (
                  <WorkspaceContext.Provider value={workspace}>
                    <HeaderSearch />
                    <NotificationBell />
                  </WorkspaceContext.Provider>
                )}
                {session && (
                  <>
                    <Typography.Text style={{ color: '#fff' }} data-testid="who">
                      {session.userName}
                    </Typography.Text>
                    <Button onClick={() => signOut()}>{i18n.t('signOut')}</Button>
                  </>
                )}
              </Space>
            </Header>
            <Layout>
              {menu.length > 0 && (
                // A side menu: the workspaces of a role outgrow a header bar, in English most.
                <Sider width={208} theme="light" className="workspace-nav">
                  <nav aria-label={i18n.t('appName')}>
                    <Menu
                      mode="inline"
                      selectedKeys={[path]}
                      items={menu}
                      onClick={({ key }) => navigate(key)}
                    />
                  </nav>
                </Sider>
              )}
              <Content style={{ padding: 24, minWidth: 0 }}>
                <main>
                  {workspace || !session ? (
                    <WorkspaceContext.Provider value={workspace}>{page}</WorkspaceContext.Provider>
                  ) : null}
                </main>
              </Content>
            </Layout>
          </Layout>
        </I18nContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}
