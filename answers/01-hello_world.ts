// Lesson 1, hello_world: print "Hello, World!" each time a process is
// created, straight from the kernel's trace_pipe.
//
// Run it: npx tsx answers/01-hello_world.ts   (then run a few commands, such
// as `ls`, in another terminal; Ctrl-C to end)
import { BPF, lessonVariant } from "bcc-tutor";

// The C program is inline. A function whose name starts with kprobe__
// attaches itself to the kernel function named by the rest of its name
// (sys_clone: __x64_sys_clone on x86-64). TRACEPOINT_PROBE(category, event)
// does the same for a tracepoint: it names the function
// tracepoint__syscalls__sys_enter_clone, another prefix that attaches itself.
// New processes come from clone() or, with a modern libc, from clone3():
// trace both so that no process is missed.
const text =
  lessonVariant() === "original"
    ? `
int kprobe__sys_clone(void *ctx) { bpf_trace_printk("Hello, World!\\n"); return 0; }
int kprobe__sys_clone3(void *ctx) { bpf_trace_printk("Hello, World!\\n"); return 0; }
`
    : `
TRACEPOINT_PROBE(syscalls, sys_enter_clone) { bpf_trace_printk("Hello, World!\\n"); return 0; }
TRACEPOINT_PROBE(syscalls, sys_enter_clone3) { bpf_trace_printk("Hello, World!\\n"); return 0; }
`;

const b = await BPF.create({ text });

// Copy trace_pipe to the terminal, line by line, until Ctrl-C.
await b.tracePrint();
