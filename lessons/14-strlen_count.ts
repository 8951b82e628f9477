import { defineLesson } from "../src/lesson/schema.ts";

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

// printf(1) calls strlen() once per "%s" argument: 1000 arguments are 1000
// known calls on a string no other program uses.
const MARKER = "bcc-tutor-strlen";

export default defineLesson({
  id: "strlen_count",
  number: 14,
  kind: "example",
  answer: "answers/14-strlen_count.ts",
  c: { original: text },
  variants: [{ name: "original", probe: "uprobe libc strlen (its IFUNC implementation)", needs: ["uprobe"] }],
  trigger: [
    { kind: "exec", argv: ["/usr/bin/printf", "%s\\n", ...Array<string>(1000).fill(MARKER)] },
    { kind: "exec", argv: ["/bin/ls", "/usr/bin"] },
    { kind: "exec", argv: ["/usr/bin/env"] },
    { kind: "exec", argv: ["/bin/sh", "-c", ":"], times: 3 },
  ],
  expect: {
    header: ["Tracing strlen()... Hit Ctrl-C to end.", "COUNT STRING"],
    lines: [
      { pattern: '^ *\\d+ ".*"$', example: '        12 "LC_ALL"', min: 3 },
      { pattern: `^ *[1-9]\\d{3,} "${MARKER}"$`, example: `      1000 "${MARKER}"`, min: 1 },
    ],
    cleanExit: true,
  },
});
