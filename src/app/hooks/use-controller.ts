// The app's state owner for React: one controller for the app's life, its
// state, the progress file and the run's scrollback read by subscription.
import { useEffect, useState, useSyncExternalStore } from "react";
import { AppController, type ControllerOptions } from "../controller.ts";
import type { AppState } from "../state/app-state.ts";
import type { Progress } from "../../state/progress.ts";
import { useScrollback } from "./use-scrollback.ts";

export function useController(opts: ControllerOptions): { c: AppController; state: AppState; progress: Progress; outputVersion: number } {
  const [c] = useState(() => new AppController(opts));
  const state = useSyncExternalStore(c.store.subscribe, c.store.getState);
  const progress = useSyncExternalStore(opts.progress.subscribe, opts.progress.get);
  const outputVersion = useScrollback(c.run.scrollback);
  useEffect(() => () => c.dispose(), [c]);
  return { c, state, progress, outputVersion };
}
