// One CPU's perf ring for a BPF_PERF_OUTPUT table, opened and read here
// rather than through libbcc's perf_reader: JS reads the records straight
// from the mmap'd ring and decodes them in place. Going through libbcc cost a
// koffi callback and a memcpy per event (~300 ns of ~500); see bench/.
//
// The kernel side (include/uapi/linux/perf_event.h): a control page whose
// data_head the kernel advances after writing records, and data_tail, which
// the reader advances to give space back; then 2^n data pages of records,
// each an 8-byte header { u32 type; u16 misc; u16 size } and a body.
import koffi from "koffi";
import { libcFns } from "./clib.ts";
import { BccError } from "./errors.ts";
import { closeQuietly } from "./fd.ts";
import { Mapped, PAGE_SIZE } from "./mapped.ts";
import { RingReader } from "./ring-reader.ts";
import { fillSample } from "./warm-up.ts";

const PERF_TYPE_SOFTWARE = 1;
const PERF_COUNT_SW_BPF_OUTPUT = 10;
const PERF_SAMPLE_RAW = 1 << 10;
const PERF_FLAG_FD_CLOEXEC = 8;
const PERF_RECORD_LOST = 2;
const PERF_RECORD_SAMPLE = 9;
const ATTR_SIZE = 112; // PERF_ATTR_SIZE_VER5: every field used here, accepted by every kernel bcc runs on
// x86-64 only: its loads are not reordered with other loads (TSO), which is
// what makes reading data_head and then the records safe without a fence JS
// cannot issue. A weakly ordered CPU would need one (as does set-up, which
// installs amd64 headers).
const NR_PERF_EVENT_OPEN: Record<string, number> = { x64: 298 };
const DATA_HEAD = 1024; // offsets in struct perf_event_mmap_page
const DATA_TAIL = 1032;

const WARM_RING = 8 * PAGE_SIZE;

/** Receives one sample's bytes: `view` covers them at `offset`; valid only during the call. */
export type SampleFn = (view: DataView, offset: number, size: number) => void;

function perfEventOpen(cpu: number, wakeupEvents: number): number {
  const nr = NR_PERF_EVENT_OPEN[process.arch];
  if (nr === undefined) throw new BccError(`perf buffers are read from JS on x86-64 only; this is ${process.arch}`);
  const attr = Buffer.alloc(ATTR_SIZE);
  attr.writeUInt32LE(PERF_TYPE_SOFTWARE, 0);
  attr.writeUInt32LE(ATTR_SIZE, 4);
  attr.writeBigUInt64LE(BigInt(PERF_COUNT_SW_BPF_OUTPUT), 8);
  attr.writeBigUInt64LE(1n, 16); // sample_period: every event is a sample
  attr.writeBigUInt64LE(BigInt(PERF_SAMPLE_RAW), 24);
  attr.writeUInt32LE(wakeupEvents, 48);
  // glibc's syscall() is a register shuffle that never reads varargs, so a
  // fixed prototype calls it correctly.
  const fd = Number(libcFns.perf_event_open(nr, attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC));
  if (fd < 0) throw new BccError(`could not open a perf event on CPU ${cpu} (errno ${koffi.errno()}); is this process root?`);
  return fd;
}

export class PerfRing extends RingReader {
  private readonly size: number; // bytes of data pages
  private scratch = new Uint8Array(256); // a record that wraps the ring's end, joined
  private scratchView = new DataView(this.scratch.buffer);

  private constructor(readonly cpu: number, readonly fd: number, private readonly map: Mapped) {
    super();
    this.size = map.length - PAGE_SIZE;
  }

  static open(cpu: number, pageCnt: number, wakeupEvents: number): PerfRing {
    const fd = perfEventOpen(cpu, wakeupEvents);
    try {
      return new PerfRing(cpu, fd, Mapped.map(fd, (pageCnt + 1) * PAGE_SIZE, 0, true, `a ${pageCnt}-page perf ring on CPU ${cpu}`));
    } catch (err) {
      closeQuietly(fd);
      throw err;
    }
  }

  /**
   * Runs read() over synthetic samples of `size` bytes in ordinary memory,
   * each sink in turn; see warm-up.ts for why.
   */
  static warmUp(size: number, sinks: SampleFn[], records: number): void {
    const recSize = (12 + size + 7) & ~7;
    const ring = new PerfRing(-1, -1, Mapped.fake(PAGE_SIZE + WARM_RING));
    const v = ring.map.view;
    let head = 0;
    for (let k = 0; head < records * recSize; k++) {
      const tail = head;
      while (head + recSize - tail <= WARM_RING && head < records * recSize) {
        const at = PAGE_SIZE + (head % WARM_RING);
        v.setUint32(at, PERF_RECORD_SAMPLE, true);
        v.setUint16(at + 6, recSize, true);
        // The sample's u32 size and bytes may run past the end: they wrap, as in a real ring.
        const data = ring.map.bytes.subarray(PAGE_SIZE);
        for (let i = 0; i < 4; i++) data[(at + 8 + i - PAGE_SIZE) % WARM_RING] = (size >>> (8 * i)) & 0xff;
        fillSample(data, at + 12 - PAGE_SIZE, size, head);
        head += recSize;
      }
      ring.map.setU64(DATA_HEAD, head);
      ring.read(sinks[k % sinks.length]!, () => {});
    }
  }

  /**
   * Hands every sample the ring holds to onSample and every lost-record count
   * to onLost, then gives the space back. Returns the number of samples.
   * onSample may close the ring; reading stops there.
   */
  read(onSample: SampleFn, onLost: (n: number, cpu: number) => void): number {
    if (!this.beginRead()) return 0;
    const map = this.map;
    const v = map.view;
    const size = this.size;
    // Records up to data_head are complete (the kernel's smp_wmb before it
    // moves head; x86 keeps our loads in order, see NR_PERF_EVENT_OPEN).
    const head = map.u64(DATA_HEAD);
    let tail = map.u64(DATA_TAIL);
    let n = 0;
    try {
      while (tail < head && !this.closed) {
        const at = PAGE_SIZE + (tail % size); // headers are 8-aligned and never split
        const type = v.getUint32(at, true);
        const recSize = v.getUint16(at + 6, true);
        if (recSize < 8) break; // a corrupt ring: stop rather than spin
        const body = at + recSize > PAGE_SIZE + size ? this.join(at, recSize) : v;
        tail += recSize; // handed out, whatever its callback does: a throw loses only this record
        if (this.record(type, body, body === v ? at : 0, onSample, onLost)) n++;
        // Space given back per record, so the kernel can refill during a long read.
        map.setU64(DATA_TAIL, tail);
      }
    } finally {
      map.setU64(DATA_TAIL, tail);
      this.endRead();
    }
    return n;
  }

  private record(type: number, v: DataView, at: number, onSample: SampleFn, onLost: (n: number, cpu: number) => void): boolean {
    if (type === PERF_RECORD_SAMPLE) {
      onSample(v, at + 12, v.getUint32(at + 8, true)); // header, then u32 size, then the raw bytes
      return true;
    }
    if (type === PERF_RECORD_LOST) onLost(Number(v.getBigUint64(at + 16, true)), this.cpu); // header, u64 id, u64 lost
    return false;
  }

  /** Copies a record that runs past the ring's end into scratch, in one piece. */
  private join(at: number, recSize: number): DataView {
    if (this.scratch.length < recSize) {
      this.scratch = new Uint8Array(recSize * 2);
      this.scratchView = new DataView(this.scratch.buffer);
    }
    const first = PAGE_SIZE + this.size - at;
    this.scratch.set(this.map.bytes.subarray(at, at + first), 0);
    this.scratch.set(this.map.bytes.subarray(PAGE_SIZE, PAGE_SIZE + recSize - first), first);
    return this.scratchView;
  }

  protected release(): void {
    this.map.unmap();
    closeQuietly(this.fd);
  }
}
