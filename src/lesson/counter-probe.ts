// The checker's own count of the events a lesson is about, taken while the
// learner's program runs, so the verdict knows what really happened on the
// machine: which events the workload's processes caused and which came from
// anybody else. A BPF program of the checking process itself (through the
// binding); it never reads trace_pipe (the learner may be its one reader)
// and it is closed when the check ends.
import { BPF } from "../bcc/bpf.ts";
import type { HashTable } from "../bcc/table-kinds.ts";

/** One event as the kernel saw it: when (ns, CLOCK_MONOTONIC) and which process (tgid); dev for block requests. */
export interface CountedEvent {
  ts: number;
  tgid: number;
  dev?: string;
  bytes?: number;
}

export type CounterKind = "sync" | "block";

// Keyed by the event's timestamp (unique enough: two events in one ns on
// one machine would merge, and a sync takes far longer than that).
const SYNC_C = `
BPF_HASH(seen, u64, u32, 4096);
TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    u64 ts = bpf_ktime_get_ns();
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    seen.update(&ts, &tgid);
    return 0;
}`;

const BLOCK_C = `
struct req_t { u32 tgid; u32 dev; u32 bytes; };
BPF_HASH(seen, u64, struct req_t, 4096);
TRACEPOINT_PROBE(block, block_rq_issue) {
    u64 ts = bpf_ktime_get_ns();
    struct req_t r = {};
    r.tgid = bpf_get_current_pid_tgid() >> 32;
    r.dev = args->dev;
    r.bytes = args->bytes;
    seen.update(&ts, &r);
    return 0;
}`;

export class CounterProbe {
  private constructor(private readonly b: BPF, readonly kind: CounterKind) {}

  static async start(kind: CounterKind): Promise<CounterProbe> {
    const b = await BPF.create({ text: kind === "sync" ? SYNC_C : BLOCK_C });
    return new CounterProbe(b, kind);
  }

  /** Every event so far, oldest first. */
  events(): CountedEvent[] {
    const out: CountedEvent[] = [];
    if (this.kind === "sync") {
      for (const [ts, tgid] of this.b.table<HashTable<bigint, number>>("seen").entries()) out.push({ ts: Number(ts), tgid });
    } else {
      for (const [ts, r] of this.b.table<HashTable<bigint, { tgid: number; dev: number; bytes: number }>>("seen").entries()) {
        // The kernel's dev_t: major in the high 12 bits of 32, minor in the low 20.
        out.push({ ts: Number(ts), tgid: r.tgid, dev: `${r.dev >>> 20}:${r.dev & 0xfffff}`, bytes: r.bytes });
      }
    }
    return out.sort((a, b) => a.ts - b.ts);
  }

  close(): void {
    this.b.close();
  }
}
