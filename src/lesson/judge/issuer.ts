// Lesson 13: each row must name the process that issued its request. The
// workload knows the truth (the PIDs of the dd processes it ran, and which
// wrote and which read); a row that says "dd" with another PID, or names
// the task the completion interrupt landed on, is the lesson's mistake. Pure.
import type { DiskRun } from "../workload-record.ts";

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
  | { passed: true; marks: Array<{ index: number; ok: boolean }> }
  | { passed: false; key: "check.issuer.none" | "check.issuer.wrongPid"; vars: Record<string, string | number>; marks: Array<{ index: number; ok: boolean }> };

const list = (xs: Iterable<string | number>, max = 6) => {
  const a = [...new Set(xs)];
  return a.length > max ? `${a.slice(0, max).join(", ")}, ...` : a.join(", ");
};

/**
 * Every op the workload ran (W, R) needs `min` rows naming one of its dd
 * processes by PID and name; and rows named after the workload's command
 * must carry its PIDs (a PID read at completion names another task).
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
    if (n < min) {
      const others = rows.filter((r) => r.op === op).map((r) => `${r.comm} (${r.pid})`);
      return { passed: false, key: "check.issuer.none", marks, vars: { op, min, count: n, processes: set.size, pids: list([...set]), comm, seen: others.length ? list(others, 4) : "-" } };
    }
  }
  return { passed: true, marks };
}
