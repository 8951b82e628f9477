// The binding's errors are English, as a library's are; the check adds a
// line in the learner's language saying what the typed ones mean.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLang } from "../../src/i18n/index.ts";
import { evaluate } from "../../src/lesson/check.ts";
import { findLesson, loadLessons } from "../../src/lesson/registry.ts";
import type { RunResult } from "../../src/lesson/runner.ts";
import { emptyReport } from "../../src/lesson/child-report.ts";
import type { Lesson } from "../../src/lesson/schema.ts";

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-advice-")), "02-sys_sync.ts");
let lesson: Lesson;

beforeAll(async () => {
  lesson = findLesson((await loadLessons()).lessons, "sys_sync")!;
  fs.writeFileSync(file, 'import { BPF } from "bcc-tutor";\n');
});
afterAll(() => setLang("en"));

const failed = (name: string, message: string): RunResult => ({
  stdout: "", stderr: "", truncated: false, exitCode: 1, exitSignal: null, ready: false, probes: 0,
  error: { name, message }, timedOut: false, killed: false, durationMs: 10, report: emptyReport(),
});

const runsReason = (run: RunResult) => evaluate(lesson, file, run).expectations.find((e) => e.id === "runs")?.reason ?? "";

describe("check: what a binding error means, in the learner's language", () => {
  it.each([
    ["BpfVerifierError", "the kernel verifier rejected f() (errno 13):\nR1 invalid mem access 'map_value_or_null'", "the last lines of its log", "ログの最後の数行"],
    ["BpfAttachError", "cannot attach tracepoint syscalls:sys_enter_nothing: no such tracepoint on this kernel", "check its name", "名前"],
    ["KprobesUnavailableError", "cannot attach kprobe __x64_sys_sync: kprobes are not available on this kernel", "attach to a tracepoint instead", "トレースポイントに取り付けて"],
  ])("%s", (name, message, en, ja) => {
    setLang("en");
    const inEnglish = runsReason(failed(name, message));
    expect(inEnglish).toContain(message);
    expect(inEnglish).toContain(en);
    setLang("ja");
    const inJapanese = runsReason(failed(name, message));
    expect(inJapanese).toContain(message);
    expect(inJapanese).toContain(ja);
    expect(inJapanese).not.toContain(en);
  });

  it("adds nothing to an error of the learner's own code", () => {
    setLang("en");
    expect(runsReason(failed("TypeError", "x is not a function"))).toBe("the program stopped with TypeError: x is not a function");
  });
});
