// The BPF side of the event tests: one event per getpid() of the process
// whose pid is in `target`, numbered from 0 by `seq`. `decls` declares the
// output (and any counters); `submit` sends the event, with `pid` and `n`
// (its number) in scope.
export function getpidEventProgram(decls: string, submit: string): string {
  return `
struct event_t { u32 pid; u64 seq; char comm[16]; };
BPF_ARRAY(target, u32, 1);
BPF_ARRAY(seq, u64, 1);
${decls}
TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
  int zero = 0;
  u32 pid = bpf_get_current_pid_tgid() >> 32;
  u32 *t = target.lookup(&zero);
  if (!t || *t != pid) return 0;
  u64 *s = seq.lookup(&zero);
  if (!s) return 0;
  u64 n = __sync_fetch_and_add(s, 1);
  ${submit}
  return 0;
}`;
}

/** Fills `struct event_t ev` for event n; follow it with the submit call. */
export const FILL_EVENT = "struct event_t ev = {}; ev.pid = pid; ev.seq = n; bpf_get_current_comm(&ev.comm, sizeof(ev.comm));";

/** struct event_t as the binding decodes it. */
export type GetpidEvent = { pid: number; seq: bigint; comm: string };
