// Footprint, node side: started as the compiled runner starts a lesson's
// program (bench/footprint.ts uses its childCommand: transpiled before the
// start, no loader hooks). `--cycles=N`: N create + close of the lesson
// program in one process, RSS after the first and after the last; N=1: one
// lesson's peak RSS. Imports "bcc-tutor" as a learner's file does.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BPF } from "bcc-tutor";

const dir = path.dirname(fileURLToPath(import.meta.url));
const text = fs.readFileSync(path.join(dir, "c", "lesson.c"), "utf8");
const cycles = Number(process.argv.find((a) => a.startsWith("--cycles="))?.slice(9) ?? 1);
const status = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, "m").exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? NaN);

const rss: number[] = [];
for (let i = 0; i < cycles; i++) {
  const b = await BPF.create({ text });
  b.close();
  rss.push(status("VmRSS"));
}
process.stdout.write(`BENCH_RESULT ${JSON.stringify({ cycles, rssFirstKb: rss[0], rssLastKb: rss[rss.length - 1], vmHwmKb: status("VmHWM") })}\n`);
process.exit(0);
