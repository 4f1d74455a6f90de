// Sign-in: username and password; the server answers with an httpOnly session cookie.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '@jiaohao/shared/schemas';
import { ApiError, type api as Api } from '../connection/api';

export function Login({ api, onSignedIn }: { api: typeof Api; onSignedIn: (staff: Staff) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { staff } = await api.login(username.trim(), password);
      onSignedIn(staff);
    } catch (err) {
      const body = err instanceof ApiError ? err.body : null;
      const seconds = (body?.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      setError(
        body?.code === 'locked_out' || body?.code === 'rate_limited'
          ? t('login.lockedOut', { seconds: seconds ?? 60 })
          : err instanceof ApiError && err.status === 0
            ? t('login.unreachable')
            : t('login.failed'),
      );
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <h1>{t('app.title')}</h1>
      <form onSubmit={(e) => void submit(e)} aria-labelledby="login-title" noValidate>
        <h2 id="login-title">{t('login.title')}</h2>
        <label>
          {t('login.username')}
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || !username || !password}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
