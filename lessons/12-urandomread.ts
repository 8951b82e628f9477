import { defineLesson } from "../src/lesson/schema.ts";

// args's type comes from the tracepoint's format file, which bcc reads:
// /sys/kernel/tracing/events/<category>/<event>/format.
const original = `
// Kernels since 5.18 have no random:urandom_read, hence no format file for
// bcc to build args' type from. The answer then defines
// NO_URANDOM_READ_FORMAT, and the struct the old format file described is
// written out here: the program compiles (and loads), it just cannot attach.
#ifdef NO_URANDOM_READ_FORMAT
struct tracepoint__random__urandom_read {
    u64 __do_not_use__;   // the common_* fields: 8 bytes
    int got_bits;
    int pool_left;
    int input_left;
};
#endif

TRACEPOINT_PROBE(random, urandom_read) {
    // args is from /sys/kernel/tracing/events/random/urandom_read/format
    bpf_trace_printk("%d\\n", args->got_bits);
    return 0;
}
`;

const portable = `
TRACEPOINT_PROBE(syscalls, sys_exit_getrandom) {
    // args is from /sys/kernel/tracing/events/syscalls/sys_exit_getrandom/format
    // ret is the number of bytes given (or -errno): 8 bits each
    if (args->ret > 0)
        bpf_trace_printk("%ld\\n", args->ret * 8);
    return 0;
}
`;

export default defineLesson({
  id: "urandomread",
  number: 12,
  kind: "example",
  answer: "answers/12-urandomread.ts",
  c: { original, portable },
  variants: [
    {
      name: "original",
      probe: "tracepoint random:urandom_read",
      needs: ["tracepoint:random:urandom_read"],
      // Debian's changelog of linux 5.10.120-1 (bullseye-security, June 2022)
      // lists it under the 5.10.119 stable update; bullseye's pool has no
      // image older than 5.10.218.
      gone: "random:urandom_read removed in Linux 5.18 and in stable 5.10.119 (\"random: remove unused tracepoints\"; Debian bullseye from linux 5.10.120-1, June 2022)",
    },
    { name: "portable", probe: "tracepoint syscalls:sys_exit_getrandom", needs: ["tracepoint:syscalls:sys_exit_getrandom"] },
  ],
  // dd reads /dev/urandom with read(2): the original's tracepoint sees it.
  // getrandom(2) calls: the portable variant's tracepoint sees those.
  trigger: [
    { kind: "exec", argv: ["dd", "if=/dev/urandom", "of=/dev/null", "bs=8k", "count=5"] },
    { kind: "getrandom", bytes: 32, times: 3 },
  ],
  expect: {
    header: ["TIME(s)            COMM             PID    GOTBITS"],
    lines: [
      {
        pattern: "^\\d+\\.\\d{9} +\\S.* +\\d+ +\\d+$",
        example: "2067.633577000     python3          19502  256",
        min: 3,
      },
    ],
  },
});
