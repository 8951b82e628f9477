// The README's compatibility table, drawn from lessons/verified.json:
// merge-verified.ts rewrites it with the table, and a unit test fails when
// the README and the table differ.
import fs from "node:fs";
import path from "node:path";
import { packageRoot as projectRoot } from "../paths.ts";
import { loadLessons } from "./registry.ts";
import type { Lesson } from "./schema.ts";
import { kernelLabel, type VerifiedTable } from "./verified.ts";

export const readmeFile = path.join(projectRoot, "README.md");

export const README_START = "<!-- verified-table:start (written from lessons/verified.json) -->";
export const README_END = "<!-- verified-table:end -->";

const MARK = { passed: "pass", failed: "FAIL", "cannot-attach": "cannot attach" } as const;

function seriesOrder(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split(".").map(Number);
  const [b1 = 0, b2 = 0] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}

export function markdownTable(lessons: Lesson[], t: VerifiedTable): string {
  const kernels = Object.keys(t.kernels).sort(seriesOrder);
  const head = `| lesson | variant | probe | ${kernels.map((k) => kernelLabel(k, t)).join(" | ")} |`;
  const rule = `|---|---|---|${kernels.map(() => "---").join("|")}|`;
  const rows: string[] = [];
  for (const l of [...lessons].sort((a, b) => a.number - b.number)) {
    for (const v of l.variants) {
      const cells = kernels.map((k) => {
        const c = t.results[l.id]?.[v.name]?.[k];
        return c ? MARK[c.result] : "not run";
      });
      rows.push(`| ${l.number} ${l.id} | ${v.name} | ${v.probe.replaceAll("|", "\\|")} | ${cells.join(" | ")} |`);
    }
  }
  // Variants some kernels cannot run by design: say why, under the table.
  const gone = [...lessons].sort((a, b) => a.number - b.number).flatMap((l) => l.variants.filter((v) => v.gone).map((v) => `${l.number} ${l.id} ${v.name}: ${v.gone}`));
  const dates = kernels.map((k) => `${k}: ${t.kernels[k]!.release}, ${t.kernels[k]!.date}`).join("; ");
  const notes = gone.length ? ["", ...gone.map((g) => `Cannot attach: ${g}.`)] : [];
  return [head, rule, ...rows, ...notes, "", `Last runs: ${dates}.`].join("\n");
}

/** The README with its table block replaced; undefined when the markers are missing. */
export function withTable(readme: string, table: string): string | undefined {
  const a = readme.indexOf(README_START);
  const b = readme.indexOf(README_END);
  if (a < 0 || b < a) return undefined;
  return `${readme.slice(0, a + README_START.length)}\n${table}\n${readme.slice(b)}`;
}

/** Rewrites the README's compatibility table from `table`. */
export async function writeReadmeTable(table: VerifiedTable): Promise<void> {
  const { lessons } = await loadLessons();
  const next = withTable(fs.readFileSync(readmeFile, "utf8"), markdownTable(lessons, table));
  if (next === undefined) throw new Error(`${readmeFile} has no verified-table markers`);
  fs.writeFileSync(readmeFile, next);
}
