// The wall display: paired by its device token (pairing/), connected to /display through the one
// connection store (@jiaohao/web), drawn by WallView and spoken by the announcer.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { DEFAULT_DISPLAY_SETTINGS } from '@jiaohao/shared/schemas';
import { createOfficeStore, StoreProvider, useConnection, useLost, useNow, useStore, type Pairing, type Transport } from '@jiaohao/web';
import { ConnectingScreen, PairScreen, RevokedScreen, StartScreen } from './pairing/SetupScreen';
import { useAnnouncer } from './wall/useAnnouncer';
import { WallView } from './wall/WallView';
import type { SoundOutput } from './wall/speech/output';

/** After the server closed the socket, how long before asking again (a restart, or a revocation). */
const RECONNECT_AFTER_MS = 2_000;

export interface DisplayDeps {
  readonly i18n: I18n;
  readonly pairing: Pairing;
  readonly transport: (token: string) => Transport;
  readonly output: SoundOutput;
  readonly keep: (token: string) => void;
  readonly forget: () => void;
}

export function App({ i18n, pairing, transport, output, keep, forget }: DisplayDeps) {
  const [token, setToken] = useState(pairing.token);
  // Someone is at the screen setting it up: the Start screen lets the browser play sound.
  const [settingUp, setSettingUp] = useState(pairing.fromLink || pairing.token === null);
  return (
    <I18nextProvider i18n={i18n}>
      {token === null ? (
        <PairScreen
          onPair={(t) => {
            keep(t);
            // The click that paired also unlocks the sound.
            output.unlock();
            setSettingUp(false);
            setToken(t);
          }}
        />
      ) : (
        <Connected
          key={token}
          token={token}
          transport={transport}
          output={output}
          settingUp={settingUp}
          onStarted={() => setSettingUp(false)}
          onNewToken={() => {
            forget();
            setSettingUp(true);
            setToken(null);
          }}
        />
      )}
    </I18nextProvider>
  );
}

interface ConnectedProps {
  readonly token: string;
  readonly transport: (token: string) => Transport;
  readonly output: SoundOutput;
  readonly settingUp: boolean;
  readonly onStarted: () => void;
  readonly onNewToken: () => void;
}

function Connected({ token, transport, output, ...rest }: ConnectedProps) {
  const store = useMemo(() => createOfficeStore(transport(token)), [token, transport]);
  useEffect(() => () => store.close(), [store]);
  return (
    <StoreProvider store={store}>
      <Display output={output} {...rest} />
    </StoreProvider>
  );
}

function useSoundBlocked(output: SoundOutput): boolean {
  return useSyncExternalStore(output.onChange, () => output.blocked);
}

function Display({ output, settingUp, onStarted, onNewToken }: Omit<ConnectedProps, 'token' | 'transport'>) {
  const store = useStore();
  const conn = useConnection();
  const settings = conn.device?.display ?? DEFAULT_DISPLAY_SETTINGS;
  const blocked = useSoundBlocked(output);
  const stale = useLost(conn.status === 'online');
  const now = useNow(1_000) + conn.clockOffsetMs;
  useAnnouncer(store, output, settings);

  // The server closed the socket: a restart comes back, a revoked token is refused (endedBy 'refused').
  useEffect(() => {
    if (conn.status !== 'ended' || conn.endedBy !== 'server') return;
    const timer = setTimeout(() => store.reconnect(), RECONNECT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [conn.status, conn.endedBy, store]);

  // Any touch or key lets the browser play sound (a display nobody set up since it restarted).
  useEffect(() => {
    if (!blocked) return;
    const unlock = () => output.unlock();
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [blocked, output]);

  if (conn.status === 'ended' && conn.endedBy === 'refused') return <RevokedScreen onNewToken={onNewToken} />;
  if (settingUp && blocked) {
    return (
      <StartScreen
        connecting={!conn.office}
        onStart={() => {
          output.unlock();
          onStarted();
        }}
      />
    );
  }
  if (!conn.office) return <ConnectingScreen />;
  return <WallView office={conn.office} settings={settings} now={now} stale={stale} soundBlocked={blocked} onStartSound={() => output.unlock()} />;
}
