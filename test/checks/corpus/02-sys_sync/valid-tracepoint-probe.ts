// expect: pass
// why: TRACEPOINT_PROBE on sys_enter_sync, trace_pipe printed with tracePrint, SIGINT handler exits 0
import { BPF } from "bcc-tutor";

const b = await BPF.create({
  text: `TRACEPOINT_PROBE(syscalls, sys_enter_sync) { bpf_trace_printk("sys_sync() called\\n"); return 0; }`,
});
console.log("Tracing sys_sync()... Ctrl-C to end.");
process.on("SIGINT", () => {
  b.close();
  process.exit(0);
});
await b.tracePrint();
