// Several functions of one BPF object on the same event: each attachment is
// tracked, so close() and detach calls undo every one (a second attach must
// not replace the first one's descriptor, leaving it attached until exit).
// The kprobe twin runs in the guest: test/kernel-matrix/kprobe-leak.test.ts.
import { describe, expect, it } from "vitest";
import { BPF, BpfAttachError } from "../../src/index.ts";
import { perfLinksOf } from "../helpers/kernel-state.ts";

const TWO = `
int first(void *ctx) { return 0; }
int second(void *ctx) { return 0; }
`;
const mine = () => perfLinksOf(process.pid).length;

// Failed before the fix (3 of 3): the second attach replaced the first one's descriptor.
describe("two functions on one event", () => {
  it("tracepoint: both attached, both gone after close()", async () => {
    const before = mine();
    const b = await BPF.create({ text: TWO });
    b.attachTracepoint({ tp: "syscalls:sys_enter_sync", fnName: "first" });
    b.attachTracepoint({ tp: "syscalls:sys_enter_sync", fnName: "second" });
    expect(mine() - before).toBe(2);
    expect(b.numOpenProbes).toBe(2);
    b.close();
    expect(mine()).toBe(before);
  });

  it("tracepoint: detaching the event detaches both", async () => {
    const before = mine();
    const b = await BPF.create({ text: TWO });
    try {
      b.attachTracepoint({ tp: "syscalls:sys_enter_sync", fnName: "first" });
      b.attachTracepoint({ tp: "syscalls:sys_enter_sync", fnName: "second" });
      b.detachTracepoint("syscalls:sys_enter_sync");
      expect(mine()).toBe(before);
      expect(b.numOpenProbes).toBe(0);
    } finally {
      b.close();
    }
  });

  it("uprobe: both attached, both gone after close()", async () => {
    const before = mine();
    const b = await BPF.create({ text: TWO });
    b.attachUprobe({ name: "c", sym: "getpid", fnName: "first" });
    b.attachUprobe({ name: "c", sym: "getpid", fnName: "second" });
    expect(mine() - before).toBe(2);
    b.close();
    expect(mine()).toBe(before);
  });

  it("raw tracepoint: both attached, both gone after close()", async () => {
    const before = mine();
    const b = await BPF.create({ text: TWO });
    b.attachRawTracepoint({ tp: "sys_enter", fnName: "first" });
    b.attachRawTracepoint({ tp: "sys_enter", fnName: "second" });
    expect(mine() - before).toBe(2);
    b.close();
    expect(mine()).toBe(before);
  });

  it("the same function twice on one event is refused, and the first stays tracked", async () => {
    const before = mine();
    const b = await BPF.create({ text: TWO });
    b.attachTracepoint({ tp: "syscalls:sys_enter_sync", fnName: "first" });
    expect(() => b.attachTracepoint({ tp: "syscalls:sys_enter_sync", fnName: "first" })).toThrow(BpfAttachError);
    expect(() => b.attachTracepoint({ tp: "syscalls:sys_enter_sync", fnName: "first" })).toThrow(/already attached/);
    expect(mine() - before).toBe(1);
    b.close();
    expect(mine()).toBe(before);
  });
});
