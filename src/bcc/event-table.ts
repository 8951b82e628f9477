// What perf buffers and ring buffers share: the event codec (or raw bytes
// where bcc saw no struct), the warm-up of the decode path, the pump that
// drives reads, poll(), and the async-iterator form. Each subclass says how
// its rings open, read and close, and how a sample reaches its callback.
import { asView, eventCodecOf, eventCodecOrRaw } from "./event-codec.ts";
import { EventPump } from "./event-pump.ts";
import { EventQueue } from "./event-queue.ts";
import type { SampleFn } from "./perf-ring.ts";
import { TableBase, type TableInfo } from "./table.ts";
import type { Codec } from "./type-desc.ts";
import { NOOP_CALLBACKS, WARM_RECORDS, warmOnce } from "./warm-up.ts";

export interface EventTableOwner {
  mod: unknown;
  onClose(fn: () => void): void;
}

/** A reader's warm-up: read() over synthetic records of `size` bytes, each sink in turn. */
type WarmUp = (size: number, sinks: SampleFn[], records: number) => void;

export abstract class EventTable<E, C extends (event: E, ...rest: never[]) => void, K = never, V = never> extends TableBase<K, V> {
  private codec: Codec | undefined;
  protected readonly pump = new EventPump(() => this.read());
  /** What read() hands each sample to: set by prepare() when the buffer opens. */
  protected onSample: SampleFn = () => {};

  constructor(
    info: TableInfo,
    protected readonly owner: EventTableOwner,
    /** The C method that submits events ("perf_submit"), for messages. */
    private readonly submitCall: string,
    private readonly warmUp: WarmUp,
  ) {
    super(info);
    owner.onClose(() => this.closeBuffer());
  }

  /** Decodes one event with the struct bcc saw passed to the submit call. */
  event(data: DataView | Uint8Array): E {
    this.codec ??= eventCodecOf(this.owner.mod, this.name, this.submitCall);
    return this.codec.decode(asView(data)) as E;
  }

  /** Events as an async iterator; opens the buffer. Breaking out of the loop closes it. */
  abstract events(): AsyncIterableIterator<E>;

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

  abstract get isOpen(): boolean;

  /** Sets onSample for callback: decoding in place (the path warmed up once per struct), or raw bytes where bcc saw no struct. */
  protected prepare(callback: C, wantsRaw: boolean): void {
    const codec = this.codec ?? eventCodecOrRaw(this.owner.mod, this.name, this.submitCall);
    if (!codec) {
      this.onSample = this.rawHandler(callback);
      return;
    }
    this.codec = codec;
    this.onSample = this.decodeHandler(callback, codec, wantsRaw);
    warmOnce(codec, () => this.warmUp(codec.size, NOOP_CALLBACKS.map((cb) => this.decodeHandler(cb as unknown as C, codec, wantsRaw)), WARM_RECORDS));
  }

  /** An async iterator over what open() delivers; returning from it closes the buffer. */
  protected queue(open: (push: (event: E) => void) => void): AsyncIterableIterator<E> {
    const q = new EventQueue<E>(1_000_000, () => this.closeBuffer());
    open((e) => q.push(e));
    return q;
  }

  /** Reads every ring once; returns the number of events delivered. */
  protected abstract read(): number;
  protected abstract closeBuffer(): void;
  /** Decodes in place from the ring; raw bytes are copied only where wantsRaw. */
  protected abstract decodeHandler(cb: C, codec: Codec, wantsRaw: boolean): SampleFn;
  /** Hands the callback each event's raw bytes, as the event and as the raw argument. */
  protected abstract rawHandler(cb: C): SampleFn;
}
