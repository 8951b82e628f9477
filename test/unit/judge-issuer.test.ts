// Lesson 13's issuer check: rows against the dd processes the workload ran.
import { describe, expect, it } from "vitest";
import { issuerReaders, judgeIssuer, parseIssuerRows } from "../../src/lesson/judge/issuer.ts";
import type { DiskRun } from "../../src/lesson/workload-record.ts";

const header = "TIME(s)            COMM             PID    T  BYTES    LAT(ms)";
const row = (comm: string, pid: number, op: string) => `2033.780305        ${comm.padEnd(16)} ${String(pid).padEnd(6)} ${op}  4096        0.31`;
const disk: DiskRun[] = [
  { op: "W", bytes: 4096, requests: 4, pid: 4242 },
  { op: "R", bytes: 4096, requests: 4, pid: 4243 },
];
const rows = (spec: Array<[string, number, string]>, n = 4) => parseIssuerRows([header, ...spec.flatMap(([c, p, o]) => Array(n).fill(row(c, p, o)))]);

describe("judgeIssuer", () => {
  it("reads COMM, PID and T by the header's columns", () => {
    expect(parseIssuerRows([header, row("dd", 4242, "W"), "noise"])).toEqual([{ comm: "dd", pid: 4242, op: "W", index: 1 }]);
  });
  it("passes rows naming the workload's writer and reader, kernel workers beside them", () => {
    expect(judgeIssuer(rows([["dd", 4242, "W"], ["dd", 4243, "R"], ["kworker/0:1H", 58, "W"]]), disk, 4).passed).toBe(true);
  });
  it("fails dd with another PID (read at completion), naming the PIDs", () => {
    const v = judgeIssuer(rows([["dd", 0, "W"], ["dd", 0, "R"]]), disk, 4);
    expect(v.passed).toBe(false);
    if (!v.passed) expect([v.key, v.vars.pids, v.vars.seen]).toEqual(["check.issuer.wrongPid", "4242, 4243", "0"]);
  });
  it("fails rows naming the task the interrupt landed on", () => {
    const v = judgeIssuer(rows([["swapper/1", 0, "W"], ["swapper/0", 0, "R"]]), disk, 4);
    expect(v.passed).toBe(false);
    if (!v.passed) expect([v.key, v.vars.op, v.vars.count]).toEqual(["check.issuer.none", "W", 0]);
  });
  it("fails the writer's PID on the reads (swapped), and too few rows", () => {
    expect(judgeIssuer(rows([["dd", 4242, "W"], ["dd", 4242, "R"]]), disk, 4).passed).toBe(false);
    expect(judgeIssuer(rows([["dd", 4242, "W"], ["dd", 4243, "R"]], 3), disk, 4).passed).toBe(false);
  });
  it("needs three quarters of each op's requests, not just the minimum (completions that happened to land on dd)", () => {
    const many: DiskRun[] = [
      { op: "W", bytes: 4096, requests: 4, pid: 4242 },
      { op: "W", bytes: 65536, requests: 4, pid: 4244 },
      { op: "R", bytes: 4096, requests: 4, pid: 4243 },
    ];
    const some = parseIssuerRows([header, ...Array(4).fill(row("dd", 4242, "W")), ...Array(4).fill(row("swapper/1", 0, "W")), ...Array(4).fill(row("dd", 4243, "R"))]);
    const v = judgeIssuer(some, many, 4);
    expect(v.passed).toBe(false);
    if (!v.passed) expect([v.key, v.vars.op, v.vars.count, v.vars.min, v.vars.requests]).toEqual(["check.issuer.none", "W", 4, 6, 8]);
    const most = parseIssuerRows([header, ...Array(4).fill(row("dd", 4242, "W")), ...Array(2).fill(row("dd", 4244, "W")), ...Array(4).fill(row("dd", 4243, "R"))]);
    expect(judgeIssuer(most, many, 4).passed).toBe(true);
  });
});

describe("issuerReaders", () => {
  const readAt = ["tracepoint:block:block_rq_issue", "tracepoint:block:block_rq_insert"];
  const at = (target: string, fn: string) => ({ kind: "tracepoint", target, fn, loadOnly: false });
  const prog = (name: string, helpers: string[]) => ({ name, progType: "tracepoint", helpers });
  it("finds the start probe that asks for the current task, in any helper form", () => {
    const r = issuerReaders({ attaches: [at("block:block_rq_insert", "a"), at("block:block_rq_complete", "b")], programs: [prog("a", ["bpf_get_current_task"]), prog("b", ["bpf_perf_event_output"])] }, readAt);
    expect(r).toEqual({ readers: ["block:block_rq_insert"], elsewhere: [] });
  });
  it("reports a program that asks only at completion", () => {
    const r = issuerReaders({ attaches: [at("block:block_rq_issue", "a"), at("block:block_rq_complete", "b")], programs: [prog("a", ["bpf_map_update_elem"]), prog("b", ["bpf_get_current_pid_tgid", "bpf_get_current_comm"])] }, readAt);
    expect(r).toEqual({ readers: [], elsewhere: ["block:block_rq_complete"] });
  });
  it("ignores load-only programs", () => {
    const r = issuerReaders({ attaches: [{ ...at("block:block_rq_issue", "a"), loadOnly: true }], programs: [prog("a", ["bpf_get_current_pid_tgid"])] }, readAt);
    expect(r.readers).toEqual([]);
  });
});
