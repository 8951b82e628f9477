// Each lesson holds its variants' C once; answers load it from the lesson
// module. The self-check's detector of C left in an answer, on real texts.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLessons } from "../../src/lesson/registry.ts";
import { bpfCMark, withoutComments } from "../../src/lesson/self-check.ts";
import { projectRoot } from "../helpers/fixtures.ts";

const { lessons } = await loadLessons();

describe("BPF C in answers", () => {
  it("finds C written in a template literal", () => {
    expect(bpfCMark("const text = `\nBPF_HASH(last);\nint f(void *ctx) { return 0; }\n`;")).toBe("BPF_HASH(");
    expect(bpfCMark('const t = `TRACEPOINT_PROBE (syscalls, sys_enter_sync) { bpf_trace_printk("x\\\\n"); return 0; }`;')).toBe("TRACEPOINT_PROBE(");
    expect(bpfCMark('const t = "#include <linux/sched.h>";')).toBe("#include<");
  });

  it("lets comments name the C the answer uses", () => {
    expect(bpfCMark("// prints with bpf_trace_printk() into BPF_HASH(last)\n/* BPF_HISTOGRAM(dist) */\nconst x = 1;")).toBeUndefined();
    expect(withoutComments("a // b\n/* c\n d */e")).toBe("a \ne");
  });

  it("finds none in the project's answers, and every lesson's C in the lesson", () => {
    for (const l of lessons) {
      if (l.answer) expect(bpfCMark(fs.readFileSync(path.join(projectRoot, l.answer), "utf8")), l.answer).toBeUndefined();
      for (const v of l.variants) expect(bpfCMark(`const t = \`${l.c[v.name] ?? ""}\`;`), `${l.id} ${v.name}`).toBeTruthy();
    }
  });
});
