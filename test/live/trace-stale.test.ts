// trace_pipe keeps what no one read: a line an earlier program printed waits
// there for the next reader. A BPF object's trace readers show only lines
// printed after it was created.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BPF, type TraceRecord } from "../../src/index.ts";
import { runScript, within } from "../helpers/child.ts";

const printer = (msg: string) => `int tracepoint__syscalls__sys_enter_sync(void *ctx) { bpf_trace_printk("${msg}\\n"); return 0; }`;

/** Leaves a line in trace_pipe: a program prints it on sync and closes without reading. */
async function leaveStaleLine(msg: string): Promise<void> {
  const before = await BPF.create({ text: printer(msg) });
  expect(spawnSync("sync").status).toBe(0);
  before.close();
  await new Promise((r) => setTimeout(r, 50)); // the stale line is older than the next object by a margin
}

describe("trace_pipe readers skip lines older than their BPF object", () => {
  it("traceFields: the earlier program's line is not shown, the object's own is", async () => {
    const token = Math.floor(Math.random() * 1e9);
    await leaveStaleLine(`stale ${token}`);
    const b = await BPF.create({ text: printer(`fresh ${token}`) });
    try {
      expect(spawnSync("sync").status).toBe(0);
      const seen: TraceRecord[] = [];
      const find = async (): Promise<void> => {
        for await (const rec of b.traceFields()) {
          if (rec.msg.endsWith(` ${token}`)) seen.push(rec);
          if (rec.msg === `fresh ${token}`) return;
        }
      };
      await within(find(), 10_000, "the fresh line");
      expect(seen.map((r) => r.msg)).toEqual([`fresh ${token}`]);
    } finally {
      b.close();
    }
  });

  it("traceFieldsNow: the same, without waiting", async () => {
    const token = Math.floor(Math.random() * 1e9);
    await leaveStaleLine(`stale ${token}`);
    const b = await BPF.create({ text: printer(`fresh ${token}`) });
    try {
      expect(spawnSync("sync").status).toBe(0);
      const msgs: string[] = [];
      const deadline = Date.now() + 5000;
      while (!msgs.includes(`fresh ${token}`) && Date.now() < deadline) {
        const rec = b.traceFieldsNow();
        if (rec?.msg.endsWith(` ${token}`)) msgs.push(rec.msg);
        if (!rec) await new Promise((r) => setTimeout(r, 20));
      }
      expect(msgs).toEqual([`fresh ${token}`]);
    } finally {
      b.close();
    }
  });

  it("tracePrint: the same, as printed", async () => {
    const token = Math.floor(Math.random() * 1e9);
    const child = runScript(`
import { spawnSync } from "node:child_process";
const { BPF } = await import("BINDING");
const text = (m) => 'int tracepoint__syscalls__sys_enter_sync(void *ctx) { bpf_trace_printk("' + m + '\\\\n"); return 0; }';
const before = await BPF.create({ text: text("stale ${token}") });
spawnSync("sync");
before.close();
await new Promise((r) => setTimeout(r, 50));
const b = await BPF.create({ text: text("fresh ${token}") });
void b.tracePrint();
spawnSync("sync");
await new Promise((r) => setTimeout(r, 1000));
b.close();
`);
    const { code } = await within(child.exit, 60_000, "the child to finish");
    expect(code, child.stderr()).toBe(0);
    const mine = child.stdout().split("\n").filter((l) => l.includes(` ${token}`));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain(`fresh ${token}`);
  }, 60_000);
});
