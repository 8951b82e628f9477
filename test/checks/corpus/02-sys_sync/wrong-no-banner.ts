// expect: fail banner
// why: forgot the start banner
import { BPF } from "bcc-tutor";

const b = await BPF.create({
  text: `TRACEPOINT_PROBE(syscalls, sys_enter_sync) { bpf_trace_printk("sys_sync() called\\n"); return 0; }`,
});
process.on("SIGINT", () => {
  b.close();
  process.exit(0);
});
await b.tracePrint();
