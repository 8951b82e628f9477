// `npm run bench`: runs every benchmark through this binding and through
// python bcc (/usr/bin/python3), each side in its own process, one after the
// other; prints both figures, their ratio and whether the goal is met; and
// writes the table into bench/README.md (plus a line of history in
// bench/results/history.jsonl, from which README shows the spread of runs).
//
//   npm run bench                 everything (about a minute and a half)
//   npm run bench -- --only=storm run the benchmarks whose name contains "storm"
//   npm run bench -- --no-write   print only; leave README.md alone
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildFixture } from "../test/helpers/fixtures.ts";
import { headersStatus } from "../src/kernel-source.ts";
import { benchDir } from "./common.ts";

const PYTHON = "/usr/bin/python3";
const COMPILE_RUNS = 11;
const LAG_RUNS = 5;
const CAPACITY_ROUNDS = 7;
const STORM_REPEATS = 3;
const projectRoot = path.dirname(benchDir);
const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7);
const write = !process.argv.includes("--no-write") && !only;

type Result = Record<string, number>;
interface Side { result: Result; seconds: number }
interface Row {
  /** The benchmark; shown on the first row of each group only. */
  bench: string;
  metric: string;
  node: string;
  python: string;
  ratio: string;
  goal: string;
  met: "yes" | "NO" | "-";
  /** node/python, for the spread over runs. */
  r?: number;
  /** Column title in the table of runs (goal rows only). */
  short?: string;
}

// ---------------------------------------------------------------- running

function runProcess(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Side> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
      if (code !== 0 || !line) {
        reject(new Error(`${label} failed (exit ${code ?? signal}):\n${out}${err}`));
        return;
      }
      resolve({ result: JSON.parse(line.slice(13)) as Result, seconds: (performance.now() - t0) / 1000 });
    });
  });
}

interface Pair { node: Side; python: Side }

/** A benchmark process driven line by line (--serve): READY, then one `RUN {json}` per "run". */
class Served {
  private out = "";
  private err = "";
  private waiters: Array<() => void> = [];
  private readonly exit: Promise<number | null>;
  private readonly t0 = performance.now();
  private readonly child;
  constructor(private readonly label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(cmd, [...args, "--serve"], { cwd: projectRoot, env, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.on("data", (d) => {
      this.out += d;
      for (const w of this.waiters.splice(0)) w();
    });
    this.child.stderr.on("data", (d) => (this.err += d));
    this.exit = new Promise((r) => this.child.on("exit", (code) => {
      for (const w of this.waiters.splice(0)) w();
      r(code);
    }));
  }
  private async line(prefix: string, from: number): Promise<{ text: string; end: number }> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const lines = this.out.slice(from).split("\n");
      let pos = from;
      for (const l of lines.slice(0, -1)) {
        pos += l.length + 1;
        if (l.startsWith(prefix)) return { text: l.slice(prefix.length), end: pos };
      }
      if (this.child.exitCode !== null || Date.now() > deadline) {
        this.child.kill("SIGKILL");
        throw new Error(`${this.label} failed (exit ${this.child.exitCode}):\n${this.out}${this.err}`);
      }
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 1000);
      });
    }
  }
  private pos = 0;
  async ready(): Promise<void> {
    this.pos = (await this.line("READY", this.pos)).end;
  }
  async run(cmd = "run"): Promise<Result> {
    this.child.stdin.write(`${cmd}\n`);
    const l = await this.line("RUN ", this.pos);
    this.pos = l.end;
    if (process.env.BENCH_VERBOSE) process.stdout.write(`    ${this.label} ${cmd}: ${l.text}\n`);
    return JSON.parse(l.text) as Result;
  }
  async end(): Promise<Side> {
    this.child.stdin.end("end\n");
    const l = await this.line("BENCH_RESULT ", this.pos);
    await this.exit;
    return { result: JSON.parse(l.text) as Result, seconds: (performance.now() - this.t0) / 1000 };
  }
}

/**
 * Starts both sides, then alternates single runs (node first, then python
 * first, ...); `extra` commands run afterwards on one side (e.g. ["node", "lag"]).
 */
async function interleaved(name: string, nodeFile: string, pyFile: string, runs: number, env: NodeJS.ProcessEnv, extra: Array<["node" | "python", string]> = [], args: string[] = []): Promise<Pair> {
  const t0 = performance.now();
  const node = new Served(`${name} (node)`, process.execPath, ["--import", "tsx", path.join("bench", nodeFile), ...args], env);
  await node.ready();
  const python = new Served(`${name} (python)`, PYTHON, [path.join("bench", "py", pyFile), ...args], env);
  await python.ready();
  let done = 0;
  for (let i = 0; i < runs; i++) {
    // On a loaded machine, stop after a minute once three runs each are in.
    if (i >= 3 && performance.now() - t0 > 60_000) break;
    const order = i % 2 === 0 ? [node, python] : [python, node];
    for (const side of order) await side.run();
    done++;
  }
  for (const [side, cmd] of extra) await (side === "node" ? node : python).run(cmd);
  const pair = { node: await node.end(), python: await python.end() };
  process.stdout.write(`  ${name}: ${done} runs each, alternating, ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return pair;
}

async function pair(name: string, nodeFile: string, pyFile: string, args: string[], env: NodeJS.ProcessEnv, pythonFirst = false): Promise<Pair> {
  const runNode = () => runProcess(`${name} (node)`, process.execPath, ["--import", "tsx", path.join("bench", nodeFile), ...args], env);
  const runPython = () => runProcess(`${name} (python)`, PYTHON, [path.join("bench", "py", pyFile), ...args], env);
  let node: Side;
  let python: Side;
  if (pythonFirst) {
    python = await runPython();
    node = await runNode();
  } else {
    node = await runNode();
    python = await runPython();
  }
  process.stdout.write(`  ${name}: node ${node.seconds.toFixed(1)} s, python ${python.seconds.toFixed(1)} s\n`);
  return { node, python };
}

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

// ---------------------------------------------------------------- formatting

function fmtRate(x: number): string {
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M/s`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(0)} k/s`;
  return `${x.toFixed(0)} /s`;
}
const fmtInt = (x: number): string => Math.round(x).toLocaleString("en-US");
const fmtMs = (x: number): string => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const fmtMiB = (kb: number): string => `${(kb / 1024).toFixed(0)} MiB`;
const ratio = (a: number, b: number): string => (b === 0 ? (a === 0 ? "1.00x" : "∞") : `${(a / b).toFixed(2)}x`);
const yes = (ok: boolean): "yes" | "NO" => (ok ? "yes" : "NO");

// ---------------------------------------------------------------- machine

function machine() {
  const cpuinfo = fs.readFileSync("/proc/cpuinfo", "utf8");
  const py = (() => {
    try {
      return fs.readFileSync("/usr/lib/python3/dist-packages/bcc/version.py", "utf8").match(/'([^']+)'/)?.[1] ?? "?";
    } catch {
      return "?";
    }
  })();
  return {
    nproc: os.cpus().length,
    cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? "unknown",
    kernel: os.release(),
    node: process.version,
    python: "", // filled in by main()
    bcc: py,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
  };
}

function loadavg(): string {
  return fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = new Date();
  const t0 = performance.now();
  const loadBefore = loadavg();
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_GETPID_LOOP: buildFixture("getpid-loop") };
  const headers = headersStatus();
  // Both sides compile against the same headers: python bcc needs the merged
  // tree spelt out when the running kernel has no headers of its own.
  if (headers.kind === "merged") env.BCC_KERNEL_SOURCE = headers.path;
  const m = machine();
  m.python = await new Promise<string>((resolve) => {
    const c = spawn(PYTHON, ["--version"], { stdio: ["ignore", "pipe", "pipe"] });
    let s = "";
    c.stdout.on("data", (d) => (s += d));
    c.on("exit", () => resolve(s.trim().replace(/^Python /, "")));
  });

  const want = (name: string) => !only || name.includes(only);
  const rows: Row[] = [];
  const rss: Row[] = [];
  const addRss = (name: string, p: Pair) =>
    rss.push({
      bench: "5. peak RSS (VmHWM)", metric: name, node: fmtMiB(p.node.result.vmHwmKb!), python: fmtMiB(p.python.result.vmHwmKb!),
      ratio: ratio(p.node.result.vmHwmKb!, p.python.result.vmHwmKb!), goal: "(reported)", met: "-", r: p.node.result.vmHwmKb! / p.python.result.vmHwmKb!,
    });

  console.log(`bench: ${m.nproc} CPUs, ${m.cpu}, kernel ${m.kernel}, node ${m.node}, python ${m.python}; load ${loadBefore}`);

  if (want("perf-capacity")) {
    const p = await interleaved("perf-capacity", "perf-capacity.ts", "perf_capacity.py", CAPACITY_ROUNDS, env, [["python", "fields"], ["python", "fields"], ["python", "fields"]]);
    const n = p.node.result.eventsPerSec!;
    const y = p.python.result.eventsPerSec!;
    rows.push({ bench: "1. perf-buffer capacity, full decode", metric: `events/s (${fmtInt(p.node.result.events!)} buffered; median of ${p.node.result.rounds} rounds, alternating)`, node: fmtRate(n), python: fmtRate(y), ratio: ratio(n, y), goal: ">= 2x", met: yes(n >= 2 * y), r: n / y, short: "1 capacity" });
    rows.push({ bench: "1. perf-buffer capacity, full decode", metric: "best round (info)", node: fmtRate(p.node.result.best!), python: fmtRate(p.python.result.best!), ratio: ratio(p.node.result.best!, p.python.result.best!), goal: "-", met: "-" });
    rows.push({ bench: "1. perf-buffer capacity, full decode", metric: "python event() with every field read (info)", node: fmtRate(n), python: fmtRate(p.python.result.withFieldsPerSec!), ratio: ratio(n, p.python.result.withFieldsPerSec!), goal: "-", met: "-" });
    addRss("perf-capacity", p);
  }
  if (want("ring-capacity")) {
    const p = await interleaved("ring-capacity", "perf-capacity.ts", "perf_capacity.py", CAPACITY_ROUNDS, env, [], ["--ring"]);
    const [n, y] = [p.node.result.eventsPerSec!, p.python.result.eventsPerSec!];
    rows.push({ bench: "1b. ring-buffer capacity, full decode", metric: `events/s (${fmtInt(p.node.result.events!)} buffered; median of ${p.node.result.rounds} rounds, alternating)`, node: fmtRate(n), python: fmtRate(y), ratio: ratio(n, y), goal: ">= 2x", met: yes(n >= 2 * y), r: n / y, short: "1b ring" });
    addRss("ring-capacity", p);
  }

  for (const w of [1, 64]) {
    const name = `storm wakeup=${w}`;
    if (!want(name) && !want("storm")) continue;
    // Storms are noisy: STORM_REPEATS pairs (alternating which side goes first), median of each figure.
    const reps: Pair[] = [];
    for (let i = 0; i < STORM_REPEATS; i++) reps.push(await pair(`${name} #${i + 1}`, "storm.ts", "storm.py", [`--wakeup=${w}`], env, i % 2 === 1));
    const med = (side: "node" | "python"): Result => {
      const out: Result = {};
      for (const k of Object.keys(reps[0]![side].result)) out[k] = medianOf(reps.map((p) => p[side].result[k]!));
      out.vmHwmKb = Math.max(...reps.map((p) => p[side].result.vmHwmKb!));
      return out;
    };
    const a = med("node");
    const b = med("python");
    const p: Pair = { node: { result: a, seconds: 0 }, python: { result: b, seconds: 0 } };
    const title = `2. storm, 1M getpid, 64 pages, wakeup_events=${w} (median of ${STORM_REPEATS})`;
    rows.push({ bench: title, metric: "delivered", node: fmtInt(a.delivered!), python: fmtInt(b.delivered!), ratio: ratio(a.delivered!, b.delivered!), goal: "", met: "-" });
    rows.push({ bench: title, metric: "lost", node: fmtInt(a.lost!), python: fmtInt(b.lost!), ratio: ratio(a.lost!, b.lost!), goal: "<= python", met: yes(a.lost! <= b.lost!), short: `2 w=${w} lost` });
    rows.push({ bench: title, metric: "delivered rate (go to last event)", node: fmtRate(a.deliveredPerSec!), python: fmtRate(b.deliveredPerSec!), ratio: ratio(a.deliveredPerSec!, b.deliveredPerSec!), goal: ">= 1x", met: yes(a.deliveredPerSec! >= b.deliveredPerSec!), r: a.deliveredPerSec! / b.deliveredPerSec!, short: `2 w=${w} rate` });
    rows.push({ bench: title, metric: "producer rate (info)", node: fmtRate(a.producedPerSec!), python: fmtRate(b.producedPerSec!), ratio: ratio(a.producedPerSec!, b.producedPerSec!), goal: "-", met: "-" });
    addRss(name, p);
  }

  if (want("compile")) {
    const lagRuns = Array.from({ length: LAG_RUNS }, (): ["node", string] => ["node", "lag"]);
    const p = await interleaved("compile-latency", "compile-latency.ts", "compile_latency.py", COMPILE_RUNS, env, lagRuns);
    const a = p.node.result;
    const b = p.python.result;
    rows.push({ bench: "3. compile + load + attach (lesson program)", metric: `median of ${a.runs}, alternating (after 1 warm-up)`, node: fmtMs(a.medianMs!), python: fmtMs(b.medianMs!), ratio: ratio(a.medianMs!, b.medianMs!), goal: "<= 1.05x", met: yes(a.medianMs! <= 1.05 * b.medianMs!), r: a.medianMs! / b.medianMs!, short: "3 compile" });
    rows.push({ bench: "3. compile + load + attach (lesson program)", metric: "fastest run (info)", node: fmtMs(a.minMs!), python: fmtMs(b.minMs!), ratio: ratio(a.minMs!, b.minMs!), goal: "-", met: "-" });
    rows.push({ bench: "3. compile + load + attach (lesson program)", metric: `event-loop worst lag during a create (1 ms probe; worst of ${a.lagRuns}, median ${fmtMs(a.medianLagMs!)})`, node: fmtMs(a.worstLagMs!), python: "-", ratio: "-", goal: "< 5 ms", met: yes(a.worstLagMs! < 5), short: "3 lag (idle)" });
    rows.push({ bench: "3. compile + load + attach (lesson program)", metric: "control: worst lag of an idle event loop, as long again (info)", node: fmtMs(a.worstIdleLagMs!), python: "-", ratio: "-", goal: "-", met: "-" });
    addRss("compile-latency", p);
  }

  if (want("map")) {
    const p = await pair("map-iterate", "map-iterate.ts", "map_iterate.py", [], env);
    const a = p.node.result;
    const b = p.python.result;
    rows.push({ bench: "4. iterate a 10,000-entry hash to decoded pairs", metric: `pairs/s (median of ${a.runs})`, node: `${fmtRate(a.pairsPerSec!)} (${fmtMs(a.medianMs!)})`, python: `${fmtRate(b.pairsPerSec!)} (${fmtMs(b.medianMs!)})`, ratio: ratio(a.pairsPerSec!, b.pairsPerSec!), goal: ">= 2x", met: yes(a.pairsPerSec! >= 2 * b.pairsPerSec!), r: a.pairsPerSec! / b.pairsPerSec!, short: "4 map" });
    addRss("map-iterate", p);
  }

  const all = [...rows, ...rss];
  const loadAfter = loadavg();
  const seconds = (performance.now() - t0) / 1000;
  const table = markdownTable(all);
  console.log(`\n${table}\n`);
  const missed = all.filter((r) => r.met === "NO").length;
  console.log(`${all.filter((r) => r.met === "yes").length} goals met, ${missed} missed; ${seconds.toFixed(0)} s; load average before ${loadBefore}, after ${loadAfter}`);

  if (!write) return;
  const entry = { date: started.toISOString(), machine: m, loadBefore, loadAfter, seconds, rows: all };
  const histFile = path.join(benchDir, "results", "history.jsonl");
  fs.mkdirSync(path.dirname(histFile), { recursive: true });
  fs.appendFileSync(histFile, JSON.stringify(entry) + "\n");
  const history = fs.readFileSync(histFile, "utf8").trim().split("\n").map((l) => JSON.parse(l) as typeof entry);
  writeReadme(entry, history);
  console.log(`wrote bench/README.md and bench/results/history.jsonl`);
}

function markdownTable(rows: Row[]): string {
  const head = ["benchmark", "measure", "bcc-tutor (node)", "python bcc", "node/python", "goal", "met"];
  const lines = [head, head.map(() => "---")];
  let prev = "";
  for (const r of rows) {
    lines.push([r.bench === prev ? "" : r.bench, r.metric, r.node, r.python, r.ratio, r.goal, r.met]);
    prev = r.bench;
  }
  return lines.map((l) => `| ${l.join(" | ")} |`).join("\n");
}

// ---------------------------------------------------------------- README

const START = "<!-- bench:results:start (written by bench/run.ts; edit outside these markers) -->";
const END = "<!-- bench:results:end -->";

const METHOD =
  "Each benchmark runs on both sides as separate processes: the TypeScript side " +
  "(`node --import tsx bench/<name>.ts`, this binding) and its python twin (`/usr/bin/python3 bench/py/<name>.py`, " +
  "python3-bpfcc), compiling the same C text from `bench/c/` against the same kernel headers, one after the other " +
  "(benchmarks 1 and 3: both processes alive, single rounds alternating). Every figure in a table comes from the same `npm run bench`; " +
  "ratios are node/python. " +
  "(1) The perf rings (4096 pages a CPU) are filled with 250,000 events from a gated `getpid()` workload while " +
  "nothing reads them (the node side blocks its event loop until the workload has exited), then one consume is " +
  "timed; one warm-up round, then 7 rounds each, node and python alternating, median. Node's callback gets every event decoded into `{ pid, ts, comm }` (the binding always " +
  "decodes), compares one field and drops it; python's builds `b[\"events\"].event(data)` and drops it (a lazy " +
  "ctypes view: the info row also reads its three fields). The binding reads the rings from JS and decodes in place " +
  "(src/bcc/perf-ring.ts); python goes through libbcc's perf_reader and a ctypes callback per event. " +
  "(1b) The same rounds through one 4096-page BPF ring buffer (`BPF_RINGBUF_OUTPUT`; python: `ring_buffer_consume()`). " +
  "(2) A child makes 1,000,000 `getpid()` calls as fast as it can while the events are read live (64 pages a CPU): " +
  "node through the binding's libuv watchers, python in a `perf_buffer_poll()` loop, both decoding in the callback, " +
  "then a final consume; lost = submitted (counted in BPF) minus delivered, rate = delivered / (go to last event); " +
  "3 pairs of processes per setting, which side goes first alternating, median of each figure. " +
  "(3) `await BPF.create({ text })` vs `BPF(text=...)` (compile, load 2 programs, attach 2 tracepoints), one warm-up, " +
  "then 11 runs each (fewer, at least 3, if that passes a minute), node and python alternating; then 5 more node creates " +
  "with a 1 ms `setInterval` probe (kept out of the timed runs, as its wake-ups compete for the CPU): the lag is the largest " +
  "gap beyond 1 ms between its ticks over the whole create, and the control row is the same probe over as long again " +
  "with nothing running. " +
  "(4) `[...t.entries()]` vs `[(k.value, v.value) for k, v in t.items()]` over a `BPF_HASH(u32, u64)` filled " +
  "identically from user space; one warm-up, then the median of 9. " +
  "(5) Each process prints its own `VmHWM` from `/proc/self/status` at its end. " +
  "The machine may be shared: the load average before and after is given, and the spread table shows how much " +
  "the ratios moved between runs.";

function runsTable(runs: Array<{ date: string; loadBefore: string; seconds: number; rows: Row[] }>): string[] {
  const cols: string[] = [];
  for (const h of runs) for (const x of h.rows) if (x.short && !cols.includes(x.short)) cols.push(x.short);
  const head = ["run (UTC)", "load before", "took", ...cols];
  const out = [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`];
  for (const h of runs) {
    const idle = h.rows.find((x) => x.metric.startsWith("control:"))?.node;
    const cells = cols.map((c) => {
      const x = h.rows.find((y) => y.short === c);
      if (!x) return "";
      const v = x.ratio !== "-" ? x.ratio : `${x.node}${c.startsWith("3 lag") && idle ? ` (${idle})` : ""}`;
      return x.met === "NO" ? `${v} ✗` : v;
    });
    out.push(`| ${h.date.slice(0, 16).replace("T", " ")} | ${h.loadBefore.split(" ")[0]} | ${h.seconds.toFixed(0)} s | ${cells.join(" | ")} |`);
  }
  return out;
}

function writeReadme(entry: { date: string; machine: ReturnType<typeof machine>; loadBefore: string; loadAfter: string; seconds: number; rows: Row[] }, history: Array<typeof entry>): void {
  const m = entry.machine;
  const sameMachine = history.filter((h) => h.machine.cpu === m.cpu && h.machine.kernel === m.kernel && h.machine.nproc === m.nproc).slice(-10);
  const spreadRows: string[] = [];
  for (const r of entry.rows) {
    if (r.r === undefined) continue;
    const label = `${r.bench}: ${r.metric}`;
    const same = (x: Row) => (r.short ? x.short === r.short : x.bench === r.bench && x.metric === r.metric);
    const vals = sameMachine.map((h) => h.rows.find(same)?.r).filter((x): x is number => typeof x === "number");
    if (vals.length === 0) continue;
    const s = [...vals].sort((a, b) => a - b);
    const med = s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
    spreadRows.push(`| ${label} | ${vals.length} | ${s[0]!.toFixed(2)}x | ${med.toFixed(2)}x | ${s[s.length - 1]!.toFixed(2)}x |`);
  }
  const block = [
    START,
    "",
    `## Latest run: ${entry.date.replace("T", " ").replace(/\.\d+Z$/, " UTC")}`,
    "",
    `Machine: ${m.nproc} CPUs (${m.cpu}), ${m.memGiB} GiB, kernel ${m.kernel}; node ${m.node}; python ${m.python} with bcc ${m.bcc}. ` +
      `Load average ${entry.loadBefore} before, ${entry.loadAfter} after; the whole run took ${entry.seconds.toFixed(0)} s.`,
    "",
    `Method. ${METHOD}`,
    "",
    markdownTable(entry.rows),
    "",
    `### Spread of node/python over the last ${sameMachine.length} run(s) on this machine`,
    "",
    "| row | runs | min | median | max |",
    "| --- | --- | --- | --- | --- |",
    ...spreadRows,
    "",
    "### The runs (goal rows: node/python, or the lag with the idle control; ✗ = goal missed)",
    "",
    ...runsTable(sameMachine),
    "",
    END,
  ].join("\n");
  const file = path.join(benchDir, "README.md");
  const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  let text: string;
  if (old.includes(START) && old.includes(END)) {
    text = old.slice(0, old.indexOf(START)) + block + old.slice(old.indexOf(END) + END.length);
  } else {
    text = `# Benchmarks: bcc-tutor's binding vs python bcc\n\nRun with \`npm run bench\` (as root).\n\n${block}\n${old}`;
  }
  fs.writeFileSync(file, text);
}

await main();
