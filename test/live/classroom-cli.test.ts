// `bcc-tutor check --all --json --junit`: what an autograder runs over a
// learner's workspace.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/fixtures.ts";

describe("check --all", () => {
  it("grades every exercise of a workspace, as JSON and JUnit, exit 1 unless all pass", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-grade-"));
    const ws = path.join(dir, "ws");
    fs.mkdirSync(ws);
    // One solved exercise, one untouched starter; the others never started.
    // A learner's own solution (the answer imports its lesson module, which a workspace has not).
    fs.copyFileSync(path.join(projectRoot, "test", "checks", "corpus", "02-sys_sync", "valid-prefix-tracefields.ts"), path.join(ws, "02-sys_sync.ts"));
    fs.copyFileSync(path.join(projectRoot, "lessons", "starters", "02-sys_sync.ts"), path.join(ws, "05-sync_count.ts"));
    const junit = path.join(dir, "report.xml");
    const r = spawnSync(path.join(projectRoot, "bin", "bcc-tutor.js"), ["check", "--all", "--json", "--junit", junit], {
      encoding: "utf8",
      env: { ...process.env, BCC_TUTOR_WORKSPACE: ws, BCC_TUTOR_STATE_DIR: path.join(dir, "state") },
      timeout: 300_000,
    });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as Array<{ lesson: string; passed: boolean; reasons: string[]; hintsUsed: number; seconds: number }>;
    const byId = Object.fromEntries(report.map((x) => [x.lesson, x]));
    expect(byId.sys_sync).toMatchObject({ passed: true, reasons: [], hintsUsed: 0 });
    expect(byId.sync_count?.passed).toBe(false);
    expect(byId.sync_count?.reasons.length).toBeGreaterThan(0);
    const notStarted = report.filter((x) => x.lesson !== "sys_sync" && x.lesson !== "sync_count");
    expect(notStarted.length).toBeGreaterThan(0);
    for (const x of notStarted) expect(x.reasons.join(" ")).toMatch(/does not exist/);
    const xml = fs.readFileSync(junit, "utf8");
    expect(xml).toContain(`tests="${report.length}"`);
    expect(xml).toContain('name="sys_sync"');
    expect((xml.match(/<failure /g) ?? []).length).toBe(report.length - 1);
  }, 300_000);

  it("--answer: every lesson's reference answer passes its own check on this kernel, exit 0", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-answers-"));
    const r = spawnSync(path.join(projectRoot, "bin", "bcc-tutor.js"), ["check", "--all", "--answer", "--json"], {
      encoding: "utf8",
      env: { ...process.env, BCC_TUTOR_STATE_DIR: path.join(dir, "state") },
      timeout: 600_000,
    });
    const report = JSON.parse(r.stdout) as Array<{ lesson: string; passed: boolean; reasons: string[] }>;
    // Every lesson that runs (the reading lesson has nothing to check).
    expect(report.length).toBeGreaterThanOrEqual(17);
    expect(report.filter((x) => !x.passed).map((x) => `${x.lesson}: ${x.reasons.join("; ")}`)).toEqual([]);
    expect(r.status).toBe(0);
  }, 600_000);
});
