// BPF_RINGBUF_OUTPUT tables: one ring shared by all CPUs, read from JS
// (ringbuf-reader.ts) and driven by an EventPump on the map's own fd.
import { asView, copyOut, eventCodecOf, eventCodecOrRaw } from "./event-codec.ts";
import { EventPump } from "./event-pump.ts";
import { EventQueue } from "./event-queue.ts";
import { BccError } from "./errors.ts";
import type { SampleFn } from "./perf-ring.ts";
import { RingbufReader } from "./ringbuf-reader.ts";
import { TableBase, type TableInfo } from "./table.ts";
import { NOOP_CALLBACKS, WARM_RECORDS, warmOnce } from "./warm-up.ts";
import type { Codec } from "./type-desc.ts";

export type RingCallback<E> = (event: E, raw: Uint8Array) => void;

const EMPTY = new Uint8Array(0);

export class RingBuf<E = Record<string, unknown>> extends TableBase<never, never> {
  private codec: Codec | undefined;
  private reader: RingbufReader | undefined;
  private pump = new EventPump(() => this.reader?.read(this.onSample) ?? 0);
  private onSample: SampleFn = () => {};

  constructor(info: TableInfo, private readonly owner: { mod: unknown; onClose(fn: () => void): void }) {
    super(info);
    owner.onClose(() => this.closeRingBuffer());
  }

  /** Decodes one event with the struct bcc saw passed to ringbuf_output / ringbuf_submit. */
  event(data: DataView | Uint8Array): E {
    this.codec ??= eventCodecOf(this.owner.mod, this.name, "ringbuf_output");
    return this.codec.decode(asView(data)) as E;
  }

  openRingBuffer(callback: RingCallback<E>): this {
    if (this.reader) throw new BccError(`ring buffer ${this.name} is already open`);
    const codec = this.codec ?? eventCodecOrRaw(this.owner.mod, this.name, "ringbuf_output");
    if (codec) {
      this.codec = codec;
      const wantsRaw = callback.length >= 2;
      this.onSample = this.sampleHandler(callback, codec, wantsRaw);
      warmOnce(codec, () => RingbufReader.warmUp(codec.size, NOOP_CALLBACKS.map((cb) => this.sampleHandler(cb, codec, wantsRaw)), WARM_RECORDS));
    } else {
      this.onSample = (view, off, size) => {
        const raw = copyOut(view, off, size);
        callback(raw as E, raw);
      };
    }
    this.reader = RingbufReader.open(this.fd, this.maxEntries, this.name);
    this.pump.watch(this.fd);
    this.pump.start();
    return this;
  }

  /** Events as an async iterator; opens the buffer. Breaking out of the loop closes it. */
  events(): AsyncIterableIterator<E> {
    const q = new EventQueue<E>(1_000_000, () => this.closeRingBuffer());
    this.openRingBuffer((e) => q.push(e));
    return q;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<E> {
    return this.events();
  }

  /** Reads what the ring holds now and delivers it; returns the number of events. */
  consume(): number {
    return this.pump.consume();
  }

  /** Waits (without blocking the event loop) until events arrive or timeoutMs passes (-1: no limit). */
  poll(timeoutMs = -1): Promise<number> {
    return this.pump.poll(timeoutMs);
  }

  closeRingBuffer(): void {
    this.pump.stop();
    this.reader?.close();
    this.reader = undefined;
  }

  get isOpen(): boolean {
    return this.reader !== undefined;
  }

  /** Decodes in place from the ring; raw bytes are copied only for callbacks that take them. */
  private sampleHandler(cb: RingCallback<E>, codec: Codec, wantsRaw: boolean): SampleFn {
    if (wantsRaw) return (view, off, size) => cb(codec.decode(view, off) as E, copyOut(view, off, size));
    return (view, off) => cb(codec.decode(view, off) as E, EMPTY);
  }
}
