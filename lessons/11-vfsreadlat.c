/*
 * Lesson 11, vfsreadlat: the C half of answers/11-vfsreadlat.ts (the
 * lesson module, lessons/11-vfsreadlat.ts, names this file for it).
 *
 * do_entry() runs when a read starts and do_return() when it returns; the
 * time between the two goes into a log2 histogram of microseconds. The
 * TypeScript side attaches them: as a kprobe and a kretprobe on the kernel
 * function vfs_read() (the tutorial's program), or, on kernels without
 * kprobes, to the tracepoints at the entry and exit of the read() system
 * call. Neither function reads its context, so the same code serves both.
 */
#include <uapi/linux/ptrace.h>

BPF_HASH(start, u32);
BPF_HISTOGRAM(dist);

int do_entry(void *ctx)
{
	/* the lower 32 bits are the thread id: entry and return run in the
	   same thread, so it pairs them even when reads overlap */
	u32 tid = bpf_get_current_pid_tgid();
	u64 ts = bpf_ktime_get_ns();

	start.update(&tid, &ts);
	return 0;
}

int do_return(void *ctx)
{
	u32 tid = bpf_get_current_pid_tgid();
	u64 *tsp = start.lookup(&tid);

	if (tsp != 0) {
		u64 delta = bpf_ktime_get_ns() - *tsp;
		dist.increment(bpf_log2l(delta / 1000));
		start.delete(&tid);
	}
	return 0;
}
