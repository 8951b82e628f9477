// Lesson 2, sys_sync (exercise): print "sys_sync() called" every time
// sync() runs, with a banner at start, and end cleanly on Ctrl-C.
import { BPF, lessonVariant } from "bcc-tutor";

// kprobe__ functions attach themselves to the kernel function they name;
// on a kernel without kprobes, the sync syscall's tracepoint does the same.
const text =
  lessonVariant() === "original"
    ? `int kprobe__sys_sync(void *ctx) { bpf_trace_printk("sys_sync() called\\n"); return 0; }`
    : `TRACEPOINT_PROBE(syscalls, sys_enter_sync) { bpf_trace_printk("sys_sync() called\\n"); return 0; }`;

const b = await BPF.create({ text });
console.log("Tracing sys_sync()... Ctrl-C to end.");

// Our own SIGINT handler replaces Node's default "die": detach and exit 0.
process.on("SIGINT", () => {
  b.close();
  process.exit(0);
});

await b.tracePrint();
