// Lesson 2, sys_sync (exercise): print "sys_sync() called" every time
// sync() runs, with a banner at start, and end cleanly on Ctrl-C.
import { BPF, lessonVariant } from "bcc-tutor";
import lesson from "../lessons/02-sys_sync.ts";

// The C is kept with the lesson (lessons/02-sys_sync.ts): kprobe__sys_sync
// attaches itself to the sync syscall's kernel function; on a kernel without
// kprobes, TRACEPOINT_PROBE(syscalls, sys_enter_sync) attaches itself to the
// syscall's tracepoint. Either prints "sys_sync() called" to trace_pipe.
const text = lesson.c[lessonVariant()];

const b = await BPF.create({ text });
console.log("Tracing sys_sync()... Ctrl-C to end.");

// Our own SIGINT handler replaces Node's default "die": detach and exit 0.
process.on("SIGINT", () => {
  b.close();
  process.exit(0);
});

await b.tracePrint();
