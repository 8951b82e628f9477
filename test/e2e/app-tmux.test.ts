// The real app in a real terminal (tmux), as a learner uses it: a burst of
// commands runs lesson 4 live; in exercise 2 `r` runs the learner's own
// file, a failing check speaks in words about the learner's own lines, the
// prose keeps the answer hidden until the exercise passes (in watch mode),
// then the walk-through and the diff appear; Japanese lesson 5 reflows at 80
// and 120 columns. Every step waits on what the screen shows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import stringWidth from "string-width";
import { afterEach, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/fixtures.ts";
import { Term } from "../helpers/tmux.ts";

/** Terminals of the running test, each ended with its pane's process group after it, whatever happened. */
const terms: Term[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-e2e-"));
const workspace = path.join(dir, "workspace");

/** The app's list is up and reads keys; f cycles its filter, each step seen on screen. */
async function ready(term: Term): Promise<void> {
  await term.waitFor((s) => s.includes("Enter") || s.includes("Enter 開く"), 60_000);
  await term.raw();
  term.keys("f");
  await term.waitFor(/filter: pending|絞り込み: 未完了/);
  term.keys("f");
  await term.waitFor(/filter: done|絞り込み: 完了/);
  term.keys("f");
  await term.waitFor(/filter: all|絞り込み: すべて/);
}

/**
 * Until the keys sent so far have been applied: keys are read in order, so
 * once a command typed after them shows in the prompt, they are done.
 */
async function settled(term: Term): Promise<void> {
  term.keys(":");
  term.type("pgmark");
  await term.waitFor(":pgmark");
  term.keys("Escape");
  await term.waitFor((s) => !s.includes(":pgmark"));
}

/** The screen's pages of the current tab, from the top (PgDn until the screen stops changing). */
async function pages(term: Term): Promise<string[]> {
  await settled(term);
  const out = [term.screen()];
  for (let i = 0; i < 40; i++) {
    term.keys("NPage");
    await settled(term);
    const s = term.screen();
    if (s === out[out.length - 1]) return out; // the end: PgDn moved nothing
    out.push(s);
  }
  throw new Error(`more than 40 pages:\n${out.at(-1)}`);
}

function start(name: string, columns: number, lang: "en" | "ja"): Term {
  const session = `bcc-tutor-e2e-${name}-${process.pid}`;
  // CI=true as on CI machines: Ink would draw nothing until exit if it saw it.
  const env = `CI=true BCC_TUTOR_STATE_DIR=${dir}/state-${name} BCC_TUTOR_WORKSPACE=${workspace} LANG=C.UTF-8`;
  const term = Term.start(session, columns, `cd ${projectRoot} && env ${env} node bin/bcc-tutor.js --lang ${lang}; sleep 60`);
  terms.push(term);
  return term;
}

afterEach(() => {
  for (const t of terms.splice(0)) t.kill();
});

const answer2 = fs.readFileSync(path.join(projectRoot, "answers", "02-sys_sync.ts"), "utf8");
/** A learner's own correct solution (the answer imports its C from the lesson module, which a workspace file cannot). */
const solved = wrongWith("sys_sync() called").replace(/console\.log\("learner-marker-.*\n/, "");
const starter2 = fs.readFileSync(path.join(projectRoot, "lessons", "starters", "02-sys_sync.ts"), "utf8");
const lesson2 = (await import("../../lessons/02-sys_sync.ts")).default;
/** The answer's own code lines (its TypeScript and the lesson's C): not comments, not shared with the starter. */
const answerCode = [answer2, lesson2.c.original ?? "", lesson2.c.portable ?? ""]
  .join("\n")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l.length >= 8 && !l.startsWith("//") && !starter2.includes(l));

/** A learner's wrong attempt: its own marker, its own message instead of the lesson's. */
const wrong = wrongWith("sync seen by my own probe");
function wrongWith(msg: string): string {
  return `import { BPF, lessonVariant } from "bcc-tutor";
const msg = "${msg}";
const text =
  lessonVariant() === "original"
    ? \`int kprobe__sys_sync(void *ctx) { bpf_trace_printk("\${msg}\\\\n"); return 0; }\`
    : \`TRACEPOINT_PROBE(syscalls, sys_enter_sync) { bpf_trace_printk("\${msg}\\\\n"); return 0; }\`;
const b = await BPF.create({ text });
console.log("Tracing sys_sync()... Ctrl-C to end.");
console.log("learner-marker-${process.pid}");
process.on("SIGINT", () => { b.close(); process.exit(0); });
await b.tracePrint();
`;
}

/** A learner's file whose C does not compile, and the line of the error in it. */
const broken = `import { BPF } from "bcc-tutor";
const text = \`
TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
  u64 v = not_declared_anywhere;
  return 0;
}\`;
const b = await BPF.create({ text });
await b.tracePrint();
`;
const brokenLine = broken.split("\n").findIndex((l) => l.includes("not_declared_anywhere")) + 1;

describe("bcc-tutor in a terminal", () => {
  it("runs a burst of commands in order, runs the learner's own file, checks it in words, and shows the answer only after a pass", async () => {
    const term = start("flow", 120, "ja");
    await ready(term);

    // One write: three commands, applied one by one.
    term.type(":lang en\r:lesson 4\r:run\r");
    await term.waitFor("4. sync_timing");
    await term.waitFor("attached; press t", 60_000);
    term.keys("t");
    await term.waitFor("multiple syncs detected", 30_000);
    term.keys("s");
    await term.waitFor("finished:", 60_000);

    term.keys(":");
    term.type("lesson 2");
    term.keys("Enter");
    await term.waitFor("2. sys_sync");
    const file = path.join(workspace, "02-sys_sync.ts");
    expect(fs.readFileSync(file, "utf8")).toContain("TODO");

    // Before a pass: no code of the answer in the prose, and its walk-through is held back.
    const before = (await pages(term)).join("\n");
    for (const line of answerCode) expect(before, line).not.toContain(line);
    expect(before).not.toContain("How the reference answer works");
    expect(before).toContain("appears here once the exercise passes");

    // r runs the learner's file: its own marker shows.
    fs.writeFileSync(file, wrong);
    term.keys("r");
    await term.waitFor("running your file:", 60_000);
    await term.waitFor(`learner-marker-${process.pid}`, 60_000);
    term.keys("t");
    await term.waitFor("sync seen by my own probe", 30_000);
    term.keys("s");
    await term.waitFor("finished:", 60_000);

    // A compile error points at the learner's own line.
    fs.writeFileSync(file, broken);
    term.keys("r");
    await term.waitFor((x) => !x.includes("learner-marker-")); // the new run cleared the pane
    const err = await term.waitFor(/finished:/, 60_000);
    expect(err).toContain(`02-sys_sync.ts:${brokenLine}:`);
    expect(err).toContain("not_declared_anywhere");
    fs.writeFileSync(file, wrong);

    // A failing check: the learner's own lines, reasons in words, no pattern, no id.
    term.keys("c");
    const failed = await term.waitFor("Not yet", 120_000);
    expect(failed).toMatch(/✗ +learner-marker-/);
    expect(failed).toContain("What your program printed");
    expect(failed).toMatch(/✗ it prints one line per sync, like/);
    expect(failed).toContain("A line the lesson expects looks like:");
    expect(failed).not.toContain("sys_sync\\(\\)");
    expect(failed).not.toMatch(/\b(lines|source|header|predicate):\S/); // the old ids, e.g. lines:sys_sync\(\)

    // Pass in watch mode: save the way an editor does (write a new file, rename it over).
    term.keys("w");
    await term.waitFor("watching");
    fs.writeFileSync(`${file}.tmp`, `// my version\n${solved}`);
    fs.renameSync(`${file}.tmp`, file);
    const passed = await term.waitFor("Passed!", 120_000);
    expect(passed).toContain("✓");
    term.keys("w");

    // After the pass: the walk-through in the prose, the answer beside the learner's file as a diff.
    term.keys("Tab"); // check -> prose
    await term.waitFor(/^sys_sync: your first probe/m);
    const after = (await pages(term)).join("\n");
    expect(after).toContain("How the reference answer works");
    term.keys("Tab"); // prose -> program
    const diff = await term.waitFor("the reference answer beside your file");
    expect(diff).toMatch(/- \/\/ my version/);
    term.keys("q");
  }, 420_000);

  for (const columns of [80, 120]) {
    it(`lays Japanese lesson 5 out at ${columns} columns: no space and no line break between two CJK characters except at the edge`, async () => {
      const term = start(`ja${columns}`, columns, "ja");
      await ready(term);
      term.keys(":");
      term.type("lesson 5");
      term.keys("Enter");
      await term.waitFor("5. sync_count");
      const cjk = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60\u3000-\u303f]/u;
      let checked = 0;
      for (const page of await pages(term)) {
        // The prose lies between the tab line and the status and help lines.
        const body = page.split("\n").slice(2, -3);
        for (const [i, line] of body.entries()) {
          expect(line, line).not.toMatch(/[\u3040-\u30ff\u3400-\u9fff] +[\u3040-\u30ff\u3400-\u9fff]/u);
          const next = body[i + 1]?.trimStart();
          const last = [...line.trimEnd()].at(-1);
          if (!next || !last || !cjk.test(last) || !cjk.test([...next][0]!)) continue;
          // Both sides CJK: the line was full (kinsoku may carry a character or two down).
          expect(stringWidth(line.trimEnd()), `${line}\n${next}`).toBeGreaterThanOrEqual(columns - 8);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(3);
      term.keys("q");
    }, 120_000);
  }
});
