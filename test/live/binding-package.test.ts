// The binding is a library of its own: src/bcc alone, packed with a
// package.json of its own and installed into an empty folder, runs a
// tracepoint program there, and its channels are seen by a plain subscriber.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { packBinding } from "../helpers/pack-binding.ts";
import { projectRoot } from "../helpers/fixtures.ts";
import { headersStatus } from "../../src/kernel-source.ts";

const APP = `
import { spawnSync } from "node:child_process";
import dc from "node:diagnostics_channel";
import { BPF, CHANNELS } from "libbcc-ts";
const attached = [];
dc.subscribe(CHANNELS.probeAttached, (m) => attached.push(m.kind + " " + m.target));
const b = await BPF.create({ text: "BPF_HASH(c, u32, u64); TRACEPOINT_PROBE(syscalls, sys_enter_sync) { u32 k = 0; c.increment(k); return 0; }" });
for (let i = 0; i < 3; i++) spawnSync("sync");
console.log(JSON.stringify({ syncs: Number(b.table("c").get(0) ?? 0), attached }));
b.close();
`;

describe("src/bcc as a package of its own", () => {
  it("packs without tutor files, installs in an empty folder and traces sync there", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "libbcc-ts-"));
    try {
      const tarball = packBinding(path.join(tmp, "lib"));
      const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
      const ours = new Set(fs.readdirSync(path.join(projectRoot, "src", "bcc")).map((f) => f.replace(/\.ts$/, "")));
      for (const f of files) {
        if (f === "package/package.json") continue;
        const m = /^package\/dist\/([\w-]+)\.(js|d\.ts)$/.exec(f);
        expect(m, `unexpected file in the package: ${f}`).not.toBeNull();
        expect(ours.has(m![1]!), `${f} is not a module of src/bcc`).toBe(true);
      }
      expect(files).toContain("package/dist/index.js");

      const app = path.join(tmp, "app");
      fs.mkdirSync(app);
      fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
      fs.writeFileSync(path.join(app, "app.js"), APP);
      execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], { cwd: app, stdio: "pipe" });
      expect(fs.readdirSync(path.join(app, "node_modules")).sort()).toEqual(expect.arrayContaining(["koffi", "libbcc-ts"]));

      // Plain node, no tsx, no tutor: the headers are the caller's business (BCC_KERNEL_SOURCE), as with bcc.
      const hs = headersStatus();
      const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: tmp, ...(hs.kind === "env" || hs.kind === "merged" ? { BCC_KERNEL_SOURCE: hs.path } : {}) };
      const r = spawnSync(process.execPath, ["app.js"], { cwd: app, env, encoding: "utf8", timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { syncs: number; attached: string[] };
      expect(out.syncs).toBeGreaterThanOrEqual(3);
      expect(out.attached).toEqual(["tracepoint syscalls:sys_enter_sync"]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);
});
