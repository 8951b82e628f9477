import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { defineLesson } from "../src/lesson/schema.ts";

/** The lesson's C program, in its own file beside this module (the answer compiles it with srcFile). */
export const cFile = fileURLToPath(new URL("./16-task_switch.c", import.meta.url));
const text = fs.readFileSync(cFile, "utf8");

export default defineLesson({
  id: "task_switch",
  number: 16,
  kind: "example",
  answer: "answers/16-task_switch.ts",
  cFiles: ["lessons/16-task_switch.c"],
  // One file for both variants: they differ only in what the answer attaches.
  c: { original: text, portable: text },
  variants: [
    { name: "original", probe: "kprobe finish_task_switch (or finish_task_switch.isra.N)", needs: ["kprobe"] },
    { name: "portable", probe: "tracepoint sched:sched_switch", needs: ["tracepoint:sched:sched_switch"] },
  ],
  // The program sleeps about a second on its own, then prints and exits.
  trigger: [{ kind: "exec", argv: ["sleep", "0.1"], times: 3 }],
  stop: "exit",
  expect: {
    lines: [
      {
        pattern: "^task_switch\\[ *\\d+-> *\\d+\\]=\\d+$",
        example: "task_switch[ 4242->    0]=12",
        min: 3,
      },
    ],
    cleanExit: true,
  },
});
