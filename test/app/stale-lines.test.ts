// The run pane leaves out trace_pipe lines stamped before the run began.
import { describe, expect, it } from "vitest";
import { StaleFilter, uptime } from "../../src/app/stale-lines.ts";
import { Scrollback } from "../../src/app/scrollback.ts";

describe("stale trace lines", () => {
  it("drops trace lines older than the run, keeps newer ones and anything that is not a trace line", () => {
    const f = new StaleFilter(1616.0);
    expect(f.keep("            node-21032   [000] ...21  1604.628738: bpf_trace_printk: sys_sync() called")).toBe(false);
    expect(f.keep("            sync-21704   [001] ...21  1616.611124: bpf_trace_printk: sys_sync() called")).toBe(true);
    expect(f.keep(" kworker/u4:2-123 (  123) [001] d..1  1500.000001: bpf_trace_printk: x")).toBe(false);
    expect(f.keep("Tracing sys_sync()... Ctrl-C to end.")).toBe(true);
    expect(f.keep("At time 1.00 s: multiple syncs detected, last 95 ms ago")).toBe(true);
    expect(f.dropped).toBe(2);
  });

  it("reads the clock trace_pipe stamps with", () => {
    const u = uptime();
    expect(u).toBeGreaterThan(0);
  });

  it("filters what the scrollback keeps", () => {
    const sb = new Scrollback(10);
    const f = new StaleFilter(100);
    sb.filter = (l) => f.keep(l);
    sb.push("  a-1 [000] .... 50.000000: bpf_trace_printk: old\n  a-1 [000] .... 150.000000: bpf_trace_printk: new\n");
    expect(sb.tail(10)).toEqual(["  a-1 [000] .... 150.000000: bpf_trace_printk: new"]);
  });
});
