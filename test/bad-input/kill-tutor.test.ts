// Nothing the tutor starts outlives it: kill -9 of the app, of `check` and
// of `run`, while a lesson program is attached, leaves no process of its
// tree and no BPF program (soon after: the clean-up follows events, not a clock). The programs are stubborn where they
// can be (a busy loop, a detached grandchild), so only the supervision can
// end them: PDEATHSIG reaches the program alone, the watchdog its cgroup.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/fixtures.ts";
import { Term, tmux } from "../helpers/tmux.ts";
import { killTagged, leftoversAfter, newTag, nothingLeft, programsHeldBy, snapshot, TAG_VAR, taggedProcesses } from "../helpers/leftovers.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-kill-"));
const bin = path.join(projectRoot, "bin", "bcc-tutor.js");
const stubborn = (name: string) => path.join(projectRoot, "test", "fixtures", "stubborn", `${name}.ts`);
const tags: string[] = [];

afterAll(() => {
  for (const t of tags) killTagged(t);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until some process of the tagged tree holds a BPF program, then returns the tree. */
async function waitAttached(tag: string, ms = 60_000, also: () => boolean = () => true) {
  const deadline = Date.now() + ms;
  for (;;) {
    const procs = taggedProcesses(tag);
    if (programsHeldBy(procs.map((p) => p.pid)).length > 0 && also()) return procs;
    if (Date.now() > deadline) throw new Error(`no BPF program held by the tree within ${ms} ms: ${JSON.stringify(procs)}`);
    await sleep(50);
  }
}

const tutorOf = (procs: Array<{ pid: number; cmd: string }>) => {
  const p = procs.find((x) => x.cmd.includes(bin));
  if (!p) throw new Error(`no tutor process in ${JSON.stringify(procs)}`);
  return p.pid;
};

async function killAndCheck(tag: string, tutorPid: number, before: ReturnType<typeof snapshot>): Promise<void> {
  process.kill(tutorPid, "SIGKILL");
  const left = await leftoversAfter(tag, before);
  expect(left).toEqual(nothingLeft);
}

function cliTagged(tag: string, args: string[]) {
  return spawn(process.execPath, [bin, ...args], {
    stdio: "ignore",
    env: { ...process.env, [TAG_VAR]: tag, XDG_STATE_HOME: path.join(dir, "state"), LANG: "C.UTF-8" },
  });
}

describe("kill -9 of the tutor", () => {
  it("of `check`, with a program that spins and has a detached child: 0 processes, 0 programs left", async () => {
    const tag = newTag();
    tags.push(tag);
    const before = snapshot();
    const child = cliTagged(tag, ["check", "2", "--file", stubborn("forks-and-spins")]);
    // Attached, the detached sleep started, and the program spins (it retitles itself first).
    const procs = await waitAttached(tag, 60_000, () => {
      const cmds = taggedProcesses(tag).map((p) => p.cmd);
      return cmds.includes("sleep 300") && cmds.includes("bcc-tutor-spinning");
    });
    expect(tutorOf(procs)).toBe(child.pid);
    await killAndCheck(tag, child.pid!, before);
  }, 90_000);

  it("during a workload command (a trigger): the command dies with the tutor", async () => {
    const tag = newTag();
    tags.push(tag);
    const before = snapshot();
    const triggers = path.join(projectRoot, "src", "lesson", "triggers.ts");
    const tutor = spawn(process.execPath, ["--import", "tsx", "-e", `import(${JSON.stringify(triggers)}).then((m) => m.exec(["sleep", "300"], 600000))`], {
      cwd: projectRoot,
      stdio: "ignore",
      env: { ...process.env, [TAG_VAR]: tag },
    });
    const deadline = Date.now() + 30_000;
    while (!taggedProcesses(tag).some((p) => p.cmd === "sleep 300")) {
      if (Date.now() > deadline) throw new Error("the workload never started");
      await sleep(50);
    }
    await killAndCheck(tag, tutor.pid!, before);
  }, 60_000);

  it("of `run`: 0 processes, 0 programs left", async () => {
    const tag = newTag();
    tags.push(tag);
    const before = snapshot();
    const child = cliTagged(tag, ["run", "2"]);
    await waitAttached(tag);
    await killAndCheck(tag, child.pid!, before);
  }, 90_000);

  it("of the app (in a terminal, running a lesson live): 0 processes, 0 programs left", async () => {
    const tag = newTag();
    tags.push(tag);
    const before = snapshot();
    const env = `${TAG_VAR}=${tag} CI=true XDG_STATE_HOME=${dir}/app-state BCC_TUTOR_WORKSPACE=${dir}/ws LANG=C.UTF-8`;
    const term = Term.start(`bcc-tutor-kill-${process.pid}`, 120, `cd ${projectRoot} && env ${env} ${process.execPath} ${bin} --lang en`);
    try {
      await term.waitFor("Enter", 60_000); // the list's help line is up
      await term.raw(); // and the app reads keys
      term.keys(":");
      term.type("lesson 2");
      term.keys("Enter");
      await term.waitFor("2. sys_sync", 60_000);
      term.keys("R"); // the reference: the starter attaches nothing
      const procs = await waitAttached(tag);
      await killAndCheck(tag, tutorOf(procs), before);
    } finally {
      term.kill(); // also when the test failed before its kill -9
    }
  }, 120_000);

  it("closing the app's terminal (SIGHUP) while it checks ends it and all it started", async () => {
    // The app holds the checker's counter probe then: the binding's signal
    // hooks and Ink's signal-exit each left SIGHUP to the other, and the app
    // outlived its terminal.
    const tag = newTag();
    tags.push(tag);
    const before = snapshot();
    const env = `${TAG_VAR}=${tag} CI=true XDG_STATE_HOME=${dir}/hup-state BCC_TUTOR_WORKSPACE=${dir}/hup-ws LANG=C.UTF-8`;
    const term = Term.start(`bcc-tutor-hup-${process.pid}`, 120, `cd ${projectRoot} && env ${env} ${process.execPath} ${bin} --lang en`);
    try {
      await term.waitFor("Enter", 60_000);
      await term.raw();
      term.keys(":");
      term.type("lesson 2");
      term.keys("Enter");
      await term.waitFor("2. sys_sync", 60_000);
      term.keys("c"); // checks the starter: the counter probe loads in the app
      const tutor = tutorOf(taggedProcesses(tag));
      await waitAttached(tag, 60_000, () => programsHeldBy([tutor]).length > 0);
      tmux("kill-session", "-t", term.name); // the terminal closes: SIGHUP, nothing more
      const left = await leftoversAfter(tag, before, 5000);
      expect(left).toEqual(nothingLeft);
    } finally {
      term.kill();
    }
  }, 120_000);
});
