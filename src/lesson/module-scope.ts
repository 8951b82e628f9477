// Learner files use top-level await, which needs ES module scope. A .ts
// file is ESM only under a package.json that says "type": "module"; a file
// checked from anywhere else runs as a temporary .mts copy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function inEsmScope(file: string): boolean {
  if (/\.m[jt]s$/.test(file)) return true;
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      try {
        return (JSON.parse(fs.readFileSync(pkg, "utf8")) as { type?: string }).type === "module";
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

export interface Runnable {
  /** The file to hand to node. */
  path: string;
  /** Maps the runnable's path back to the learner's in text (messages, stack traces). */
  unmap(text: string): string;
  dispose(): void;
}

export function runnableFile(file: string): Runnable {
  if (inEsmScope(file)) return { path: file, unmap: (t) => t, dispose: () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-run-"));
  const copy = path.join(dir, `${path.basename(file).replace(/\.[cm]?[jt]s$/, "")}.mts`);
  fs.copyFileSync(file, copy);
  return {
    path: copy,
    unmap: (t) => t.split(copy).join(file),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
