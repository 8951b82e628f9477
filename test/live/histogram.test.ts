// A real BPF_HISTOGRAM filled by the kernel prints exactly what python
// bcc prints for the same map contents (python is run on the values read).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BPF, type ArrayTable } from "../../src/index.ts";
import { gatedGetpidLoop } from "../helpers/workload.ts";

const PROGRAM = `
BPF_HISTOGRAM(dist);
BPF_HISTOGRAM(lin, int, 16);
BPF_ARRAY(target, u32, 1);
BPF_ARRAY(n, u64, 1);
TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
  int zero = 0;
  u32 *t = target.lookup(&zero);
  if (!t || *t != (bpf_get_current_pid_tgid() >> 32)) return 0;
  u64 *c = n.lookup(&zero);
  if (!c) return 0;
  u64 i = __sync_fetch_and_add(c, 1);
  dist.increment(bpf_log2l(i * 37 + 1));
  lin.increment(i % 13);
  return 0;
}`;

function pythonPrints(fn: "log2" | "linear", vals: number[], valType: string): string {
  const script = `
import sys, json, io, contextlib
import bcc.table as T
c = json.load(sys.stdin)
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    (T._print_log2_hist if c["fn"] == "log2" else T._print_linear_hist)(c["vals"], c["valType"], None)
sys.stdout.write(buf.getvalue())
`;
  const r = spawnSync("/usr/bin/python3", ["-c", script], { input: JSON.stringify({ fn, vals, valType }), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`/usr/bin/python3 with bcc failed: ${r.stderr}`);
  return r.stdout;
}

describe("histograms from a live map", () => {
  it("log2 and linear histograms match python bcc byte for byte", async () => {
    const b = await BPF.create({ text: PROGRAM });
    try {
      const load = gatedGetpidLoop(5000);
      b.table<ArrayTable<number>>("target").set(0, load.pid);
      expect(await load.go()).toBe(0);
      const dist = b.table<ArrayTable<bigint>>("dist");
      const lin = b.table<ArrayTable<bigint>>("lin");
      const log2Vals = [...dist.values()].map(Number);
      const linVals = [...lin.values()].map(Number);
      expect(log2Vals.reduce((a, x) => a + x, 0)).toBe(5000);

      const write = process.stdout.write;
      let printed = "";
      process.stdout.write = ((chunk: string) => ((printed += chunk), true)) as typeof process.stdout.write;
      let ours: string;
      let oursLin: string;
      try {
        ours = dist.printLog2Hist("calls");
        oursLin = lin.printLinearHist("i mod 13");
      } finally {
        process.stdout.write = write;
      }
      expect(printed).toBe(ours + oursLin);
      expect(ours).toBe(pythonPrints("log2", [...log2Vals, 0], "calls"));
      expect(oursLin).toBe(pythonPrints("linear", linVals, "i mod 13"));
      expect(dist.log2HistRows().reduce((a, r) => a + r.count, 0n)).toBe(5000n);
    } finally {
      b.close();
    }
  });
});
