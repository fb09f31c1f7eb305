import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useT } from '../../app/i18n/language.js';
import { LanguageSwitch } from '../../app/AppLayout.js';

interface Credentials {
  username: string;
  password: string;
}

/** 登录: username and password; where to go next is in ?next= and the router takes the user there. */
export default function LoginPage() {
  const { login, endedBecause } = useAuth();
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError(t('auth.failed'));
      else if (e instanceof ApiError && e.status === 429) setError(t('auth.throttled'));
      else setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <div className="gz-login">
      <div className="gz-login-lang">
        <LanguageSwitch />
      </div>
      <Card className="gz-login-card" variant="borderless">
        <div style={{ textAlign: 'center', marginBottom: 20 }}>
          <div className="gz-brand-mark" style={{ width: 48, height: 48, fontSize: 26, margin: '0 auto 10px' }} aria-hidden>
            治
          </div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('auth.welcome')}</Typography.Text>
        </div>
        {endedBecause === 'expired' && !error && <Alert type="info" showIcon message={t('auth.expired')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} size="large" disabled={busy}>
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
