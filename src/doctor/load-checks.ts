// Features that are only known by trying: load small programs and see.
import type { Check } from "./report.ts";

const RINGBUF_AND_PERF = `
BPF_PERF_OUTPUT(doctor_perf);
BPF_RINGBUF_OUTPUT(doctor_ring, 1);
int doctor_perf_fn(void *ctx) { u32 v = 1; doctor_perf.perf_submit(ctx, &v, sizeof(v)); return 0; }
int doctor_ring_fn(void *ctx) { u32 v = 1; doctor_ring.ringbuf_output(&v, sizeof(v), 0); return 0; }
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
    perfBuffer = result(() => b.loadFunc("doctor_perf_fn", ProgType.TRACEPOINT));
    ringBuffer = result(() => b.loadFunc("doctor_ring_fn", ProgType.TRACEPOINT));
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
