// Maps as JS objects. Keys and values are decoded from bcc's own type
// description (type-desc.ts), checked against the sizes libbcc reports.
import { lib } from "./clib.ts";
import { BccError } from "./errors.ts";
import { checkedCodec, parseTypeDesc, rawCodec, type Codec } from "./type-desc.ts";
import { MapType } from "./consts.ts";
import {
  formatLinearHist,
  formatLinearHistSections,
  formatLog2Hist,
  formatLog2HistSections,
  linearHistRows,
  log2HistRows,
  type HistCount,
  type SectionEntry,
  type SectionOptions,
} from "./hist.ts";

export interface TableInfo {
  mod: unknown;
  name: string;
  id: number;
  fd: number;
  type: number;
  maxEntries: number;
  flags: number;
  keySize: number;
  leafSize: number;
  key: Codec;
  leaf: Codec;
  /** Per-CPU maps: the number of possible CPUs (one value each); 0 otherwise. */
  perCpu: number;
}

const warned = new Set<string>();
function warnOnce(msg: string): void {
  if (warned.has(msg)) return;
  warned.add(msg);
  process.emitWarning(msg, "BccTypeWarning");
}

/** Reads what libbcc knows of a table; throws a BccError when there is no such table. */
export function tableInfo(mod: unknown, name: string): TableInfo {
  const rawId = lib.bpf_table_id(mod, name) as number | bigint;
  const fd = lib.bpf_table_fd(mod, name) as number;
  if (typeof rawId === "bigint" || fd < 0) throw new BccError(`no table named "${name}" in the BPF program`);
  const id = rawId;
  const keySize = lib.bpf_table_key_size(mod, name) as number;
  const leafSize = lib.bpf_table_leaf_size(mod, name) as number;
  // Queues and stacks have no key: an empty description, size 0.
  const keyDesc = lib.bpf_table_key_desc(mod, name) as string | null;
  const key = keyDesc ? checkedCodec(parseTypeDesc(keyDesc), keySize, `key of table ${name}`, warnOnce) : rawCodec(0);
  // Ring buffers have no values to decode (leaf size 0): their events have a codec of their own.
  const leaf = leafSize === 0 ? rawCodec(0) : checkedCodec(parseTypeDesc(lib.bpf_table_leaf_desc(mod, name) as string), leafSize, `value of table ${name}`, warnOnce);
  return {
    mod, name, id, fd,
    type: lib.bpf_table_type_id(mod, id) as number,
    maxEntries: Number(lib.bpf_table_max_entries_id(mod, id)),
    flags: lib.bpf_table_flags_id(mod, id) as number,
    keySize, leafSize, key, leaf, perCpu: 0,
  };
}

export interface HistPrintOptions extends SectionOptions {}

/** What every key/value map shares: element access, iteration, histograms. */
export abstract class TableBase<K = unknown, V = unknown> implements Iterable<[K, V]> {
  readonly name: string;
  readonly fd: number;
  readonly type: number;
  readonly maxEntries: number;
  protected readonly info: TableInfo;
  protected keyBuf: Buffer;
  protected leafBuf: Buffer;

  constructor(info: TableInfo) {
    this.info = info;
    this.name = info.name;
    this.fd = info.fd;
    this.type = info.type;
    this.maxEntries = info.maxEntries;
    this.keyBuf = Buffer.alloc(Math.max(info.keySize, 1));
    this.leafBuf = Buffer.alloc(Math.max(this.valueSize, 1));
  }

  /** Bytes of one value as the kernel reads and writes it: per-CPU maps hold one 8-byte-aligned value per CPU. */
  protected get valueSize(): number {
    return this.info.perCpu ? this.stride * this.info.perCpu : this.info.leafSize;
  }
  private get stride(): number {
    return Math.ceil(this.info.leafSize / 8) * 8;
  }

  protected encodeKey(key: K, buf = this.keyBuf): Buffer {
    buf.fill(0);
    this.info.key.encode(key, dv(buf));
    return buf;
  }
  protected decodeKey(buf: Buffer): K {
    return this.info.key.decode(dv(buf)) as K;
  }
  protected encodeValue(value: V, buf = this.leafBuf): Buffer {
    buf.fill(0);
    const view = dv(buf);
    if (!this.info.perCpu) {
      this.info.leaf.encode(value, view);
      return buf;
    }
    if (!Array.isArray(value) || value.length !== this.info.perCpu) {
      throw new BccError(`table ${this.name} is per-CPU: give an array of ${this.info.perCpu} values, one per CPU`);
    }
    value.forEach((v, cpu) => this.info.leaf.encode(v, view, cpu * this.stride));
    return buf;
  }
  protected decodeValue(buf: Buffer): V {
    const view = dv(buf);
    if (!this.info.perCpu) return this.info.leaf.decode(view) as V;
    const out: unknown[] = [];
    for (let cpu = 0; cpu < this.info.perCpu; cpu++) out.push(this.info.leaf.decode(view, cpu * this.stride));
    return out as V;
  }

  /** The value for key, or undefined when the key is absent. */
  get(key: K): V | undefined {
    const rc = lib.bpf_lookup_elem(this.fd, this.encodeKey(key), this.leafBuf) as number;
    return rc < 0 ? undefined : this.decodeValue(this.leafBuf);
  }

  set(key: K, value: V): this {
    const k = this.encodeKey(key);
    const v = this.encodeValue(value);
    const rc = lib.bpf_update_elem(this.fd, k, v, 0n) as number;
    if (rc < 0) throw new BccError(`could not set a value in table ${this.name} (is it full? ${this.maxEntries} entries max)`);
    return this;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** Deletes key; false when it was not there. */
  delete(key: K): boolean {
    return (lib.bpf_delete_elem(this.fd, this.encodeKey(key)) as number) >= 0;
  }

  /** Raw keys, each a fresh Buffer (hash order, or index order for arrays). */
  protected *rawKeys(): Generator<Buffer> {
    let prev: Buffer | null = null;
    for (;;) {
      const next = Buffer.alloc(this.keyBuf.length);
      if ((lib.bpf_get_next_key(this.fd, prev, next) as number) < 0) return;
      yield next;
      prev = next;
    }
  }

  *keys(): Generator<K> {
    for (const k of this.rawKeys()) yield this.decodeKey(k);
  }

  *values(): Generator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  /** Decoded [key, value] pairs, read in batches where the kernel can. */
  *entries(): Generator<[K, V]> {
    const batch = this.batchEntries();
    if (batch) {
      yield* batch;
      return;
    }
    for (const k of this.rawKeys()) {
      if ((lib.bpf_lookup_elem(this.fd, k, this.leafBuf) as number) < 0) continue; // deleted meanwhile
      yield [this.decodeKey(k), this.decodeValue(this.leafBuf)];
    }
  }

  /** Python's items(). */
  items(): Array<[K, V]> {
    return [...this.entries()];
  }

  [Symbol.iterator](): Iterator<[K, V]> {
    return this.entries();
  }

  get size(): number {
    let n = 0;
    for (const _ of this.rawKeys()) n++;
    return n;
  }

  /** Deletes every key: one BPF_MAP_DELETE_BATCH call where the kernel can, else one by one. */
  clear(): void {
    const keys = [...this.rawKeys()];
    if (keys.length === 0) return;
    const count = new Uint32Array([keys.length]);
    if ((lib.bpf_delete_batch(this.fd, Buffer.concat(keys), count) as number) >= 0 && count[0] === keys.length) return;
    for (const k of keys) lib.bpf_delete_elem(this.fd, k);
  }

  /**
   * One syscall per batch instead of two per entry (BPF_MAP_LOOKUP_BATCH,
   * kernel 5.6+). Undefined when the kernel or map type cannot do it.
   */
  protected batchEntries(): Array<[K, V]> | undefined {
    if (this.info.keySize === 0) return undefined;
    const chunk = Math.max(1, Math.min(this.maxEntries, 4096));
    const keys = Buffer.alloc(chunk * this.info.keySize);
    const vals = Buffer.alloc(chunk * this.valueSize);
    const inBatch = Buffer.alloc(8);
    const outBatch = Buffer.alloc(8);
    const count = new Uint32Array(1);
    const out: Array<[K, V]> = [];
    let first = true;
    for (;;) {
      count[0] = chunk;
      const rc = lib.bpf_lookup_batch(this.fd, first ? null : inBatch, outBatch, keys, vals, count) as number;
      const n = count[0]!;
      // libbpf returns -errno: -ENOENT marks the last batch; anything else
      // on the first call means this kernel or map type has no batch ops.
      if (rc < 0 && rc !== -ENOENT) {
        if (first) return undefined;
        throw new BccError(`reading table ${this.name} in batches failed (errno ${-rc})`);
      }
      for (let i = 0; i < n; i++) {
        const k = keys.subarray(i * this.info.keySize, (i + 1) * this.info.keySize);
        const v = vals.subarray(i * this.valueSize, (i + 1) * this.valueSize);
        out.push([this.decodeKey(k), this.decodeValue(v)]);
      }
      if (rc < 0) return out; // ENOENT: that was the last batch
      outBatch.copy(inBatch);
      first = false;
    }
  }

  // --- histograms ---------------------------------------------------------------

  /** Slot counts of a histogram keyed by slot number (BPF_HISTOGRAM). */
  protected slotValues(size: number): HistCount[] {
    const vals: HistCount[] = new Array(size).fill(0);
    for (const [k, v] of this.entries()) {
      const slot = Number(k);
      if (Number.isInteger(slot) && slot >= 0 && slot < size) vals[slot] = toCount(v);
    }
    return vals;
  }

  /** Entries of a histogram keyed by a struct { bucket; slot } (python's sections). */
  protected sectionEntries(): SectionEntry[] | undefined {
    const first = this.keys().next();
    if (first.done || typeof first.value !== "object" || first.value === null) return undefined;
    const out: SectionEntry[] = [];
    for (const [k, v] of this.entries()) {
      const fields = Object.values(k as Record<string, unknown>);
      out.push({ section: fields[0] as SectionEntry["section"], slot: Number(fields[1]), count: toCount(v) });
    }
    return out;
  }

  /** Python's print_log2_hist, byte for byte; returns the text it printed. */
  printLog2Hist(valType = "value", opts: HistPrintOptions = {}): string {
    const sections = this.sectionEntries();
    const text = sections ? formatLog2HistSections(sections, valType, opts) : formatLog2Hist(this.slotValues(65), valType, opts);
    process.stdout.write(text);
    return text;
  }

  printLinearHist(valType = "value", opts: HistPrintOptions = {}): string {
    const sections = this.sectionEntries();
    const text = sections ? formatLinearHistSections(sections, valType, opts) : formatLinearHist(this.slotValues(1025), valType, opts);
    process.stdout.write(text);
    return text;
  }

  /** The log2 histogram as rows, for drawing it another way. */
  log2HistRows(opts: HistPrintOptions = {}) {
    return log2HistRows(this.slotValues(65), opts);
  }
  linearHistRows(opts: HistPrintOptions = {}) {
    return linearHistRows(this.slotValues(1025), opts);
  }
}

const ENOENT = 2;

function toCount(v: unknown): HistCount {
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (Array.isArray(v)) return v.reduce((a: bigint, x) => a + BigInt(x as number | bigint), 0n); // per-CPU
  return 0;
}

export function dv(buf: Buffer): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

export const HASH_TYPES: readonly number[] = [MapType.HASH, MapType.LRU_HASH];
