// The connection counts as lost after a few seconds without the server: a blip of a second is not
// worth alarming a waiting room or sending a resident away from a kiosk, a longer gap is (STYLE.md
// habit 16). Every client that tells people "no connection" uses this one timer.
import { useEffect, useState } from 'react';
import { LOST_AFTER_MS } from './lost';

export { LOST_AFTER_MS };

/** True once `online` has been false for `afterMs`; false again as soon as it is true. */
export function useLost(online: boolean, afterMs = LOST_AFTER_MS): boolean {
  const [lost, setLost] = useState(false);
  useEffect(() => {
    if (online) {
      setLost(false);
      return;
    }
    const timer = setTimeout(() => setLost(true), afterMs);
    return () => clearTimeout(timer);
  }, [online, afterMs]);
  return lost;
}
