#!/usr/bin/env node
// Compiles the tutor to dist/ (tsc's emit, .ts imports rewritten to .js),
// then copies what tsc does not: the .mjs loader hooks and the lessons' C
// files read beside their modules. Run by `npm run build`, by `prepare`
// (npm pack, npm ci) and by set-up in a clone. dist/.stamp marks a
// complete build; bin/bcc-tutor.js compares it with the sources.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, "dist");
fs.rmSync(dist, { recursive: true, force: true });
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
try {
  execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit", cwd: root });
} catch {
  console.error("build: tsc failed (see above); bcc-tutor runs from its sources through tsx until it builds");
  process.exit(1);
}
for (const [from, to, keep] of [
  ["src", "dist/src", (f) => f.endsWith(".mjs")],
  ["lessons", "dist/lessons", (f) => f.endsWith(".c") && !f.startsWith("starters")],
]) {
  for (const f of fs.readdirSync(path.join(root, from), { recursive: true })) {
    if (!keep(String(f))) continue;
    const dest = path.join(root, to, String(f));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(root, from, String(f)), dest);
  }
}
// The lesson set, loaded and checked once here, so start-up reads one file.
const { loadLessonModules, lessonIndexFile } = await import(path.join(dist, "src", "lesson", "registry.js"));
const set = await loadLessonModules();
for (const p of set.problems) console.error(`build: lesson ${p.file} (${p.id ?? "?"}): ${p.field}: ${p.message}`);
fs.writeFileSync(lessonIndexFile, `${JSON.stringify(set)}\n`);
fs.writeFileSync(path.join(dist, ".stamp"), `${new Date().toISOString()}\n`);
