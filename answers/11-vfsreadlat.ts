// Lesson 11, vfsreadlat: how long reads take, as a histogram printed every
// interval. The BPF program is C in its own file, lessons/11-vfsreadlat.c.
//
// Run it: npx tsx answers/11-vfsreadlat.ts [interval [count]]
//   interval: seconds between histograms (default 5)
//   count:    how many to print before exiting (default: until Ctrl-C)
import { BPF, lessonVariant } from "bcc-tutor";
import { cFile } from "../lessons/11-vfsreadlat.ts";

function usage(): never {
  console.error("usage: vfsreadlat [interval [count]]");
  process.exit(1);
}

const [intervalArg = "5", countArg = "-1"] = process.argv.slice(2);
const interval = Number(intervalArg);
const count = Number(countArg);
if (!Number.isInteger(interval) || interval <= 0 || !Number.isInteger(count)) usage();

// srcFile compiles a C file instead of a string; the lesson module gives
// its path. (A relative srcFile that is not in the current folder is looked
// up beside the script, as python bcc does.)
const b = new BPF({ srcFile: cFile });
await b.ready;

if (lessonVariant() === "original") {
  // do_entry when vfs_read() is called, do_return when it returns
  b.attachKprobe({ event: "vfs_read", fnName: "do_entry" });
  b.attachKretprobe({ event: "vfs_read", fnName: "do_return" });
} else {
  // No kprobes here: time the read() system call from its entry to its exit
  b.attachTracepoint({ tp: "syscalls:sys_enter_read", fnName: "do_entry" });
  b.attachTracepoint({ tp: "syscalls:sys_exit_read", fnName: "do_return" });
}

console.log("Tracing... Hit Ctrl-C to end.");

// Ctrl-C cuts the current interval short: its histogram is still printed.
let interrupted = false;
let wake = () => {};
process.on("SIGINT", () => {
  interrupted = true;
  wake();
});
const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

const dist = b.table("dist");
for (let n = 1; count < 0 || n <= count; n++) {
  await sleep(interval * 1000);
  console.log();
  dist.printLog2Hist("usecs");
  // start the next interval from zero
  dist.clear();
  if (interrupted) break;
}

b.close();
process.exit(0);
