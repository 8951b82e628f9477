// What a learner (or a machine) can throw at bcc-tutor. For every case: its
// own message (each pattern must match), its exit code, bcc-tutor keeps
// running (the checker returns a result; nothing throws), the learner's file
// and progress are untouched, and nothing it started is left behind: no
// process of its tree, no BPF program they hold, no uprobe_events line, no
// cgroup (test/helpers/leftovers.ts).
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkLesson } from "../../src/lesson/check-lesson.ts";
import { loadLessons, findLesson } from "../../src/lesson/registry.ts";
import type { Lesson } from "../../src/lesson/schema.ts";
import { ProgressStore } from "../../src/state/progress.ts";
import { ensureWorkspaceFile } from "../../src/lesson/workspace.ts";
import { buildFixture, projectRoot } from "../helpers/fixtures.ts";
import { fileBytes, killTagged, leftoversAfter, newTag, nothingLeft, snapshot, TAG_VAR } from "../helpers/leftovers.ts";
import { exitCodeFor } from "../../src/cli/commands/check.ts";
import { kprobesAvailable } from "../../src/bcc/capabilities.ts";
import { timeScale } from "../../src/lesson/time-scale.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-bad-"));
let lesson: Lesson;
// A progress file of our own, compared byte for byte after every case.
const stateHome = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-bad-state-"));
const progressFile = path.join(stateHome, "bcc-tutor", "progress.json");
{
  const seed = new ProgressStore(path.dirname(progressFile));
  seed.load();
  seed.update((p) => {
    p.done.push("hello_world");
    p.hintsUsed.sys_sync = 1;
  });
}
const progressBytes = fs.readFileSync(progressFile);
process.env.XDG_STATE_HOME = stateHome;
const fixtures = path.join(projectRoot, "test", "fixtures", "stubborn");

/** Runs body with every process it starts tagged; then nothing may be left (soon after), and progress is intact. */
async function leavesNothing(body: () => Promise<void> | void): Promise<void> {
  const tag = newTag();
  const before = snapshot();
  process.env[TAG_VAR] = tag;
  try {
    await body();
  } finally {
    delete process.env[TAG_VAR];
  }
  const left = await leftoversAfter(tag, before);
  killTagged(tag);
  expect(left).toEqual(nothingLeft);
  expect(fileBytes(progressFile)?.equals(progressBytes)).toBe(true);
}

beforeAll(async () => {
  const l = findLesson((await loadLessons()).lessons, "sys_sync")!;
  lesson = { ...l, timeoutMs: 10_000 }; // cases that never attach should not take 30 s each
});

const TP = (body: string) => `TRACEPOINT_PROBE(syscalls, sys_enter_sync) { ${body} return 0; }`;
const prog = (c: string, after = "") => `import { BPF } from "bcc-tutor";\nconst b = await BPF.create({ text: \`${c}\` });\n${after}\n`;
const attachThen = (after: string) => prog(TP(""), after);

interface Case {
  name: string;
  source: string | Buffer;
  /** Each must match the failed expectations' reasons. */
  reasons: RegExp[];
  /** Ended within this bound (default: the lesson's timeout). */
  withinMs?: number;
}

const learnerCases: Case[] = [
  { name: "C syntax error", source: prog(TP("int x = 1")), reasons: [/does not compile: .*C-syntax-error\.ts:2:\d+: expected ';'/] },
  { name: "undeclared identifier in C", source: prog(TP("return nope;")), reasons: [/does not compile: .*use of undeclared identifier 'nope'/] },
  { name: "unknown C type", source: prog(TP("struct nothing_t x; x.a = 1;")), reasons: [/does not compile: .*variable has incomplete type 'struct nothing_t'/] },
  { name: "missing closing brace", source: prog("TRACEPOINT_PROBE(syscalls, sys_enter_sync) { return 0;"), reasons: [/does not compile: .*expected '}'/] },
  { name: "verifier: unbounded loop", source: prog(TP("volatile int i = 0; for (;;) { i++; }")), reasons: [/BpfVerifierError: the kernel verifier rejected[\s\S]*the last lines of its log, above, say why/] },
  { name: "verifier: missing NULL check", source: prog(`BPF_HASH(m, u32, u64);\n${TP("u32 k = 0; u64 *v = m.lookup(&k); *v += 1;")}`), reasons: [/verifier rejected/, /invalid mem access 'map_value_or_null'/] },
  { name: "stack too big", source: prog(TP("char buf[600]; bpf_get_current_comm(&buf, sizeof(buf)); bpf_trace_printk(\"%s\\\\n\", buf);")), reasons: [/exited \(SIGABRT\) before it attached a probe/, /BPF stack limit of 512 bytes is exceeded/] },
  { name: "GPL-only helper without a GPL license", source: prog(`#define BPF_LICENSE Proprietary\n${TP('bpf_trace_printk("x\\\\n");')}`), reasons: [/GPL/] },
  { name: "a tracepoint that does not exist", source: prog("int f(void *ctx) { return 0; }", 'b.attachTracepoint({ tp: "syscalls:sys_enter_nothing", fnName: "f" });'), reasons: [/no such tracepoint on this kernel/] },
  { name: "a malformed tracepoint name", source: prog("int f(void *ctx) { return 0; }", 'b.attachTracepoint({ tp: "sync", fnName: "f" });'), reasons: [/write it as "category:event"/] },
  { name: "a symbol that does not exist", source: prog("int f(void *ctx) { return 0; }", 'b.attachUprobe({ name: "c", sym: "no_such_symbol_zz", fnName: "f" });'), reasons: [/symbol no_such_symbol_zz not found in c/] },
  { name: "a library that does not exist", source: prog("int f(void *ctx) { return 0; }", 'b.attachUprobe({ name: "nolib_zz", sym: "f", fnName: "f" });'), reasons: [/library or binary nolib_zz not found/] },
  { name: "a kprobe on a kernel without kprobes", source: prog("int f(void *ctx) { return 0; }", 'b.attachKprobe({ event: BPF.getSyscallFnname("sync"), fnName: "f" });'), reasons: [kprobesAvailable() ? /expected a line containing `Tracing sys_sync/ : /kprobes are not available on this kernel/] },
  { name: "a function that is not in the program", source: prog("int f(void *ctx) { return 0; }", 'b.attachTracepoint({ tp: "syscalls:sys_enter_sync", fnName: "nope" });'), reasons: [/no function nope\(\)/] },
  { name: "a table that does not exist", source: attachThen('b.table("nope");'), reasons: [/no table named "nope"/] },
  { name: "a perf buffer page count that is not a power of two", source: prog(`BPF_PERF_OUTPUT(ev);\n${TP("")}`, 'b.table("ev").openPerfBuffer(() => {}, { pageCnt: 3 });'), reasons: [/pageCnt must be a power of two/] },
  { name: "a C source file that does not exist", source: 'import { BPF } from "bcc-tutor";\nawait BPF.create({ srcFile: "no-such-file.c" });\n', reasons: [/cannot read the BPF source file no-such-file\.c/] },
  { name: "a bad PID for USDT", source: 'import { USDT } from "bcc-tutor";\nnew USDT({ pid: -4 });\n', reasons: [/a PID is a positive whole number/] },
  { name: "a dead PID for USDT", source: 'import { USDT } from "bcc-tutor";\nnew USDT({ pid: 4194000 });\n', reasons: [/no such process/] },
  { name: "an unknown network interface", source: 'import { BPF } from "bcc-tutor";\nconst b = await BPF.create({ text: "int f(struct __sk_buff *s) { return -1; }" });\nBPF.attachRawSocket(b.loadFunc("f", BPF.SOCKET_FILTER), "nosuch0");\n', reasons: [/no such network interface/] },
  { name: "a TypeScript syntax error", source: "import { BPF } from \"bcc-tutor\";\nconst b = await BPF.create({ text: `x` ;\n", reasons: [/exited \(1\) before it attached/, /Expected/] },
  { name: "learner code that throws at start", source: 'throw new Error("boom at start");\n', reasons: [/exited \(1\) before it attached[\s\S]*boom at start/] },
  { name: "learner code that throws after attaching", source: attachThen('setTimeout(() => { throw new Error("learner bug"); }, 200);'), reasons: [/stopped with Error: learner bug/] },
  { name: "an unhandled rejection after attaching", source: attachThen('setTimeout(() => Promise.reject(new Error("async boom")), 200);\nsetInterval(() => {}, 1000);'), reasons: [/async boom/] },
  { name: "a program that never attaches", source: "setInterval(() => {}, 1000);\n", reasons: [/never attached a probe within 10 s/] },
  { name: "a program that hangs before attaching", source: "for (;;) {}\n", reasons: [/never attached a probe within 10 s/] },
  { name: "a program that hangs after attaching (ignores Ctrl-C)", source: attachThen('console.log("Tracing sys_sync()... Ctrl-C to end.");\nsetTimeout(() => { for (;;) {} }, 100);'), reasons: [/should exit cleanly \(code 0\) on Ctrl-C; it ended with SIGKILL/, /the workload ran sync \d+ times/] },
  { name: "a program that loops forever printing", source: attachThen('setInterval(() => { for (let i = 0; i < 2000; i++) console.log("spam spam spam spam spam"); }, 1);'), reasons: [/printed more than 1 MiB/] },
  { name: "a program that prints one enormous line", source: attachThen('process.stdout.write("x".repeat(5 * 1024 * 1024));\nsetInterval(() => {}, 1000);'), reasons: [/printed more than 1 MiB/] },
  { name: "a program that prints invalid UTF-8", source: attachThen('process.stdout.write(Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a]));\nsetInterval(() => {}, 1000);'), reasons: [/expected a line containing `Tracing sys_sync\(\)\.\.\. Ctrl-C to end\.`/] },
  { name: "a program that prints terminal escape sequences", source: attachThen('console.log("\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred");\nsetInterval(() => {}, 1000);'), reasons: [/expected a line containing/] },
  { name: "a program that exits at once with code 3", source: "process.exit(3);\n", reasons: [/exited \(3\) before it attached/] },
  { name: "a program that exits right after attaching, printing nothing", source: attachThen("process.exit(0);"), reasons: [/exited \(0\) before it attached a probe/] },
  { name: "an import of a module that does not exist", source: 'import "no-such-module-zz";\n', reasons: [/exited \(1\) before it attached/, /Cannot find package 'no-such-module-zz'/] },
  { name: "an empty file", source: "", reasons: [/exited \(0\) before it attached/] },
  { name: "a binary garbage file", source: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xff, 0x00, 0x3b, 0x7b]), reasons: [/exited \(1\) before it attached/] },
];

/** Programs that will not stop the way they are asked to (test/fixtures/stubborn). */
const stubbornCases: Array<{ name: string; fixture: string; reasons: RegExp[] }> = [
  { name: "a program that ignores Ctrl-C and SIGTERM and leaves a detached sleep", fixture: "ignores-signals", reasons: [/should exit cleanly \(code 0\) on Ctrl-C; it ended with SIGKILL/] },
  { name: "a program whose detached child keeps its stdout and stderr open", fixture: "child-holds-stdout", reasons: [/the workload ran sync \d+ times/] },
  { name: "a program that spins in a busy loop after attaching", fixture: "busy-after-attach", reasons: [/should exit cleanly \(code 0\) on Ctrl-C; it ended with SIGKILL/] },
  { name: "a program that blocks its event loop forever", fixture: "blocks-event-loop", reasons: [/should exit cleanly \(code 0\) on Ctrl-C; it ended with SIGKILL/] },
  { name: "a program whose detached grandchild ignores every catchable signal", fixture: "detached-node-grandchild", reasons: [/the workload ran sync \d+ times/] },
  { name: "a program that forks a detached sleep, then spins", fixture: "forks-and-spins", reasons: [/should exit cleanly \(code 0\) on Ctrl-C; it ended with SIGKILL/] },
];

/**
 * How long a check may take before it counts as hung: the runner's own
 * bound (the lesson's timeout, scaled as the runner scales it, which does
 * not run while the program compiles), its 3 s grace before SIGKILL, 2 s to
 * spare, and 30 s for the compiles of a loaded machine (one took 10 s
 * beside two qemu guests). A hang on a held pipe lasted minutes.
 */
const hangBound = () => lesson.timeoutMs * timeScale() + 5000 + 30_000 * timeScale();

async function checkCase(file: string, reasons: RegExp[], withinMs: number): Promise<void> {
  const hash = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  await leavesNothing(async () => {
    const started = Date.now();
    const outcome = await checkLesson(lesson, file);
    expect(Date.now() - started).toBeLessThan(withinMs);
    expect(outcome.status).toBe("failed");
    expect(exitCodeFor([outcome])).toBe(1);
    const text = (outcome.expectations ?? []).filter((e) => !e.passed).map((e) => e.reason ?? "").join("\n");
    for (const r of reasons) expect(text).toMatch(r);
    expect(text).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m); // no stack frames in what the learner reads first
  });
  expect(createHash("sha256").update(fs.readFileSync(file)).digest("hex")).toBe(hash);
}

describe("learner programs that go wrong", () => {
  for (const c of learnerCases) {
    it(c.name, { timeout: 60_000 }, async () => {
      const file = path.join(dir, `${c.name.replace(/\W+/g, "-")}.ts`);
      fs.writeFileSync(file, c.source);
      await checkCase(file, c.reasons, c.withinMs ?? hangBound());
    });
  }

  for (const c of stubbornCases) {
    it(`${c.name}: ended within the lesson's time bound, with all it started`, async () => {
      await checkCase(path.join(fixtures, `${c.fixture}.ts`), c.reasons, hangBound());
    }, 60_000);
  }

  it("without a cgroup (process group only), a detached child holding stdout does not hang check", async () => {
    // A child in a session of its own escapes the process group: the runner stops waiting on the pipes it holds.
    const tag = newTag();
    const started = Date.now();
    const r = cli(["check", "2", "--file", path.join(fixtures, "child-holds-stdout.ts")], { BCC_TUTOR_NO_CGROUP: "1", [TAG_VAR]: tag });
    killTagged(tag); // the escaped sleep: what a machine without cgroup v2 cannot catch
    expect(Date.now() - started).toBeLessThan(hangBound());
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/the workload ran sync \d+ times/);
  }, 60_000);

  it("shows a traced program's escape sequences escaped on the CLI", async () => {
    const file = path.join(dir, "escapes.ts");
    fs.writeFileSync(file, attachThen('console.error("\\x1b]0;pwned\\x07"); process.exit(5);'));
    await leavesNothing(() => {
      const r = cli(["check", "2", "--file", file]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/exited \(5\) before it attached a probe/);
      expect(r.stdout + r.stderr).not.toContain("\x1b]");
    });
  }, 60_000);

  it("a crash in `run` shows its gist, not a stack (the stack with --verbose)", async () => {
    await leavesNothing(() => {
      const r = cli(["run", "18", "--", "-i", "nosuchif0"]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^BpfAttachError: cannot attach socket nosuchif0: no such network interface \(this machine has: .*lo/m);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stderr).not.toMatch(/^Node\.js v/m);
      const v = cli(["run", "18", "--verbose", "--", "-i", "nosuchif0"]);
      expect(v.stderr).toMatch(/^\s+at .*raw-socket\.[jt]s/m);
    });
  }, 60_000);
});

/** The CLI, without a terminal (stdio are pipes). */
function cli(args: string[], env: Record<string, string> = {}, pre: string[] = []) {
  const cmd = [...pre, process.execPath, path.join(projectRoot, "bin", "bcc-tutor.js"), ...args];
  return spawnSync(cmd[0]!, cmd.slice(1), { encoding: "utf8", env: { ...process.env, LANG: "C.UTF-8", ...env }, timeout: 120_000 });
}

const workshop = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

/** Bad options and values: exit 2, one line that says what to do (in the chosen language), nothing run. */
const usageCases: Array<{ name: string; args: () => string[]; message: RegExp }> = [
  { name: "an unknown language", args: () => ["--lang", "fr"], message: /^bcc-tutor: --lang is en \(English\) or ja \(Japanese\), not fr$/m },
  { name: "an unknown language with a command", args: () => ["list", "--lang=de"], message: /--lang is en \(English\) or ja \(Japanese\), not de/ },
  { name: "--lang without a value", args: () => ["list", "--lang"], message: /^bcc-tutor: --lang needs a value$/m },
  { name: "an unknown option", args: () => ["list", "--bogus"], message: /list has no option --bogus; it accepts: --json/ },
  { name: "an unknown option, in Japanese", args: () => ["check", "2", "--lang", "ja", "--fiel", "x.ts"], message: /check にオプション --fiel はありません。使えるのは: --file X/ },
  { name: "a value given to a flag", args: () => ["list", "--json=yes"], message: /--json takes no value: write it alone/ },
  { name: "an unknown command", args: () => ["chek", "2"], message: /Unknown command "chek"\. Run `bcc-tutor --help` for the list\./ },
  { name: "an unknown top-level option", args: () => ["--frobnicate"], message: /bcc-tutor has no option --frobnicate; it accepts: --lang en\|ja/ },
  { name: "a lesson number that does not exist", args: () => ["check", "99"], message: /no lesson 99; the lessons are: 1 hello_world, 2 sys_sync/ },
  { name: "lesson number 0", args: () => ["run", "0"], message: /no lesson 0; the lessons are:/ },
  { name: "a lesson id that does not exist", args: () => ["run", "sys_snyc"], message: /no lesson sys_snyc; the lessons are:/ },
  { name: "a negative lesson number", args: () => ["check", "-1"], message: /check has no option -1/ },
  { name: "no lesson", args: () => ["check"], message: /which lesson\? Give its number or id/ },
  { name: "two lessons", args: () => ["check", "2", "5"], message: /check takes at most 1 argument\(s\); remove 5/ },
  { name: "a lesson and --all", args: () => ["check", "--all", "2"], message: /give either --all or the lesson \(2\), not both/ },
  { name: "--file with --all", args: () => ["check", "--all", "--file", "x.ts"], message: /--file names one exercise file: give it with one lesson, without --all or --answer/ },
  { name: "--file that does not exist", args: () => ["check", "2", "--file", path.join(dir, "nope.ts")], message: /--file: there is no file .*nope\.ts; give the path of an existing file/ },
  { name: "--file that is a folder", args: () => ["check", "2", "--file", dir], message: /--file: .* is a folder, not a file/ },
  { name: "--file without a value", args: () => ["check", "2", "--file"], message: /--file needs a value/ },
  { name: "--file followed by another option", args: () => ["check", "2", "--file", "--json"], message: /--file needs a value/ },
  { name: "an unknown variant", args: () => ["run", "2", "--variant", "fast"], message: /--variant is original or portable, not fast/ },
  { name: "an interface that does not exist", args: () => ["run", "18", "-i", "nosuchif0"], message: /there is no network interface nosuchif0 on this machine; give one of: .*lo/ },
  { name: "an interface for a lesson that reads none", args: () => ["run", "2", "-i", "lo"], message: /lesson sys_sync reads no network interface/ },
  { name: "a JUnit report in a folder that does not exist", args: () => ["check", "--all", "--junit", "/nonexistent-dir/r.xml"], message: /--junit: cannot write .*: the folder \/nonexistent-dir does not exist/ },
  { name: "a workshop file that is not JSON or YAML, without a terminal", args: () => ["--workshop", "/etc/hostname"], message: /the workshop file \/etc\/hostname is not valid JSON/ },
  { name: "a workshop file that does not exist", args: () => ["--workshop", path.join(dir, "none.yaml")], message: /cannot read the workshop file .*none\.yaml: ENOENT/ },
  { name: "a workshop that names lessons that do not exist", args: () => ["--workshop", workshop("bad-lessons.yaml", "title: x\nlessons: [2, 42, nope]\n")], message: /the workshop names lessons that do not exist: 42, nope/ },
  { name: "a workshop with a wrong field", args: () => ["--workshop", workshop("bad-field.json", '{"title":"x","lessons":[],"lang":"fr"}')], message: /the workshop file .*bad-field\.json is invalid: lessons: .*lang/ },
  { name: "--workshop with a command", args: () => ["check", "2", "--workshop", "day1.yaml"], message: /--workshop opens the tutorial app; check does not take it/ },
  { name: "progress import of a file that does not exist", args: () => ["progress", "import", path.join(dir, "none.json")], message: /progress import: there is no file .*none\.json/ },
  { name: "progress export into a folder that does not exist", args: () => ["progress", "export", "/nonexistent-dir/p.json"], message: /progress export: cannot write .*: the folder \/nonexistent-dir does not exist/ },
  { name: "progress with an unknown verb", args: () => ["progress", "send", "x"], message: /usage: bcc-tutor progress export FILE \| bcc-tutor progress import FILE/ },
];

describe("bad command-line input", () => {
  for (const c of usageCases) {
    it(`${c.name}: exit 2 and a message`, async () => {
      await leavesNothing(() => {
        const r = cli(c.args());
        expect(r.stderr).toMatch(c.message);
        expect(r.stderr).not.toMatch(/^\s+at /m);
        expect(r.stdout).toBe("");
        expect(r.status).toBe(2);
      });
    }, 60_000);
  }
});

describe("damaged progress and workspaces", () => {
  const cases: Array<[string, string]> = [["empty", ""], ["truncated", '{"version":1,"do'], ["garbage", "\u0000\u00ff"], ["wrong schema", '{"version":7,"done":"all"}']];
  for (const [what, text] of cases) {
    it(`a ${what} progress file is moved aside with a message, never lost`, async () => leavesNothing(() => {
      const d = fs.mkdtempSync(path.join(dir, "state-"));
      fs.writeFileSync(path.join(d, "progress.json"), text);
      const r = new ProgressStore(d).load();
      expect(r.recovered?.reason).toMatch(/\w/);
      expect(fs.readFileSync(r.recovered!.movedTo!, "utf8")).toBe(text);
    }));
  }

  it("a progress folder that cannot be written keeps progress in memory and says so", async () => leavesNothing(() => {
    const blocker = path.join(dir, "not-a-dir");
    fs.writeFileSync(blocker, "");
    const s = new ProgressStore(path.join(blocker, "state"));
    s.load();
    expect(s.update((p) => p.done.push("x"))).toBe(false);
    expect(s.progress.done).toEqual(["x"]);
    expect(s.lastError).toMatch(/progress not saved/);
  }));

  it("a missing workspace is created with the starter in it", async () => leavesNothing(() => {
    const ws = path.join(dir, "new-ws", "deeper");
    const file = ensureWorkspaceFile(lesson, ws);
    expect(fs.readFileSync(file, "utf8")).toContain("TODO");
  }));

  it("an existing exercise file is never overwritten by opening the lesson again", async () => leavesNothing(() => {
    const ws = path.join(dir, "ws-keep");
    const file = ensureWorkspaceFile(lesson, ws);
    fs.writeFileSync(file, "// my work");
    ensureWorkspaceFile(lesson, ws);
    expect(fs.readFileSync(file, "utf8")).toBe("// my work");
  }));

  it("a workspace that cannot be written gives a message that says what to do", async () => leavesNothing(() => {
    const blocker = path.join(dir, "ws-blocker");
    fs.writeFileSync(blocker, "");
    expect(() => ensureWorkspaceFile(lesson, path.join(blocker, "ws"))).toThrow(/choose a writable workspace folder with BCC_TUTOR_WORKSPACE/);
  }));
});

describe("machines that lack something", () => {
  it("no libbcc: the doctor says how to install it, no stack trace", async () => leavesNothing(() => {
    const r = cli(["doctor", "--json"], { BCC_LIBBCC_PATH: "/nonexistent/libbcc.so.0" });
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.libbcc.ok).toBe(false);
    expect(j.libbcc.detail.error).toMatch(/apt-get install libbpfcc/);
    const text = cli(["doctor"], { BCC_LIBBCC_PATH: "/nonexistent/libbcc.so.0" });
    expect(text.stdout).toMatch(/libbcc cannot be loaded/);
    expect(text.stdout + text.stderr).not.toMatch(/^\s+at /m);
  }));

  it("no kernel headers: the compile error says what to install", async () => leavesNothing(() => {
    const r = cli(["check", "2", "--answer"], { BCC_KERNEL_SOURCE: "/nonexistent-headers" });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/no kernel headers were found: install the running kernel's headers .*or set BCC_KERNEL_SOURCE/);
  }));

  it("not root: commands that load BPF say so and stop", async () => leavesNothing(() => {
    const nobody = fs.existsSync("/usr/bin/setpriv") ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];
    expect(nobody.length, "setpriv (util-linux) is needed for this test").toBeGreaterThan(0);
    const r = cli(["check", "2", "--answer"], { HOME: "/tmp" }, nobody);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs root/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  }));

  it("a learner file with a uprobe on a fixture binary's missing symbol names the binary", async () => {
    const bin = buildFixture("strlen-loop");
    const file = path.join(dir, "fixture-symbol.ts");
    fs.writeFileSync(file, prog("int f(void *ctx) { return 0; }", `b.attachUprobe({ name: ${JSON.stringify(bin)}, sym: "nothing_here", fnName: "f" });`));
    await checkCase(file, [/symbol nothing_here not found in .*strlen-loop/], hangBound());
  }, 60_000);
});
