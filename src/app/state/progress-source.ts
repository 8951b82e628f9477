// The progress file as a subscribable source: every save notifies React
// (useSyncExternalStore), instead of a version counter bumped by hand.
import type { Progress, ProgressStore } from "../../state/progress.ts";

export class ProgressSource {
  private listeners = new Set<() => void>();
  constructor(readonly store: ProgressStore) {}

  get = (): Progress => this.store.progress;

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  /** Saves a change; returns the error to show when it could not be written (the change stays in memory). */
  update(change: (p: Progress) => void): string | undefined {
    const ok = this.store.update(change);
    // The store mutates in place when the file is missing: hand React a new object.
    this.store.progress = { ...this.store.progress };
    for (const l of this.listeners) l();
    return ok ? undefined : (this.store.lastError ?? "");
  }
}
