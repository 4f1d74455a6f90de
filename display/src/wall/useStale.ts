// The connection counts as lost after a few seconds without the server: a blip of a second is not
// worth alarming a waiting room, a longer gap is (STYLE.md habit 16).
import { useEffect, useState } from 'react';
import type { ConnectionStatus } from '@jiaohao/web';

export const STALE_AFTER_MS = 3_000;

export function useStale(status: ConnectionStatus, afterMs = STALE_AFTER_MS): boolean {
  const [stale, setStale] = useState(false);
  const online = status === 'online';
  useEffect(() => {
    if (online) {
      setStale(false);
      return;
    }
    const timer = setTimeout(() => setStale(true), afterMs);
    return () => clearTimeout(timer);
  }, [online, afterMs]);
  return stale;
}
