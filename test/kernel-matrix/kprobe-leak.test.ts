// Runs inside the qemu guest (kprobes built in): two functions of one BPF
// object on the same kprobe are both tracked, so close() and detachKprobe
// remove both. (Before the fix the second replaced the first's descriptor,
// and the first stayed attached until the process exited.) Skipped, by name,
// on a kernel without kprobes (the host); guest-tests.sh runs it.
//   bash test/kernel-matrix/run-in-guest.sh --kernel 6.1 -- node_modules/.bin/vitest run test/kernel-matrix/kprobe-leak.test.ts
import { describe, expect, it } from "vitest";
import { BPF } from "../../src/index.ts";
import { kprobesAvailable } from "../../src/bcc/capabilities.ts";
import { perfLinksOf } from "../helpers/kernel-state.ts";

const TWO = `
BPF_ARRAY(hits, u64, 2);
int first(void *ctx) { int k = 0; u64 *v = hits.lookup(&k); if (v) __sync_fetch_and_add(v, 1); return 0; }
int second(void *ctx) { int k = 1; u64 *v = hits.lookup(&k); if (v) __sync_fetch_and_add(v, 1); return 0; }
`;
const mine = () => perfLinksOf(process.pid).length;

// Failed before the fix in the guest (2 of 2).
const kp = kprobesAvailable();
describe.skipIf(!kp)(`two functions on one kprobe${kp ? "" : " (skipped: this kernel has no kprobes; it runs in the kernel-matrix guests)"}`, () => {
  it("both fire, and close() removes both", async () => {
    const before = mine();
    const b = await BPF.create({ text: TWO });
    const event = BPF.getSyscallFnname("sync");
    b.attachKprobe({ event, fnName: "first" });
    b.attachKprobe({ event, fnName: "second" });
    expect(mine() - before).toBe(2);
    expect(b.numOpenProbes).toBe(2);
    const { spawnSync } = await import("node:child_process");
    spawnSync("sync");
    const hits = b.table<import("../../src/index.ts").ArrayTable<bigint>>("hits");
    expect(hits.get(0)).toBeGreaterThanOrEqual(1n);
    expect(hits.get(1)).toBeGreaterThanOrEqual(1n);
    b.close();
    expect(mine()).toBe(before);
  }, 120_000);

  it("detachKprobe removes both, and a kretprobe on the same function is kept apart", async () => {
    const before = mine();
    const b = await BPF.create({ text: TWO });
    try {
      const event = BPF.getSyscallFnname("sync");
      b.attachKprobe({ event, fnName: "first" });
      b.attachKprobe({ event, fnName: "second" });
      b.attachKretprobe({ event, fnName: "first" });
      b.detachKprobe(event);
      expect(mine() - before).toBe(1);
      expect(b.numOpenProbes).toBe(1);
    } finally {
      b.close();
    }
    expect(mine()).toBe(before);
  }, 120_000);
});
