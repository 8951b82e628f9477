// However a process that attached probes ends, nothing of it stays in the
// kernel: no BPF program, no perf-event link, no tracefs probe.
import { describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/fixtures.ts";
import { runScript, within } from "../helpers/child.ts";
import { perfLinksOf, programsNamed, tracefsProbesOf } from "../helpers/kernel-state.ts";

// Program names are unique per test so concurrent runs cannot confuse them.
function attachingScript(prefix: string, ending: string): string {
  return `
import { BPF } from "BINDING";
const b = await BPF.create({ text: \`
int ${prefix}_tp(void *ctx) { return 0; }
int ${prefix}_up(struct pt_regs *ctx) { return 0; }
\` });
b.attachTracepoint({ tp: "syscalls:sys_enter_getpid", fnName: "${prefix}_tp" });
b.attachUprobe({ name: "c", sym: "strlen", fnName: "${prefix}_up" });
b.attachUprobe({ name: "${buildFixture("strlen-loop")}", sym: "main", fnName: "${prefix}_up" });
${ending}
`;
}

const endings = {
  "close()": `setTimeout(() => { b.close(); console.log("closed"); }, 500); setInterval(() => {}, 1000);`,
  "normal exit": `setTimeout(() => process.exit(0), 200);`,
  "SIGINT": `setInterval(() => {}, 1000);`,
  "SIGTERM": `setInterval(() => {}, 1000);`,
  "SIGKILL": `setInterval(() => {}, 1000);`,
  "an uncaught exception": `setTimeout(() => { throw new Error("learner bug"); }, 200);`,
} as const;

const signals: Partial<Record<keyof typeof endings, NodeJS.Signals>> = { SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGKILL: "SIGKILL" };

describe("no probe outlives its process", () => {
  for (const [how, ending] of Object.entries(endings) as Array<[keyof typeof endings, string]>) {
    it(`after ${how}`, async () => {
      const prefix = `lk${Math.random().toString(36).slice(2, 8)}`;
      const child = runScript(attachingScript(prefix, ending));
      const ready = await within(child.ready, 30_000, "the child to attach");
      expect(ready).toMatchObject({ event: "ready", probes: 3 });
      expect(programsNamed(prefix).length).toBe(2);
      expect(perfLinksOf(child.pid).length).toBe(3);

      const sig = signals[how];
      if (sig) child.proc.kill(sig);
      if (how === "close()") {
        await within(new Promise<void>((r) => { const t = setInterval(() => child.stdout().includes("closed") && (clearInterval(t), r()), 20); }), 10_000, "close");
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
      expect(programsNamed(prefix)).toEqual([]);
      expect(perfLinksOf(child.pid)).toEqual([]);
      expect(tracefsProbesOf(child.pid)).toEqual([]);
    });
  }
});
