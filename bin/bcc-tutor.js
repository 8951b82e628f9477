#!/usr/bin/env node
// Runs the compiled tutor (dist/, built by `prepare` when packed and by
// set-up in a clone): no transpiling at start-up. In a clone whose sources
// changed since that build, or that has none, runs the sources through tsx
// instead, so a developer never runs stale code.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function builtAndFresh() {
  let stamp;
  try {
    stamp = fs.statSync(path.join(root, "dist", ".stamp")).mtimeMs;
  } catch {
    return false;
  }
  // Installed from a tarball: dist is what was packed with these sources.
  if (root.split(path.sep).includes("node_modules")) return true;
  for (const dir of ["src", "lessons", "locales"]) {
    for (const f of fs.readdirSync(path.join(root, dir), { recursive: true })) {
      if (!/\.(tsx?|mjs|c)$/.test(f) || f.startsWith("starters")) continue;
      if (fs.statSync(path.join(root, dir, f)).mtimeMs > stamp) return false;
    }
  }
  return true;
}

if (builtAndFresh()) {
  await import("../dist/src/cli/main.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
