// BPF_PERF_OUTPUT tables: one perf ring per online CPU. Reading is driven
// by libuv watchers on the rings' fds plus a periodic consume (a ring that
// filled before its watcher was armed may never signal again), so the event
// loop is never blocked in poll(2).
import koffi from "koffi";

type PollHandle = ReturnType<typeof koffi.node.poll>;
import { lib, PerfBufferOpts, PerfLostCb, PerfRawCb } from "./clib.ts";
import { BccError } from "./errors.ts";
import { onlineCpus } from "./cpus.ts";
import { asView, eventCodecOf } from "./event-codec.ts";
import { EventBatch, EventQueue, Waiters } from "./event-batch.ts";
import { TableBase, type TableInfo } from "./table.ts";
import { noteListening } from "./readiness.ts";
import type { Codec } from "./type-desc.ts";

export interface PerfBufferOptions<E> {
  /** Pages per CPU ring; a power of two. Default 8. */
  pageCnt?: number;
  /** Called with the number of events the kernel dropped because a ring was full. */
  lostCallback?: (lost: number, cpu: number) => void;
  /** Wake the reader after this many events (default 1; larger is faster under load). */
  wakeupEvents?: number;
  /** Internal: the async-iterator form passes its queue. */
  queue?: EventQueue<E>;
}

export type PerfCallback<E> = (event: E, cpu: number, raw: Uint8Array) => void;

interface Reader { cpu: number; reader: unknown; watcher: PollHandle; raw: bigint; lost: bigint }

const CONSUME_EVERY_MS = 100;
const EMPTY = new Uint8Array(0);

export class PerfEventArray<E = Record<string, unknown>> extends TableBase<number, number> {
  /** Events the kernel dropped because a ring was full, since open. */
  lost = 0;
  private codec: Codec | undefined;
  private readers: Reader[] = [];
  private readerPtrs: unknown[] = [];
  private batch = new EventBatch();
  private timer: NodeJS.Timeout | undefined;
  private waiters = new Waiters();
  private callback: PerfCallback<E> | undefined;
  private lostCallback: ((lost: number, cpu: number) => void) | undefined;
  private lostWarnedAt = 0;

  constructor(info: TableInfo, private readonly owner: { mod: unknown; onClose(fn: () => void): void }) {
    super(info);
    owner.onClose(() => this.closePerfBuffer());
  }

  /** Decodes one event with the struct bcc saw passed to perf_submit(). */
  event(data: DataView | Uint8Array): E {
    this.codec ??= this.eventCodec();
    return this.codec.decode(asView(data)) as E;
  }

  private eventCodec(): Codec {
    return eventCodecOf(this.owner.mod, this.name, "perf_submit");
  }


  openPerfBuffer(callback: PerfCallback<E>, opts: PerfBufferOptions<E> = {}): this {
    if (this.readers.length > 0) throw new BccError(`perf buffer ${this.name} is already open`);
    const pageCnt = opts.pageCnt ?? 8;
    if (pageCnt <= 0 || (pageCnt & (pageCnt - 1)) !== 0) throw new BccError(`pageCnt must be a power of two (got ${pageCnt})`);
    this.codec ??= this.eventCodec();
    this.callback = callback;
    this.lostCallback = opts.lostCallback;
    const fdBuf = Buffer.alloc(4);
    const keyBuf = Buffer.alloc(4);
    for (const cpu of onlineCpus()) {
      const raw = koffi.register((_cookie: unknown, data: unknown, size: number) => this.batch.push(data, size, cpu), koffi.pointer(PerfRawCb));
      const lost = koffi.register((_cookie: unknown, n: number | bigint) => this.onLost(Number(n), cpu), koffi.pointer(PerfLostCb));
      const reader = lib.bpf_open_perf_buffer_opts(raw, lost, null, pageCnt, { pid: -1, cpu, wakeup_events: opts.wakeupEvents ?? 1 });
      if (!reader) {
        koffi.unregister(raw);
        koffi.unregister(lost);
        this.closePerfBuffer();
        throw new BccError(`could not open a perf buffer on CPU ${cpu} (out of locked memory? try a smaller pageCnt)`);
      }
      const fd = lib.perf_reader_fd(reader) as number;
      keyBuf.writeInt32LE(cpu);
      fdBuf.writeInt32LE(fd);
      lib.bpf_update_elem(this.fd, keyBuf, fdBuf, 0n);
      const watcher = koffi.node.poll(fd, { readable: true }, () => this.consume());
      this.readers.push({ cpu, reader, watcher, raw, lost });
      this.readerPtrs.push(reader);
    }
    // Unref'd: the watchers keep the process alive, the timer only backs them up.
    this.timer = setInterval(() => this.consume(), CONSUME_EVERY_MS).unref();
    noteListening();
    return this;
  }

  /** Events as an async iterator; opens the buffer. Breaking out of the loop closes it. */
  events(opts: Omit<PerfBufferOptions<E>, "queue"> = {}): AsyncIterableIterator<E> {
    const q = new EventQueue<E>(1_000_000, () => this.closePerfBuffer());
    this.openPerfBuffer((e) => q.push(e), opts);
    return q;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<E> {
    return this.events();
  }

  /** Reads what the rings hold now and delivers it; returns the number of events. */
  consume(): number {
    if (this.readers.length === 0) return 0;
    lib.perf_reader_consume(this.readerPtrs.length, this.readerPtrs);
    return this.deliver();
  }

  /** Waits (without blocking the event loop) until events arrive or timeoutMs passes (-1: no limit). */
  poll(timeoutMs = -1): Promise<number> {
    const now = this.consume();
    return now > 0 ? Promise.resolve(now) : this.waiters.wait(timeoutMs);
  }

  closePerfBuffer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const key = Buffer.alloc(4);
    for (const r of this.readers) {
      r.watcher.close();
      key.writeInt32LE(r.cpu);
      lib.bpf_delete_elem(this.fd, key);
      lib.perf_reader_free(r.reader);
      koffi.unregister(r.raw);
      koffi.unregister(r.lost);
    }
    this.readers = [];
    this.readerPtrs = [];
  }

  get isOpen(): boolean {
    return this.readers.length > 0;
  }

  private deliver(): number {
    const cb = this.callback;
    const codec = this.codec!;
    // The raw bytes are copied out only for callbacks that take them.
    const wantsRaw = (cb?.length ?? 0) >= 3;
    const n = this.batch.drain((view, off, size, cpu) =>
      cb?.(codec.decode(view, off) as E, cpu, wantsRaw ? new Uint8Array(view.buffer, off, size).slice() : EMPTY),
    );
    if (n > 0) this.waiters.wake(n);
    return n;
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
