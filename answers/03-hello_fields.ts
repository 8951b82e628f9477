// Lesson 3, hello_fields: the hello_world program again, with the C text in
// a variable, an explicit attach call, and trace_pipe read as typed fields
// printed in columns.
//
// Run it: npx tsx answers/03-hello_fields.ts   (then run a few commands in
// another terminal; Ctrl-C to end)
import { BPF, escapeTerminal, lessonVariant } from "bcc-tutor";
import lesson from "../lessons/03-hello_fields.ts";

// The C program, kept in a variable (its text is in lessons/03-hello_fields.ts):
// one function, hello(), that prints "Hello, World!" to trace_pipe. Its name
// has no kprobe__ or tracepoint__ prefix, so nothing attaches it until we ask.
const prog = lesson.c[lessonVariant()];

const b = new BPF({ text: prog });
await b.ready;

// One function can be attached to several probes: here, to both syscalls
// that create processes (clone, and clone3 which modern libcs use).
if (lessonVariant() === "original") {
  b.attachKprobe({ event: BPF.getSyscallFnname("clone"), fnName: "hello" });
  b.attachKprobe({ event: BPF.getSyscallFnname("clone3"), fnName: "hello" });
} else {
  b.attachTracepoint({ tp: "syscalls:sys_enter_clone", fnName: "hello" });
  b.attachTracepoint({ tp: "syscalls:sys_enter_clone3", fnName: "hello" });
}

// Columns as python's "%-18s %-16s %-6s %s".
console.log(`${"TIME(s)".padEnd(18)} ${"COMM".padEnd(16)} ${"PID".padEnd(6)} MESSAGE`);

// Each record is one line of trace_pipe, split into typed fields
// { task, pid, cpu, flags, ts, msg }: ts is a number of seconds since boot,
// pid a number. task and msg come from the kernel: they are data, so
// control characters in them are escaped before printing.
for await (const { ts, task, pid, msg } of b.traceFields()) {
  console.log(`${ts.toFixed(9).padEnd(18)} ${escapeTerminal(task).padEnd(16)} ${String(pid).padEnd(6)} ${escapeTerminal(msg)}`);
}
