// The tutor's side of finding kernel headers. Where the running kernel has
// no headers package, set-up merges the distribution's generic headers into
// one tree; BCC_KERNEL_SOURCE points bcc at it. Called before any compile
// (the package index, the CLI), and inherited by the programs the runner starts.
import fs from "node:fs";
import path from "node:path";
import { headersStatus as bindingHeadersStatus, type HeadersStatus as BindingStatus } from "./bcc/kernel-headers.ts";
import { packageRoot } from "./paths.ts";

export type HeadersStatus = BindingStatus | { kind: "merged"; path: string };

/** The merged headers tree set-up makes (the one place that knows where). */
export function mergedHeadersDir(): string {
  return path.join(packageRoot, ".cache", "kernel-headers", "current");
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
