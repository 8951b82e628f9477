// Where bcc finds kernel headers. Machines whose running kernel has no
// headers package get a merged tree of Debian's generic headers from
// `bcc-tutor setup`, in its cache folder; point BCC_KERNEL_SOURCE at it
// before compiling.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { mergedHeadersDir } from "../paths.ts";

export type HeadersStatus =
  | { kind: "env"; path: string }
  | { kind: "exact"; path: string }
  | { kind: "merged"; path: string }
  | { kind: "missing"; path?: undefined };


export function headersStatus(): HeadersStatus {
  const env = process.env.BCC_KERNEL_SOURCE;
  if (env) return fs.existsSync(path.join(env, "include")) ? { kind: "env", path: env } : { kind: "missing" };
  const exact = `/lib/modules/${os.release()}/build`;
  if (fs.existsSync(path.join(exact, "include"))) return { kind: "exact", path: exact };
  const merged = mergedHeadersDir();
  if (fs.existsSync(path.join(merged, "include"))) return { kind: "merged", path: fs.realpathSync(merged) };
  return { kind: "missing" };
}

/** Sets BCC_KERNEL_SOURCE to the merged tree when that is what there is. */
export function ensureKernelSource(): HeadersStatus {
  const st = headersStatus();
  if (st.kind === "merged") process.env.BCC_KERNEL_SOURCE = st.path;
  return st;
}
