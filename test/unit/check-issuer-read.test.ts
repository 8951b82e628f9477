// Lesson 13's verdict when a fast disk makes a wrong program look right:
// completions landed while dd was still on the CPU, so rows that ask for
// the PID at completion name dd. The loaded bytecode still tells where the
// PID was asked for.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { setLang } from "../../src/i18n/index.ts";
import { evaluate } from "../../src/lesson/check.ts";
import { findLesson, loadLessons } from "../../src/lesson/registry.ts";
import type { RunResult } from "../../src/lesson/runner.ts";
import type { ChildReport } from "../../src/lesson/child-report.ts";
import type { Lesson } from "../../src/lesson/schema.ts";

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-issuer-")), "13-disksnoop_fixed.ts");
let lesson: Lesson;
beforeAll(async () => {
  lesson = findLesson((await loadLessons()).lessons, "disksnoop_fixed")!;
  fs.writeFileSync(file, 'import { BPF } from "bcc-tutor";\n');
  setLang("en");
});

const header = "TIME(s)            COMM             PID    T  BYTES    LAT(ms)";
const row = (pid: number, op: string) => `2033.780305        dd               ${String(pid).padEnd(6)} ${op}  4096        0.31`;
// Every request named after its dd: what a lucky run of the wrong program prints too.
const stdout = [header, ...Array(4).fill(row(4242, "W")), ...Array(4).fill(row(4243, "R"))].join("\n") + "\n";

const at = (target: string, fn: string) => ({ kind: "tracepoint", target, fn, loadOnly: false });
const run = (programs: ChildReport["programs"]): RunResult => ({
  stdout, stderr: "", truncated: false, exitCode: 0, exitSignal: null, ready: true, probes: 2,
  timedOut: false, killed: false, durationMs: 10,
  workload: { seed: 1, pids: [4242, 4243], syncs: [], disk: [{ op: "W", bytes: 4096, requests: 4, pid: 4242 }, { op: "R", bytes: 4096, requests: 4, pid: 4243 }] },
  report: { attaches: [at("block:block_rq_issue", "on_issue"), at("block:block_rq_complete", "on_done")], maps: [], programs, listens: [] },
});
const issuer = (r: RunResult) => evaluate(lesson, file, r).expectations.find((e) => e.id === "lines-match-workload" && /issued its request/.test(e.text))!;

describe("lesson 13: where the PID was asked for", () => {
  it("fails a program that asks only at completion, even when its rows name dd, saying so with the count", () => {
    const e = issuer(run([{ name: "on_issue", progType: "tracepoint", helpers: ["bpf_ktime_get_ns", "bpf_map_update_elem"] }, { name: "on_done", progType: "tracepoint", helpers: ["bpf_get_current_pid_tgid", "bpf_get_current_comm", "bpf_perf_event_output"] }]));
    expect(e.passed).toBe(false);
    expect(e.reason).toMatch(/^8 of your rows/);
    expect(e.reason).toContain("block:block_rq_complete");
  });
  it("passes the same rows from a program that asks where the request starts", () => {
    const e = issuer(run([{ name: "on_issue", progType: "tracepoint", helpers: ["bpf_get_current_pid_tgid", "bpf_get_current_comm"] }, { name: "on_done", progType: "tracepoint", helpers: ["bpf_perf_event_output"] }]));
    expect(e.passed, e.reason).toBe(true);
  });
});
