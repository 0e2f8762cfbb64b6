import { Alert, Button, Space, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Api } from '../api';
import { Session, rememberClaimNames, sessionOf } from '../auth';
import { defineText } from '../i18n';
import { OIDC_TEXT, SignInConfig, completeSignIn } from '../oidc';
import { navigate } from '../router';

const useText = defineText(OIDC_TEXT);

/**
 * Where the identity provider sends the browser back (`/auth/callback`): checks the state,
 * exchanges the code with the PKCE verifier, checks the ID token's nonce, and signs in with the
 * access token. Any failure signs nobody in and says why.
 */
export function OidcCallbackPage({ onSignIn }: { onSignIn(session: Session): void }) {
  const t = useText();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // The kept transaction is for one use: React's development double effect must not spend it.
    if (started.current) return;
    started.current = true;
    const callbackUrl = window.location.href;
    // The code and state leave the address bar and the history at once.
    window.history.replaceState(null, '', window.location.pathname);
    void (async () => {
      try {
        const config = await new Api(null).get<SignInConfig>('/api/sign-in/config');
        if (!config.oidc) throw new Error('OIDC is not configured');
        const token = await completeSignIn(config.oidc, callbackUrl);
        const session = sessionOf(token, config.oidc.claims);
        if (!session || session.roles.length === 0) throw new Error(t('notUsable'));
        rememberClaimNames(config.oidc.claims);
        onSignIn(session);
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    })();
  }, [onSignIn, t]);

  if (!error) {
    return (
      <Space data-testid="oidc-completing">
        <Spin /> {t('completing')}
      </Space>
    );
  }
  return (
    <Space orientation="vertical" style={{ maxWidth: 720, margin: '0 auto', display: 'flex' }}>
      <Alert
        type="error"
        showIcon
        title={t('failed')}
        description={error}
        data-testid="oidc-error"
      />
      <Button type="primary" onClick={() => navigate('/sign-in')}>
        {t('again')}
      </Button>
    </Space>
  );
}
