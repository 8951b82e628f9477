import { describe, expect, it } from "vitest";
import { CrashFilter, errorGist } from "../../src/lesson/error-gist.ts";

// What node printed for `bcc-tutor run 18 -i nosuchif0` before the gist.
const crash = `/work/src/bcc/raw-socket.ts:69
    throw new BpfAttachError("socket", ifname, \`no such network interface (this machine has: \${have})\`);
          ^


BpfAttachError: cannot attach socket nosuchif0: no such network interface (this machine has: eth0, lo)
    at openRawSocket (/work/src/bcc/raw-socket.ts:69:11)
    at Function.attachRawSocket (/work/src/bcc/bpf.ts:295:12)
    at <anonymous> (/work/answers/18-http_filter.ts:35:20) {
  kind: 'socket',
  target: 'nosuchif0'
}

Node.js v20.20.2
`;

describe("errorGist", () => {
  it("keeps the error line, drops the source excerpt, stack, properties and version", () => {
    expect(errorGist(crash)).toBe("BpfAttachError: cannot attach socket nosuchif0: no such network interface (this machine has: eth0, lo)");
  });
  it("keeps a multi-line message's continuation", () => {
    expect(errorGist("TypeError [ERR_X]: first\nsecond line\n    at f (/a.ts:1:1)\n")).toBe("TypeError [ERR_X]: first\nsecond line");
  });
  it("shows everything with verbose", () => {
    expect(errorGist(crash, { verbose: true })).toContain("at openRawSocket");
  });
  it("falls back to the last lines when there is no error line", () => {
    expect(errorGist("a\nb\nc\nd\n")).toBe("b\nc\nd");
  });
});

describe("CrashFilter", () => {
  it("passes ordinary stderr through and replaces a crash report by its gist", () => {
    const f = new CrashFilter();
    let shown = f.push("warning: something\npart");
    shown += f.push("ial line\n");
    for (const chunk of crash.match(/[\s\S]{1,40}/g)!) shown += f.push(chunk);
    shown += f.end();
    expect(shown).toBe("warning: something\npartial line\nBpfAttachError: cannot attach socket nosuchif0: no such network interface (this machine has: eth0, lo)\n");
  });
  it("verbose passes the crash through whole", () => {
    const f = new CrashFilter(true);
    expect(f.push(crash) + f.end()).toBe(crash);
  });
});
