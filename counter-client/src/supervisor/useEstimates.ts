// The floor's estimate per line: the server's wait model (GET /estimates), the range the next
// ticket of each line would be given, the same the kiosk shows and the ticket then says. Read on
// mount, once the queue settles after a change (a new seq), and every minute (waits move with time).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LineEstimates } from '@jiaohao/shared/schemas';
import type { api as Api } from '../connection/api';

const REFRESH_MS = 60_000;
const SETTLE_MS = 1_000;

/** null until the first answer; a failed read keeps the last one. */
export function useEstimates(api: typeof Api, seq: number, { refreshMs = REFRESH_MS, settleMs = SETTLE_MS } = {}): LineEstimates | null {
  const [estimates, setEstimates] = useState<LineEstimates | null>(null);
  const alive = useRef(true);
  const read = useCallback(
    () =>
      void api.get<LineEstimates>('/estimates').then(
        (e) => alive.current && setEstimates(e),
        () => undefined,
      ),
    [api],
  );
  useEffect(() => {
    alive.current = true;
    read();
    const timer = setInterval(read, refreshMs);
    return () => {
      alive.current = false;
      clearInterval(timer);
    };
  }, [read, refreshMs]);
  const firstSeq = useRef(seq);
  useEffect(() => {
    if (seq === firstSeq.current) return;
    const timer = setTimeout(read, settleMs);
    return () => clearTimeout(timer);
  }, [seq, read, settleMs]);
  return estimates;
}
