// BPF_PERF_OUTPUT tables: one perf ring per online CPU, read from JS
// (perf-ring.ts) and driven by an EventPump.
import koffi from "koffi";
import { lib } from "./clib.ts";
import { BccError } from "./errors.ts";
import { onlineCpus } from "./cpus.ts";
import { asView, copyOut, eventCodecOf, eventCodecOrRaw } from "./event-codec.ts";
import { EventPump } from "./event-pump.ts";
import { EventQueue } from "./event-queue.ts";
import { PerfRing, type SampleFn } from "./perf-ring.ts";
import { NOOP_CALLBACKS, WARM_RECORDS, warmOnce } from "./warm-up.ts";
import { TableBase, type TableInfo } from "./table.ts";
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

export class PerfEventArray<E = Record<string, unknown>> extends TableBase<number, number> {
  /** Events the kernel dropped because a ring was full, since open. */
  lost = 0;
  private codec: Codec | undefined;
  private rings: PerfRing[] = [];
  private pump = new EventPump(() => this.readRings());
  private onSample: SampleFn = () => {};
  private sampleCpu = 0;
  private lostCallback: ((lost: number, cpu: number) => void) | undefined;
  private lostWarnedAt = 0;

  constructor(info: TableInfo, private readonly owner: { mod: unknown; onClose(fn: () => void): void }) {
    super(info);
    owner.onClose(() => this.closePerfBuffer());
  }

  /** Decodes one event with the struct bcc saw passed to perf_submit(). */
  event(data: DataView | Uint8Array): E {
    this.codec ??= eventCodecOf(this.owner.mod, this.name, "perf_submit");
    return this.codec.decode(asView(data)) as E;
  }

  openPerfBuffer(callback: PerfCallback<E>, opts: PerfBufferOptions = {}): this {
    if (this.isOpen) throw new BccError(`perf buffer ${this.name} is already open`);
    const pageCnt = opts.pageCnt ?? 8;
    if (!Number.isInteger(pageCnt) || pageCnt <= 0 || (pageCnt & (pageCnt - 1)) !== 0) throw new BccError(`pageCnt must be a power of two (got ${pageCnt})`);
    const codec = this.codec ?? eventCodecOrRaw(this.owner.mod, this.name, "perf_submit");
    if (codec) {
      this.codec = codec;
      const wantsRaw = callback.length >= 3;
      this.onSample = this.sampleHandler(callback, codec, wantsRaw);
      warmOnce(codec, () => PerfRing.warmUp(codec.size, NOOP_CALLBACKS.map((cb) => this.sampleHandler(cb, codec, wantsRaw)), WARM_RECORDS));
    } else {
      this.onSample = (view, off, size) => {
        const raw = copyOut(view, off, size);
        callback(raw as E, this.sampleCpu, raw);
      };
    }
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
    return this;
  }

  /** Events as an async iterator; opens the buffer. Breaking out of the loop closes it. */
  events(opts: PerfBufferOptions = {}): AsyncIterableIterator<E> {
    const q = new EventQueue<E>(1_000_000, () => this.closePerfBuffer());
    this.openPerfBuffer((e) => q.push(e), opts);
    return q;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<E> {
    return this.events();
  }

  /** Reads what the rings hold now and delivers it; returns the number of events. */
  consume(): number {
    return this.pump.consume();
  }

  /** Waits (without blocking the event loop) until events arrive or timeoutMs passes (-1: no limit). */
  poll(timeoutMs = -1): Promise<number> {
    return this.pump.poll(timeoutMs);
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

  private readRings(): number {
    let n = 0;
    // A copy: a callback may close the buffer mid-way.
    for (const ring of this.rings.slice()) {
      this.sampleCpu = ring.cpu;
      n += ring.read(this.onSample, (lost) => this.onLost(lost, ring.cpu));
    }
    return n;
  }

  /** Decodes in place from the ring; raw bytes are copied only for callbacks that take them. */
  private sampleHandler(cb: PerfCallback<E>, codec: Codec, wantsRaw: boolean): SampleFn {
    if (wantsRaw) {
      return (view, off, size) => cb(codec.decode(view, off) as E, this.sampleCpu, copyOut(view, off, size));
    }
    return (view, off) => cb(codec.decode(view, off) as E, this.sampleCpu, EMPTY);
  }

  private onLost(n: number, cpu: number): void {
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
  }
}
