// A uprobe on libc strlen counts exactly the calls a child makes. strlen is
// an IFUNC in Debian's glibc: probing the resolver would count ~0.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BPF, BpfAttachError, type HashTable } from "../../src/index.ts";
import { resolveSymbol } from "../../src/bcc/symbols.ts";
import { buildFixture } from "../helpers/fixtures.ts";

const COUNT_BY_PID = `
BPF_HASH(counts, u32, u64);
int count(struct pt_regs *ctx) {
  u32 pid = bpf_get_current_pid_tgid() >> 32;
  counts.increment(pid);
  return 0;
}`;

describe("uprobes", () => {
  it("libc strlen resolves to the IFUNC's implementation", () => {
    const r = resolveSymbol("c", "strlen");
    expect(r?.ifunc).toBe(true);
    expect(r?.module).toMatch(/libc\.so/);
  });

  it("counts exactly N strlen calls made by a child process", async () => {
    const N = 25_000;
    const loop = buildFixture("strlen-loop");
    const b = await BPF.create({ text: COUNT_BY_PID });
    try {
      b.attachUprobe({ name: "c", sym: "strlen", fnName: "count" });
      const { spawnSync } = await import("node:child_process");
      const child = spawnSync(loop, [String(N)]);
      expect(child.status).toBe(0);
      expect(b.table<HashTable<number, bigint>>("counts").get(child.pid!)).toBe(BigInt(N));
    } finally {
      b.close();
    }
  });

  it("a uretprobe on a function of a binary fires once per return", async () => {
    const loop = buildFixture("strlen-loop");
    const b = await BPF.create({ text: COUNT_BY_PID });
    try {
      b.attachUretprobe({ name: loop, sym: "main", fnName: "count" });
      execFileSync(loop, ["3"]);
      execFileSync(loop, ["3"]);
      expect([...b.table<HashTable<number, bigint>>("counts").values()]).toEqual([1n, 1n]);
    } finally {
      b.close();
    }
  });

  it("a missing symbol or library is a typed error that says which", async () => {
    const b = await BPF.create({ text: COUNT_BY_PID });
    try {
      expect(() => b.attachUprobe({ name: "c", sym: "no_such_function_xyz", fnName: "count" })).toThrow(/symbol no_such_function_xyz not found in c/);
      expect(() => b.attachUprobe({ name: "nosuchlib", sym: "f", fnName: "count" })).toThrow(BpfAttachError);
      expect(() => b.attachUprobe({ name: "nosuchlib", sym: "f", fnName: "count" })).toThrow(/library or binary nosuchlib not found/);
    } finally {
      b.close();
    }
  });
});
