// A BPF_RINGBUF_OUTPUT map read from JS, as perf rings are (perf-ring.ts):
// records are decoded in place, no callback from C and no copy per event.
//
// The kernel's layout (kernel/bpf/ringbuf.c): page 0 holds consumer_pos,
// which the reader writes; page 1 holds producer_pos; then the data pages,
// mapped twice in a row so that no record is split at the ring's end. Each
// record is an 8-byte header { u32 len (bit 31 busy, bit 30 discarded);
// u32 page offset } and len bytes, rounded up to 8.
import { Mapped, PAGE_SIZE } from "./mapped.ts";
import type { SampleFn } from "./perf-ring.ts";

const BUSY = 0x80000000;
const DISCARD = 0x40000000;
const HEADER = 8;

export class RingbufReader {
  private reading = false;
  private closed = false;

  private constructor(
    private readonly consumer: Mapped,
    private readonly producer: Mapped,
    private readonly mask: number,
  ) {}

  /** `size` is the map's max_entries: the data bytes, a power-of-two number of pages. */
  static open(mapFd: number, size: number, name: string): RingbufReader {
    const consumer = Mapped.map(mapFd, PAGE_SIZE, 0, true, `ring buffer ${name}'s consumer page`);
    try {
      const producer = Mapped.map(mapFd, PAGE_SIZE + 2 * size, PAGE_SIZE, false, `ring buffer ${name} (${size} bytes)`);
      return new RingbufReader(consumer, producer, size - 1);
    } catch (err) {
      consumer.unmap();
      throw err;
    }
  }

  /** Hands every committed record to onSample and gives the space back; returns the count. onSample may close. */
  read(onSample: SampleFn): number {
    if (this.closed || this.reading) return 0;
    const v = this.producer.view;
    const consumer = this.consumer;
    // x86 keeps these loads in order (see perf-ring.ts): a record whose busy
    // bit reads clear after producer_pos was read is complete.
    const prod = this.producer.u64(0);
    let cons = consumer.u64(0);
    let n = 0;
    this.reading = true;
    try {
      while (cons < prod && !this.closed) {
        const at = PAGE_SIZE + (cons & this.mask);
        const len = v.getUint32(at, true);
        if (len & BUSY) break; // reserved, not yet submitted: the rest waits for it
        const size = len & ~(BUSY | DISCARD);
        cons += (size + HEADER + 7) & ~7; // handed out, whatever its callback does
        if (!(len & DISCARD)) {
          n++;
          onSample(v, at + HEADER, size);
        }
        consumer.setU64(0, cons);
      }
    } finally {
      consumer.setU64(0, cons);
      this.reading = false;
      if (this.closed) this.unmap();
    }
    return n;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.reading) this.unmap();
  }

  private unmap(): void {
    this.consumer.unmap();
    this.producer.unmap();
  }
}
