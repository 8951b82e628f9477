import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { defineLesson } from "../src/lesson/schema.ts";

/** The lesson's C program, in its own file beside this module (the answer compiles it with srcFile). */
export const cFile = fileURLToPath(new URL("./11-vfsreadlat.c", import.meta.url));
const text = fs.readFileSync(cFile, "utf8");

export default defineLesson({
  id: "vfsreadlat",
  number: 11,
  kind: "example",
  answer: "answers/11-vfsreadlat.ts",
  cFiles: ["lessons/11-vfsreadlat.c"],
  // One file for both variants: they differ only in what the answer attaches.
  c: { original: text, portable: text },
  variants: [
    { name: "original", probe: "kprobe and kretprobe vfs_read", needs: ["kprobe"] },
    {
      name: "portable",
      probe: "tracepoints syscalls:sys_enter_read and syscalls:sys_exit_read",
      needs: ["tracepoint:syscalls:sys_enter_read", "tracepoint:syscalls:sys_exit_read"],
    },
  ],
  // Three one-second histograms; reads all along the three seconds.
  args: ["1", "3"],
  trigger: [{ kind: "exec", argv: ["dd", "if=/dev/zero", "of=/dev/null", "bs=4k", "count=200", "status=none"], times: 10, gapMs: 250 }],
  stop: "exit",
  expect: {
    header: ["Tracing... Hit Ctrl-C to end."],
    lines: [
      { pattern: "^\\s+usecs\\s+: count\\s+distribution$", example: "     usecs               : count     distribution", min: 3 },
    ],
    predicates: ["histogram-nonzero"],
    cleanExit: true,
  },
});
