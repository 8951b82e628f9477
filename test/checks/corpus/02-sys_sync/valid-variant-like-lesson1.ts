// expect: pass
// why: picks the probe with lessonVariant() as the lessons do, kprobe__ where kprobes exist, tracePrint with a format function
import { BPF, lessonVariant } from "bcc-tutor";

const body = `{ bpf_trace_printk("sys_sync() called\\n"); return 0; }`;
const text = lessonVariant() === "original" ? `int kprobe__sys_sync(void *ctx) ${body}` : `TRACEPOINT_PROBE(syscalls, sys_enter_sync) ${body}`;

const b = new BPF({ text });
await b.ready;
console.log("Tracing sys_sync()... Ctrl-C to end.");
process.on("SIGINT", () => {
  b.close();
  process.exit(0);
});
await b.tracePrint((r) => `${r.ts.toFixed(3)} ${r.msg}`);
