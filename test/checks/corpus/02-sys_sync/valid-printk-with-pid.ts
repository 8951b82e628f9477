// expect: pass
// why: the message carries extra data (the caller's pid); each line still says sys_sync() called
import { BPF } from "bcc-tutor";

const text = `
TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    bpf_trace_printk("sys_sync() called by pid %d\\n", pid);
    return 0;
}`;

const bpf = await BPF.create({ text });
console.log("Tracing sys_sync()... Ctrl-C to end.");
process.on("SIGINT", () => {
  bpf.close();
  process.exit(0);
});
for await (const ev of bpf.traceFields()) {
  console.log(`[${ev.cpu}] ${ev.task} ${ev.msg}`);
}
