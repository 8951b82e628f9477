// expect: pass
// why: explicit attachTracepoint on the exit tracepoint (fires once per sync too), message only
import { BPF } from "bcc-tutor";

const b = await BPF.create({
  text: `
int on_sync(void *ctx) {
    bpf_trace_printk("sys_sync() called\\n");
    return 0;
}`,
});
b.attachTracepoint({ tp: "syscalls:sys_exit_sync", fnName: "on_sync" });
console.log("Tracing sys_sync()... Ctrl-C to end.");

process.once("SIGINT", () => {
  b.close();
  process.exit(0);
});

for await (const { msg } of b.traceFields()) {
  console.log(msg);
}
