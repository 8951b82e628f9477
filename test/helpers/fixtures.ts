// Builds the C programs under test/fixtures into a temp folder, once per run.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-fixtures-"));

export function buildFixture(name: string, extraFlags: string[] = []): string {
  const out = path.join(outDir, name);
  if (!fs.existsSync(out)) {
    const src = path.join(projectRoot, "test", "fixtures", `${name}.c`);
    execFileSync("gcc", ["-O0", "-fno-builtin", "-o", out, src, ...extraFlags], { stdio: "pipe" });
  }
  return out;
}
