// Lesson 13: each row must name the process that issued its request. The
// workload knows the truth (the PIDs of the dd processes it ran, and which
// wrote and which read); a row that says "dd" with another PID, or names
// the task the completion interrupt landed on, is the lesson's mistake. Pure.
import type { DiskRun } from "../workload-record.ts";
import { attachMatches, type ReportView } from "../report-view.ts";

export interface IssuerRow {
  comm: string;
  pid: number;
  op: string;
  index: number;
}

/** Rows of a table whose header has COMM, PID and T columns; other lines are skipped. */
export function parseIssuerRows(lines: string[]): IssuerRow[] {
  const hi = lines.findIndex((l) => /\bCOMM\b/.test(l) && /\bPID\b/.test(l) && /\bT\b/.test(l));
  if (hi < 0) return [];
  const cols = lines[hi]!.trim().split(/\s+/);
  const [c, p, t] = ["COMM", "PID", "T"].map((n) => cols.indexOf(n));
  const rows: IssuerRow[] = [];
  lines.forEach((l, i) => {
    if (i <= hi) return;
    const f = l.trim().split(/\s+/);
    if (f.length !== cols.length || !/^\d+$/.test(f[p!]!)) return;
    rows.push({ comm: f[c!]!, pid: Number(f[p!]), op: f[t!]!, index: i });
  });
  return rows;
}

export type IssuerVerdict =
  | { passed: true; marks: Array<{ index: number; ok: boolean }>; /** Rows naming a workload process by name and PID. */ named: number }
  | { passed: false; key: "check.issuer.none" | "check.issuer.wrongPid"; vars: Record<string, string | number>; marks: Array<{ index: number; ok: boolean }> };

const list = (xs: Iterable<string | number>, max = 6) => {
  const a = [...new Set(xs)];
  return a.length > max ? `${a.slice(0, max).join(", ")}, ...` : a.join(", ");
};

/** Rows needed per op: `min`, and three quarters of the requests (a few may be issued from a kworker when the queue was busy). */
export function rowsNeeded(requests: number, min: number): number {
  return Math.max(min, Math.ceil(requests * 0.75));
}

/**
 * Every op the workload ran (W, R) needs rowsNeeded() rows naming one of
 * its dd processes by PID and name; and rows named after the workload's
 * command must carry its PIDs (a PID read at completion names another task).
 */
export function judgeIssuer(rows: IssuerRow[], disk: DiskRun[], min: number): IssuerVerdict {
  const comm = "dd";
  const byOp = new Map<string, Set<number>>();
  for (const d of disk) byOp.set(d.op, (byOp.get(d.op) ?? new Set()).add(d.pid));
  const truthPids = new Set(disk.map((d) => d.pid));
  const right = (r: IssuerRow) => r.comm === comm && (byOp.get(r.op)?.has(r.pid) ?? false);
  const marks = rows.filter((r) => r.comm === comm || truthPids.has(r.pid)).map((r) => ({ index: r.index, ok: right(r) }));
  const named = rows.filter((r) => r.comm === comm);
  const wrongPid = named.filter((r) => !truthPids.has(r.pid));
  const pids = list([...truthPids].sort((a, b) => a - b));
  if (wrongPid.length > named.length / 2) {
    return { passed: false, key: "check.issuer.wrongPid", marks, vars: { rows: named.length, comm, wrong: wrongPid.length, seen: list(wrongPid.map((r) => r.pid)), pids } };
  }
  for (const [op, set] of byOp) {
    const n = rows.filter((r) => r.op === op && right(r)).length;
    const requests = disk.filter((d) => d.op === op).reduce((a, d) => a + d.requests, 0);
    const need = rowsNeeded(requests, min);
    if (n < need) {
      const others = rows.filter((r) => r.op === op).map((r) => `${r.comm} (${r.pid})`);
      return { passed: false, key: "check.issuer.none", marks, vars: { op, min: need, requests, count: n, processes: set.size, pids: list([...set]), comm, seen: others.length ? list(others, 4) : "-" } };
    }
  }
  return { passed: true, marks, named: rows.filter(right).length };
}

/** The helpers that tell a program which task is on the CPU. */
export const CURRENT_TASK_HELPERS = ["bpf_get_current_pid_tgid", "bpf_get_current_task", "bpf_get_current_task_btf"];

/**
 * Where the rows' PIDs can come from: the functions attached at one of
 * `readAt` that ask for the current task. None means every PID the program
 * has was read somewhere else (at completion), whatever the rows show on a
 * device fast enough to complete while the issuer still runs.
 */
export function issuerReaders(report: Pick<ReportView, "attaches" | "programs">, readAt: string[]): { readers: string[]; elsewhere: string[] } {
  const real = report.attaches.filter((a) => !a.loadOnly);
  const reads = (fn: string) => report.programs.some((p) => p.name === fn && p.helpers.some((h) => CURRENT_TASK_HELPERS.includes(h)));
  const atStart = real.filter((a) => readAt.some((s) => attachMatches(s, a)));
  const readers = [...new Set(atStart.filter((a) => reads(a.fn)).map((a) => a.target))];
  const elsewhere = [...new Set(real.filter((a) => !atStart.includes(a) && reads(a.fn)).map((a) => a.target))];
  return { readers, elsewhere };
}
