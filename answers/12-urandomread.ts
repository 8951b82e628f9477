// Lesson 12, urandomread: a TRACEPOINT_PROBE that reads the tracepoint's
// own fields through args->, and prints who took random bits, and how many.
//
// Run it: npx tsx answers/12-urandomread.ts   (then, in another terminal,
// `dd if=/dev/urandom of=/dev/null bs=8k count=5` on a kernel older than
// 5.18, or `python3 -c 'import os; os.getrandom(32)'`; Ctrl-C to end)
import { BPF, escapeTerminal, lessonVariant, tracepointExists } from "bcc-tutor";
import lesson from "../lessons/12-urandomread.ts";

// The tutorial's tracepoint, random:urandom_read, was removed in Linux
// 5.18. Where it is missing, the getrandom(2) syscall's exit tracepoint
// tells the same story: its ret field is the number of bytes the caller got.
const variant = lessonVariant(["tracepoint:random:urandom_read"]);

// The C program is kept with the lesson (lessons/12-urandomread.ts), one
// text per variant: a TRACEPOINT_PROBE that prints, with bpf_trace_printk(),
// the bits the caller got, read from the tracepoint's own fields as args->.
// bcc builds the type of args from the tracepoint's format file, e.g.
//   /sys/kernel/tracing/events/syscalls/sys_exit_getrandom/format
// has "field:long ret;", hence args->ret. (The entry tracepoint,
// sys_enter_getrandom, has ubuf, len and flags: len is the bytes asked for.)
//
// Without the format file (a new kernel asked for the original), bcc cannot
// build args' type. The original's C then writes out the struct bcc would
// have built from the old format file, when NO_URANDOM_READ_FORMAT is
// defined: so the program still compiles; it just cannot attach.
const cflags = variant === "original" && !tracepointExists("random", "urandom_read") ? ["-DNO_URANDOM_READ_FORMAT"] : [];

const b = await BPF.create({ text: lesson.c[variant] }, { cflags });

// header
console.log(`${"TIME(s)".padEnd(18)} ${"COMM".padEnd(16)} ${"PID".padEnd(6)} GOTBITS`);

// Each record is one bpf_trace_printk() call; ts is seconds since boot.
for await (const { task, pid, ts, msg } of b.traceFields()) {
  const comm = escapeTerminal(task, { keepNewlines: false });
  console.log(`${ts.toFixed(9).padEnd(18)} ${comm.padEnd(16)} ${String(pid).padEnd(6)} ${msg}`);
}
