// The pure parts of the child's report: helper ids read from bytecode, map
// values made JSON, and report lines folded into a ChildReport.
import { describe, expect, it } from "vitest";
import { helperName, helpersCalled } from "../../src/lesson/bpf-helpers.ts";
import { toJson } from "../../src/lesson/map-snapshot.ts";
import { addToReport, emptyReport } from "../../src/lesson/child-report.ts";

/** One 8-byte BPF instruction. */
const insn = (code: number, dst: number, src: number, off: number, imm: number): number[] => {
  const b = Buffer.alloc(8);
  b.writeUInt8(code, 0);
  b.writeUInt8((src << 4) | dst, 1);
  b.writeInt16LE(off, 2);
  b.writeInt32LE(imm, 4);
  return [...b];
};

describe("helpers read from bytecode", () => {
  it("names helper ids as the kernel's uapi numbers them", () => {
    expect(helperName(1)).toBe("bpf_map_lookup_elem");
    expect(helperName(6)).toBe("bpf_trace_printk");
    expect(helperName(25)).toBe("bpf_perf_event_output");
    expect(helperName(130)).toBe("bpf_ringbuf_output");
    expect(helperName(5)).toBe("bpf_ktime_get_ns");
    expect(helperName(100000)).toBe("helper_100000");
  });

  it("lists helper calls once each, in order, and skips subprogram and kfunc calls and ld_imm64 halves", () => {
    const prog = Uint8Array.from([
      ...insn(0xb7, 1, 0, 0, 0), // r1 = 0
      ...insn(0x85, 0, 0, 0, 14), // call bpf_get_current_pid_tgid
      ...insn(0x18, 1, 1, 0, 3), ...insn(0x00, 0, 0, 0, 0x85), // ld_imm64 map fd (second half: opcode 0)
      ...insn(0x85, 0, 0, 0, 1), // call bpf_map_lookup_elem
      ...insn(0x85, 0, 1, 0, 2), // call a subprogram (src_reg 1): not a helper
      ...insn(0x85, 0, 2, 0, 7), // call a kfunc (src_reg 2): not a helper
      ...insn(0x85, 0, 0, 0, 14), // again
      ...insn(0x95, 0, 0, 0, 0), // exit
    ]);
    expect(helpersCalled(prog)).toEqual(["bpf_get_current_pid_tgid", "bpf_map_lookup_elem"]);
  });
});

describe("snapshot values as JSON", () => {
  it("keeps safe bigints as numbers, larger ones as decimal strings, bytes as numbers, in depth", () => {
    expect(toJson(42n)).toBe(42);
    expect(toJson(2n ** 64n - 1n)).toBe("18446744073709551615");
    expect(toJson(-(2n ** 60n))).toBe("-1152921504606846976");
    expect(toJson({ comm: "sh", raw: Uint8Array.from([1, 255]), per: [1n, 2n], inner: { x: 3n } })).toEqual({ comm: "sh", raw: [1, 255], per: [1, 2], inner: { x: 3 } });
    expect(JSON.parse(JSON.stringify(toJson({ a: 2n ** 63n })))).toEqual({ a: "9223372036854775808" });
  });
});

describe("report lines", () => {
  it("fold into the report, and other lines are left to the runner", () => {
    const r = emptyReport();
    expect(addToReport(r, { event: "ready", probes: 1 })).toBe(false);
    expect(addToReport(r, { event: "attach", kind: "tracepoint", target: "syscalls:sys_enter_sync", fn: "f", loadOnly: false })).toBe(true);
    addToReport(r, { event: "maps", maps: [{ name: "m", type: "hash", key: "\"int\"", leaf: "\"int\"", maxEntries: 4 }] });
    addToReport(r, { event: "program", name: "f", progType: "tracepoint", helpers: ["bpf_trace_printk"] });
    addToReport(r, { event: "listen", kind: "trace_pipe" });
    addToReport(r, { event: "snapshot", maps: { m: { entries: [{ key: 1, value: 2 }], truncated: false } } });
    addToReport(r, { event: "snapshot", maps: { n: { entries: [], truncated: true } } });
    expect(r).toEqual({
      attaches: [{ kind: "tracepoint", target: "syscalls:sys_enter_sync", fn: "f", loadOnly: false }],
      maps: [{ name: "m", type: "hash", key: "\"int\"", leaf: "\"int\"", maxEntries: 4 }],
      programs: [{ name: "f", progType: "tracepoint", helpers: ["bpf_trace_printk"] }],
      listens: [{ kind: "trace_pipe" }],
      snapshot: { m: { entries: [{ key: 1, value: 2 }], truncated: false }, n: { entries: [], truncated: true } },
    });
  });
});
