// What a lesson's program did, as its preload (child-preload.ts) reported
// on fd 3: what it attached, which maps and helpers its BPF programs have,
// which event readers it opened, and its maps' contents at the end. The
// checker judges a learner's program by this, not by reading its source.
import type { TableInfo } from "../bcc/observe.ts";

export type { TableInfo };

export type MapSnapshot = Record<string, { entries: Array<{ key: unknown; value: unknown }>; truncated: boolean }>;

export interface ChildReport {
  attaches: Array<{ kind: string; target: string; fn: string; loadOnly: boolean }>;
  maps: TableInfo[];                       // every map of every BPF module
  programs: Array<{ name: string; progType: string; helpers: string[] }>;
  listens: Array<{ kind: string; name?: string }>;
  snapshot?: MapSnapshot;
}

export function emptyReport(): ChildReport {
  return { attaches: [], maps: [], programs: [], listens: [] };
}

type Line = { event?: unknown; [field: string]: unknown };

const str = (v: unknown): string => (typeof v === "string" ? v : String(v ?? ""));

/** Folds one fd-3 line into report; false when the line is not one of the report's events. */
export function addToReport(report: ChildReport, msg: object): boolean {
  const m = msg as Line;
  switch (m.event) {
    case "attach":
      report.attaches.push({ kind: str(m.kind), target: str(m.target), fn: str(m.fn), loadOnly: m.loadOnly === true });
      return true;
    case "maps":
      if (Array.isArray(m.maps)) report.maps.push(...(m.maps as TableInfo[]));
      return true;
    case "program":
      report.programs.push({ name: str(m.name), progType: str(m.progType), helpers: Array.isArray(m.helpers) ? m.helpers.map(str) : [] });
      return true;
    case "listen":
      report.listens.push(m.name === undefined ? { kind: str(m.kind) } : { kind: str(m.kind), name: str(m.name) });
      return true;
    case "snapshot":
      // One line per BPF object closed; a later map of the same name wins.
      if (m.maps && typeof m.maps === "object") report.snapshot = { ...report.snapshot, ...(m.maps as MapSnapshot) };
      return true;
    default:
      return false;
  }
}
