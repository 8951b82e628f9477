// The run's output reaches React through a subscription, throttled: the
// screen follows a program printing as fast as it can at most every 50 ms,
// so such a program never starves the keyboard.
import { useCallback, useSyncExternalStore } from "react";
import type { Scrollback } from "../scrollback.ts";

const REFRESH_MS = 50;

export function useScrollback(sb: Scrollback): number {
  const subscribe = useCallback((notify: () => void) => {
    const timer = setInterval(() => {
      if (sb.version !== sb.published) {
        sb.published = sb.version;
        notify();
      }
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [sb]);
  // The snapshot only changes when the interval published: stable between frames.
  return useSyncExternalStore(subscribe, () => sb.published);
}
