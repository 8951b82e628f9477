// Lesson 14, strlen_count: a uprobe on the C library's strlen() counts the
// strings every process on the machine measures; Ctrl-C prints the counts.
//
// Run it: npx tsx answers/14-strlen_count.ts   (use the machine for a few
// seconds, e.g. run `ls` in another terminal; Ctrl-C to end)
import { BPF, escapeTerminal, type HashTable } from "bcc-tutor";

const text = `
#include <uapi/linux/ptrace.h>

struct key_t {
    char c[80];
};
BPF_HASH(counts, struct key_t);

int count(struct pt_regs *ctx) {
    // strlen(NULL) would crash the caller anyway: nothing to count
    if (!PT_REGS_PARM1(ctx))
        return 0;

    struct key_t key = {};
    u64 zero = 0, *val;

    // The argument points into the traced process's memory: copy the
    // string into the key, up to 79 bytes and its NUL. The tutorial used
    // bpf_probe_read_user(), which copies all 80 bytes, whatever follows
    // the NUL too, so one string could count under several keys; the _str
    // helper stops at the NUL, and the rest of the key stays zero.
    bpf_probe_read_user_str(&key.c, sizeof(key.c), (void *)PT_REGS_PARM1(ctx));
    // The string's count, created at zero the first time; NULL once the
    // hash is full (10240 entries by default). counts.increment(key)
    // would do the same in one call.
    val = counts.lookup_or_try_init(&key, &zero);
    if (val) {
        (*val)++;
    }
    return 0;
}
`;

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
