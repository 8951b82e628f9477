// libbcc writes clang diagnostics and verifier logs straight to fd 2, which
// would tear a full-screen terminal UI. While a capture is open, fd 2 points
// at a memfd; nested captures share it and each reads its own slice.
import fs from "node:fs";
import { libcFns } from "./clib.ts";
import { publish } from "./observe.ts";

const MFD_CLOEXEC = 1;
const F_DUPFD_CLOEXEC = 1030;

interface Active {
  memfd: number;
  saved: number;
  depth: number;
}
let active: Active | undefined;

export interface Capture {
  /** Restores fd 2 (when this is the outermost capture) and returns what was written since start. */
  stop(): string;
}

export function captureStderr(): Capture {
  libcFns.fflush(null);
  if (!active) {
    // An observer may ask for a file it can read even if LLVM aborts the
    // process mid-compile (it does for an oversized stack).
    const { file } = publish("stderrCapture", { file: undefined as string | undefined });
    const memfd = file ? fs.openSync(file, "w+") : (libcFns.memfd_create("bcc-tutor-stderr", MFD_CLOEXEC) as number);
    if (memfd < 0) return { stop: () => "" }; // cannot capture: let it through rather than fail
    // Close-on-exec: a process spawned while a compile runs (the tutor
    // starts lessons beside its own compiles) must not inherit this copy of
    // stderr; a detached grandchild holding it kept `check` from ending.
    const saved = libcFns.fcntl(2, F_DUPFD_CLOEXEC, 3) as number;
    if (saved < 0) {
      if (!file) libcFns.close(memfd);
      else fs.closeSync(memfd);
      return { stop: () => "" };
    }
    libcFns.dup2(memfd, 2);
    active = { memfd, saved, depth: 0 };
  }
  const cur = active;
  cur.depth++;
  const start = fs.fstatSync(cur.memfd).size;
  let stopped = false;
  return {
    stop() {
      if (stopped) return "";
      stopped = true;
      libcFns.fflush(null);
      const end = fs.fstatSync(cur.memfd).size;
      const buf = Buffer.alloc(end - start);
      if (buf.length > 0) fs.readSync(cur.memfd, buf, 0, buf.length, start);
      if (--cur.depth === 0) {
        libcFns.dup2(cur.saved, 2);
        libcFns.close(cur.saved);
        libcFns.close(cur.memfd);
        active = undefined;
      }
      return buf.toString("utf8");
    },
  };
}

/** Runs fn with fd 2 captured; returns its result and the captured text. */
export function withStderrCaptured<T>(fn: () => T): { result: T; log: string } {
  const cap = captureStderr();
  try {
    const result = fn();
    return { result, log: cap.stop() };
  } catch (err) {
    cap.stop();
    throw err;
  }
}
