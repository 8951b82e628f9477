// Where bcc will find kernel headers: BCC_KERNEL_SOURCE when set, else the
// running kernel's own build tree. (Callers with headers elsewhere, such as
// a merged tree of a distribution's generic headers, set BCC_KERNEL_SOURCE
// before compiling.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type HeadersStatus =
  | { kind: "env"; path: string }
  | { kind: "exact"; path: string }
  | { kind: "missing"; path?: undefined };

export function headersStatus(): HeadersStatus {
  const env = process.env.BCC_KERNEL_SOURCE;
  if (env) return fs.existsSync(path.join(env, "include")) ? { kind: "env", path: env } : { kind: "missing" };
  const exact = `/lib/modules/${os.release()}/build`;
  if (fs.existsSync(path.join(exact, "include"))) return { kind: "exact", path: exact };
  return { kind: "missing" };
}
