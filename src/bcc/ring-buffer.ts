// BPF_RINGBUF_OUTPUT tables: one ring shared by all CPUs, read from JS
// (ringbuf-reader.ts) and driven by the pump on the map's own fd.
import { copyOut } from "./event-codec.ts";
import { EventTable, type EventTableOwner } from "./event-table.ts";
import { BccError } from "./errors.ts";
import type { SampleFn } from "./perf-ring.ts";
import { RingbufReader } from "./ringbuf-reader.ts";
import { publish } from "./observe.ts";
import type { TableInfo } from "./table.ts";
import type { Codec } from "./type-desc.ts";

export type RingCallback<E> = (event: E, raw: Uint8Array) => void;

const EMPTY = new Uint8Array(0);

export class RingBuf<E = Record<string, unknown>> extends EventTable<E, RingCallback<E>> {
  private reader: RingbufReader | undefined;

  constructor(info: TableInfo, owner: EventTableOwner) {
    super(info, owner, "ringbuf_output", RingbufReader.warmUp);
  }

  openRingBuffer(callback: RingCallback<E>): this {
    if (this.reader) throw new BccError(`ring buffer ${this.name} is already open`);
    this.prepare(callback, callback.length >= 2);
    this.reader = RingbufReader.open(this.fd, this.maxEntries, this.name);
    this.pump.watch(this.fd);
    this.pump.start();
    publish("listen", { bpf: this.owner, kind: "ring_buffer", name: this.name });
    return this;
  }

  events(): AsyncIterableIterator<E> {
    return this.queue((push) => this.openRingBuffer(push));
  }

  closeRingBuffer(): void {
    this.pump.stop();
    this.reader?.close();
    this.reader = undefined;
  }

  get isOpen(): boolean {
    return this.reader !== undefined;
  }

  protected read(): number {
    return this.reader?.read(this.onSample) ?? 0;
  }

  protected closeBuffer(): void {
    this.closeRingBuffer();
  }

  protected decodeHandler(cb: RingCallback<E>, codec: Codec, wantsRaw: boolean): SampleFn {
    if (wantsRaw) return (view, off, size) => cb(codec.decode(view, off) as E, copyOut(view, off, size));
    return (view, off) => cb(codec.decode(view, off) as E, EMPTY);
  }

  protected rawHandler(cb: RingCallback<E>): SampleFn {
    return (view, off, size) => {
      const raw = copyOut(view, off, size);
      cb(raw as E, raw);
    };
  }
}
