// The child's report (contract section 2: attaches, maps, helpers, map
// snapshot), as the checker reads it from RunResult.report. The interface
// is owned by src/lesson/child-report.ts (the binding's observation
// channels); until a run carries it, the checks that need it are not judged.
import type { RunResult } from "./runner.ts";

export interface ReportView {
  attaches: Array<{ kind: string; target: string; fn: string; loadOnly: boolean }>;
  maps: Array<{ name: string; type: string }>;
  programs: Array<{ name: string; progType: string; helpers: string[] }>;
  listens: Array<{ kind: string; name?: string }>;
  snapshot?: Record<string, { entries: Array<{ key: unknown; value: unknown }>; truncated: boolean }>;
}

export function reportOf(run: RunResult): ReportView | undefined {
  const r = (run as RunResult & { report?: ReportView }).report;
  return r && Array.isArray(r.attaches) ? r : undefined;
}

/** "tracepoint:syscalls:sys_enter_sync" matches exactly; "kprobe:/sys_sync$/" is a regex on the target. */
export function attachMatches(spec: string, a: { kind: string; target: string }): boolean {
  const at = spec.indexOf(":");
  const kind = spec.slice(0, at);
  const target = spec.slice(at + 1);
  if (kind !== a.kind) return false;
  if (target.startsWith("/") && target.endsWith("/") && target.length > 1) return new RegExp(target.slice(1, -1)).test(a.target);
  return target === a.target;
}

/** Every number a map holds at the end (values, and the numeric fields of struct values). */
export function snapshotNumbers(snapshot: ReportView["snapshot"]): number[] {
  const out: number[] = [];
  const add = (v: unknown) => {
    if (typeof v === "number") out.push(v);
    else if (typeof v === "string" && /^\d+$/.test(v)) out.push(Number(v));
    else if (v && typeof v === "object" && !Array.isArray(v)) for (const x of Object.values(v)) add(x);
  };
  for (const m of Object.values(snapshot ?? {})) for (const e of m.entries) add(e.value);
  return out;
}
