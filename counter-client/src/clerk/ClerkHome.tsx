// The counter view: choose the counter (remembered on this PC), then its call panel.
import { useCallback, useEffect, useState } from 'react';
import type { Staff } from '@jiaohao/shared/schemas';
import { useConnection } from '@jiaohao/web';
import { useStaffNames } from '../shell/useStaffNames';
import { ClerkPanel } from './ClerkPanel';
import { CounterPicker } from './CounterPicker';

const KEY = 'jiaohao.counter.id';

export function ClerkHome({ staff }: { staff: Staff }) {
  const { office } = useConnection();
  const names = useStaffNames();
  const [counterId, setCounterId] = useState<string | null>(() => globalThis.localStorage?.getItem(KEY) ?? null);
  useEffect(() => {
    if (counterId) globalThis.localStorage?.setItem(KEY, counterId);
    else globalThis.localStorage?.removeItem(KEY);
  }, [counterId]);
  const change = useCallback(() => setCounterId(null), []);
  if (!office) return null;
  if (!counterId || !office.counters[counterId]) return <CounterPicker office={office} me={staff} names={names} onPick={setCounterId} />;
  return <ClerkPanel counterId={counterId} me={staff} onChangeCounter={change} />;
}
