// Which kernels each lesson variant is proven on. The table is data,
// lessons/verified.json, written by the test runs themselves
// (test/kernel-matrix/verified.test.ts, on the host and in each qemu guest):
// for every lesson × variant × kernel, passed, failed or cannot-attach, with
// the kernel release and the date. A run fails when the table disagrees with
// it; BCC_TUTOR_UPDATE_VERIFIED=1 rewrites the run's kernel instead.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { packageRoot as projectRoot } from "../paths.ts";
import type { Lesson } from "./schema.ts";
import type { VariantName } from "./lesson-variant.ts";

export const verifiedFile = path.join(projectRoot, "lessons", "verified.json");

export const RESULTS = ["passed", "failed", "cannot-attach"] as const;
export type VerifiedResult = (typeof RESULTS)[number];

export interface VerifiedCell { result: VerifiedResult; release: string; date: string }
export interface VerifiedKernel { where: "host" | "qemu"; distro?: string; release: string; date: string }
export interface VerifiedTable {
  /** Per kernel series ("5.10", "6.18"): where it ran, its last release and date. */
  kernels: Record<string, VerifiedKernel>;
  /** results[lessonId][variant][series] */
  results: Record<string, Record<string, Record<string, VerifiedCell>>>;
}

// Checked by hand, not with zod: importing zod takes tens of milliseconds,
// more than `bcc-tutor list`, which reads this table, may take.
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === "string";
const isCell = (x: unknown) => isObject(x) && (RESULTS as readonly unknown[]).includes(x.result) && isString(x.release) && isString(x.date);
const isKernel = (x: unknown) => isObject(x) && (x.where === "host" || x.where === "qemu") && (x.distro === undefined || isString(x.distro)) && isString(x.release) && isString(x.date);
const every = (x: unknown, ok: (v: unknown) => boolean) => isObject(x) && Object.values(x).every(ok);

function asTable(raw: unknown): VerifiedTable {
  if (!isObject(raw) || !every(raw.kernels, isKernel) || !every(raw.results, (variants) => every(variants, (series) => every(series, isCell)))) {
    throw new Error(`${verifiedFile}: not a table of kernels and results`);
  }
  return raw as unknown as VerifiedTable;
}

export function emptyTable(): VerifiedTable {
  return { kernels: {}, results: {} };
}

/** The table, or an empty one when the file is missing or damaged (list and doctor must still work). */
export function loadVerified(file = verifiedFile): VerifiedTable {
  try {
    return asTable(JSON.parse(fs.readFileSync(file, "utf8")));
  } catch {
    return emptyTable();
  }
}

/** Stable text: kernels by version, lessons and variants as given; one line per cell is easy to diff. */
export function serializeTable(t: VerifiedTable): string {
  // Leaf objects (a cell, a kernel) on one line each.
  const text = JSON.stringify(sortTable(t), null, 2).replace(/\{\n\s+("(?:where|result)"[^{}]*?)\n\s+\}/g, (_m, body: string) => `{ ${body.replace(/,\n\s+/g, ", ")} }`);
  return `${text}\n`;
}

function bySeries(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  return (pa[0]! - pb[0]!) || ((pa[1] ?? 0) - (pb[1] ?? 0));
}

function sortTable(t: VerifiedTable): VerifiedTable {
  const kernels = Object.fromEntries(Object.keys(t.kernels).sort(bySeries).map((k) => [k, t.kernels[k]!]));
  const results: VerifiedTable["results"] = {};
  for (const [lesson, variants] of Object.entries(t.results)) {
    results[lesson] = {};
    for (const [variant, cells] of Object.entries(variants)) {
      results[lesson][variant] = Object.fromEntries(Object.keys(cells).sort(bySeries).map((k) => [k, cells[k]!]));
    }
  }
  return { kernels, results };
}

/** The running kernel's series ("6.1" for 6.1.0-57-amd64), the table's key. */
export function kernelSeries(release = os.release()): string {
  const m = /^(\d+)\.(\d+)/.exec(release);
  return m ? `${m[1]}.${m[2]}` : release;
}

/** How a kernel is named in list and doctor: "6.1 (Debian, qemu)", "6.18 (host)". */
export function kernelLabel(series: string, t: VerifiedTable): string {
  const k = t.kernels[series];
  if (!k) return series;
  return k.where === "qemu" ? `${series} (${k.distro ?? "qemu"}, qemu)` : `${series} (${k.distro ? `${k.distro}, ` : ""}host)`;
}

let cached: VerifiedTable | undefined;

/** The kernels this lesson variant passed on, as labels, oldest first. */
export function verifiedOn(lesson: Lesson, variant: VariantName): string[] {
  cached ??= loadVerified();
  const cells = cached.results[lesson.id]?.[variant] ?? {};
  return Object.keys(cells)
    .filter((k) => cells[k]!.result === "passed")
    .sort(bySeries)
    .map((k) => kernelLabel(k, cached!));
}

/** One kernel's part of a table: its kernels entry and its cells. */
export function seriesPart(t: VerifiedTable, series: string): VerifiedTable {
  const part = emptyTable();
  if (t.kernels[series]) part.kernels[series] = t.kernels[series];
  for (const [lesson, variants] of Object.entries(t.results)) {
    for (const [variant, cells] of Object.entries(variants)) {
      const c = cells[series];
      if (c) ((part.results[lesson] ??= {})[variant] ??= {})[series] = c;
    }
  }
  return part;
}

/** `base` with every kernel of `part` replaced by part's cells (a kernel's old cells go, even for lessons part lacks). */
export function mergeTable(base: VerifiedTable, part: VerifiedTable, opts: { partial?: boolean } = {}): VerifiedTable {
  const out: VerifiedTable = JSON.parse(JSON.stringify(base));
  for (const series of Object.keys(part.kernels)) {
    out.kernels[series] = part.kernels[series]!;
    // A partial run (vitest -t) replaces only the cells it ran.
    if (!opts.partial) for (const variants of Object.values(out.results)) for (const cells of Object.values(variants)) delete cells[series];
  }
  for (const [lesson, variants] of Object.entries(part.results)) {
    for (const [variant, cells] of Object.entries(variants)) {
      for (const [series, c] of Object.entries(cells)) ((out.results[lesson] ??= {})[variant] ??= {})[series] = c;
    }
  }
  for (const [lesson, variants] of Object.entries(out.results)) {
    for (const [variant, cells] of Object.entries(variants)) if (Object.keys(cells).length === 0) delete variants[variant];
    if (Object.keys(variants).length === 0) delete out.results[lesson];
  }
  return out;
}

/** Where `run` (one kernel's results) and `table` disagree: results only, never dates or releases. */
export function disagreements(table: VerifiedTable, run: VerifiedTable, series: string): string[] {
  const out: string[] = [];
  const want = seriesPart(table, series).results;
  const got = run.results;
  const keys = new Set<string>();
  for (const [l, vs] of [...Object.entries(want), ...Object.entries(got)]) for (const v of Object.keys(vs)) keys.add(`${l}\u0000${v}`);
  for (const k of [...keys].sort()) {
    const [l, v] = k.split("\u0000") as [string, string];
    const a = want[l]?.[v]?.[series]?.result ?? "absent";
    const b = got[l]?.[v]?.[series]?.result ?? "absent";
    if (a !== b) out.push(`${l} ${v} on ${series}: the table says ${a}, this run: ${b}`);
  }
  return out;
}
