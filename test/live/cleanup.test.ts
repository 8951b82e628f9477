// However a process that attached probes ends, nothing of it stays in the
// kernel: no BPF program, no perf-event attachment, no BPF link, from any
// process. While it lives, its attachments are read from its own fds; after
// it is gone, from the whole system (bpftool prog, perf, link), since a dead
// process holds no fds and whatever survived it is held by someone else.
import { describe, expect, it, onTestFinished } from "vitest";
import { kprobesAvailable } from "../../src/bcc/capabilities.ts";
import { buildFixture } from "../helpers/fixtures.ts";
import { runScript, within } from "../helpers/child.ts";
import { bpfPrograms, linksOfPrograms, perfAttachments, perfAttachmentsOfPrograms, perfLinksOf, programsNamed, survivingPrograms } from "../helpers/kernel-state.ts";

interface ProbeSet {
  /** C functions, then the attach calls; `${p}` is the unique prefix. */
  program: (p: string) => string;
  attach: (p: string) => string;
  programs: number;
  /** What `bpftool perf` shows for the process while it lives, sorted. */
  expected: (a: ReturnType<typeof perfLinksOf>) => unknown;
  want: unknown;
}

const fixture = buildFixture("strlen-loop");

// Uprobes: libbcc opens them through the uprobe PMU, so they show in
// `bpftool perf` as fd_type "uprobe" with the file, not in tracefs.
const uprobes: ProbeSet = {
  program: (p) => `int ${p}_tp(void *ctx) { return 0; }\nint ${p}_up(struct pt_regs *ctx) { return 0; }`,
  attach: (p) => `b.attachTracepoint({ tp: "syscalls:sys_enter_getpid", fnName: "${p}_tp" });
b.attachUprobe({ name: "c", sym: "strlen", fnName: "${p}_up" });
b.attachUprobe({ name: "${fixture}", sym: "main", fnName: "${p}_up" });`,
  programs: 2,
  expected: (a) => a.map((l) => (l.fd_type === "tracepoint" ? `tracepoint ${l.tracepoint}` : `${l.fd_type} ${l.filename === fixture ? "fixture" : /libc/.test(l.filename ?? "") ? "libc" : l.filename}`)).sort(),
  want: ["tracepoint sys_enter_getpid", "uprobe fixture", "uprobe libc"],
};

const kprobes: ProbeSet = {
  program: (p) => `int ${p}_kp(struct pt_regs *ctx) { return 0; }\nint ${p}_kr(struct pt_regs *ctx) { return 0; }`,
  attach: (p) => `const fn = BPF.getSyscallFnname("sync");
b.attachKprobe({ event: fn, fnName: "${p}_kp" });
b.attachKretprobe({ event: fn, fnName: "${p}_kr" });`,
  programs: 2,
  expected: (a) => a.map((l) => `${l.fd_type} ${l.func}`).sort(),
  want: ["kprobe __x64_sys_sync", "kretprobe __x64_sys_sync"],
};

function attachingScript(set: ProbeSet, prefix: string, ending: string): string {
  return `
import { BPF } from "BINDING";
const b = await BPF.create({ text: \`
${set.program(prefix)}
\` });
${ending}
${set.attach(prefix)}
`;
}

// Each ending waits for the test's SIGUSR2, sent once the live checks are done:
// the process lives as long as the test looks at it, however slow the machine.
const onGo = (body: string) => `process.on("SIGUSR2", () => { ${body} }); setInterval(() => {}, 1000);`;
const endings = {
  "close()": onGo(`b.close(); console.log("closed");`),
  "normal exit": onGo(`process.exit(0);`),
  "SIGINT": `setInterval(() => {}, 1000);`,
  "SIGTERM": `setInterval(() => {}, 1000);`,
  "SIGKILL": `setInterval(() => {}, 1000);`,
  "an uncaught exception": onGo(`throw new Error("learner bug");`),
} as const;

const signals: Partial<Record<keyof typeof endings, NodeJS.Signals>> = { SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGKILL: "SIGKILL" };

function cases(set: ProbeSet) {
  for (const [how, ending] of Object.entries(endings) as Array<[keyof typeof endings, string]>) {
    it(`after ${how}`, async () => {
      const before = new Set(bpfPrograms().map((p) => p.id));
      const prefix = `lk${Math.random().toString(36).slice(2, 8)}`;
      const child = runScript(attachingScript(set, prefix, ending));
      // A failed assertion must not leave the child running (it would hold its probes into the next case).
      onTestFinished(() => {
        if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill("SIGKILL");
      });
      const ready = await within(child.ready, 30_000, "the child to attach");
      expect(ready).toMatchObject({ event: "ready", probes: 3 - (set === kprobes ? 1 : 0) });
      // While it lives: its programs, and its attachments as the kernel lists them.
      const ids = programsNamed(prefix).map((p) => p.id);
      expect(ids.length).toBe(set.programs);
      expect(set.expected(perfLinksOf(child.pid))).toEqual(set.want);

      const sig = signals[how];
      child.proc.kill(sig ?? "SIGUSR2");
      if (how === "close()") {
        await within(new Promise<void>((r) => { const t = setInterval(() => child.stdout().includes("closed") && (clearInterval(t), r()), 20); }), 10_000, "close");
        // The process still lives: close() itself let go of everything.
        expect(programsNamed(prefix)).toEqual([]);
        expect(perfLinksOf(child.pid)).toEqual([]);
        child.proc.kill("SIGKILL");
      }
      const exit = await within(child.exit, 15_000, "the child to exit");
      if (sig) expect(exit.signal).toBe(sig);
      if (how === "normal exit") expect(exit.code).toBe(0);
      if (how === "an uncaught exception") expect(exit.code).toBe(1);

      // Program fds close with the process; give the kernel a moment to free them.
      for (let i = 0; i < 50 && programsNamed(prefix).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
      // After: the system as a whole, whoever would hold what is left.
      expect(programsNamed(prefix)).toEqual([]);
      expect(survivingPrograms(before)).toEqual([]);
      expect(perfAttachmentsOfPrograms(ids)).toEqual([]);
      expect(linksOfPrograms(ids)).toEqual([]);
      if (set === uprobes) expect(perfAttachments().filter((a) => a.filename === fixture)).toEqual([]);
      else expect(perfAttachments().filter((a) => a.fd_type.startsWith("kprobe") || a.fd_type.startsWith("kretprobe"))).toEqual([]);
    });
  }
}

describe("no probe outlives its process: tracepoint and uprobes", () => cases(uprobes));

// Skipped by name where the kernel has no kprobes (the host); runs in the qemu guest.
const kp = kprobesAvailable();
describe.skipIf(!kp)(`no probe outlives its process: kprobe and kretprobe${kp ? "" : " (skipped: this kernel has no kprobes)"}`, () => cases(kprobes));
