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
import { RingReader } from "./ring-reader.ts";
import { fillSample } from "./warm-up.ts";

const BUSY = 0x80000000;
const DISCARD = 0x40000000;
const HEADER = 8;

export class RingbufReader extends RingReader {

  private constructor(
    private readonly consumer: Mapped,
    private readonly producer: Mapped,
    private readonly mask: number,
  ) {
    super();
  }

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

  /** Runs read() over synthetic records of `size` bytes in ordinary memory, each sink in turn; see warm-up.ts. */
  static warmUp(size: number, sinks: SampleFn[], records: number): void {
    const ringSize = 8 * PAGE_SIZE;
    const recSize = (size + HEADER + 7) & ~7;
    const reader = new RingbufReader(Mapped.fake(PAGE_SIZE), Mapped.fake(PAGE_SIZE + 2 * ringSize), ringSize - 1);
    const data = reader.producer.bytes.subarray(PAGE_SIZE, PAGE_SIZE + ringSize);
    let prod = 0;
    for (let k = 0; prod < records * recSize; k++) {
      const cons = prod;
      while (prod + recSize - cons <= ringSize && prod < records * recSize) {
        const at = prod & (ringSize - 1);
        reader.producer.view.setUint32(PAGE_SIZE + at, size, true);
        fillSample(data, at + HEADER, size, prod);
        prod += recSize;
      }
      reader.producer.setU64(0, prod);
      // The kernel maps the data twice in a row; a copy of the first part stands in for that.
      reader.producer.bytes.copyWithin(PAGE_SIZE + ringSize, PAGE_SIZE, PAGE_SIZE + ringSize);
      reader.read(sinks[k % sinks.length]!);
    }
  }

  /** Hands every committed record to onSample and gives the space back; returns the count. onSample may close. */
  read(onSample: SampleFn): number {
    if (!this.beginRead()) return 0;
    const v = this.producer.view;
    const consumer = this.consumer;
    // x86 keeps these loads in order (see perf-ring.ts): a record whose busy
    // bit reads clear after producer_pos was read is complete.
    const prod = this.producer.u64(0);
    let cons = consumer.u64(0);
    let n = 0;
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
      this.endRead();
    }
    return n;
  }

  protected release(): void {
    this.consumer.unmap();
    this.producer.unmap();
  }
}
