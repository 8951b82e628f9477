// What a learner (or a machine) can throw at bcc-tutor. For every case: a
// clear message that says what went wrong, bcc-tutor keeps running (the
// checker returns a result; nothing throws), the learner's file and
// progress are untouched, and no probe is left in the kernel.
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
import { bpfPrograms, orphanedPrograms } from "../helpers/kernel-state.ts";
import { buildFixture, projectRoot } from "../helpers/fixtures.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-bad-"));
let lesson: Lesson;

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
  reason: RegExp;
}

const learnerCases: Case[] = [
  { name: "C syntax error", source: prog(TP("int x = 1")), reason: /does not compile: .*C-syntax-error\.ts:2:\d+: expected ';'/ },
  { name: "undeclared identifier in C", source: prog(TP("return nope;")), reason: /does not compile: .*use of undeclared identifier 'nope'/ },
  { name: "unknown C type", source: prog(TP("struct nothing_t x; x.a = 1;")), reason: /does not compile: .*(incomplete|undefined|unknown)/ },
  { name: "missing closing brace", source: prog("TRACEPOINT_PROBE(syscalls, sys_enter_sync) { return 0;"), reason: /does not compile: .*expected '}'/ },
  { name: "verifier: unbounded loop", source: prog(TP("volatile int i = 0; for (;;) { i++; }")), reason: /BpfVerifierError: the kernel verifier rejected[\s\S]*the last lines of its log, above, say why/ },
  { name: "verifier: missing NULL check", source: prog(`BPF_HASH(m, u32, u64);\n${TP("u32 k = 0; u64 *v = m.lookup(&k); *v += 1;")}`), reason: /verifier rejected[\s\S]*(invalid mem access|map_value_or_null)/ },
  { name: "stack too big", source: prog(TP("char buf[600]; bpf_get_current_comm(&buf, sizeof(buf)); bpf_trace_printk(\"%s\\\\n\", buf);")), reason: /stack/i },
  { name: "GPL-only helper without a GPL license", source: prog(`#define BPF_LICENSE Proprietary\n${TP('bpf_trace_printk("x\\\\n");')}`), reason: /GPL/ },
  { name: "a tracepoint that does not exist", source: prog("int f(void *ctx) { return 0; }", 'b.attachTracepoint({ tp: "syscalls:sys_enter_nothing", fnName: "f" });'), reason: /no such tracepoint on this kernel/ },
  { name: "a malformed tracepoint name", source: prog("int f(void *ctx) { return 0; }", 'b.attachTracepoint({ tp: "sync", fnName: "f" });'), reason: /write it as "category:event"/ },
  { name: "a symbol that does not exist", source: prog("int f(void *ctx) { return 0; }", 'b.attachUprobe({ name: "c", sym: "no_such_symbol_zz", fnName: "f" });'), reason: /symbol no_such_symbol_zz not found in c/ },
  { name: "a library that does not exist", source: prog("int f(void *ctx) { return 0; }", 'b.attachUprobe({ name: "nolib_zz", sym: "f", fnName: "f" });'), reason: /library or binary nolib_zz not found/ },
  { name: "a kprobe on a kernel without kprobes", source: prog("int f(void *ctx) { return 0; }", 'b.attachKprobe({ event: BPF.getSyscallFnname("sync"), fnName: "f" });'), reason: /kprobes are not available on this kernel|Tracing sys_sync/ },
  { name: "a function that is not in the program", source: prog("int f(void *ctx) { return 0; }", 'b.attachTracepoint({ tp: "syscalls:sys_enter_sync", fnName: "nope" });'), reason: /no function nope\(\)/ },
  { name: "a table that does not exist", source: attachThen('b.table("nope");'), reason: /no table named "nope"/ },
  { name: "a perf buffer page count that is not a power of two", source: prog(`BPF_PERF_OUTPUT(ev);\n${TP("")}`, 'b.table("ev").openPerfBuffer(() => {}, { pageCnt: 3 });'), reason: /pageCnt must be a power of two/ },
  { name: "a C source file that does not exist", source: 'import { BPF } from "bcc-tutor";\nawait BPF.create({ srcFile: "no-such-file.c" });\n', reason: /cannot read the BPF source file no-such-file\.c/ },
  { name: "a bad PID for USDT", source: 'import { USDT } from "bcc-tutor";\nnew USDT({ pid: -4 });\n', reason: /a PID is a positive whole number/ },
  { name: "a dead PID for USDT", source: 'import { USDT } from "bcc-tutor";\nnew USDT({ pid: 4194000 });\n', reason: /no such process/ },
  { name: "an unknown network interface", source: 'import { BPF } from "bcc-tutor";\nconst b = await BPF.create({ text: "int f(struct __sk_buff *s) { return -1; }" });\nBPF.attachRawSocket(b.loadFunc("f", BPF.SOCKET_FILTER), "nosuch0");\n', reason: /no such network interface/ },
  { name: "a TypeScript syntax error", source: "import { BPF } from \"bcc-tutor\";\nconst b = await BPF.create({ text: `x` ;\n", reason: /exited \(1\) before it attached[\s\S]*(Expected|error)/ },
  { name: "learner code that throws at start", source: 'throw new Error("boom at start");\n', reason: /exited \(1\) before it attached[\s\S]*boom at start/ },
  { name: "learner code that throws after attaching", source: attachThen('setTimeout(() => { throw new Error("learner bug"); }, 200);'), reason: /stopped with Error: learner bug/ },
  { name: "an unhandled rejection after attaching", source: attachThen('setTimeout(() => Promise.reject(new Error("async boom")), 200);\nsetInterval(() => {}, 1000);'), reason: /async boom/ },
  { name: "a program that never attaches", source: "setInterval(() => {}, 1000);\n", reason: /never attached a probe within 10 s/ },
  { name: "a program that hangs before attaching", source: "for (;;) {}\n", reason: /never attached a probe within 10 s/ },
  { name: "a program that hangs after attaching (ignores Ctrl-C)", source: attachThen('console.log("Tracing sys_sync()... Ctrl-C to end.");\nsetTimeout(() => { for (;;) {} }, 100);'), reason: /exit cleanly .* SIGKILL|expected at least/ },
  { name: "a program that loops forever printing", source: attachThen('setInterval(() => { for (let i = 0; i < 2000; i++) console.log("spam spam spam spam spam"); }, 1);'), reason: /printed more than 1 MiB/ },
  { name: "a program that prints one enormous line", source: attachThen('process.stdout.write("x".repeat(5 * 1024 * 1024));\nsetInterval(() => {}, 1000);'), reason: /printed more than 1 MiB/ },
  { name: "a program that prints invalid UTF-8", source: attachThen('process.stdout.write(Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a]));\nsetInterval(() => {}, 1000);'), reason: /expected a line containing `Tracing sys_sync\(\)\.\.\. Ctrl-C to end\.`/ },
  { name: "a program that prints terminal escape sequences", source: attachThen('console.log("\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred");\nsetInterval(() => {}, 1000);'), reason: /expected a line containing/ },
  { name: "a program that exits at once with code 3", source: "process.exit(3);\n", reason: /exited \(3\) before it attached/ },
  { name: "a program that exits right after attaching, printing nothing", source: attachThen("process.exit(0);"), reason: /exited \(0\) before it attached|expected a line containing `Tracing sys_sync/ },
  { name: "an import of a module that does not exist", source: 'import "no-such-module-zz";\n', reason: /exited \(1\)[\s\S]*(Cannot find|ERR_MODULE_NOT_FOUND|no-such-module-zz)/ },
  { name: "an empty file", source: "", reason: /exited \(0\) before it attached/ },
  { name: "a binary garbage file", source: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xff, 0x00, 0x3b, 0x7b]), reason: /exited \(1\) before it attached/ },
];

function progIds(): Set<number> {
  return new Set(bpfPrograms().map((p) => p.id));
}

describe("learner programs that go wrong", () => {
  for (const c of learnerCases) {
    it(c.name, async () => {
      const file = path.join(dir, `${c.name.replace(/\W+/g, "-")}.ts`);
      fs.writeFileSync(file, c.source);
      const hash = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
      const before = progIds();
      const outcome = await checkLesson(lesson, file);
      expect(outcome.status).toBe("failed");
      const reasons = (outcome.expectations ?? []).filter((e) => !e.passed).map((e) => e.reason ?? "").join("\n");
      expect(reasons).toMatch(c.reason);
      expect(reasons).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m); // no stack frames in what the learner reads first
      expect(createHash("sha256").update(fs.readFileSync(file)).digest("hex")).toBe(hash);
      for (let i = 0; i < 30 && orphanedPrograms(before).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(orphanedPrograms(before)).toEqual([]);
    }, 60_000);
  }

  it("shows a traced program's escape sequences escaped on the CLI", () => {
    const file = path.join(dir, "escapes.ts");
    fs.writeFileSync(file, attachThen('console.error("\\x1b]0;pwned\\x07"); process.exit(5);'));
    const r = spawnSync(path.join(projectRoot, "bin", "bcc-tutor.js"), ["check", "2", "--file", file], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).not.toContain("\x1b]");
  }, 60_000);
});

describe("damaged progress and workspaces", () => {
  const cases: Array<[string, string]> = [["empty", ""], ["truncated", '{"version":1,"do'], ["garbage", "\u0000\u00ff"], ["wrong schema", '{"version":7,"done":"all"}']];
  for (const [what, text] of cases) {
    it(`a ${what} progress file is moved aside with a message, never lost`, () => {
      const d = fs.mkdtempSync(path.join(dir, "state-"));
      fs.writeFileSync(path.join(d, "progress.json"), text);
      const r = new ProgressStore(d).load();
      expect(r.recovered?.reason).toMatch(/\w/);
      expect(fs.readFileSync(r.recovered!.movedTo!, "utf8")).toBe(text);
    });
  }

  it("a progress folder that cannot be written keeps progress in memory and says so", () => {
    const blocker = path.join(dir, "not-a-dir");
    fs.writeFileSync(blocker, "");
    const s = new ProgressStore(path.join(blocker, "state"));
    s.load();
    expect(s.update((p) => p.done.push("x"))).toBe(false);
    expect(s.progress.done).toEqual(["x"]);
    expect(s.lastError).toMatch(/progress not saved/);
  });

  it("a missing workspace is created with the starter in it", () => {
    const ws = path.join(dir, "new-ws", "deeper");
    const file = ensureWorkspaceFile(lesson, ws);
    expect(fs.readFileSync(file, "utf8")).toContain("TODO");
  });

  it("an existing exercise file is never overwritten by opening the lesson again", () => {
    const ws = path.join(dir, "ws-keep");
    const file = ensureWorkspaceFile(lesson, ws);
    fs.writeFileSync(file, "// my work");
    ensureWorkspaceFile(lesson, ws);
    expect(fs.readFileSync(file, "utf8")).toBe("// my work");
  });

  it("a workspace that cannot be written gives a message that says what to do", () => {
    const blocker = path.join(dir, "ws-blocker");
    fs.writeFileSync(blocker, "");
    expect(() => ensureWorkspaceFile(lesson, path.join(blocker, "ws"))).toThrow(/choose a writable workspace folder with BCC_TUTOR_WORKSPACE/);
  });
});

describe("machines that lack something", () => {
  const cli = (args: string[], env: Record<string, string> = {}, pre: string[] = []) => {
    const cmd = [...pre, process.execPath, path.join(projectRoot, "bin", "bcc-tutor.js"), ...args];
    return spawnSync(cmd[0]!, cmd.slice(1), { encoding: "utf8", env: { ...process.env, ...env }, timeout: 120_000 });
  };

  it("no libbcc: the doctor says how to install it, no stack trace", () => {
    const r = cli(["doctor", "--json"], { BCC_LIBBCC_PATH: "/nonexistent/libbcc.so.0" });
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.libbcc.ok).toBe(false);
    expect(j.libbcc.detail.error).toMatch(/apt-get install libbpfcc/);
    const text = cli(["doctor"], { BCC_LIBBCC_PATH: "/nonexistent/libbcc.so.0" });
    expect(text.stdout).toMatch(/libbcc cannot be loaded/);
    expect(text.stdout + text.stderr).not.toMatch(/^\s+at /m);
  });

  it("no kernel headers: the compile error says what to install", () => {
    const r = cli(["check", "2", "--answer"], { BCC_KERNEL_SOURCE: "/nonexistent-headers" });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/no kernel headers were found: install the running kernel's headers .*or set BCC_KERNEL_SOURCE/);
  });

  it("not root: commands that load BPF say so and stop", () => {
    const nobody = fs.existsSync("/usr/bin/setpriv") ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];
    expect(nobody.length, "setpriv (util-linux) is needed for this test").toBeGreaterThan(0);
    const r = cli(["check", "2", "--answer"], { HOME: "/tmp" }, nobody);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs root/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it("a learner file with a uprobe on a fixture binary's missing symbol names the binary", async () => {
    const bin = buildFixture("strlen-loop");
    const file = path.join(dir, "fixture-symbol.ts");
    fs.writeFileSync(file, prog("int f(void *ctx) { return 0; }", `b.attachUprobe({ name: ${JSON.stringify(bin)}, sym: "nothing_here", fnName: "f" });`));
    const outcome = await checkLesson(lesson, file);
    expect(outcome.expectations?.filter((e) => !e.passed).map((e) => e.reason).join("\n")).toMatch(/symbol nothing_here not found in .*strlen-loop/);
  }, 60_000);
});
