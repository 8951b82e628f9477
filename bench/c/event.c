// The event program of benchmarks 1 and 2 (the same text for node and python).
// One event per getpid() of the target process; `submitted` counts attempts,
// so delivered + lost must equal it.
struct event_t {
  u32 pid;
  u64 ts;
  char comm[16];
};
BPF_PERF_OUTPUT(events);
BPF_ARRAY(target, u32, 1);
BPF_ARRAY(submitted, u64, 1);

TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
  int zero = 0;
  u32 pid = bpf_get_current_pid_tgid() >> 32;
  u32 *t = target.lookup(&zero);
  if (!t || *t != pid) return 0;
  struct event_t ev = {};
  ev.pid = pid;
  ev.ts = bpf_ktime_get_ns();
  bpf_get_current_comm(&ev.comm, sizeof(ev.comm));
  events.perf_submit(args, &ev, sizeof(ev));
  u64 *s = submitted.lookup(&zero);
  if (s) __sync_fetch_and_add(s, 1);
  return 0;
}
