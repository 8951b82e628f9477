// The table classes per map type, and the factory b.table(name) uses.
import { lib } from "./clib.ts";
import { BccError } from "./errors.ts";
import { MapType } from "./consts.ts";
import { possibleCpus } from "./cpus.ts";
import { TableBase, tableInfo, dv } from "./table.ts";
import { PerfEventArray } from "./perf-buffer.ts";
import { RingBuf } from "./ring-buffer.ts";

/** BPF_HASH, BPF_LRU_HASH (and any map with real keys). */
export class HashTable<K = unknown, V = unknown> extends TableBase<K, V> {}

/** BPF_ARRAY, BPF_HISTOGRAM: keys are 0..maxEntries-1 and always present. */
export class ArrayTable<V = unknown> extends TableBase<number, V> {
  protected override *rawKeys(): Generator<Buffer> {
    for (let i = 0; i < this.maxEntries; i++) {
      const k = Buffer.alloc(this.info.keySize);
      this.info.key.encode(i, dv(k));
      yield k;
    }
  }
  override get size(): number {
    return this.maxEntries;
  }
  override delete(key: number): boolean {
    // Array slots cannot be removed: zero them, as python does.
    return (lib.bpf_update_elem(this.fd, this.encodeKey(key), Buffer.alloc(this.leafBuf.length), 0n) as number) >= 0;
  }
  override clear(): void {
    const zero = Buffer.alloc(this.leafBuf.length);
    for (const k of this.rawKeys()) lib.bpf_update_elem(this.fd, k, zero, 0n);
  }
}

/** Per-CPU maps: values are arrays indexed by CPU (TableBase does the layout). */
export class PerCpuHash<K = unknown, V = unknown> extends HashTable<K, V[]> {
  /** The values of key summed over CPUs. */
  sum(key: K): bigint {
    return sumValues(this.get(key));
  }
}
export class PerCpuArray<V = unknown> extends ArrayTable<V[]> {
  sum(key: number): bigint {
    return sumValues(this.get(key));
  }
}

function sumValues(v: unknown[] | undefined): bigint {
  return (v ?? []).reduce<bigint>((a, x) => a + BigInt(x as number | bigint), 0n);
}

/** BPF_STACK_TRACE: walk(stackId) gives the instruction addresses of one stack. */
export class StackTrace extends TableBase<number, bigint[]> {
  *walk(stackId: number): Generator<bigint> {
    if (stackId < 0) return;
    const raw = Buffer.alloc(this.info.leafSize);
    const key = Buffer.alloc(4);
    key.writeInt32LE(stackId);
    if ((lib.bpf_lookup_elem(this.fd, key, raw) as number) < 0) return;
    for (let off = 0; off + 8 <= raw.length; off += 8) {
      const ip = raw.readBigUInt64LE(off);
      if (ip === 0n) return;
      yield ip;
    }
  }
}

/** BPF_QUEUE / BPF_STACK: no keys; push, pop and peek values. */
export class QueueStack<V = unknown> extends TableBase<never, V> {
  push(value: V, flags = 0): void {
    if ((lib.bpf_update_elem(this.fd, null, this.encodeValue(value), BigInt(flags)) as number) < 0) throw new BccError(`could not push to ${this.name}: full?`);
  }
  pop(): V | undefined {
    return (lib.bpf_lookup_and_delete(this.fd, null, this.leafBuf) as number) < 0 ? undefined : this.decodeValue(this.leafBuf);
  }
  peek(): V | undefined {
    return (lib.bpf_lookup_elem(this.fd, null, this.leafBuf) as number) < 0 ? undefined : this.decodeValue(this.leafBuf);
  }
  override *entries(): Generator<[never, V]> {
    throw new BccError(`${this.name} is a queue/stack: use pop() or peek()`);
  }
}

/** The class for a map type, as python's Table() factory. */
export function createTable(owner: { mod: unknown; onClose(fn: () => void): void }, name: string): TableBase {
  const info = tableInfo(owner.mod, name);
  switch (info.type) {
    case MapType.HASH:
    case MapType.LRU_HASH:
      return new HashTable(info);
    case MapType.ARRAY:
      return new ArrayTable(info);
    case MapType.PERCPU_HASH:
    case MapType.LRU_PERCPU_HASH:
      return new PerCpuHash({ ...info, perCpu: possibleCpus().length });
    case MapType.PERCPU_ARRAY:
      return new PerCpuArray({ ...info, perCpu: possibleCpus().length });
    case MapType.PERF_EVENT_ARRAY:
      return new PerfEventArray(info, owner);
    case MapType.RINGBUF:
      return new RingBuf(info, owner);
    case MapType.STACK_TRACE:
      return new StackTrace(info);
    case MapType.QUEUE:
    case MapType.STACK:
      return new QueueStack(info);
    default:
      return new HashTable(info);
  }
}
