// Nothing the tutor starts outlives it: kill -9 of the app, of `check` and
// of `run`, while a lesson program is attached, leaves no process of its
// tree and no BPF program within 2 s. The programs are stubborn where they
// can be (a busy loop, a detached grandchild), so only the supervision can
// end them: PDEATHSIG reaches the program alone, the watchdog its cgroup.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/fixtures.ts";
import { endSession, panePid } from "../helpers/tmux.ts";
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
  const left = await leftoversAfter(tag, before, 2000);
  expect(left).toEqual(nothingLeft);
}

function cliTagged(tag: string, args: string[]) {
  return spawn(process.execPath, [bin, ...args], {
    stdio: "ignore",
    env: { ...process.env, [TAG_VAR]: tag, XDG_STATE_HOME: path.join(dir, "state"), LANG: "C.UTF-8" },
  });
}

describe("kill -9 of the tutor", () => {
  it("of `check`, with a program that spins and has a detached child: 0 processes, 0 programs within 2 s", async () => {
    const tag = newTag();
    tags.push(tag);
    const before = snapshot();
    const child = cliTagged(tag, ["check", "2", "--file", stubborn("forks-and-spins")]);
    // Attached, and the detached sleep started (the program spins from then on).
    const procs = await waitAttached(tag, 60_000, () => taggedProcesses(tag).some((p) => p.cmd === "sleep 300"));
    expect(tutorOf(procs)).toBe(child.pid);
    await sleep(200);
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

  it("of `run`: 0 processes, 0 programs within 2 s", async () => {
    const tag = newTag();
    tags.push(tag);
    const before = snapshot();
    const child = cliTagged(tag, ["run", "2"]);
    await waitAttached(tag);
    await killAndCheck(tag, child.pid!, before);
  }, 90_000);

  it("of the app (in a terminal, running a lesson live): 0 processes, 0 programs within 2 s", async () => {
    const tag = newTag();
    tags.push(tag);
    const session = `bcc-tutor-kill-${process.pid}`;
    const tmux = (...a: string[]) => execFileSync("tmux", a, { encoding: "utf8" });
    const screen = () => tmux("capture-pane", "-p", "-t", session);
    const waitFor = async (text: string, ms: number) => {
      const deadline = Date.now() + ms;
      while (!screen().includes(text)) {
        if (Date.now() > deadline) throw new Error(`"${text}" not on screen after ${ms} ms:\n${screen()}`);
        await sleep(100);
      }
    };
    const before = snapshot();
    const env = `${TAG_VAR}=${tag} CI=true XDG_STATE_HOME=${dir}/app-state BCC_TUTOR_WORKSPACE=${dir}/ws LANG=C.UTF-8`;
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", `cd ${projectRoot} && env ${env} ${process.execPath} ${bin} --lang en`);
    const pane = panePid(session);
    try {
      await waitFor("Enter", 60_000); // the list's help line is up
      await sleep(1500); // raw mode comes just after the first frame
      tmux("send-keys", "-t", session, ":");
      tmux("send-keys", "-t", session, "-l", "lesson 2");
      tmux("send-keys", "-t", session, "Enter");
      await waitFor("2. sys_sync", 15_000);
      tmux("send-keys", "-t", session, "R"); // the reference: the starter attaches nothing
      const procs = await waitAttached(tag);
      await killAndCheck(tag, tutorOf(procs), before);
    } finally {
      endSession(session, pane); // also when the test failed before its kill -9
    }
  }, 120_000);

  it("closing the app's terminal (SIGHUP) while it checks ends it and all it started", async () => {
    // The app holds the checker's counter probe then: the binding's signal
    // hooks and Ink's signal-exit each left SIGHUP to the other, and the app
    // outlived its terminal.
    const tag = newTag();
    tags.push(tag);
    const session = `bcc-tutor-hup-${process.pid}`;
    const tmux = (...a: string[]) => execFileSync("tmux", a, { encoding: "utf8" });
    const screen = () => tmux("capture-pane", "-p", "-t", session);
    const before = snapshot();
    const env = `${TAG_VAR}=${tag} CI=true XDG_STATE_HOME=${dir}/hup-state BCC_TUTOR_WORKSPACE=${dir}/hup-ws LANG=C.UTF-8`;
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", `cd ${projectRoot} && env ${env} ${process.execPath} ${bin} --lang en`);
    const pane = panePid(session);
    try {
      const deadline = Date.now() + 60_000;
      while (!screen().includes("Enter")) {
        if (Date.now() > deadline) throw new Error(`the app did not start:\n${screen()}`);
        await sleep(100);
      }
      await sleep(1500); // raw mode comes just after the first frame
      tmux("send-keys", "-t", session, ":");
      tmux("send-keys", "-t", session, "-l", "lesson 2");
      tmux("send-keys", "-t", session, "Enter");
      await sleep(1000);
      tmux("send-keys", "-t", session, "c"); // checks the starter: the counter probe loads in the app
      const tutor = tutorOf(taggedProcesses(tag));
      await waitAttached(tag, 60_000, () => programsHeldBy([tutor]).length > 0);
      tmux("kill-session", "-t", session); // the terminal closes: SIGHUP, nothing more
      const left = await leftoversAfter(tag, before, 5000);
      expect(left).toEqual(nothingLeft);
    } finally {
      endSession(session, pane);
    }
  }, 120_000);
});
