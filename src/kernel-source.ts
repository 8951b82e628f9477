// The tutor's side of finding kernel headers. Where the running kernel has
// no headers package, set-up merges the distribution's generic headers into
// one tree; BCC_KERNEL_SOURCE points bcc at it. Called before any compile
// (the package index, the CLI), and inherited by the programs the runner starts.
import fs from "node:fs";
import path from "node:path";
import { headersStatus as bindingHeadersStatus, type HeadersStatus as BindingStatus } from "./bcc/kernel-headers.ts";
import { cacheDirs, cacheDir } from "./paths.ts";

export type HeadersStatus = BindingStatus | { kind: "merged"; path: string };

/**
 * The merged headers tree `bcc-tutor setup` makes (the one place that knows
 * where): `<cache>/kernel-headers/current`, in the user's cache or the
 * system's (/var/cache/bcc-tutor, where a setup run as root puts it); where
 * set-up would put it when there is none yet.
 */
export function mergedHeadersDir(env: NodeJS.ProcessEnv = process.env): string {
  for (const d of cacheDirs(env)) {
    const p = path.join(d, "kernel-headers", "current");
    if (fs.existsSync(path.join(p, "include"))) return p;
  }
  return path.join(cacheDir(env), "kernel-headers", "current");
}

function mergedTree(): string | undefined {
  const dir = mergedHeadersDir();
  return fs.existsSync(path.join(dir, "include")) ? fs.realpathSync(dir) : undefined;
}

let pointedAt: string | undefined;

/** Points BCC_KERNEL_SOURCE at the merged tree when nothing better is there (a value of the user's own is kept). */
export function useMergedHeaders(): void {
  if (process.env.BCC_KERNEL_SOURCE || bindingHeadersStatus().kind !== "missing") return;
  const tree = mergedTree();
  if (tree) process.env.BCC_KERNEL_SOURCE = pointedAt = tree;
}

/** What the doctor reports: the binding's view, with the merged tree named as such. */
export function headersStatus(): HeadersStatus {
  const st = bindingHeadersStatus();
  const merged = st.kind === "missing" && !process.env.BCC_KERNEL_SOURCE ? mergedTree() : undefined;
  if (merged) return { kind: "merged", path: merged };
  if (st.kind === "env" && (st.path === pointedAt || st.path === mergedTree())) return { kind: "merged", path: st.path };
  return st;
}
