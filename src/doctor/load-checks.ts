// Features that are only known by trying: load small programs and see.
import type { PerfEventArray } from "../bcc/perf-buffer.ts";
import type { RingBuf } from "../bcc/ring-buffer.ts";
import type { Check } from "./report.ts";

const RINGBUF_AND_PERF = `
struct doctor_event { u32 v; };
BPF_PERF_OUTPUT(doctor_perf);
BPF_RINGBUF_OUTPUT(doctor_ring, 1);
int doctor_perf_fn(void *ctx) { struct doctor_event e = { 1 }; doctor_perf.perf_submit(ctx, &e, sizeof(e)); return 0; }
int doctor_ring_fn(void *ctx) { struct doctor_event e = { 1 }; doctor_ring.ringbuf_output(&e, sizeof(e), 0); return 0; }
`;
const FENTRY = `KFUNC_PROBE(vfs_read) { return 0; }`;

export async function loadChecks(btf: boolean): Promise<{ perfBuffer: Check; ringBuffer: Check; fentry: Check }> {
  const { BPF } = await import("../bcc/bpf.ts");
  const { ProgType } = await import("../bcc/consts.ts");
  const result = (fn: () => void): Check => {
    try {
      fn();
      return { status: "ok", ok: true, detail: {} };
    } catch (err) {
      return { status: "missing", ok: false, detail: { error: firstLine(err) } };
    }
  };
  let perfBuffer: Check;
  let ringBuffer: Check;
  try {
    const b = await BPF.create({ text: RINGBUF_AND_PERF });
    // Loading proves the kernel side; opening, that the binding can map and read the rings here.
    perfBuffer = result(() => {
      b.loadFunc("doctor_perf_fn", ProgType.TRACEPOINT);
      b.table<PerfEventArray>("doctor_perf").openPerfBuffer(() => {}, { pageCnt: 1 }).closePerfBuffer();
    });
    ringBuffer = result(() => {
      b.loadFunc("doctor_ring_fn", ProgType.TRACEPOINT);
      b.table<RingBuf>("doctor_ring").openRingBuffer(() => {}).closeRingBuffer();
    });
    b.close();
  } catch (err) {
    perfBuffer = ringBuffer = { status: "missing", ok: false, detail: { error: firstLine(err) } };
  }
  let fentry: Check = { status: "skipped", ok: false, detail: { reason: "no kernel BTF" } };
  if (btf) {
    try {
      // bcc derives the attach type and BTF id from the kfunc__ prefix.
      const b = await BPF.create({ text: FENTRY });
      fentry = result(() => b.loadFunc("kfunc__vfs_read", ProgType.TRACING));
      b.close();
    } catch (err) {
      fentry = { status: "missing", ok: false, detail: { error: firstLine(err) } };
    }
  }
  return { perfBuffer, ringBuffer, fentry };
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split("\n")[0] ?? "";
}
