// expect: fail lines-match-workload
// why: waits for the first record only, prints it and stops reading: later syncs are missed
import { BPF } from "bcc-tutor";

const b = await BPF.create({
  text: `TRACEPOINT_PROBE(syscalls, sys_enter_sync) { bpf_trace_printk("sys_sync() called\\n"); return 0; }`,
});
console.log("Tracing sys_sync()... Ctrl-C to end.");
process.on("SIGINT", () => {
  b.close();
  process.exit(0);
});
for await (const rec of b.traceFields()) {
  console.log(rec.msg);
  break;
}
await new Promise(() => {});
