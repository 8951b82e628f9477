// The binding's public API, as a library of its own: it imports nothing
// from outside src/bcc and reads no variable but bcc's (BCC_KERNEL_SOURCE)
// and BCC_LIBBCC_PATH. Supervisors observe it through CHANNELS.
export { BPF } from "./bpf.ts";
export type { BpfSource, BpfOptions, BpfFunction, UsdtContextLike } from "./bpf.ts";
export { USDT } from "./usdt.ts";
export type { UsdtProbeInfo } from "./usdt.ts";
export { TableBase } from "./table.ts";
export { HashTable, ArrayTable, PerCpuHash, PerCpuArray, StackTrace, QueueStack } from "./table-kinds.ts";
export { PerfEventArray } from "./perf-buffer.ts";
export type { PerfBufferOptions, PerfCallback } from "./perf-buffer.ts";
export { RingBuf } from "./ring-buffer.ts";
export { RawSocket } from "./raw-socket.ts";
export { formatLog2Hist, formatLinearHist, log2HistRows, linearHistRows } from "./hist.ts";
export type { TraceRecord } from "./trace-pipe.ts";
export { parseTraceLine } from "./trace-pipe.ts";
export { ProgType, MapType, Debug } from "./consts.ts";
export {
  BccError,
  BpfCompileError,
  BpfVerifierError,
  BpfLoadError,
  BpfAttachError,
  KprobesUnavailableError,
  BpfNotReadyError,
  BpfClosedError,
  LibbccMissingError,
} from "./errors.ts";
export type { Diagnostic } from "./errors.ts";
export { getSyscallFnname, fixSyscallFnname } from "./syscall.ts";
export { ksym, ksymname, sym } from "./symbols.ts";
export { escapeTerminal } from "./escape.ts";
export { hasCapability } from "./capabilities.ts";
export type { Capability } from "./capabilities.ts";
export { CHANNELS } from "./observe.ts";
export type { TableInfo, ProbeKind, ListenKind, ProbeMessage, ListenMessage, BpfLoadedMessage, ProgramLoadedMessage, StderrCaptureMessage, CompileMessage } from "./observe.ts";
export { tracepointExists } from "./tracefs.ts";
