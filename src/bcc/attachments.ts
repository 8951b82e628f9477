// The perf-event fds of attached probes, by event and function: one event
// (a kprobe's ev_name, a tracepoint) may run several functions of one BPF
// object, each through its own fd, and every one must be closed.
export class Attachments {
  private byEvent = new Map<string, Map<string, number>>();

  get count(): number {
    let n = 0;
    for (const fns of this.byEvent.values()) n += fns.size;
    return n;
  }

  has(event: string, fnName: string): boolean {
    return this.byEvent.get(event)?.has(fnName) ?? false;
  }

  add(event: string, fnName: string, fd: number): void {
    let fns = this.byEvent.get(event);
    if (!fns) this.byEvent.set(event, (fns = new Map()));
    fns.set(fnName, fd);
  }

  /** Removes and returns the fds of event (of fnName only, when given); empty when none is attached. */
  take(event: string, fnName?: string): number[] {
    const fns = this.byEvent.get(event);
    if (!fns) return [];
    if (fnName === undefined) {
      this.byEvent.delete(event);
      return [...fns.values()];
    }
    const fd = fns.get(fnName);
    if (fd === undefined) return [];
    fns.delete(fnName);
    if (fns.size === 0) this.byEvent.delete(event);
    return [fd];
  }

  /** Whether event still has a function attached (a legacy probe is removed only after the last). */
  attached(event: string): boolean {
    return this.byEvent.has(event);
  }

  /** Removes everything; returns [event, fds] pairs. */
  takeAll(): Array<[string, number[]]> {
    const all = [...this.byEvent].map(([ev, fns]): [string, number[]] => [ev, [...fns.values()]]);
    this.byEvent.clear();
    return all;
  }
}
