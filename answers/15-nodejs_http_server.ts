// Lesson 15, nodejs_http_server: a USDT probe in a running HTTP server
// reports the path of every request it serves.
//
// Run it: /var/cache/bcc-tutor/bin/usdt-http-server 8080 &   (the project's
// stand-in for a dtrace-enabled Node.js, built by `sudo bcc-tutor setup`;
// it prints its pid), then
//         npx tsx answers/15-nodejs_http_server.ts PID
// and fetch a few pages: curl http://127.0.0.1:8080/index.html. Ctrl-C to end.
import { BPF, USDT, escapeTerminal } from "bcc-tutor";
import lesson from "../lessons/15-nodejs_http_server.ts";

const arg = process.argv[2];
if (arg === undefined || !/^[1-9]\d*$/.test(arg)) {
  console.error("USAGE: npx tsx answers/15-nodejs_http_server.ts PID");
  process.exit(1);
}
const pid = Number(arg);

// The C program is kept with the lesson (lessons/15-nodejs_http_server.ts).
// Its do_trace() reads the probe's sixth argument, the URL, with
// bpf_usdt_readarg(), copies the string from the server's memory and prints
// it to trace_pipe as "path:<url>".
const text = lesson.c.original;

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
