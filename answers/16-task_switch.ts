// Lesson 16, task_switch: count the kernel's task switches in a hash with
// struct keys, then read the hash from user space and print it.
//
// Run it: npx tsx answers/16-task_switch.ts   (it runs for about a second,
// prints the table and exits; Ctrl-C prints it early)
import { setTimeout as sleep } from "node:timers/promises";
import { BPF, lessonVariant, type HashTable } from "bcc-tutor";
import { cFile } from "../lessons/16-task_switch.ts";

// The C program is in its own file, lessons/16-task_switch.c; the lesson
// module gives its path.
const b = await BPF.create({ srcFile: cFile });

// The kernel may compile finish_task_switch into a renamed copy (for
// example finish_task_switch.isra.0), so match either name. Without
// kprobes, the scheduler's tracepoint sees every switch too.
if (lessonVariant() === "original") {
  b.attachKprobe({ eventRe: /^finish_task_switch(\.isra\.\d+)?$/, fnName: "count_sched" });
} else {
  b.attachTracepoint({ tp: "sched:sched_switch", fnName: "count_sched_tp" });
}

// Make some switches of our own: each short sleep gives the CPU away.
let interrupted = false;
process.on("SIGINT", () => {
  interrupted = true;
});
for (let i = 0; i < 100 && !interrupted; i++) await sleep(10);

// Keys come out as objects with the struct's fields, values as bigints.
const stats = b.table<HashTable<{ prev_pid: number; curr_pid: number }, bigint>>("stats");
for (const [k, v] of stats.items()) {
  console.log(`task_switch[${String(k.prev_pid).padStart(5)}->${String(k.curr_pid).padStart(5)}]=${v}`);
}
b.close();
