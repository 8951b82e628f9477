// Lesson 16, task_switch: count context switches, keyed by the pair of
// threads (the one leaving the CPU, the one taking it).
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct key_t {
    u32 prev_pid;
    u32 curr_pid;
};

BPF_HASH(stats, struct key_t, u64, 1024);

// The original: a kprobe on finish_task_switch(struct task_struct *prev).
// After ctx, the parameters mirror the kernel function's own, and bcc
// turns prev->pid into a safe read of kernel memory. It runs on the new
// thread, so the current pid is the thread that was switched in.
int count_sched(struct pt_regs *ctx, struct task_struct *prev) {
    struct key_t key = {};
    u64 zero = 0, *val;

    key.curr_pid = bpf_get_current_pid_tgid();
    key.prev_pid = prev->pid;

    // could also use `stats.increment(key);`
    val = stats.lookup_or_try_init(&key, &zero);
    if (val) {
        (*val)++;
    }
    return 0;
}

// The portable one: the sched:sched_switch tracepoint. Given this type
// name, bcc builds the args struct from the format file, as it does for
// TRACEPOINT_PROBE. It runs before the switch, on the old thread, so both
// pids come from the record.
int count_sched_tp(struct tracepoint__sched__sched_switch *args) {
    struct key_t key = {};
    u64 zero = 0, *val;

    key.curr_pid = args->next_pid;
    key.prev_pid = args->prev_pid;

    val = stats.lookup_or_try_init(&key, &zero);
    if (val) {
        (*val)++;
    }
    return 0;
}
