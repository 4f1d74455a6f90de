// The screens before the wall: typing the device token when the display has none, the Start button
// that lets the browser play sound, and what a refused (revoked) token means.
import { useState, type FormEvent } from 'react';
import { Both } from '../shell/Both';
import { TAG, useBoth } from '../i18n/i18n';

export function PairScreen({ onPair }: { onPair: (token: string) => void }) {
  const { zh, en } = useBoth();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const given = token.trim();
    if (!given) return setProblem(true);
    onPair(given);
  };
  return (
    <main className="setup">
      <h1>
        <Both k="setup.title" />
      </h1>
      <Both k="setup.intro" as="p" className="setup-intro" />
      <form onSubmit={submit} noValidate>
        <label htmlFor="device-token">
          {zh('setup.token')}
          <span lang={TAG.en}> · {en('setup.token')}</span>
        </label>
        <input
          id="device-token"
          className="mono"
          value={token}
          onChange={(e) => {
            setToken(e.target.value);
            setProblem(false);
          }}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={problem ? 'token-hint token-problem' : 'token-hint'}
          aria-invalid={problem || undefined}
        />
        <Both k="setup.token.hint" as="p" className="hint" />
        {problem && (
          <p id="token-problem" role="alert" className="problem">
            <Both k="setup.token.empty" />
          </p>
        )}
        <button type="submit" className="primary">
          <Both k="setup.pair" />
        </button>
      </form>
    </main>
  );
}

export function StartScreen({ onStart, connecting }: { onStart: () => void; connecting: boolean }) {
  return (
    <main className="setup">
      <h1>
        <Both k="setup.start.title" />
      </h1>
      <Both k="setup.start.intro" as="p" className="setup-intro" />
      {connecting && <Both k="setup.connecting" as="p" className="hint" />}
      <button type="button" className="primary start" onClick={onStart} autoFocus>
        <Both k="setup.start" />
      </button>
    </main>
  );
}

export function RevokedScreen({ onNewToken }: { onNewToken: () => void }) {
  return (
    <main className="setup setup-revoked" role="alert">
      <h1>
        <Both k="setup.revoked.title" />
      </h1>
      <Both k="setup.revoked" as="p" className="setup-intro" />
      <button type="button" className="primary" onClick={onNewToken}>
        <Both k="setup.again" />
      </button>
    </main>
  );
}

export function ConnectingScreen() {
  return (
    <main className="setup" aria-busy="true">
      <h1>
        <Both k="wall.title" />
      </h1>
      <Both k="setup.connecting" as="p" className="setup-intro" />
    </main>
  );
}
