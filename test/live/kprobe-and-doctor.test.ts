// Kprobes are absent on the build machines' kernel: attaching one must be a
// typed, explained error, and the doctor must say so. Where a kernel has
// kprobes (the qemu guest of test/kernel-matrix), the attach must work.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BPF, KprobesUnavailableError } from "../../src/index.ts";
import { projectRoot } from "../helpers/fixtures.ts";

const kernelHasKprobes = fs.existsSync("/sys/kernel/tracing/kprobe_events") || fs.existsSync("/sys/bus/event_source/devices/kprobe/type");

describe("kprobes", () => {
  it.runIf(!kernelHasKprobes)("attachKprobe says kprobes are unavailable on this kernel (no CONFIG_KPROBES)", async () => {
    const b = await BPF.create({ text: `int on_sync(struct pt_regs *ctx) { return 0; }` });
    try {
      const call = () => b.attachKprobe({ event: BPF.getSyscallFnname("sync"), fnName: "on_sync" });
      expect(call).toThrow(KprobesUnavailableError);
      expect(call).toThrow(/kprobes are not available on this kernel/);
      expect(b.numOpenProbes).toBe(0);
    } finally {
      b.close();
    }
  });

  it.runIf(!kernelHasKprobes)("an auto-attached kprobe__ function rejects ready with the same error", async () => {
    const err = await BPF.create({ text: `int kprobe__sys_sync(void *ctx) { return 0; }` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KprobesUnavailableError);
    expect((err as Error).message).toContain("__x64_sys_sync");
  });

  it.runIf(kernelHasKprobes)("attachKprobe attaches on a kernel with kprobes", async () => {
    const b = await BPF.create({ text: `int on_sync(struct pt_regs *ctx) { return 0; }` });
    try {
      b.attachKprobe({ event: BPF.getSyscallFnname("sync"), fnName: "on_sync" });
      expect(b.numOpenProbes).toBe(1);
    } finally {
      b.close();
    }
  });

  it("resolves the syscall prefix of this architecture", () => {
    expect(BPF.getSyscallFnname("clone")).toMatch(/^(__x64_sys_|sys_|__arm64_sys_)clone$/);
    expect(BPF.ksymname(BPF.getSyscallFnname("clone"))).toBeGreaterThan(0n);
  });
});

describe("bcc-tutor doctor --json", () => {
  const run = () => JSON.parse(execFileSync(path.join(projectRoot, "bin", "bcc-tutor.js"), ["doctor", "--json"], { encoding: "utf8" }));

  it("reports kprobes as this kernel has them, and tracepoints and uprobes available", () => {
    const report = run();
    expect(report.kprobes.ok).toBe(kernelHasKprobes);
    expect(report.tracepoints.ok).toBe(true);
    expect(report.uprobes.ok).toBe(true);
    expect(report.root.ok).toBe(true);
    expect(report.libbcc.detail.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(report.perfBuffer.ok).toBe(true);
    expect(report.ringBuffer.ok).toBe(true);
    expect(report.summary).toBe(kernelHasKprobes ? "ready" : "portable");
  });
});
