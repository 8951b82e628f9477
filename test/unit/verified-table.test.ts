// lessons/verified.json (written by the test runs) and what reads it: the
// table's merge and comparison logic, list/doctor's labels, and the
// README's compatibility table, which must be the file's, drawn anew.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { disagreements, emptyTable, kernelSeries, loadVerified, mergeTable, seriesPart, verifiedFile, verifiedOn, type VerifiedTable } from "../../src/lesson/verified.ts";
import { markdownTable, readmeFile, withTable } from "../../src/lesson/verified-markdown.ts";
import { loadLessons } from "../../src/lesson/registry.ts";

function cellTable(series: string, cells: Array<[string, string, "passed" | "failed" | "cannot-attach"]>): VerifiedTable {
  const t = emptyTable();
  t.kernels[series] = { where: "qemu", release: `${series}.0-1-amd64`, date: "2026-12-01" };
  for (const [l, v, result] of cells) ((t.results[l] ??= {})[v] ??= {})[series] = { result, release: `${series}.0-1-amd64`, date: "2026-12-01" };
  return t;
}

describe("the verified table", () => {
  it("names a kernel by its series", () => {
    expect(kernelSeries("6.1.0-57-amd64")).toBe("6.1");
    expect(kernelSeries("6.12.118+deb13-amd64")).toBe("6.12");
    expect(kernelSeries("5.10.0-46-amd64")).toBe("5.10");
  });

  it("merging a kernel's run replaces that kernel's cells only, dropping ones the run no longer has", () => {
    const base = mergeTable(cellTable("5.10", [["a", "original", "passed"], ["b", "original", "passed"]]), cellTable("6.1", [["a", "original", "failed"]]));
    const merged = mergeTable(base, cellTable("6.1", [["a", "original", "passed"], ["b", "portable", "cannot-attach"]]));
    expect(merged.results.a!.original!["6.1"]!.result).toBe("passed");
    expect(merged.results.a!.original!["5.10"]!.result).toBe("passed");
    expect(merged.results.b!.portable!["6.1"]!.result).toBe("cannot-attach");
    expect(merged.results.b!.original!["6.1"]).toBeUndefined();
    expect(seriesPart(merged, "5.10").results).toEqual(cellTable("5.10", [["a", "original", "passed"], ["b", "original", "passed"]]).results);
  });

  it("a partial run (vitest -t) replaces only the cells it ran", () => {
    const base = cellTable("5.10", [["a", "original", "failed"], ["b", "original", "passed"]]);
    const merged = mergeTable(base, cellTable("5.10", [["a", "original", "passed"]]), { partial: true });
    expect(merged.results.a!.original!["5.10"]!.result).toBe("passed");
    expect(merged.results.b!.original!["5.10"]!.result).toBe("passed");
  });

  it("compares results, not dates or releases, and names every difference", () => {
    const table = cellTable("6.1", [["a", "original", "passed"], ["b", "original", "passed"]]);
    const run = cellTable("6.1", [["a", "original", "passed"], ["c", "original", "failed"]]);
    run.results.a!.original!["6.1"]!.date = "2030-01-01";
    run.results.a!.original!["6.1"]!.release = "6.1.0-99-amd64";
    expect(disagreements(table, run, "6.1")).toEqual([
      "b original on 6.1: the table says passed, this run: absent",
      "c original on 6.1: the table says absent, this run: failed",
    ]);
  });

  it("a damaged table reads as empty (list and doctor still work), a sound one as it is", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-verified-"));
    try {
      const sound = cellTable("6.1", [["sys_sync", "portable", "passed"]]);
      const file = path.join(dir, "verified.json");
      fs.writeFileSync(file, JSON.stringify(sound));
      expect(loadVerified(file)).toEqual(sound);
      for (const damage of [
        (t: any) => (t.results.sys_sync.portable["6.1"].result = "maybe"),
        (t: any) => (t.kernels["6.1"].where = "cloud"),
        (t: any) => delete t.kernels["6.1"].release,
        (t: any) => (t.results.sys_sync = ["passed"]),
        (t: any) => delete t.results,
      ]) {
        const t = structuredClone(sound);
        damage(t);
        fs.writeFileSync(file, JSON.stringify(t));
        expect(loadVerified(file), JSON.stringify(t)).toEqual(emptyTable());
      }
      fs.writeFileSync(file, "{ not json");
      expect(loadVerified(file)).toEqual(emptyTable());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the committed file parses, and list/doctor read the kernels each variant passed on from it", async () => {
    const raw = JSON.parse(fs.readFileSync(verifiedFile, "utf8"));
    const t = loadVerified();
    expect(Object.keys(t.kernels)).toEqual(Object.keys(raw.kernels));
    expect(Object.keys(t.kernels).length).toBeGreaterThan(0);
    const { lessons } = await loadLessons();
    for (const l of lessons) {
      for (const v of l.variants) {
        const passedOn = Object.entries(t.results[l.id]?.[v.name] ?? {}).filter(([, c]) => c.result === "passed").map(([k]) => k);
        expect(verifiedOn(l, v.name).map((label) => label.split(" ")[0])).toEqual(passedOn.sort((a, b) => Number(a.split(".")[0]) - Number(b.split(".")[0]) || Number(a.split(".")[1]) - Number(b.split(".")[1])));
      }
    }
  });

  it("the README's compatibility table is the file's (merge-verified.ts --readme-only redraws it)", async () => {
    const { lessons } = await loadLessons();
    const readme = fs.readFileSync(readmeFile, "utf8");
    const want = withTable(readme, markdownTable(lessons, loadVerified()));
    expect(want, "README.md has the verified-table markers").toBeDefined();
    expect(readme).toBe(want);
  });
});
