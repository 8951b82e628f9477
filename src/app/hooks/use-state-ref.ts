// State that input handlers can read current: keys typed faster than React
// re-renders (a pasted command, keys sent in one burst) must see the state
// the previous key left, not the one of the last render.
import { useCallback, useRef, useState } from "react";

export function useStateRef<T>(initial: T | (() => T)): [T, (v: T | ((prev: T) => T)) => void, { readonly current: T }] {
  const [value, setValue] = useState(initial);
  const ref = useRef(value);
  const set = useCallback((v: T | ((prev: T) => T)) => {
    const next = typeof v === "function" ? (v as (prev: T) => T)(ref.current) : v;
    ref.current = next;
    setValue(next);
  }, []);
  return [value, set, ref];
}
