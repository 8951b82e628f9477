// Lesson 7, hello_perf_output: say hello for every new process, but send
// each event to user space through a perf buffer instead of trace_pipe.
//
// Run it: npx tsx answers/07-hello_perf_output.ts   (then start a few
// commands in another terminal; Ctrl-C to end)
import { BPF, escapeTerminal, lessonVariant, type PerfEventArray } from "bcc-tutor";
import lesson from "../lessons/07-hello_perf_output.ts";

// The C program is kept with the lesson (lessons/07-hello_perf_output.ts).
// Its hello() fills one struct data_t per event (pid, ts, comm) and submits
// it to the BPF_PERF_OUTPUT map named events, instead of formatting text
// for trace_pipe; user space gets the same fields back, decoded, with no
// text parsing.
const text = lesson.c[lessonVariant()];

// What one event looks like on this side: u32 is a number, u64 a bigint,
// char[16] a string.
interface Data {
  pid: number;
  ts: bigint;
  comm: string;
}

const b = await BPF.create({ text });

// The tutorial probes the clone syscall with a kprobe (its kernel function
// is __x64_sys_clone on x86-64). Without kprobes,
// the syscall tracepoints see the same calls; modern libcs create
// processes and threads through clone3 as well, so watch both.
if (lessonVariant() === "original") {
  b.attachKprobe({ event: BPF.getSyscallFnname("clone"), fnName: "hello" });
} else {
  b.attachTracepoint({ tp: "syscalls:sys_enter_clone", fnName: "hello" });
  b.attachTracepoint({ tp: "syscalls:sys_enter_clone3", fnName: "hello" });
}

// header
console.log(`${"TIME(s)".padEnd(18)} ${"COMM".padEnd(16)} ${"PID".padEnd(6)} MESSAGE`);

// Times are shown from the first event on; ts is in nanoseconds.
let start = 0n;
const events = b.table<PerfEventArray<Data>>("events");
events.openPerfBuffer((event) => {
  if (start === 0n) start = event.ts;
  const time = (Number(event.ts - start) / 1e9).toFixed(9);
  // comm is whatever name the process gave itself: print it as data.
  const comm = escapeTerminal(event.comm, { keepNewlines: false });
  console.log(`${time.padEnd(18)} ${comm.padEnd(16)} ${String(event.pid).padEnd(6)} Hello, perf_output!`);
});

// Wait for events; each call delivers what has arrived to the callback.
// Ctrl-C ends the program (the binding detaches the probes first).
for (;;) await b.perfBufferPoll();
