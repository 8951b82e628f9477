// A BPF object's maps as JSON, read when it closes: what the checker
// compares with the workload's truth (counts per key, histogram buckets).
import type { TableInfo } from "../bcc/observe.ts";
import type { MapSnapshot } from "./child-report.ts";

/** Map types whose entries are data (event buffers, stacks and queues are not read: reading changes them or means nothing). */
const READABLE = new Set(["hash", "array", "percpu_hash", "percpu_array", "lru_hash", "lru_percpu_hash", "lpm_trie"]);
export const MAX_ENTRIES = 1024;

interface Readable { table(name: string): { entries(): Iterable<[unknown, unknown]> } }

export function snapshotMaps(bpf: Readable, tables: TableInfo[]): MapSnapshot {
  const out: MapSnapshot = {};
  for (const t of tables) {
    if (!READABLE.has(t.type)) continue;
    const entries: Array<{ key: unknown; value: unknown }> = [];
    let truncated = false;
    try {
      for (const [key, value] of bpf.table(t.name).entries()) {
        if (entries.length === MAX_ENTRIES) {
          truncated = true;
          break;
        }
        entries.push({ key: toJson(key), value: toJson(value) });
      }
    } catch {
      continue; // a map the binding cannot decode is left out, not guessed at
    }
    out[t.name] = { entries, truncated };
  }
  return out;
}

/** bigint → number when exact, else its decimal string; bytes → number[]; structs and arrays in depth. */
export function toJson(v: unknown): unknown {
  if (typeof v === "bigint") return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (v instanceof Uint8Array) return Array.from(v);
  if (Array.isArray(v)) return v.map(toJson);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
  return v;
}
