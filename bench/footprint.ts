// `npm run bench:footprint` (under the live-test lock: it loads BPF):
// start-up and memory of the tutor beside a bare node and python bcc, all
// in this one run, and the table written into bench/README.md.
//
// Start-up: `bcc-tutor --help` and `bcc-tutor list` (compiled, dist/) vs
// `node -e 0` and `python3 -c 'import bcc'`; rounds alternate the four
// commands, median wall time of each. Memory: bench/memory.ts started the
// way the compiled runner starts a lesson's program (childCommand from
// dist/: transpiled before the start, no loader hooks, the runner's
// preloads) vs bench/py/memory.py, both compiling bench/c/lesson.c: one create +
// close (peak RSS, VmHWM; median of alternating runs), and 30 create/close
// cycles in one process (RSS after the first and after the last).
//
//   npm run bench:footprint -- --no-write   print only
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { benchDir, median } from "./common.ts";
import { headersStatus } from "../src/kernel-source.ts";
import { PARTS, peakParts } from "./peak-parts.ts";

const root = path.dirname(benchDir);
const write = !process.argv.includes("--no-write");
const STARTUP_ROUNDS = 15;
const MEMORY_RUNS = 3;
const PYTHON = "/usr/bin/python3";

// The compiled tutor is what is measured: build it first.
const build = spawnSync(process.execPath, [path.join(root, "scripts", "build.mjs")], { stdio: "inherit" });
if (build.status !== 0) throw new Error("the build failed");

const hs = headersStatus();
const env = { ...process.env, ...(hs.kind === "merged" ? { BCC_KERNEL_SOURCE: hs.path } : {}) };

function wallMs(argv: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed (exit ${r.status}): ${r.stderr}`);
  return ms;
}

const bin = path.join(root, "bin", "bcc-tutor.js");
const startup = {
  node: [process.execPath, "-e", "0"],
  help: [process.execPath, bin, "--help"],
  list: [process.execPath, bin, "list"],
  python: [PYTHON, "-c", "import bcc"],
} as const;
const times: Record<keyof typeof startup, number[]> = { node: [], help: [], list: [], python: [] };
for (const k of Object.keys(startup) as Array<keyof typeof startup>) wallMs([...startup[k]]); // warm the page cache
for (let i = 0; i < STARTUP_ROUNDS; i++) {
  for (const k of Object.keys(startup) as Array<keyof typeof startup>) times[k].push(wallMs([...startup[k]]));
}
const ms = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) as Record<keyof typeof startup, number>;

interface Mem { cycles: number; rssFirstKb: number; rssLastKb: number; vmHwmKb: number }
// The runner's own launch, from the build just made (this script runs through tsx).
const { childCommand } = (await import(pathToFileURL(path.join(root, "dist", "src", "lesson", "child-command.js")).href)) as typeof import("../src/lesson/child-command.ts");
const lessonProgram = await childCommand(path.join(benchDir, "memory.ts"));
process.on("exit", () => lessonProgram.runnable.dispose());
function memory(side: "node" | "python", cycles: number): Mem {
  const argv = side === "node"
    ? [process.execPath, ...lessonProgram.argv, `--cycles=${cycles}`]
    : [PYTHON, path.join(benchDir, "py", "memory.py"), `--cycles=${cycles}`];
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: root, env, encoding: "utf8", timeout: 600_000 });
  const line = r.stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (r.status !== 0 || !line) throw new Error(`${side} memory failed (exit ${r.status}): ${r.stdout}${r.stderr}`);
  return JSON.parse(line.slice(13)) as Mem;
}
const peaks = { node: [] as number[], python: [] as number[] };
for (let i = 0; i < MEMORY_RUNS; i++) {
  for (const side of i % 2 ? (["python", "node"] as const) : (["node", "python"] as const)) peaks[side].push(memory(side, 1).vmHwmKb);
}
const cyc = { node: memory("node", 30), python: memory("python", 30) };
// The peak taken apart (one sampled run each), and the bare runtimes, to
// show which part of the gap is node's own and no binding can remove.
const parts = {
  node: await peakParts([process.execPath, ...lessonProgram.argv], /\/node$/, env),
  python: await peakParts([PYTHON, path.join(benchDir, "py", "memory.py")], /\/(python3[.\d]*|libpython[^/]*)$/, env),
};
const bare = {
  node: await peakParts([process.execPath, "-e", "setTimeout(() => {}, 300)"], /\/node$/, env),
  python: await peakParts([PYTHON, "-c", "import time; time.sleep(0.3)"], /\/(python3[.\d]*|libpython[^/]*)$/, env),
};

const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;
const x = (r: number) => `${r.toFixed(2)}x`;
const pct = (m: Mem) => (m.rssLastKb - m.rssFirstKb) / m.rssFirstKb;
const sign = (p: number) => `${p >= 0 ? "+" : ""}${(p * 100).toFixed(1)} %`;
const peak = { node: median(peaks.node), python: median(peaks.python) };
const rows: string[][] = [
  ["start-up: `bcc-tutor --help`", `${ms.help.toFixed(0)} ms`, `node -e 0: ${ms.node.toFixed(0)} ms; python3 -c 'import bcc': ${ms.python.toFixed(0)} ms`, `${x(ms.help / ms.node)} node, ${x(ms.help / ms.python)} python`, "<= 2x node -e 0", ms.help / ms.node <= 2 ? "yes" : "NO"],
  ["start-up: `bcc-tutor list`", `${ms.list.toFixed(0)} ms`, "(same run)", `${x(ms.list / ms.node)} node, ${x(ms.list / ms.python)} python`, "<= 2x node -e 0", ms.list / ms.node <= 2 ? "yes" : "NO"],
  [`one lesson's process, peak RSS (median of ${MEMORY_RUNS}; started ${lessonProgram.mode})`, mib(peak.node), mib(peak.python), x(peak.node / peak.python), "<= 1.2x python", peak.node / peak.python <= 1.2 ? "yes" : "NO"],
  ["30 create/close cycles, RSS first → last", `${mib(cyc.node.rssFirstKb)} → ${mib(cyc.node.rssLastKb)} (${sign(pct(cyc.node))})`, `${mib(cyc.python.rssFirstKb)} → ${mib(cyc.python.rssLastKb)} (${sign(pct(cyc.python))})`, "-", "within 10 %", Math.abs(pct(cyc.node)) <= 0.1 ? "yes" : "NO"],
  ["30 cycles, peak RSS (info)", mib(cyc.node.vmHwmKb), mib(cyc.python.vmHwmKb), x(cyc.node.vmHwmKb / cyc.python.vmHwmKb), "-", "-"],
  ["bare runtime (`node -e` vs `python3 -c`, nothing imported), RSS (info)", mib(bare.node.totalKb), mib(bare.python.totalKb), `+${mib(bare.node.totalKb - bare.python.totalKb)}`, "-", "-"],
  ["one lesson's peak, sampled (info)", mib(parts.node.totalKb), mib(parts.python.totalKb), `+${mib(parts.node.totalKb - parts.python.totalKb)}`, "-", "-"],
  ...PARTS.map((p) => [`  of which ${p} (info)`, mib(parts.node[p]), mib(parts.python[p]), `${parts.node[p] >= parts.python[p] ? "+" : ""}${mib(parts.node[p] - parts.python[p])}`, "-", "-"]),
];
const load = fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0];
const table = [
  `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, load average ${load}; start-up: median of ${STARTUP_ROUNDS} alternating rounds (wall time of the whole process, spawned from node).`,
  "",
  "| measure | bcc-tutor | reference | ratio | goal | met |",
  "| --- | --- | --- | --- | --- | --- |",
  ...rows.map((r) => `| ${r.join(" | ")} |`),
].join("\n");
process.stdout.write(`${table}\n`);

if (write) {
  const readme = path.join(benchDir, "README.md");
  const text = fs.readFileSync(readme, "utf8");
  const start = "<!-- footprint:start -->";
  const end = "<!-- footprint:end -->";
  const block = `${start}\n${table}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  fs.writeFileSync(readme, i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n## Footprint: start-up and memory\n\n${block}\n`);
}
