// The runner's bound on a program leaves its compiles out (src/lesson/deadline.ts):
// a program whose compiles alone take longer than the lesson's whole bound,
// as one lesson's did on a loaded machine, still gets to attach.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/lesson/runner.ts";
import { lessonSchema } from "../../src/lesson/schema.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-deadline-"));
const BOUND_MS = 5_000;
const COMPILES = 6;

describe("the runner's time bound", () => {
  it("does not run while the program compiles", async () => {
    const file = path.join(dir, "slow-compiles.mts");
    fs.writeFileSync(file, `
import { BPF } from "bcc-tutor";
// Compiles in a row, each including the block layer's headers, attaching
// nothing (the first attach makes the program ready): together well over the bound.
const headers = "#include <linux/sched.h>\\n#include <linux/blk-mq.h>\\n";
const t0 = performance.now();
for (let i = 0; i < ${COMPILES - 1}; i++) (await BPF.create({ text: headers + "int unused_" + i + "(void *ctx) { return 0; }" })).close();
console.log("COMPILED_MS " + Math.round(performance.now() - t0));
const b = await BPF.create({ text: headers + "TRACEPOINT_PROBE(syscalls, sys_enter_getpid) { return 0; }" });
setInterval(() => {}, 1000);
`);
    const lesson = lessonSchema.parse({ id: "deadline", number: 99, kind: "example", answer: "answers/99-deadline.ts", variants: [{ name: "portable", probe: "t", needs: [] }], c: { portable: "// the test program carries its own C" }, trigger: [], timeoutMs: BOUND_MS });
    const r = await runProgram({ lesson, file, variant: "portable" });
    const compiledMs = Number(/COMPILED_MS (\d+)/.exec(r.stdout)?.[1]);
    // The test means something only if the compiles alone outlast the bound.
    expect(compiledMs, r.stdout + r.stderr).toBeGreaterThan(BOUND_MS);
    expect(r.timedOut, r.stderr).toBe(false);
    expect(r.ready, r.stderr).toBe(true);
    expect(r.report.attaches.map((a) => a.target)).toContain("syscalls:sys_enter_getpid");
  }, 180_000);
});
