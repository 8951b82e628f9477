// Lesson 1, hello_world: print "Hello, World!" each time a process is
// created, straight from the kernel's trace_pipe.
//
// Run it: npx tsx answers/01-hello_world.ts   (then run a few commands, such
// as `ls`, in another terminal; Ctrl-C to end)
import { BPF, lessonVariant } from "bcc-tutor";
import lesson from "../lessons/01-hello_world.ts";

// The C program is a string, kept with the lesson (lessons/01-hello_world.ts),
// one per variant. With kprobes: functions named kprobe__sys_clone and
// kprobe__sys_clone3, which attach themselves to the kernel functions named
// by the rest of their names. Without: TRACEPOINT_PROBE(syscalls,
// sys_enter_clone) and its clone3 twin, which attach themselves to those
// tracepoints. Each prints "Hello, World!" with bpf_trace_printk().
const text = lesson.c[lessonVariant()];

const b = await BPF.create({ text });

// Copy trace_pipe to the terminal, line by line, until Ctrl-C.
await b.tracePrint();
