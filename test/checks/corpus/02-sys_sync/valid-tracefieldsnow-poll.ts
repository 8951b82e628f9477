// expect: pass
// why: polls traceFieldsNow() on a timer instead of an async loop
import { BPF } from "bcc-tutor";

const b = await BPF.create({
  text: `TRACEPOINT_PROBE(syscalls, sys_enter_sync) { bpf_trace_printk("sys_sync() called\\n"); return 0; }`,
});
console.log("Tracing sys_sync()... Ctrl-C to end.");

const timer = setInterval(() => {
  for (let rec = b.traceFieldsNow(); rec; rec = b.traceFieldsNow()) console.log(rec.msg);
}, 50);

process.on("SIGINT", () => {
  clearInterval(timer);
  b.close();
  process.exit(0);
});
