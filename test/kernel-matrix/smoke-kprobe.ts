// Self-check of the kernel-matrix harness from Node: compiles a kprobe with
// libbcc through koffi, attaches it to sys_sync, runs `sync` three times and
// reads the count from a BPF array. Needs a kernel with kprobes, so run it in
// the guest:
//   bash test/kernel-matrix/run-in-guest.sh -- node_modules/.bin/tsx test/kernel-matrix/smoke-kprobe.ts
// Prints "KPROBE_SMOKE_OK count=N" and exits 0, or says what failed and exits 1.
// Standalone on purpose: it checks the harness, not the project's binding.
import { execFileSync } from "node:child_process";
import koffi from "koffi";

const SYSCALL = "__x64_sys_sync";
const EVENT = `p_${SYSCALL}_kmsmoke_${process.pid}`;
const TEXT = `
BPF_ARRAY(counts, u64, 1);
int on_sync(void *ctx) {
  int key = 0;
  u64 *v = counts.lookup(&key);
  if (v) __sync_fetch_and_add(v, 1);
  return 0;
}
`;

function fail(what: string): never {
  console.error(`KPROBE_SMOKE_FAILED: ${what}`);
  process.exit(1);
}

// clang needs a big stack (see shared/reference/koffi-libbcc-notes.md).
koffi.config({ ...koffi.config(), sync_stack_size: 16 * 1024 * 1024, async_stack_size: 16 * 1024 * 1024 });
const lib = koffi.load("libbcc.so.0");
const createModule = lib.func(
  "void *bpf_module_create_c_from_string(const char *text, unsigned int flags, const char **cflags, int ncflags, bool allow_rlimit, const char *dev_name)",
);
const destroyModule = lib.func("void bpf_module_destroy(void *program)");
const fnStart = lib.func("void *bpf_function_start(void *program, const char *name)");
const fnSize = lib.func("size_t bpf_function_size(void *program, const char *name)");
const license = lib.func("const char *bpf_module_license(void *program)");
const kernVersion = lib.func("unsigned int bpf_module_kern_version(void *program)");
const funcLoad = lib.func(
  "int bcc_func_load(void *program, int prog_type, const char *name, void *insns, int prog_len, const char *license, unsigned int kern_version, int log_level, char *log_buf, unsigned int log_buf_size, const char *dev_name, int attach_type)",
);
const tableFd = lib.func("int bpf_table_fd(void *program, const char *table_name)");
const lookup = lib.func("int bpf_lookup_elem(int fd, void *key, void *value)");
const attachKprobe = lib.func(
  "int bpf_attach_kprobe(int progfd, int attach_type, const char *ev_name, const char *fn_name, uint64_t fn_offset, int maxactive)",
);
const detachKprobe = lib.func("int bpf_detach_kprobe(const char *ev_name)");
const close = koffi.load("libc.so.6").func("int close(int fd)");

const BPF_PROG_TYPE_KPROBE = 2;
const BPF_PROBE_ENTRY = 0;

const t0 = performance.now();
const mod: unknown = createModule(TEXT, 0, null, 0, true, null);
if (mod === null) fail("bpf_module_create_c_from_string returned NULL (see clang's errors above)");
const tCompiled = performance.now();
const progFd: number = funcLoad(
  mod, BPF_PROG_TYPE_KPROBE, "on_sync", fnStart(mod, "on_sync"), fnSize(mod, "on_sync"),
  license(mod), kernVersion(mod), 0, null, 0, null, -1,
);
if (progFd < 0) fail(`bcc_func_load returned ${progFd}`);
const perfFd: number = attachKprobe(progFd, BPF_PROBE_ENTRY, EVENT, SYSCALL, 0, 0);
if (perfFd < 0) fail(`bpf_attach_kprobe(${SYSCALL}) returned ${perfFd}: no kprobes in kernel ${process.env.KERNEL_MATRIX_KERNEL ?? "(host)"}?`);
const tAttached = performance.now();

try {
  for (let i = 0; i < 3; i++) execFileSync("sync");
  const key = Buffer.alloc(4);
  const value = Buffer.alloc(8);
  if (lookup(tableFd(mod, "counts"), key, value) !== 0) fail("bpf_lookup_elem on counts failed");
  const count = value.readBigUInt64LE(0);
  if (count < 3n) fail(`expected at least 3 sys_sync calls, counted ${count}`);
  console.log(
    `KPROBE_SMOKE_OK count=${count} compile=${Math.round(tCompiled - t0)}ms load+attach=${Math.round(tAttached - tCompiled)}ms`,
  );
} finally {
  detachKprobe(EVENT);
  close(perfFd);
  close(progFd);
  destroyModule(mod);
}
