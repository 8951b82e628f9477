// Lesson 14, strlen_count: a uprobe on the C library's strlen() counts the
// strings every process on the machine measures; Ctrl-C prints the counts.
//
// Run it: npx tsx answers/14-strlen_count.ts   (use the machine for a few
// seconds, e.g. run `ls` in another terminal; Ctrl-C to end)
import { BPF, escapeTerminal, type HashTable } from "bcc-tutor";
import lesson from "../lessons/14-strlen_count.ts";

// The C program is kept with the lesson (lessons/14-strlen_count.ts). Its
// count() copies the string strlen() was given (PT_REGS_PARM1) into a
// struct key_t and adds one to that string's count in the BPF_HASH named
// counts.
const text = lesson.c.original;

const b = await BPF.create({ text });
// "c" is the C library. strlen is an IFUNC there: the binding attaches to
// the implementation this CPU really runs, not to the resolver.
b.attachUprobe({ name: "c", sym: "strlen", fnName: "count" });

console.log("Tracing strlen()... Hit Ctrl-C to end.");

// Ctrl-C: print the table, then exit (without this handler, Node would
// end the program on the signal before anything was printed).
process.on("SIGINT", () => {
  // Every [key, value] pair, sorted by count: the most frequent last.
  const counts = b.table<HashTable<{ c: string }, bigint>>("counts");
  const rows = counts.items().sort(([, x], [, y]) => (x < y ? -1 : x > y ? 1 : 0));

  const lines = ["", `${"COUNT".padStart(10)} STRING`];
  for (const [key, value] of rows) {
    // The strings come from other programs: escape control characters
    // (a shell prompt, for one, holds a terminal-title escape sequence),
    // newlines included, so that each string stays on its own row.
    lines.push(`${String(value).padStart(10)} "${escapeTerminal(key.c, { keepNewlines: false })}"`);
  }
  b.close();
  // The table can be long: exit once stdout has taken all of it (when
  // stdout is a pipe, process.exit() right away could cut it short).
  process.stdout.write(`${lines.join("\n")}\n`, () => process.exit(0));
});

// Nothing to do until Ctrl-C: a timer keeps Node running meanwhile.
setInterval(() => {}, 60_000);
