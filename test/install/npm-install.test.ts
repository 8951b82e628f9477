// bcc-tutor the npm way, as a learner gets it: packed, installed globally
// into a temporary prefix, then used from an empty folder outside the
// clone: setup (twice: the second run changes nothing and is quick), init,
// doctor finding the merged headers, a learner's lesson-2 file checked,
// and the same file's bare import run by hand with the workspace's tsx.
// The commands that load BPF take the machine's live-test lock themselves,
// so the slow pack and install do not hold it.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/fixtures.ts";

const LOCK = "/tmp/bcc-tutor-live.lock";
let tmp: string;
let bin: string;
let installed: string;
let work: string;
let cache: string;
let packageFiles: string[];

/** Every file of the installed package but its dependencies, with its size and mtime. */
function listPackage(): string[] {
  return (fs.readdirSync(installed, { recursive: true }) as string[])
    .filter((f) => !f.startsWith("node_modules"))
    .map((f) => {
      const st = fs.lstatSync(path.join(installed, f));
      return `${f} ${st.size} ${st.mtimeMs}`;
    })
    .sort();
}

function run(args: string[], opts: { cwd?: string; locked?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const argv = opts.locked ? ["flock", LOCK, bin, ...args] : [bin, ...args];
  const started = Date.now();
  const r = spawnSync(argv[0]!, argv.slice(1), {
    cwd: opts.cwd ?? work,
    encoding: "utf8",
    timeout: 540_000,
    // A cache of the test's own, so the merge and the build really happen and are found there.
    env: { ...process.env, BCC_TUTOR_CACHE_DIR: cache, BCC_TUTOR_WORKSPACE: "", ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

// A learner's own answer to lesson 2, written here rather than copied from answers/.
const solution = `import { BPF } from "bcc-tutor";

const b = await BPF.create({
  text: \`TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    bpf_trace_printk("sys_sync() called\\\\n");
    return 0;
  }\`,
});
console.log("Tracing sys_sync()... Ctrl-C to end.");
process.on("SIGINT", () => {
  b.close();
  process.exit(0);
});
for await (const line of b.traceFields()) console.log(line.msg);
`;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-npm-"));
  cache = path.join(tmp, "cache");
  work = path.join(tmp, "learner");
  fs.mkdirSync(work);
  execFileSync("npm", ["pack", "--pack-destination", tmp, "--silent"], { cwd: projectRoot, stdio: ["ignore", "ignore", "inherit"] });
  const tarball = fs.readdirSync(tmp).find((f) => f.endsWith(".tgz"))!;
  const prefix = path.join(tmp, "prefix");
  execFileSync("npm", ["install", "-g", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error", path.join(tmp, tarball)], { cwd: tmp, stdio: ["ignore", "ignore", "inherit"] });
  bin = path.join(prefix, "bin", "bcc-tutor");
  installed = path.join(prefix, "lib", "node_modules", "bcc-tutor");
  packageFiles = listPackage();
}, 300_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("bcc-tutor installed with npm install -g", () => {
  it("ships compiled JavaScript and starts without tsx", () => {
    expect(fs.existsSync(path.join(installed, "dist", "src", "cli", "main.js"))).toBe(true);
    expect(fs.existsSync(path.join(installed, "dist", "lessons", "index.json"))).toBe(true);
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/setup/);
    expect(r.stdout).toMatch(/init/);
  });

  it("says to run init where there is no workspace", () => {
    const r = run(["check", "2"], { locked: false });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bcc-tutor init/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("sets the machine up, and a second run changes nothing, quickly", () => {
    const first = run(["setup", "--yes"]);
    expect(first.stdout + first.stderr, "first setup").toMatch(/is set up/);
    expect(first.code).toBe(0);
    expect(fs.existsSync(path.join(cache, "bin", "usdt-http-server"))).toBe(true);
    const second = run(["setup", "--yes"]);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/installing|merging|building|mounting/);
    expect(second.stdout).toMatch(/up to date/);
    expect(second.ms).toBeLessThan(5000);
  });

  it("makes a workspace in an empty folder, and keeps the learner's files on a second init", () => {
    const r = run(["init"]);
    expect(r.code).toBe(0);
    for (const f of [".bcc-tutor-workspace", "02-sys_sync.ts", "05-sync_count.ts", "package.json", "tsconfig.json"]) {
      expect(fs.existsSync(path.join(work, f)), f).toBe(true);
    }
    expect(JSON.parse(fs.readFileSync(path.join(work, "package.json"), "utf8")).type).toBe("module");
    fs.writeFileSync(path.join(work, "02-sys_sync.ts"), solution);
    const again = run(["init"]);
    expect(again.code).toBe(0);
    expect(fs.readFileSync(path.join(work, "02-sys_sync.ts"), "utf8")).toBe(solution);
  });

  it("doctor finds the merged headers (or the kernel's own) from there", () => {
    const r = run(["doctor", "--json"], { locked: true });
    const report = JSON.parse(r.stdout);
    expect(report.headers.ok).toBe(true);
    if (report.headers.detail.kind === "merged") expect(report.headers.detail.path.startsWith(cache)).toBe(true);
  }, 600_000); // the lock may be held by another run

  it("checks the learner's lesson-2 file from the workspace and from a folder below it", () => {
    const r = run(["check", "2", "--json"], { locked: true });
    const out = JSON.parse(r.stdout);
    expect(out.file).toBe(path.join(work, "02-sys_sync.ts"));
    expect(out.passed, r.stdout).toBe(true);
    expect(r.code).toBe(0);
    const below = path.join(work, "notes");
    fs.mkdirSync(below);
    const r2 = run(["check", "2", "--json"], { locked: true, cwd: below });
    expect(JSON.parse(r2.stdout).file).toBe(path.join(work, "02-sys_sync.ts"));
  }, 1_200_000);

  it("runs a learner's bare import by hand with the workspace's tsx", () => {
    fs.writeFileSync(path.join(work, "hand.ts"), `import { BPF, HashTable } from "bcc-tutor";\nconsole.log(typeof BPF.create, typeof HashTable);\n`);
    const r = spawnSync(path.join(work, "node_modules", ".bin", "tsx"), ["hand.ts"], { cwd: work, encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("function function");
  });

  it("wrote no learner file inside the installed package", () => {
    expect(fs.existsSync(path.join(installed, "workspace"))).toBe(false);
    expect(listPackage()).toEqual(packageFiles);
  });
});
