// koffi declarations of the libbcc 0.26 functions the binding uses, written
// from /usr/include/bcc/*.h. One place for every prototype, as RbBCC's clib.
// Nothing is loaded at import: libbcc and libc are each opened on the first
// call of one of their functions, so modules that only decode or format
// (type codec, histograms) import on a machine without libbcc, or unprivileged.
import koffi, { type LibraryHandle } from "koffi";

type KoffiFunction = ReturnType<LibraryHandle["func"]>;
import { LibbccMissingError } from "./errors.ts";

const MiB = 1024 * 1024;

// clang needs far more stack than koffi's 128 KiB default: an async compile
// segfaults without this. koffi takes it only before its first load of any
// library, so it is set at import (which loads nothing).
(function configureStacks(): void {
  const cur = koffi.config();
  if ((cur.sync_stack_size ?? 0) >= 16 * MiB && (cur.async_stack_size ?? 0) >= 16 * MiB) return;
  try {
    koffi.config({ ...cur, sync_stack_size: 16 * MiB, async_stack_size: 16 * MiB });
  } catch {
    process.emitWarning("koffi loaded a library before this binding was imported, so its stacks stay small and compiling C may crash: import the binding first", "BccKoffiWarning");
  }
})();

function open(name: string, hint: string): LibraryHandle {
  try {
    return koffi.load(name);
  } catch (err) {
    throw new LibbccMissingError(name, hint, err);
  }
}

let bccHandle: LibraryHandle | undefined;
let libcHandle: LibraryHandle | undefined;

/** Opens libbcc now (it opens by itself on first use); throws LibbccMissingError with what to install. BCC_LIBBCC_PATH names another build. */
export function loadLibbcc(): LibraryHandle {
  return (bccHandle ??= open(process.env.BCC_LIBBCC_PATH || "libbcc.so.0", "install bcc's library (Debian and Ubuntu: apt-get install libbpfcc libbpfcc-dev), or set BCC_LIBBCC_PATH to a libbcc.so"));
}

function loadLibc(): LibraryHandle {
  if (!libcHandle) {
    libcHandle = open("libc.so.6", "this system has no glibc");
    // Compiles run on koffi's worker thread; glibc gives that thread a malloc
    // arena of its own, which clang's allocations fault in afresh. Measured
    // (bench/, compile + load + attach vs python): 1.12-1.21x with per-thread
    // arenas, median 1.02x (0.87-1.09x, 5 runs) with one. M_ARENA_MAX is -8.
    // libbcc opens after libc (lib below), so this is set before any compile.
    libcHandle.func("int mallopt(int param, int value)")(-8, 1);
  }
  return libcHandle;
}

/** An object whose properties are declared (and their library opened) on first use. */
function lazy<T extends Record<string, string>>(load: () => LibraryHandle, protos: T): { readonly [K in keyof T]: KoffiFunction } {
  const out = {} as { [K in keyof T]: KoffiFunction };
  for (const [key, proto] of Object.entries(protos)) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const fn = load().func(proto);
        Object.defineProperty(out, key, { value: fn, enumerable: true });
        return fn;
      },
    });
  }
  return out;
}

export const BccSymbol = koffi.struct("bcc_symbol", {
  name: "const char *",
  demangle_name: "const char *",
  module: "const char *",
  offset: "uint64_t",
});
// The same layout with raw pointers, for bcc_resolve_symname: its module
// string is allocated by bcc and must be freed with bcc_procutils_free.
export const BccSymbolRaw = koffi.struct("bcc_symbol_raw", {
  name: "void *",
  demangle_name: "void *",
  module: "void *",
  offset: "uint64_t",
});
export const BccSymbolOption = koffi.struct("bcc_symbol_option", {
  use_debug_file: "int",
  check_debug_file_crc: "int",
  lazy_symbolize: "int",
  use_symbol_type: "uint32_t",
});
export const BccUsdt = koffi.struct("bcc_usdt", {
  provider: "const char *",
  name: "const char *",
  bin_path: "const char *",
  semaphore: "uint64_t",
  num_locations: "int",
  num_arguments: "int",
  semaphore_offset: "uint64_t",
});

export const UsdtUprobeCb = koffi.proto("void bcc_usdt_uprobe_cb(const char *binpath, const char *fn_name, uint64_t addr, int pid)");
export const UsdtProbeCb = koffi.proto("void bcc_usdt_cb(bcc_usdt *probe)");
export const SymCb = koffi.proto("int SYM_CB(const char *symname, uint64_t addr)");

export const lib = lazy(() => {
  loadLibc();
  return loadLibbcc();
}, {
  // bcc_common.h: module life cycle and introspection
  bpf_module_create_c_from_string: "void *bpf_module_create_c_from_string(const char *text, unsigned int flags, const char **cflags, int ncflags, bool allow_rlimit, const char *dev_name)",
  bpf_module_destroy: "void bpf_module_destroy(void *program)",
  bpf_module_license: "const char *bpf_module_license(void *program)",
  bpf_module_kern_version: "unsigned int bpf_module_kern_version(void *program)",
  bpf_num_functions: "size_t bpf_num_functions(void *program)",
  bpf_function_name: "const char *bpf_function_name(void *program, size_t id)",
  bpf_function_start: "void *bpf_function_start(void *program, const char *name)",
  bpf_function_size: "size_t bpf_function_size(void *program, const char *name)",
  bpf_num_tables: "size_t bpf_num_tables(void *program)",
  bpf_table_id: "size_t bpf_table_id(void *program, const char *table_name)",
  bpf_table_fd: "int bpf_table_fd(void *program, const char *table_name)",
  bpf_table_fd_id: "int bpf_table_fd_id(void *program, size_t id)",
  bpf_table_name: "const char *bpf_table_name(void *program, size_t id)",
  bpf_table_type_id: "int bpf_table_type_id(void *program, size_t id)",
  bpf_table_max_entries_id: "size_t bpf_table_max_entries_id(void *program, size_t id)",
  bpf_table_flags_id: "int bpf_table_flags_id(void *program, size_t id)",
  bpf_table_key_desc: "const char *bpf_table_key_desc(void *program, const char *table_name)",
  bpf_table_leaf_desc: "const char *bpf_table_leaf_desc(void *program, const char *table_name)",
  bpf_table_key_size: "size_t bpf_table_key_size(void *program, const char *table_name)",
  bpf_table_leaf_size: "size_t bpf_table_leaf_size(void *program, const char *table_name)",
  bpf_perf_event_fields: "size_t bpf_perf_event_fields(void *program, const char *event)",
  bpf_perf_event_field: "const char *bpf_perf_event_field(void *program, const char *event, size_t i)",
  bcc_func_load: "int bcc_func_load(void *program, int prog_type, const char *name, const void *insns, int prog_len, const char *license, unsigned int kern_version, int log_level, char *log_buf, unsigned int log_buf_size, const char *dev_name, int attach_type)",

  // libbpf.h: maps
  bpf_update_elem: "int bpf_update_elem(int fd, void *key, void *value, unsigned long long flags)",
  bpf_lookup_elem: "int bpf_lookup_elem(int fd, void *key, void *value)",
  bpf_delete_elem: "int bpf_delete_elem(int fd, void *key)",
  bpf_get_first_key: "int bpf_get_first_key(int fd, void *key, size_t key_size)",
  bpf_get_next_key: "int bpf_get_next_key(int fd, void *key, void *next_key)",
  bpf_lookup_and_delete: "int bpf_lookup_and_delete(int fd, void *key, void *value)",
  bpf_lookup_batch: "int bpf_lookup_batch(int fd, uint32_t *in_batch, uint32_t *out_batch, void *keys, void *values, uint32_t *count)",
  bpf_lookup_and_delete_batch: "int bpf_lookup_and_delete_batch(int fd, uint32_t *in_batch, uint32_t *out_batch, void *keys, void *values, uint32_t *count)",
  bpf_update_batch: "int bpf_update_batch(int fd, void *keys, void *values, uint32_t *count)",
  bpf_delete_batch: "int bpf_delete_batch(int fd, void *keys, uint32_t *count)",

  // libbpf.h: attach and detach
  bpf_attach_kprobe: "int bpf_attach_kprobe(int progfd, int attach_type, const char *ev_name, const char *fn_name, uint64_t fn_offset, int maxactive)",
  bpf_detach_kprobe: "int bpf_detach_kprobe(const char *ev_name)",
  bpf_attach_uprobe: "int bpf_attach_uprobe(int progfd, int attach_type, const char *ev_name, const char *binary_path, uint64_t offset, int pid, uint32_t ref_ctr_offset)",
  bpf_detach_uprobe: "int bpf_detach_uprobe(const char *ev_name)",
  bpf_attach_tracepoint: "int bpf_attach_tracepoint(int progfd, const char *tp_category, const char *tp_name)",
  bpf_detach_tracepoint: "int bpf_detach_tracepoint(const char *tp_category, const char *tp_name)",
  bpf_attach_raw_tracepoint: "int bpf_attach_raw_tracepoint(int progfd, const char *tp_name)",
  bpf_close_perf_event_fd: "int bpf_close_perf_event_fd(int fd)",
  bpf_open_raw_sock: "int bpf_open_raw_sock(const char *name)",
  bpf_attach_socket: "int bpf_attach_socket(int sockfd, int progfd)",
  bpf_has_kernel_btf: "bool bpf_has_kernel_btf()",

  // perf and ring buffers

  // bcc_usdt.h
  bcc_usdt_new_frompid: "void *bcc_usdt_new_frompid(int pid, const char *path)",
  bcc_usdt_new_frompath: "void *bcc_usdt_new_frompath(const char *path)",
  bcc_usdt_close: "void bcc_usdt_close(void *usdt)",
  bcc_usdt_enable_probe: "int bcc_usdt_enable_probe(void *usdt, const char *probe, const char *fn_name)",
  bcc_usdt_enable_fully_specified_probe: "int bcc_usdt_enable_fully_specified_probe(void *usdt, const char *provider, const char *probe, const char *fn_name)",
  bcc_usdt_genargs: "const char *bcc_usdt_genargs(void **ctx_array, int len)",
  bcc_usdt_foreach_uprobe: "void bcc_usdt_foreach_uprobe(void *usdt, bcc_usdt_uprobe_cb *callback)",
  bcc_usdt_foreach: "void bcc_usdt_foreach(void *usdt, bcc_usdt_cb *callback)",

  // bcc_syms.h / bcc_proc.h
  bcc_symcache_new: "void *bcc_symcache_new(int pid, bcc_symbol_option *option)",
  bcc_free_symcache: "void bcc_free_symcache(void *symcache, int pid)",
  // sym is memory of our own (koffi.alloc), so the demangled name's pointer survives for the free.
  bcc_symcache_resolve: "int bcc_symcache_resolve(void *symcache, uint64_t addr, void *sym)",
  bcc_symcache_resolve_no_demangle: "int bcc_symcache_resolve_no_demangle(void *symcache, uint64_t addr, void *sym)",
  bcc_symbol_free_demangle_name: "void bcc_symbol_free_demangle_name(void *sym)",
  bcc_symcache_resolve_name: "int bcc_symcache_resolve_name(void *resolver, const char *module, const char *name, _Out_ uint64_t *addr)",
  bcc_resolve_symname: "int bcc_resolve_symname(const char *module, const char *symname, uint64_t addr, int pid, bcc_symbol_option *option, _Out_ bcc_symbol_raw *sym)",
  bcc_procutils_which_so: "void *bcc_procutils_which_so(const char *libname, int pid)" /* void *: the caller frees it */,
  bcc_procutils_free: "void bcc_procutils_free(void *ptr)",
  bcc_foreach_function_symbol: "int bcc_foreach_function_symbol(const char *module, SYM_CB *cb)",
});

// libc: fd juggling for capturing libbcc's stderr, dlsym for IFUNCs, and
// perf_event_open + mmap for reading perf rings from JS.
export const libcFns = lazy(loadLibc, {
  perf_event_open: "long syscall(long nr, void *attr, int pid, int cpu, int group_fd, unsigned long flags)",
  mmap: "void *mmap(void *addr, size_t length, int prot, int flags, int fd, long offset)",
  munmap: "int munmap(void *addr, size_t length)",
  malloc_trim: "int malloc_trim(size_t pad)",
  getpagesize: "int getpagesize(void)",
  memfd_create: "int memfd_create(const char *name, unsigned int flags)",
  // fcntl is variadic; its third argument is an int for F_DUPFD_CLOEXEC, passed the same way.
  fcntl: "int fcntl(int fd, int cmd, int arg)",
  dup2: "int dup2(int oldfd, int newfd)",
  close: "int close(int fd)",
  fflush: "int fflush(void *stream)",
  dlopen: "void *dlopen(const char *filename, int flags)",
  dlsym: "void *dlsym(void *handle, const char *symbol)",
});
