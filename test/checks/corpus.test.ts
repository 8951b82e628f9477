// Every learner solution of the corpus (test/checks/corpus/<NN-id>/), live,
// through the real CLI: `bcc-tutor check <n> --file F --json`. A valid one
// must pass; a wrong one must fail, on the expectation its header names,
// with a reason that is a sentence carrying the numbers the checker saw.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/fixtures.ts";

const corpus = path.join(projectRoot, "test", "checks", "corpus");
const cli = path.join(projectRoot, "bin", "bcc-tutor.js");
// CORPUS=05 runs one lesson's folder (keeps a locked run short).
const only = process.env.CORPUS;

interface Header {
  pass: boolean;
  id?: string;
  why: string;
}

export function readHeader(file: string): Header {
  const text = fs.readFileSync(file, "utf8");
  const m = /^\/\/ expect: (pass|fail ([a-z-]+))\s*$/m.exec(text);
  const why = /^\/\/ why: (.+)$/m.exec(text)?.[1];
  if (!m || !why) throw new Error(`${file}: needs "// expect: pass|fail <id>" and "// why: ..." first`);
  return { pass: m[1] === "pass", id: m[2], why };
}

interface Report {
  passed: boolean;
  status: string;
  expectations: Array<{ id: string; passed: boolean; text: string; reason?: string }>;
  seed?: number;
}

function check(lesson: string, file: string): Promise<{ code: number; report: Report; raw: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, "check", lesson, "--file", file, "--json", "--lang", "en"], { cwd: projectRoot, timeout: 90_000, maxBuffer: 8 << 20 }, (err, stdout) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      try {
        resolve({ code, report: JSON.parse(stdout) as Report, raw: stdout });
      } catch {
        reject(new Error(`no JSON from the CLI (exit ${code}): ${stdout.slice(0, 2000)} ${String(err?.message ?? "")}`));
      }
    });
  });
}

const dirs = fs.readdirSync(corpus).filter((d) => /^\d\d-/.test(d) && (!only || d.startsWith(only))).sort();

describe("corpus layout", () => {
  it("has at least 5 valid and 6 wrong solutions per exercise folder", () => {
    expect(dirs.length).toBeGreaterThan(0);
    for (const d of dirs) {
      const files = fs.readdirSync(path.join(corpus, d));
      expect(files.filter((f) => f.startsWith("valid-")).length, d).toBeGreaterThanOrEqual(5);
      expect(files.filter((f) => f.startsWith("wrong-")).length, d).toBeGreaterThanOrEqual(6);
      for (const f of files) readHeader(path.join(corpus, d, f));
    }
  });
});

for (const d of dirs) {
  const lesson = String(Number(d.slice(0, 2)));
  describe(`corpus ${d}`, () => {
    for (const f of fs.readdirSync(path.join(corpus, d)).filter((x) => x.endsWith(".ts")).sort()) {
      const file = path.join(corpus, d, f);
      const h = readHeader(file);
      it(`${f}: ${h.pass ? "passes" : `fails on ${h.id}`} (${h.why})`, async () => {
        const { code, report, raw } = await check(lesson, file);
        const failed = report.expectations.filter((e) => !e.passed);
        const ctx = `seed ${report.seed}: ${JSON.stringify(failed)}\n${raw.slice(0, 3000)}`;
        for (const e of report.expectations) expect(e.text, "every expectation is a sentence").toMatch(/\w+ \w+/);
        if (h.pass) {
          expect(failed, ctx).toEqual([]);
          expect(report.passed).toBe(true);
          expect(code).toBe(0);
        } else {
          expect(report.passed, ctx).toBe(false);
          expect(code).toBe(1);
          const mine = failed.filter((e) => e.id === h.id);
          expect(mine.length, ctx).toBeGreaterThan(0);
          // A reason a learner can act on: words, and the numbers behind the verdict (the banner,
          // helper and attach checks name a text, a helper or the probes instead).
          for (const e of mine) {
            expect(e.reason, ctx).toMatch(/\w+ \w+ \w+/);
            if (!["banner", "helpers", "attach"].includes(e.id)) expect(e.reason, ctx).toMatch(/\d/);
          }
        }
      }, 120_000);
    }
  });
}
