// Classroom pieces: JUnit output, workshop files, progress transfer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { toJUnit } from "../../src/classroom/junit.ts";
import { readWorkshop, selectLessons, isOptional } from "../../src/classroom/workshop.ts";
import { exportProgress, importProgress } from "../../src/classroom/transfer.ts";
import { ProgressStore } from "../../src/state/progress.ts";
import { loadLessons } from "../../src/lesson/registry.ts";
import type { Lesson } from "../../src/lesson/schema.ts";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-class-"));
let lessons: Lesson[];
beforeAll(async () => {
  lessons = (await loadLessons()).lessons;
});

describe("JUnit XML", () => {
  it("has one testcase per lesson, failures with their reasons, errors apart, text escaped", () => {
    const xml = toJUnit([
      { lesson: "sys_sync", file: "a", variant: "portable", status: "passed", durationMs: 1500 },
      { lesson: "sync_count", file: "b", variant: "portable", status: "failed", durationMs: 2000, expectations: [{ id: "x", passed: false, text: "x", reason: 'expected <2> lines & "more"\x1b[31m' }] },
      { lesson: "disklatency", file: "c", variant: "portable", status: "error", durationMs: 0, error: "no libbcc" },
    ]);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('<testsuite name="bcc-tutor" tests="3" failures="1" errors="1"');
    expect(xml).toContain('<testcase classname="bcc-tutor" name="sys_sync" time="1.500"></testcase>');
    expect(xml).toContain("expected &lt;2&gt; lines &amp; &quot;more&quot;[31m");
    expect(xml).not.toContain("\x1b");
    expect(xml).toContain('<error message="no libbcc"/>');
  });
});

describe("workshop files", () => {
  it("reads JSON and YAML, in the workshop's order, with optional lessons", () => {
    const dir = tmp();
    const y = path.join(dir, "w.yaml");
    fs.writeFileSync(y, "title: Tracing 101\nlang: ja\nlessons: [4, sys_sync, 1]\noptional: [1]\n");
    const w = readWorkshop(y);
    expect(w).toMatchObject({ title: "Tracing 101", lang: "ja" });
    const sel = selectLessons(w, lessons);
    expect(sel.map((l) => l.number)).toEqual([4, 2, 1]);
    expect(sel.filter((l) => isOptional(w, l)).map((l) => l.id)).toEqual(["hello_world"]);
    const j = path.join(dir, "w.json");
    fs.writeFileSync(j, JSON.stringify({ title: "J", lessons: ["sync_timing"] }));
    expect(selectLessons(readWorkshop(j), lessons).map((l) => l.id)).toEqual(["sync_timing"]);
  });

  it("explains a bad file: syntax, schema, unknown lessons, missing file", () => {
    const dir = tmp();
    const bad = path.join(dir, "bad.yaml");
    fs.writeFileSync(bad, "title: [unclosed\n");
    expect(() => readWorkshop(bad)).toThrow(/not valid YAML/);
    const schema = path.join(dir, "s.json");
    fs.writeFileSync(schema, JSON.stringify({ lessons: [] }));
    expect(() => readWorkshop(schema)).toThrow(/title: .*; lessons: /);
    const unknown = path.join(dir, "u.json");
    fs.writeFileSync(unknown, JSON.stringify({ title: "x", lessons: [4, "nope", 77] }));
    expect(() => selectLessons(readWorkshop(unknown), lessons)).toThrow(/do not exist: nope, 77/);
    expect(() => readWorkshop(path.join(dir, "missing.json"))).toThrow(/cannot read the workshop file .*ENOENT/);
  });
});

describe("progress export and import", () => {
  it("moves progress and exercise files, merging and keeping backups", () => {
    const a = tmp();
    const from = new ProgressStore(path.join(a, "state"));
    from.load();
    from.update((p) => { p.done.push("sys_sync", "hello_world"); p.hintsUsed.sync_count = 2; });
    const wsA = path.join(a, "ws");
    fs.mkdirSync(wsA);
    fs.writeFileSync(path.join(wsA, "05-sync_count.ts"), "// half done\n");
    const file = path.join(a, "export.json");
    expect(exportProgress(from, wsA, file)).toEqual({ files: 1 });

    const b = tmp();
    const to = new ProgressStore(path.join(b, "state"));
    to.load();
    to.update((p) => { p.done.push("sync_timing"); p.hintsUsed.sync_count = 3; });
    const wsB = path.join(b, "ws");
    fs.mkdirSync(wsB);
    fs.writeFileSync(path.join(wsB, "05-sync_count.ts"), "// other machine's version\n");
    const r = importProgress(to, wsB, file);
    expect(r.files).toEqual(["05-sync_count.ts"]);
    expect(fs.readFileSync(path.join(wsB, "05-sync_count.ts"), "utf8")).toBe("// half done\n");
    expect(fs.readFileSync(r.backups[0]!, "utf8")).toBe("// other machine's version\n");
    expect(new ProgressStore(path.join(b, "state")).load().progress).toMatchObject({ done: ["sync_timing", "sys_sync", "hello_world"], hintsUsed: { sync_count: 3 } });
  });

  it("imports an older export (version 1, progress without newer fields)", () => {
    const dir = tmp();
    const file = path.join(dir, "old.json");
    fs.writeFileSync(file, JSON.stringify({ format: "bcc-tutor-progress", version: 1, progress: { version: 1, done: ["sys_sync"], current: "sys_sync", hintsUsed: {}, lang: "en", workspace: null } }));
    const s = new ProgressStore(path.join(dir, "state"));
    s.load();
    expect(importProgress(s, path.join(dir, "ws"), file).fromVersion).toBe(1);
    expect(s.progress.done).toEqual(["sys_sync"]);
  });

  it("refuses a file that is not an export, saying what to do", () => {
    const dir = tmp();
    const file = path.join(dir, "x.json");
    fs.writeFileSync(file, JSON.stringify({ hello: 1 }));
    const s = new ProgressStore(path.join(dir, "state"));
    s.load();
    expect(() => importProgress(s, dir, file)).toThrow(/not a bcc-tutor progress export .*export it again/);
    fs.writeFileSync(file, "{ truncated");
    expect(() => importProgress(s, dir, file)).toThrow(/not a bcc-tutor progress export/);
  });
});
