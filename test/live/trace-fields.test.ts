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

  it("traceFieldsNow returns exactly the records the workload caused, in order, then null", async () => {
    // More than a page of lines another program printed and nobody read: a
    // read of trace_pipe returns at most a page, and these predate b.
    const stale = await BPF.create({
      text: `int tracepoint__syscalls__sys_enter_sync(void *ctx) {
  bpf_trace_printk("stale line no one reads ....................................\\n");
  return 0;
}`,
    });
    for (let i = 0; i < 60; i++) expect(spawnSync("sync").status).toBe(0);
    stale.close();

    const token = Math.floor(Math.random() * 1e9);
    const b = await BPF.create({
      text: `int tracepoint__syscalls__sys_enter_sync(void *ctx) {
  bpf_trace_printk("sync %d of ${token}\\n", bpf_get_current_pid_tgid() >> 32);
  return 0;
}`,
    });
    try {
      // bpf_trace_printk writes during the syscall: once sync has exited, its line is there.
      const pids = [0, 1, 2].map(() => {
        const c = spawnSync("sync");
        expect(c.status).toBe(0);
        return c.pid;
      });
      const got: TraceRecord[] = [];
      for (let rec = b.traceFieldsNow(); rec !== null; rec = b.traceFieldsNow()) got.push(rec);
      expect(got.map((r) => [r.task, r.pid, r.msg])).toEqual(pids.map((pid) => ["sync", pid, `sync ${pid} of ${token}`]));
    } finally {
      b.close();
    }
  });

  it("keeps the event loop turning while compiling", async () => {
    // A timer due at once fires before a compile on another thread can end;
    // a compile on the main thread would settle the create first. How long
    // the loop stalls is measured by bench/compile-latency.ts (benchmark 3).
    const created = BPF.create({ text: `#include <linux/sched.h>\nint f(void *ctx) { return 0; }` });
    const first = await Promise.race([created.then(() => "create"), new Promise((r) => setTimeout(() => r("timer"), 0))]);
    (await created).close();
    expect(first).toBe("timer");
  });
});
