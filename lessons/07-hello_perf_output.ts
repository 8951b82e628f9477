import { defineLesson } from "../src/lesson/schema.ts";

// The C side fills one struct per event and submits it, instead of
// formatting text with bpf_trace_printk(); user space gets the same fields
// back, decoded, with no text parsing.
const text = `
#include <linux/sched.h>

// define output data structure in C
struct data_t {
    u32 pid;
    u64 ts;
    char comm[TASK_COMM_LEN];
};
// a PERF_EVENT_ARRAY map named events: one ring buffer per CPU
BPF_PERF_OUTPUT(events);

// ctx is a struct pt_regs * under a kprobe and the tracepoint's record
// under a tracepoint; hello() only hands it on to perf_submit().
int hello(void *ctx) {
    struct data_t data = {};

    data.pid = bpf_get_current_pid_tgid();
    data.ts = bpf_ktime_get_ns();
    bpf_get_current_comm(&data.comm, sizeof(data.comm));

    events.perf_submit(ctx, &data, sizeof(data));

    return 0;
}
`;

export default defineLesson({
  id: "hello_perf_output",
  number: 7,
  kind: "example",
  answer: "answers/07-hello_perf_output.ts",
  // One program: the variants differ in what the answer attaches hello() to.
  c: { original: text, portable: text },
  variants: [
    { name: "original", probe: "kprobe __x64_sys_clone", needs: ["kprobe", "perf_buffer"] },
    {
      name: "portable",
      probe: "tracepoints syscalls:sys_enter_clone and syscalls:sys_enter_clone3",
      needs: ["tracepoint:syscalls:sys_enter_clone", "tracepoint:syscalls:sys_enter_clone3", "perf_buffer"],
    },
  ],
  trigger: [{ kind: "exec", argv: ["/bin/true"], times: 5, gapMs: 50 }],
  expect: {
    header: ["TIME(s)            COMM             PID    MESSAGE"],
    lines: [
      {
        // Per-CPU rings are read one after the other, so an event can come
        // in after a later one from another CPU: its time may be negative.
        pattern: "^-?\\d+\\.\\d{9} +\\S.* +\\d+ +Hello, perf_output!$",
        example: "0.000305753        node             4242   Hello, perf_output!",
        min: 3,
      },
      {
        // Time counts from the first event.
        pattern: "^0\\.000000000 ",
        example: "0.000000000        node             4242   Hello, perf_output!",
        min: 1,
      },
    ],
  },
});
