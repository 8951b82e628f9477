// expect: fail lines-match-workload
// why: prints "sys_sync called" without the parentheses the lesson asks for
import { BPF } from "bcc-tutor";

const b = await BPF.create({
  text: `TRACEPOINT_PROBE(syscalls, sys_enter_sync) { bpf_trace_printk("sys_sync called\\n"); return 0; }`,
});
console.log("Tracing sys_sync()... Ctrl-C to end.");
process.on("SIGINT", () => {
  b.close();
  process.exit(0);
});
await b.tracePrint();
