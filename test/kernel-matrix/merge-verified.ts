// Merges the guests' parts of the verified table (verified.<series>.json,
// written in each guest under BCC_TUTOR_UPDATE_VERIFIED=1) into
// lessons/verified.json. Run by run-matrix.sh; each file replaces its own
// kernels' cells and nothing else.
import fs from "node:fs";
import { loadVerified, mergeTable, serializeTable, verifiedFile } from "../../src/lesson/verified.ts";
import { writeReadmeTable } from "../../src/lesson/verified-markdown.ts";

// --partial: the runs covered some lessons only (vitest -t); keep the other cells.
const partial = process.argv.includes("--partial");
const files = process.argv.slice(2).filter((a) => a !== "--readme-only" && a !== "--partial");
if (process.argv.includes("--readme-only")) {
  await writeReadmeTable(loadVerified());
  process.exit(0);
}
if (files.length === 0) {
  process.stderr.write("usage: tsx test/kernel-matrix/merge-verified.ts verified.<series>.json...\n");
  process.exit(2);
}
let table = loadVerified();
for (const f of files) {
  const part = loadVerified(f);
  const kernels = Object.keys(part.kernels);
  if (kernels.length === 0) {
    process.stderr.write(`merge-verified: ${f} holds no kernel's results (missing or damaged)\n`);
    process.exit(1);
  }
  table = mergeTable(table, part, { partial });
  process.stdout.write(`merge-verified: ${kernels.join(", ")} from ${f}\n`);
}
fs.writeFileSync(verifiedFile, serializeTable(table));
await writeReadmeTable(table);
