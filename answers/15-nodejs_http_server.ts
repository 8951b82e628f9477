// Lesson 15, nodejs_http_server: a USDT probe in a running HTTP server
// reports the path of every request it serves.
//
// Run it: build/usdt-http-server 8080 &   (the project's stand-in for a
// dtrace-enabled Node.js; it prints its pid), then
//         npx tsx answers/15-nodejs_http_server.ts PID
// and fetch a few pages: curl http://127.0.0.1:8080/index.html. Ctrl-C to end.
import { BPF, USDT, escapeTerminal } from "bcc-tutor";

const arg = process.argv[2];
if (arg === undefined || !/^[1-9]\d*$/.test(arg)) {
  console.error("USAGE: npx tsx answers/15-nodejs_http_server.ts PID");
  process.exit(1);
}
const pid = Number(arg);

const text = `
#include <uapi/linux/ptrace.h>

int do_trace(struct pt_regs *ctx) {
    uint64_t addr;
    char path[128] = {0};
    // argument 6 of http__server__request is the URL: a pointer into the
    // server's memory, which we copy (as a string) onto the BPF stack
    bpf_usdt_readarg(6, ctx, &addr);
    bpf_probe_read_user_str(&path, sizeof(path), (void *)addr);
    bpf_trace_printk("path:%s\\n", path);
    return 0;
}
`;

// The USDT context reads the probe notes of the process's binaries; the
// probe fires do_trace() at every place the server's code reaches it.
const u = new USDT({ pid });
u.enableProbe({ probe: "http__server__request", fnName: "do_trace" });
if (process.env.DEBUG) {
  // bcc generates the C that bpf_usdt_readarg() expands to: have a look
  console.error(u.getText());
}

// Passing the context makes new BPF compile those helpers in and attach
// the uprobes at the probe's addresses.
const b = await BPF.create({ text, usdtContexts: [u] });

console.log(`${"TIME(s)".padEnd(18)} ${"COMM".padEnd(16)} ${"PID".padEnd(6)} ARGS`);
for await (const { ts, task, pid: tid, msg } of b.traceFields()) {
  // the path came over the network: print it as data
  console.log(`${ts.toFixed(9).padEnd(18)} ${escapeTerminal(task).padEnd(16)} ${String(tid).padEnd(6)} ${escapeTerminal(msg)}`);
}
