// expect: fail lines-match-workload
// why: traces fsync, not sync: the sync command never calls it, so nothing is printed
import { BPF } from "bcc-tutor";

const b = await BPF.create({
  text: `TRACEPOINT_PROBE(syscalls, sys_enter_fsync) { bpf_trace_printk("sys_sync() called\\n"); return 0; }`,
});
console.log("Tracing sys_sync()... Ctrl-C to end.");
process.on("SIGINT", () => {
  b.close();
  process.exit(0);
});
await b.tracePrint();
