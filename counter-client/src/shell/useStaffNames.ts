// Display names of the staff (to say who holds a counter), read once per sign-in.
import { useEffect, useState } from 'react';
import { api } from '../connection/api';

export function useStaffNames(client: Pick<typeof api, 'get'> = api): Readonly<Record<string, string>> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    let alive = true;
    client.get<{ id: string; displayName: string }[]>('/staff/names').then(
      (list) => alive && setNames(Object.fromEntries(list.map((s) => [s.id, s.displayName]))),
      () => undefined, // names are a nicety: without them a taken counter says "another clerk"
    );
    return () => {
      alive = false;
    };
  }, [client]);
  return names;
}
