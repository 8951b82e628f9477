// expect: pass
// why: a tracepoint__ function name attaches by itself; lines printed from traceFields() records
import { BPF } from "bcc-tutor";

const prog = `
int tracepoint__syscalls__sys_enter_sync(void *ctx) {
    bpf_trace_printk("sys_sync() called\\n");
    return 0;
}
`;
const b = new BPF({ text: prog });
await b.ready;
console.log("Tracing sys_sync()... Ctrl-C to end.");

let stopping = false;
process.on("SIGINT", () => {
  stopping = true;
  b.close();
});
for await (const rec of b.traceFields()) {
  if (stopping) break;
  console.log(`${rec.task}-${rec.pid} ${rec.ts.toFixed(6)}: ${rec.msg}`);
}
process.exit(0);
