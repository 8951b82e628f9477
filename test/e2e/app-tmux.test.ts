// The real app in a real terminal (tmux), as a learner uses it: lesson 4
// live with its workload, Japanese, then exercise 2 solved in watch mode.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/fixtures.ts";

const session = `bcc-tutor-e2e-${process.pid}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-e2e-"));
const workspace = path.join(dir, "workspace");

const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-t", session);
const keys = (...k: string[]) => tmux("send-keys", "-t", session, ...k);
const type = (text: string) => tmux("send-keys", "-t", session, "-l", text);

async function waitFor(what: string | RegExp, ms = 30_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const s = screen();
    if (typeof what === "string" ? s.includes(what) : what.test(s)) return s;
    if (Date.now() - start > ms) throw new Error(`"${what}" not on screen after ${ms} ms:\n${s}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

afterAll(() => {
  try {
    tmux("kill-session", "-t", session);
  } catch {
    // already gone
  }
});

describe("bcc-tutor in a terminal", () => {
  it("runs lesson 4 live, switches to Japanese, and passes exercise 2 in watch mode", async () => {
    // CI=true as on CI machines: Ink would draw nothing until exit if it saw it.
    const env = `CI=true BCC_TUTOR_STATE_DIR=${dir}/state BCC_TUTOR_WORKSPACE=${workspace} LANG=C.UTF-8`;
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", `cd ${projectRoot} && env ${env} node bin/bcc-tutor.js --lang en; sleep 60`);
    await waitFor("Enter open", 60_000);
    await new Promise((r) => setTimeout(r, 1500)); // the app switches the tty to raw mode just after its first frame

    keys(":");
    type("lesson 4");
    keys("Enter");
    await waitFor("4. sync_timing");
    keys("r");
    await waitFor("attached; press t", 60_000);
    keys("t");
    await waitFor("multiple syncs detected", 30_000);
    keys("s");
    await waitFor("finished:", 15_000);

    keys("l");
    await waitFor("sync_timing: BPF ハッシュで sync の間隔を測る");

    keys(":");
    type("lesson 2");
    keys("Enter");
    const file = path.join(workspace, "02-sys_sync.ts");
    await waitFor("2. sys_sync");
    expect(fs.readFileSync(file, "utf8")).toContain("TODO");
    keys("w");
    await waitFor("監視中");
    // Save a correct solution the way an editor does: write a new file and rename it over.
    fs.writeFileSync(`${file}.tmp`, fs.readFileSync(path.join(projectRoot, "answers", "02-sys_sync.ts"), "utf8"));
    fs.renameSync(`${file}.tmp`, file);
    const s = await waitFor("合格です", 90_000);
    expect(s).toContain("✓");
    keys("q");
  }, 300_000);
});
