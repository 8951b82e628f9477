// libbcc's stderr captured around a compile: what is written to fd 2 is
// read back, and a process started meanwhile inherits nothing of it (the
// tutor starts a lesson's program while its own counter probe compiles; a
// copy of stderr inherited by the program's detached child once kept
// `check` from ending until that child died).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { captureStderr } from "../../src/bcc/stderr-capture.ts";

describe("captureStderr", () => {
  it("reads back what was written to fd 2, and restores it", () => {
    const before = fs.readlinkSync("/proc/self/fd/2");
    const cap = captureStderr();
    fs.writeSync(2, "clang says hello\n");
    expect(cap.stop()).toBe("clang says hello\n");
    expect(fs.readlinkSync("/proc/self/fd/2")).toBe(before);
  });

  it("leaves no copy of stderr to a process started while it is open", () => {
    const stderr = fs.readlinkSync("/proc/self/fd/2");
    const cap = captureStderr();
    let fds: string;
    try {
      // The child's own stdio are new pipes; any other fd it holds came from us.
      fds = spawnSync("/bin/sh", ["-c", 'for f in /proc/$$/fd/*; do echo "${f##*/} $(readlink "$f")"; done'], { encoding: "utf8" }).stdout;
    } finally {
      cap.stop();
    }
    const inherited = fds.trim().split("\n").filter((l) => !/^[012] /.test(l) && l.split(" ")[1] !== undefined && !l.includes("/proc/"));
    expect(fds).toMatch(/^0 /m);
    expect(inherited.filter((l) => l.endsWith(` ${stderr}`) || /memfd:bcc-tutor-stderr/.test(l)), fds).toEqual([]);
  });
});
