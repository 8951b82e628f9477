// How the compiled tutor starts a lesson's program (dist/src/lesson/child-command.js,
// as bin/bcc-tutor.js runs it): a learner's TypeScript is transpiled before
// the child starts, so the child runs with no loader hooks (issue 13's
// memory), yet sees its own file's URL and reports errors at its own lines.
// What esbuild cannot build still runs through tsx. No BPF is loaded here.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { importTarget } from "../../src/lesson/child-command.ts";

const root = path.resolve(import.meta.dirname, "../..");
const compiledModule = path.join(root, "dist", "src", "lesson", "child-command.js");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-child-command-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function compiledChildCommand(): Promise<typeof import("../../src/lesson/child-command.ts").childCommand> {
  const source = path.join(root, "src", "lesson", "child-command.ts");
  if (!fs.existsSync(compiledModule) || fs.statSync(compiledModule).mtimeMs < fs.statSync(source).mtimeMs) {
    throw new Error("dist/ is missing or older than src/lesson/child-command.ts: run `npm run build` (set-up does) first");
  }
  return ((await import(pathToFileURL(compiledModule).href)) as typeof import("../../src/lesson/child-command.ts")).childCommand;
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function run(argv: string[]) {
  return spawnSync(process.execPath, argv, { encoding: "utf8", timeout: 60_000, env: { ...process.env, NODE_NO_WARNINGS: "1" } });
}

// Types take lines 4-9, which esbuild drops: a line number in the error is the TypeScript's only if the source map is used.
const learner = `import { escapeTerminal, type PerfEventArray } from "bcc-tutor";
import fs from "node:fs";

interface Launch {
  execArgv: string[];
  url: string;
  dirname: string;
}
type Unused = PerfEventArray;
const launch: Launch = { execArgv: process.execArgv, url: import.meta.url, dirname: import.meta.dirname };
console.log("LAUNCH " + JSON.stringify(launch) + " " + JSON.stringify(escapeTerminal("a\\u001bb")) + " " + typeof fs.readFileSync);
throw new Error("learner bug");
`;

describe("a lesson's program, started by the compiled tutor", () => {
  it("runs a learner's file without loader hooks, at its own URL, with errors at its own lines", async () => {
    const childCommand = await compiledChildCommand();
    const file = write("crash.ts", learner);
    const cmd = await childCommand(file);
    try {
      expect(cmd.mode).toBe("transpiled");
      expect(cmd.runnable.path).not.toBe(file);
      const r = run(cmd.argv);
      const launch = JSON.parse(/^LAUNCH (\{.*\}) /m.exec(r.stdout)?.[1] ?? "null") as { execArgv: string[]; url: string; dirname: string } | null;
      expect(launch, r.stdout + r.stderr).not.toBeNull();
      expect(launch!.execArgv.join(" ")).not.toMatch(/tsx|self-import/);
      expect(launch!.url).toBe(pathToFileURL(file).href);
      expect(launch!.dirname).toBe(dir);
      // The binding's own code ran: escapeTerminal made the ESC visible.
      const escaped = JSON.parse(/^LAUNCH \{.*\} (".*") function$/m.exec(r.stdout)?.[1] ?? "null") as string | null;
      expect(escaped).toMatch(/^a.+b$/);
      expect(escaped).not.toContain("\u001b");
      expect(r.status).not.toBe(0);
      const stderr = cmd.runnable.unmap(r.stderr);
      expect(stderr).toContain("learner bug");
      expect(stderr).toContain(`${file}:12:7`);
      expect(stderr).not.toContain(cmd.runnable.path);
    } finally {
      cmd.runnable.dispose();
    }
    expect(fs.existsSync(cmd.runnable.path)).toBe(false);
  });

  it("points an answer's import of its lesson at the lesson's compiled module", async () => {
    const childCommand = await compiledChildCommand();
    const cmd = await childCommand(path.join(root, "answers", "02-sys_sync.ts"));
    try {
      expect(cmd.mode).toBe("transpiled");
      const text = fs.readFileSync(cmd.runnable.path, "utf8");
      expect(text).toContain(pathToFileURL(path.join(root, "dist", "lessons", "02-sys_sync.js")).href);
      expect(text).toContain(pathToFileURL(path.join(root, "dist", "src", "index.js")).href);
    } finally {
      cmd.runnable.dispose();
    }
  });

  it("bundles the learner's own helper module into the program", async () => {
    const childCommand = await compiledChildCommand();
    write("helper.ts", `export const answer: number = 42;\n`);
    const file = write("uses-helper.ts", `import { answer } from "./helper.ts";\nconsole.log("HELPER " + answer + " " + process.execArgv.join(" "));\n`);
    const cmd = await childCommand(file);
    try {
      expect(cmd.mode).toBe("transpiled");
      const r = run(cmd.argv);
      expect(r.stdout, r.stderr).toMatch(/^HELPER 42 /m);
      expect(r.stdout).not.toMatch(/tsx|self-import/);
      expect(r.status).toBe(0);
    } finally {
      cmd.runnable.dispose();
    }
  });

  it("leaves what esbuild cannot build to tsx: a syntax error, named with its file and line", async () => {
    const childCommand = await compiledChildCommand();
    const file = write("broken.ts", `import { BPF } from "bcc-tutor";\nconst b = ;\n`);
    const cmd = await childCommand(file);
    try {
      expect(cmd.mode).toBe("tsx");
      const r = run(cmd.argv);
      expect(r.status).not.toBe(0);
      expect(cmd.runnable.unmap(r.stderr)).toMatch(/broken\.(m?ts):2/);
    } finally {
      cmd.runnable.dispose();
    }
  });
});

describe("importTarget: where a transpiled program's import points", () => {
  const pkg = fs.mkdtempSync(path.join(dir, "pkg-"));
  const code = path.join(pkg, "dist");
  fs.mkdirSync(path.join(code, "lessons"), { recursive: true });
  fs.writeFileSync(path.join(code, "lessons", "02-sys_sync.js"), "");
  it("sends bcc-tutor to the compiled binding and keeps node's own modules", () => {
    expect(importTarget("bcc-tutor", "/anywhere", pkg, code)).toBe(pathToFileURL(path.join(code, "src", "index.js")).href);
    expect(importTarget("node:fs", "/anywhere", pkg, code)).toBe("node:fs");
    expect(importTarget("fs", "/anywhere", pkg, code)).toBe("fs");
  });
  it("sends a module of the package to its compiled twin", () => {
    expect(importTarget("../lessons/02-sys_sync.ts", path.join(pkg, "answers"), pkg, code)).toBe(pathToFileURL(path.join(code, "lessons", "02-sys_sync.js")).href);
  });
  it("bundles what has no compiled twin: other packages, the learner's own modules", () => {
    expect(importTarget("../lessons/99-none.ts", path.join(pkg, "answers"), pkg, code)).toBeUndefined();
    expect(importTarget("./helper.ts", "/home/learner/ws", pkg, code)).toBeUndefined();
    expect(importTarget("zod", "/home/learner/ws", pkg, code)).toBeUndefined();
    expect(importTarget("bcc-tutor/extra", "/home/learner/ws", pkg, code)).toBeUndefined();
  });
});
