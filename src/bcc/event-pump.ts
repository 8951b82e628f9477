// What drives a perf or ring buffer's reads: a libuv watcher on each fd the
// kernel signals, plus a periodic read (a ring that filled before its watcher
// was armed may never signal again), so the event loop never blocks in
// poll(2); and the promises of poll() callers waiting for the next events.
import koffi from "koffi";
import { Waiters } from "./event-queue.ts";

type PollHandle = ReturnType<typeof koffi.node.poll>;

const READ_EVERY_MS = 100;

export class EventPump {
  private watchers: PollHandle[] = [];
  private timer: NodeJS.Timeout | undefined;
  private waiters = new Waiters();

  /** read() delivers what is there now and returns how many events it delivered. */
  constructor(private readonly read: () => number) {}

  watch(fd: number): void {
    this.watchers.push(koffi.node.poll(fd, { readable: true }, () => this.consume()));
  }

  /** Starts the periodic read. */
  start(): void {
    // Unref'd: the watchers keep the process alive, the timer only backs them up.
    this.timer = setInterval(() => this.consume(), READ_EVERY_MS).unref();
  }

  consume(): number {
    const n = this.read();
    if (n > 0) this.waiters.wake(n);
    return n;
  }

  /** Resolves with the number delivered, at once if events are there, else at the next delivery or after timeoutMs (-1: no limit). */
  poll(timeoutMs: number): Promise<number> {
    const now = this.consume();
    return now > 0 ? Promise.resolve(now) : this.waiters.wait(timeoutMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const w of this.watchers) w.close();
    this.watchers = [];
    this.waiters.wake(0); // a poll() waiting without a limit would otherwise wait forever
  }
}
