// Where bcc finds kernel headers. Machines whose running kernel has no
// headers package get a merged tree of Debian's generic headers from
// scripts/setup.sh; point BCC_KERNEL_SOURCE at it before compiling.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type HeadersStatus =
  | { kind: "env"; path: string }
  | { kind: "exact"; path: string }
  | { kind: "merged"; path: string }
  | { kind: "missing"; path?: undefined };

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const mergedHeadersDir = path.join(projectRoot, ".cache", "kernel-headers", "current");

export function headersStatus(): HeadersStatus {
  const env = process.env.BCC_KERNEL_SOURCE;
  if (env) return fs.existsSync(path.join(env, "include")) ? { kind: "env", path: env } : { kind: "missing" };
  const exact = `/lib/modules/${os.release()}/build`;
  if (fs.existsSync(path.join(exact, "include"))) return { kind: "exact", path: exact };
  if (fs.existsSync(path.join(mergedHeadersDir, "include"))) return { kind: "merged", path: fs.realpathSync(mergedHeadersDir) };
  return { kind: "missing" };
}

/** Sets BCC_KERNEL_SOURCE to the merged tree when that is what there is. */
export function ensureKernelSource(): HeadersStatus {
  const st = headersStatus();
  if (st.kind === "merged") process.env.BCC_KERNEL_SOURCE = st.path;
  return st;
}
