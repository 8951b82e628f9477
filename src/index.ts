// The public API of the bcc-tutor binding: `import { BPF } from "bcc-tutor"`.
export { BPF } from "./bcc/bpf.ts";
export type { BpfSource, BpfOptions, BpfFunction, UsdtContextLike } from "./bcc/bpf.ts";
export { USDT } from "./bcc/usdt.ts";
export type { UsdtProbeInfo } from "./bcc/usdt.ts";
export { TableBase } from "./bcc/table.ts";
export { HashTable, ArrayTable, PerCpuHash, PerCpuArray, StackTrace, QueueStack } from "./bcc/table-kinds.ts";
export { PerfEventArray } from "./bcc/perf-buffer.ts";
export type { PerfBufferOptions, PerfCallback } from "./bcc/perf-buffer.ts";
export { RingBuf } from "./bcc/ring-buffer.ts";
export { RawSocket } from "./bcc/raw-socket.ts";
export { formatLog2Hist, formatLinearHist, log2HistRows, linearHistRows } from "./bcc/hist.ts";
export type { TraceRecord } from "./bcc/trace-pipe.ts";
export { parseTraceLine } from "./bcc/trace-pipe.ts";
export { ProgType, MapType, Debug } from "./bcc/consts.ts";
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
} from "./bcc/errors.ts";
export type { Diagnostic } from "./bcc/errors.ts";
export { getSyscallFnname, fixSyscallFnname } from "./bcc/syscall.ts";
export { ksym, ksymname, sym } from "./bcc/symbols.ts";
export { escapeTerminal } from "./util/escape.ts";
export { hasCapability } from "./bcc/capabilities.ts";
export type { Capability } from "./bcc/capabilities.ts";
export { lessonVariant } from "./lesson/lesson-variant.ts";
export type { VariantName } from "./lesson/lesson-variant.ts";
export { CHANNELS } from "./bcc/observe.ts";
export type { TableInfo, ProbeKind, ListenKind, ProbeMessage, ListenMessage, BpfLoadedMessage, ProgramLoadedMessage, StderrCaptureMessage } from "./bcc/observe.ts";
export { tracepointExists } from "./bcc/tracefs.ts";
