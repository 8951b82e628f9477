// Diagnostics come back as typed errors, and none of libbcc's own stderr
// output reaches the terminal.
import { describe, expect, it } from "vitest";
import { BPF, BpfCompileError, BpfVerifierError } from "../../src/index.ts";
import { runScript } from "../helpers/child.ts";

describe("compile and verifier errors", () => {
  it("reports a C syntax error with the caller's line and column", async () => {
    const text = "#include <uapi/linux/ptrace.h>\n\nint probe(void *ctx) {\n  int x = 1\n  return x;\n}\n";
    const err = await BPF.create({ text }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BpfCompileError);
    const e = err as BpfCompileError;
    expect(e.line).toBe(4);
    expect(e.column).toBe(12);
    expect(e.firstError?.message).toMatch(/expected ';'/);
  });

  it("writes nothing to stderr when compiling fails", async () => {
    const child = runScript(`
import { BPF } from "BINDING";
try { await BPF.create({ text: "int f(void *ctx) { return undeclared_thing; }" }); }
catch (e) { console.log(e.name, e.line, e.column); }
`);
    const exit = await child.exit;
    expect(exit.code).toBe(0);
    expect(child.stdout().trim()).toBe("BpfCompileError 1 27");
    expect(child.stderr()).toBe("");
  });

  it("turns a verifier rejection into BpfVerifierError with the log's reason", async () => {
    const b = await BPF.create({
      text: `int deref(void *ctx) {
  u64 *p = (u64 *)bpf_get_current_pid_tgid();
  return *p;
}`,
    });
    try {
      const err = (() => { try { b.loadFunc("deref", BPF.TRACEPOINT); } catch (e) { return e; } })();
      expect(err).toBeInstanceOf(BpfVerifierError);
      expect((err as BpfVerifierError).reason).toMatch(/invalid mem access/);
      expect((err as BpfVerifierError).func).toBe("deref");
    } finally {
      b.close();
    }
  });

  it("rejects an unbounded loop in the verifier", async () => {
    const b = await BPF.create({
      text: `int spin(void *ctx) {
  volatile int i = 0;
  for (;;) { i++; }
  return 0;
}`,
    });
    try {
      expect(() => b.loadFunc("spin", BPF.TRACEPOINT)).toThrow(BpfVerifierError);
    } finally {
      b.close();
    }
  });
});
