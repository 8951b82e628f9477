// BPF_RINGBUF_OUTPUT tables: one ring shared by all CPUs. The map fd itself
// is pollable, so the same watcher + periodic consume design as perf
// buffers applies.
import koffi from "koffi";

type PollHandle = ReturnType<typeof koffi.node.poll>;
import { lib, RingSampleCb } from "./clib.ts";
import { BccError } from "./errors.ts";
import { asView, eventCodecOf } from "./event-codec.ts";
import { EventBatch, EventQueue, Waiters } from "./event-batch.ts";
import { TableBase, type TableInfo } from "./table.ts";
import { noteListening } from "./readiness.ts";
import type { Codec } from "./type-desc.ts";

export type RingCallback<E> = (event: E, raw: Uint8Array) => void;

const CONSUME_EVERY_MS = 100;
const EMPTY = new Uint8Array(0);

export class RingBuf<E = Record<string, unknown>> extends TableBase<never, never> {
  private codec: Codec | undefined;
  private rb: unknown;
  private cb: bigint | undefined;
  private watcher: PollHandle | undefined;
  private timer: NodeJS.Timeout | undefined;
  private batch = new EventBatch();
  private waiters = new Waiters();
  private callback: RingCallback<E> | undefined;

  constructor(info: TableInfo, private readonly owner: { mod: unknown; onClose(fn: () => void): void }) {
    super(info);
    owner.onClose(() => this.closeRingBuffer());
  }

  event(data: DataView | Uint8Array): E {
    this.codec ??= this.eventCodec();
    return this.codec.decode(asView(data)) as E;
  }

  private eventCodec(): Codec {
    return eventCodecOf(this.owner.mod, this.name, "ringbuf_output");
  }


  openRingBuffer(callback: RingCallback<E>): this {
    if (this.rb) throw new BccError(`ring buffer ${this.name} is already open`);
    this.codec ??= this.eventCodec();
    this.callback = callback;
    this.cb = koffi.register((_ctx: unknown, data: unknown, size: number) => {
      this.batch.push(data, Number(size), 0);
      return 0;
    }, koffi.pointer(RingSampleCb));
    this.rb = lib.bpf_new_ringbuf(this.fd, this.cb, null);
    if (!this.rb) {
      koffi.unregister(this.cb);
      this.cb = undefined;
      throw new BccError(`could not open ring buffer ${this.name}`);
    }
    this.watcher = koffi.node.poll(this.fd, { readable: true }, () => this.consume());
    this.timer = setInterval(() => this.consume(), CONSUME_EVERY_MS).unref();
    noteListening();
    return this;
  }

  events(): AsyncIterableIterator<E> {
    const q = new EventQueue<E>(1_000_000, () => this.closeRingBuffer());
    this.openRingBuffer((e) => q.push(e));
    return q;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<E> {
    return this.events();
  }

  consume(): number {
    if (!this.rb) return 0;
    lib.bpf_consume_ringbuf(this.rb);
    const cb = this.callback;
    const codec = this.codec!;
    const wantsRaw = (cb?.length ?? 0) >= 2;
    const n = this.batch.drain((view, off, size) =>
      cb?.(codec.decode(view, off) as E, wantsRaw ? new Uint8Array(view.buffer, off, size).slice() : EMPTY),
    );
    if (n > 0) this.waiters.wake(n);
    return n;
  }

  poll(timeoutMs = -1): Promise<number> {
    const now = this.consume();
    return now > 0 ? Promise.resolve(now) : this.waiters.wait(timeoutMs);
  }

  closeRingBuffer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.watcher?.close();
    this.watcher = undefined;
    if (this.rb) lib.bpf_free_ringbuf(this.rb);
    this.rb = undefined;
    if (this.cb) koffi.unregister(this.cb);
    this.cb = undefined;
  }
}
