// Benchmark 3: a lesson-sized program (the tutorial's sync_perf_output lesson,
// tracepoint flavour): a kernel header, a hash, a perf buffer, two probes.
#include <linux/sched.h>

struct data_t {
  u32 pid;
  u64 ts;
  u64 delta;
  char comm[TASK_COMM_LEN];
};
BPF_HASH(last, u32, u64);
BPF_PERF_OUTPUT(events);
BPF_HISTOGRAM(dist);

TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
  struct data_t data = {};
  u32 key = 0;
  u64 *tsp, ts = bpf_ktime_get_ns();
  tsp = last.lookup(&key);
  if (tsp != NULL) {
    data.delta = ts - *tsp;
    if (data.delta < 1000000000ULL) {
      data.pid = bpf_get_current_pid_tgid() >> 32;
      data.ts = ts / 1000;
      bpf_get_current_comm(&data.comm, sizeof(data.comm));
      events.perf_submit(args, &data, sizeof(data));
      dist.increment(bpf_log2l(data.delta / 1000));
    }
    last.delete(&key);
  }
  last.update(&key, &ts);
  return 0;
}

TRACEPOINT_PROBE(sched, sched_process_exit) {
  u32 key = 0;
  last.delete(&key);
  return 0;
}
