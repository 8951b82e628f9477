// Where decoded events wait: for a poll() caller, or for an async iterator.
/** Promises waiting for the next delivery or a timeout (perfBufferPoll and friends). */
export class Waiters {
  private list: Array<(n: number) => void> = [];

  wait(timeoutMs: number): Promise<number> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (n: number) => {
        if (timer) clearTimeout(timer);
        resolve(n);
      };
      this.list.push(done);
      if (timeoutMs >= 0) {
        timer = setTimeout(() => {
          this.list = this.list.filter((w) => w !== done);
          resolve(0);
        }, timeoutMs);
      }
    });
  }

  wake(n: number): void {
    for (const w of this.list.splice(0)) w(n);
  }
}

/** An async iterator fed by push(), ended by end(). Bounded: the oldest are dropped past max. */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private items: T[] = [];
  private head = 0;
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private ended = false;
  dropped = 0;

  constructor(private readonly max = 1_000_000, private readonly onReturn?: () => void) {}

  push(item: T): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value: item, done: false });
      return;
    }
    if (this.items.length - this.head >= this.max) {
      this.head++;
      this.dropped++;
    }
    this.items.push(item);
  }

  end(): void {
    this.ended = true;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.items.length) {
      const value = this.items[this.head++]!;
      if (this.head > 4096 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    this.onReturn?.();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
