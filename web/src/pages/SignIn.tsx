import { Alert, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Api, DemoUser } from '../api';
import { Session, sessionOf } from '../auth';
import { defineText, useI18n } from '../i18n';
import { OIDC_TEXT, SignInConfig, beginSignIn } from '../oidc';

const useText = defineText(OIDC_TEXT);

/**
 * The embedded default's sign-in: a token, checked against the API before it is kept; and, when
 * the service runs with DEMO_SIGN_IN=true on seeded demo data, the demo users.
 */
/** Why someone is back at the sign-in page without signing out: the key of its text. */
export type SignInNotice = 'expired';

export function SignInPage({
  onSignIn,
  notice = null,
}: {
  onSignIn(session: Session): void;
  /** Why the user is here again (a sign-in the provider ended), shown above the form. */
  notice?: SignInNotice | null;
}) {
  const { t } = useI18n();
  const text = useText();
  const [error, setError] = useState<string | null>(null);
  const [demoUsers, setDemoUsers] = useState<DemoUser[]>([]);
  const [config, setConfig] = useState<SignInConfig | null>(null);

  useEffect(() => {
    new Api(null)
      .get<SignInConfig>('/api/sign-in/config')
      .then(setConfig, () => setConfig({ mode: 'token', demoUsers: false, oidc: null }));
  }, []);

  useEffect(() => {
    if (!config?.demoUsers) return;
    new Api(null).get<{ users: DemoUser[] }>('/api/demo-users').then(
      (r) => setDemoUsers(r.users),
      () => setDemoUsers([]),
    );
  }, [config]);

  async function signInAtProvider() {
    try {
      window.location.assign(await beginSignIn(config!.oidc!, window.location.origin));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  async function tryToken(token: string) {
    const session = sessionOf(token);
    if (!session) return setError(t('tokenInvalid'));
    try {
      // Any authenticated read proves the token: the caller's own organisation.
      await new Api(session.token).get(`/api/organisations/${session.organisationId}`);
    } catch {
      return setError(t('tokenInvalid'));
    }
    setError(null);
    onSignIn(session);
  }

  return (
    <Space
      direction="vertical"
      size="large"
      style={{ maxWidth: 720, width: '100%', margin: '0 auto', display: 'flex' }}
    >
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('signIn')}
      </Typography.Title>
      {notice && (
        <Alert type="warning" showIcon title={text(notice)} data-testid="sign-in-notice" />
      )}
      {config?.oidc ? (
        <Card>
          <Typography.Paragraph>{text('providerHelp')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" data-testid="oidc-sign-in" onClick={() => void signInAtProvider()}>
            {text('signInWithProvider')}
          </Button>
        </Card>
      ) : config ? (
        <Card>
          <Form layout="vertical" onFinish={(v: { token: string }) => void tryToken(v.token)}>
            <Form.Item
              label={t('token')}
              name="token"
              extra={t('tokenHelp')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Input.TextArea rows={3} autoComplete="off" spellCheck={false} />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit">
              {t('signIn')}
            </Button>
          </Form>
        </Card>
      ) : null}
      {demoUsers.length > 0 && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('demoUsers')}</h2>}>
          <Typography.Paragraph>{t('demoHelp')}</Typography.Paragraph>
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {demoUsers.map((user) => (
              <li
                key={user.userId}
                style={{
                  display: 'flex',
                  alignItems: 'center',
                  justifyContent: 'space-between',
                  gap: 16,
                  padding: '10px 0',
                  borderBottom: '1px solid #f0f0f0',
                }}
              >
                <div>
                  <div style={{ fontWeight: 600 }}>{user.userName}</div>
                  <Space wrap>
                    <span>{user.organisationId}</span>
                    {user.roles.map((role) => (
                      <Tag key={role}>{role}</Tag>
                    ))}
                  </Space>
                </div>
                <Button
                  data-testid={`demo-${user.userId}`}
                  aria-label={`${t('signInAs')} ${user.userName}`}
                  onClick={() => void tryToken(user.token)}
                >
                  {t('signInAs')}
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </Space>
  );
}
