// When the connection counts as lost, without React: for the widget other sites embed (no
// framework on their page). useLost is the same rule as a hook.

/** A blip of a second is not worth alarming anyone; a longer gap is (STYLE.md habit 16). */
export const LOST_AFTER_MS = 3_000;

export interface LostWatch {
  /** Tell it whether the server is reachable now. */
  set(online: boolean): void;
  /** Stops the pending timer. */
  stop(): void;
}

/** Calls onChange(true) once `set(false)` has held for afterMs, onChange(false) at the next `set(true)`. */
export function watchLost(onChange: (lost: boolean) => void, afterMs = LOST_AFTER_MS): LostWatch {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lost = false;
  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    set(online) {
      if (online) {
        clear();
        if (lost) onChange((lost = false));
      } else if (!lost && timer === null) {
        timer = setTimeout(() => {
          timer = null;
          onChange((lost = true));
        }, afterMs);
      }
    },
    stop: clear,
  };
}
