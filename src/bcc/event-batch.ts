// Events are copied out of the kernel's buffer inside the native callback
// (the pointer dies when it returns) into one growing batch, and decoded
// and delivered after the consume call: copying is ~4x cheaper per event
// than decoding through koffi, and user code never runs inside libbcc.
import koffi from "koffi";
import "./clib.ts"; // sets koffi's stack sizes, which must precede any koffi.load()

// The copy is a libc memcpy to the batch's address: koffi.view() per event
// would build an external ArrayBuffer each time (~2 us, 5x slower end to end).
const memcpy = koffi.load("libc.so.6").func("void memcpy(uintptr_t dst, const void *src, size_t n)");

/** Where a batch's bytes live; stable: typed arrays this big are off the V8 heap and never move. */
const addressOf = (buf: Uint8Array): number => Number(koffi.address(buf));

export class EventBatch {
  private buf = new Uint8Array(64 * 1024);
  private addr = addressOf(this.buf);
  private used = 0;
  private offsets: number[] = [];
  private sizes: number[] = [];
  private tags: number[] = [];

  push(ptr: unknown, size: number, tag: number): void {
    if (this.used + size > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.used + size));
      bigger.set(this.buf.subarray(0, this.used));
      this.buf = bigger;
      this.addr = addressOf(bigger);
    }
    memcpy(this.addr + this.used, ptr, size);
    this.offsets.push(this.used);
    this.sizes.push(size);
    this.tags.push(tag);
    this.used += size;
  }

  get length(): number {
    return this.offsets.length;
  }

  /**
   * Calls fn for each event with one shared view of the batch and the
   * event's offset and size (valid only during the call), then empties it.
   */
  drain(fn: (view: DataView, offset: number, size: number, tag: number) => void): number {
    const n = this.offsets.length;
    const view = new DataView(this.buf.buffer, 0, this.used);
    const { offsets, sizes, tags } = this;
    this.offsets = [];
    this.sizes = [];
    this.tags = [];
    this.used = 0;
    if (this.buf.length > 16 * 1024 * 1024) {
      // give back a burst's memory (`view` keeps the old bytes alive for the loop below)
      this.buf = new Uint8Array(64 * 1024);
      this.addr = addressOf(this.buf);
    }
    for (let i = 0; i < n; i++) fn(view, offsets[i]!, sizes[i]!, tags[i]!);
    return n;
  }
}

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
