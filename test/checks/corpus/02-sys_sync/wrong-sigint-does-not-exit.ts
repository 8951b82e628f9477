// expect: fail clean-exit
// why: a SIGINT handler that only says goodbye replaces Node's default exit, so Ctrl-C no longer ends the program
import { BPF } from "bcc-tutor";

const b = await BPF.create({
  text: `TRACEPOINT_PROBE(syscalls, sys_enter_sync) { bpf_trace_printk("sys_sync() called\\n"); return 0; }`,
});
console.log("Tracing sys_sync()... Ctrl-C to end.");
process.on("SIGINT", () => {
  console.log("bye");
});
await b.tracePrint();
