// BPF_PERF_OUTPUT tables: one perf ring per online CPU, read from JS
// (perf-ring.ts) and driven by the pump, one watcher a ring.
import koffi from "koffi";
import { lib } from "./clib.ts";
import { BccError } from "./errors.ts";
import { onlineCpus } from "./cpus.ts";
import { copyOut } from "./event-codec.ts";
import { EventTable, type EventTableOwner } from "./event-table.ts";
import { PerfRing, type SampleFn } from "./perf-ring.ts";
import { publish } from "./observe.ts";
import type { TableInfo } from "./table.ts";
import type { Codec } from "./type-desc.ts";

export interface PerfBufferOptions {
  /** Pages per CPU ring; a power of two. Default 8. */
  pageCnt?: number;
  /** Called with the number of events the kernel dropped because a ring was full. */
  lostCallback?: (lost: number, cpu: number) => void;
  /** Wake the reader after this many events (default 1; larger is faster under load). */
  wakeupEvents?: number;
}

export type PerfCallback<E> = (event: E, cpu: number, raw: Uint8Array) => void;

const EMPTY = new Uint8Array(0);

export class PerfEventArray<E = Record<string, unknown>> extends EventTable<E, PerfCallback<E>, number, number> {
  /** Events the kernel dropped because a ring was full, since open. */
  lost = 0;
  private rings: PerfRing[] = [];
  private sampleCpu = 0;
  private lostCallback: ((lost: number, cpu: number) => void) | undefined;
  private lostWarnedAt = 0;

  constructor(info: TableInfo, owner: EventTableOwner) {
    super(info, owner, "perf_submit", PerfRing.warmUp);
  }

  openPerfBuffer(callback: PerfCallback<E>, opts: PerfBufferOptions = {}): this {
    if (this.isOpen) throw new BccError(`perf buffer ${this.name} is already open`);
    const pageCnt = opts.pageCnt ?? 8;
    if (!Number.isInteger(pageCnt) || pageCnt <= 0 || (pageCnt & (pageCnt - 1)) !== 0) throw new BccError(`pageCnt must be a power of two (got ${pageCnt})`);
    this.prepare(callback, callback.length >= 3);
    this.lostCallback = opts.lostCallback;
    const fdBuf = Buffer.alloc(4);
    const keyBuf = Buffer.alloc(4);
    try {
      for (const cpu of onlineCpus()) {
        const ring = PerfRing.open(cpu, pageCnt, opts.wakeupEvents ?? 1);
        this.rings.push(ring);
        keyBuf.writeInt32LE(cpu);
        fdBuf.writeInt32LE(ring.fd);
        if ((lib.bpf_update_elem(this.fd, keyBuf, fdBuf, 0n) as number) < 0) {
          throw new BccError(`could not put CPU ${cpu}'s perf ring into table ${this.name} (errno ${koffi.errno()})`);
        }
        this.pump.watch(ring.fd);
      }
    } catch (err) {
      this.closePerfBuffer();
      throw err;
    }
    this.pump.start();
    publish("listen", { bpf: this.owner, kind: "perf_buffer", name: this.name });
    return this;
  }

  events(opts: PerfBufferOptions = {}): AsyncIterableIterator<E> {
    return this.queue((push) => this.openPerfBuffer(push, opts));
  }

  closePerfBuffer(): void {
    this.pump.stop();
    const key = Buffer.alloc(4);
    for (const ring of this.rings) {
      key.writeInt32LE(ring.cpu);
      lib.bpf_delete_elem(this.fd, key);
      ring.close();
    }
    this.rings = [];
  }

  get isOpen(): boolean {
    return this.rings.length > 0;
  }

  protected read(): number {
    let n = 0;
    // A callback may close the buffer mid-way: that swaps in a new (empty)
    // array, leaving this loop's own intact, and closed rings read nothing.
    for (const ring of this.rings) {
      this.sampleCpu = ring.cpu;
      n += ring.read(this.onSample, this.onLost);
    }
    return n;
  }

  protected closeBuffer(): void {
    this.closePerfBuffer();
  }

  protected decodeHandler(cb: PerfCallback<E>, codec: Codec, wantsRaw: boolean): SampleFn {
    if (wantsRaw) return (view, off, size) => cb(codec.decode(view, off) as E, this.sampleCpu, copyOut(view, off, size));
    return (view, off) => cb(codec.decode(view, off) as E, this.sampleCpu, EMPTY);
  }

  protected rawHandler(cb: PerfCallback<E>): SampleFn {
    return (view, off, size) => {
      const raw = copyOut(view, off, size);
      cb(raw as E, this.sampleCpu, raw);
    };
  }

  private readonly onLost = (n: number, cpu: number): void => {
    this.lost += n;
    if (this.lostCallback) {
      this.lostCallback(n, cpu);
      return;
    }
    // Not silent, not a flood: at most one line a second.
    const now = Date.now();
    if (now - this.lostWarnedAt >= 1000) {
      this.lostWarnedAt = now;
      process.emitWarning(`perf buffer ${this.name}: ${this.lost} events lost so far (rings full; raise pageCnt or read faster)`, "BccLostEvents");
    }
  };
}
