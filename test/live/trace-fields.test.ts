// A tracepoint program prints with bpf_trace_printk; traceFields reads the
// typed record back from trace_pipe.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BPF, type TraceRecord } from "../../src/index.ts";
import { within } from "../helpers/child.ts";

describe("trace_pipe", () => {
  it("reads the record a sys_enter_sync tracepoint printed", async () => {
    const token = Math.floor(Math.random() * 1e9);
    const b = await BPF.create({
      text: `int tracepoint__syscalls__sys_enter_sync(void *ctx) {
  bpf_trace_printk("sync seen ${token}\\n");
  return 0;
}`,
    });
    try {
      expect(b.numOpenProbes).toBe(1);
      const child = spawnSync("sync");
      expect(child.status).toBe(0);
      const find = async (): Promise<TraceRecord> => {
        for await (const rec of b.traceFields()) if (rec.msg === `sync seen ${token}`) return rec;
        throw new Error("trace_pipe closed");
      };
      const rec = await within(find(), 10_000, "the sync record");
      expect(rec.task).toBe("sync");
      expect(rec.pid).toBe(child.pid);
      expect(Number.isInteger(rec.cpu)).toBe(true);
      expect(rec.ts).toBeGreaterThan(0);
      expect(rec.flags).toMatch(/^\S+$/);
    } finally {
      b.close();
    }
  });

  it("returns null from traceFieldsNow when nothing is waiting", async () => {
    const b = await BPF.create({ text: `int tracepoint__syscalls__sys_enter_sync(void *ctx) { return 0; }` });
    try {
      while (b.traceFieldsNow() !== null) { /* drain what other tests left */ }
      expect(b.traceFieldsNow()).toBeNull();
    } finally {
      b.close();
    }
  });

  it("keeps the event loop responsive while compiling", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = Date.now();
    const b = await BPF.create({ text: `#include <linux/sched.h>\nint f(void *ctx) { return 0; }` });
    const elapsed = Date.now() - started;
    clearInterval(timer);
    b.close();
    // A blocked loop would tick ~0 times; a live one about elapsed/5 times.
    expect(ticks).toBeGreaterThan(elapsed / 5 / 4);
  });
});
