// The runner's time bound for a program, which stands still while the
// program compiles: how long clang and LLVM take is the machine's doing (a
// lesson's compile took 10 s on a loaded 2-core machine, the whole of the
// lesson's bound), not the program's. A compile has a bound of its own, so
// one that hangs still ends the run.
export class Deadline {
  /** Resolves once the bound has passed (outside compiles), or one compile outlasted its own bound. */
  readonly expired: Promise<"timeout">;
  private fire!: () => void;
  private remaining: number;
  private runningSince = 0;
  private timer: NodeJS.Timeout | undefined;
  private compiles = 0;
  private done = false;

  constructor(ms: number, private readonly maxCompileMs: number, private readonly now: () => number = () => performance.now()) {
    this.remaining = ms;
    this.expired = new Promise((r) => (this.fire = () => {
      this.done = true;
      this.clear();
      r("timeout");
    }));
    this.run();
  }

  /** A compile began: the clock stops (nested compiles count once). */
  compileStarted(): void {
    if (this.done || this.compiles++ > 0) return;
    this.remaining -= this.now() - this.runningSince;
    clearTimeout(this.timer);
    this.timer = setTimeout(this.fire, this.maxCompileMs).unref();
  }

  /** A compile ended: the clock goes on from where it stood. */
  compileEnded(): void {
    if (this.done || this.compiles === 0 || --this.compiles > 0) return;
    clearTimeout(this.timer);
    this.run();
  }

  /** Nothing is left waiting (the program exited). */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    this.runningSince = this.now();
    // Unref'd: the program's own process keeps the runner waiting, not this bound.
    this.timer = setTimeout(this.fire, Math.max(0, this.remaining)).unref();
  }
}
