// Where set-up's cache and the learner's workspace are, and what
// `bcc-tutor init` writes: pure file-system logic, no libbcc.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cacheDir, cacheDirs, isInstalledPackage } from "../../src/paths.ts";
import { findWorkspace, WORKSPACE_MARKER, workspaceDir } from "../../src/lesson/workspace.ts";
import { initWorkspace } from "../../src/setup/init.ts";
import { loadLessons } from "../../src/lesson/registry.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-ws-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("the cache folder", () => {
  it("is /var/cache/bcc-tutor for root, XDG_CACHE_HOME/bcc-tutor for others, BCC_TUTOR_CACHE_DIR above both", () => {
    expect(cacheDir({}, 0)).toBe("/var/cache/bcc-tutor");
    expect(cacheDir({ XDG_CACHE_HOME: "/home/l/.xdg" }, 1000)).toBe("/home/l/.xdg/bcc-tutor");
    expect(cacheDir({ XDG_CACHE_HOME: "relative" }, 1000)).toBe(path.join(os.homedir(), ".cache", "bcc-tutor"));
    expect(cacheDir({ BCC_TUTOR_CACHE_DIR: "/tmp/c" }, 0)).toBe("/tmp/c");
    expect(cacheDirs({ BCC_TUTOR_CACHE_DIR: "/tmp/c" })).toEqual(["/tmp/c", "/var/cache/bcc-tutor"]);
  });

  it("knows an installed package from a clone", () => {
    expect(isInstalledPackage("/usr/lib/node_modules/bcc-tutor")).toBe(true);
    expect(isInstalledPackage("/home/l/src/bcc-tutor")).toBe(false);
  });
});

describe("bcc-tutor init", () => {
  const ws = path.join(tmp, "ws");

  it("writes every exercise's starter, the marker, package.json and the links", async () => {
    const { lessons } = await loadLessons();
    const r = initWorkspace(ws, lessons);
    const exercises = lessons.filter((l) => l.exercise);
    expect(exercises.length).toBeGreaterThan(0);
    for (const l of exercises) expect(fs.readFileSync(path.join(ws, path.basename(l.exercise!.starter)), "utf8")).toContain("bcc-tutor");
    expect(fs.existsSync(path.join(ws, WORKSPACE_MARKER))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(ws, "package.json"), "utf8"))).toMatchObject({ type: "module" });
    expect(fs.existsSync(path.join(ws, "node_modules", "bcc-tutor", "package.json"))).toBe(true);
    expect(fs.existsSync(path.join(ws, "node_modules", ".bin", "tsx"))).toBe(true);
    expect(r.kept).toEqual([]);
  });

  it("never overwrites a learner's file, and keeps everything on a second run", async () => {
    const { lessons } = await loadLessons();
    const mine = path.join(ws, "02-sys_sync.ts");
    fs.writeFileSync(mine, "// my answer\n");
    fs.writeFileSync(path.join(ws, "package.json"), "{}\n");
    const r = initWorkspace(ws, lessons);
    expect(r.created).toEqual([]);
    expect(fs.readFileSync(mine, "utf8")).toBe("// my answer\n");
    expect(fs.readFileSync(path.join(ws, "package.json"), "utf8")).toBe("{}\n");
  });

  it("refuses a DIR that is a file, saying so", async () => {
    const { lessons } = await loadLessons();
    const file = path.join(tmp, "a-file");
    fs.writeFileSync(file, "x");
    expect(() => initWorkspace(file, lessons)).toThrow(/not a folder/);
  });

  it("is found from the workspace and from folders below it, and BCC_TUTOR_WORKSPACE wins", () => {
    const below = path.join(ws, "a", "b");
    fs.mkdirSync(below, { recursive: true });
    expect(findWorkspace(below)).toBe(ws);
    expect(findWorkspace(tmp)).toBeUndefined();
    const saved = process.env.BCC_TUTOR_WORKSPACE;
    try {
      delete process.env.BCC_TUTOR_WORKSPACE;
      expect(workspaceDir(below)).toBe(ws);
      process.env.BCC_TUTOR_WORKSPACE = tmp;
      expect(workspaceDir(below)).toBe(tmp);
    } finally {
      if (saved === undefined) delete process.env.BCC_TUTOR_WORKSPACE;
      else process.env.BCC_TUTOR_WORKSPACE = saved;
    }
  });
});
