// Benchmark 4: a hash map filled from user space and iterated.
BPF_HASH(counts, u32, u64, 10240);
