// The progress file: validated, recovered when damaged, never corrupted by
// two instances or by a process killed in the middle of a save.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ProgressStore, emptyProgress } from "../../src/state/progress.ts";
import { projectRoot } from "../helpers/fixtures.ts";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-state-"));

describe("progress store", () => {
  it("starts empty, saves, and loads what it saved", () => {
    const dir = tmp();
    const a = new ProgressStore(dir);
    expect(a.load()).toEqual({ progress: emptyProgress() });
    expect(a.update((p) => { p.done.push("sys_sync"); p.hintsUsed.sys_sync = 2; p.lang = "ja"; })).toBe(true);
    const b = new ProgressStore(dir);
    expect(b.load().progress).toMatchObject({ done: ["sys_sync"], hintsUsed: { sys_sync: 2 }, lang: "ja" });
  });

  const damaged: Array<[string, string]> = [
    ["an empty file", ""],
    ["a truncated file", '{"version":1,"done":["sys_s'],
    ["a file that is not JSON", "\u0000\u0001garbage"],
    ["a file of the wrong schema", JSON.stringify({ version: 1, done: ["sys_sync", 7], current: 3, hintsUsed: { sys_sync: 1, x: -1 }, lang: "fr", workspace: null })],
  ];
  for (const [what, text] of damaged) {
    it(`moves ${what} aside, says so, and keeps what it can`, () => {
      const dir = tmp();
      fs.writeFileSync(path.join(dir, "progress.json"), text);
      const r = new ProgressStore(dir).load();
      expect(r.recovered?.reason).toBeTruthy();
      expect(r.recovered?.movedTo).toMatch(/progress\.json\.corrupt-/);
      expect(fs.readFileSync(r.recovered!.movedTo!, "utf8")).toBe(text); // nothing lost
      if (what.includes("wrong schema")) expect(r.progress).toMatchObject({ done: ["sys_sync"], hintsUsed: { sys_sync: 1 }, lang: null });
    });
  }

  it("a read-only file loads, and a failed save keeps the change in memory with a message", () => {
    if (process.getuid?.() === 0) {
      // root ignores file modes: make the folder unwritable through a file in its place
      const dir = tmp();
      const blocked = path.join(dir, "blocked");
      fs.writeFileSync(blocked, "a file, not a folder");
      const s = new ProgressStore(path.join(blocked, "state"));
      expect(s.load().progress).toEqual(emptyProgress());
      expect(s.update((p) => p.done.push("hello_world"))).toBe(false);
      expect(s.progress.done).toEqual(["hello_world"]);
      expect(s.lastError).toMatch(/progress not saved/);
      return;
    }
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "progress.json"), JSON.stringify(emptyProgress()));
    fs.chmodSync(dir, 0o500);
    const s = new ProgressStore(dir);
    expect(s.update((p) => p.done.push("x"))).toBe(false);
    fs.chmodSync(dir, 0o700);
  });

  it("two instances never lose each other's changes", () => {
    const dir = tmp();
    const a = new ProgressStore(dir);
    const b = new ProgressStore(dir);
    a.load();
    b.load();
    a.update((p) => p.done.push("one"));
    b.update((p) => p.done.push("two"));
    a.update((p) => { p.hintsUsed.one = 1; });
    expect(new ProgressStore(dir).load().progress).toMatchObject({ done: ["one", "two"], hintsUsed: { one: 1 } });
  });

  it("survives being killed at any point of a save: always loads to a saved state", async () => {
    const dir = tmp();
    const script = path.join(dir, "saver.mts");
    // "saved" once the first save is on disk: every round kills a saver that has saved.
    fs.writeFileSync(script, `
import { ProgressStore } from ${JSON.stringify(path.join(projectRoot, "src/state/progress.ts"))};
const s = new ProgressStore(${JSON.stringify(dir)});
s.load();
const round = Number(process.argv[2]);
for (let i = 0; ; i++) {
  if (!s.update((p) => { p.hintsUsed.round = round; p.hintsUsed.counter = i; p.done = Array.from({ length: i % 50 }, (_, k) => "lesson" + k); })) throw new Error("not saved");
  if (i === 0) process.stdout.write("saved\\n");
}
`);
    for (let round = 0; round < 12; round++) {
      const child = spawn(process.execPath, ["--import", "tsx", script, String(round)], { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] });
      const exited = new Promise((r) => child.on("exit", r));
      let out = "";
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on("data", (d) => (out += d) && out.includes("saved") && resolve());
        void exited.then(() => reject(new Error(`the saver exited before saving: ${out}`)));
      });
      // Then kill it somewhere in its stream of saves.
      await new Promise((r) => setTimeout(r, Math.random() * 200));
      child.kill("SIGKILL");
      await exited;
      const r = new ProgressStore(dir).load();
      expect(r.recovered).toBeUndefined();
      expect(r.progress.hintsUsed.round, "the file holds one of this round's saves").toBe(round);
      const n = r.progress.hintsUsed.counter!;
      expect(r.progress.done.length).toBe(n % 50); // a consistent save, not a mix
    }
  }, 60_000);
});
