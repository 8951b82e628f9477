// What `bcc-tutor setup` does, one step each: Debian packages, tracefs,
// kernel headers, lesson 15's USDT server. Each step first looks, and
// changes something only when it is missing (a second run changes
// nothing). What it builds goes to the cache folder, never the package.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { t } from "../i18n/index.ts";
import { packageRoot } from "../paths.ts";
import { tracefsPath } from "../bcc/tracefs.ts";
import type { StepReport, StepView } from "./progress.ts";

export interface SetupContext {
  root: boolean;
  /** Where set-up writes: /var/cache/bcc-tutor as root. */
  cache: string;
  /** May ask the terminal (a TTY and no --yes). */
  ask?: (question: string) => Promise<boolean>;
  env: NodeJS.ProcessEnv;
}

export interface SetupStep {
  id: "packages" | "tracefs" | "headers" | "usdt";
  run(ctx: SetupContext, view: StepView): Promise<StepReport>;
}

interface ExecResult {
  code: number;
  output: string;
}

/** Runs a command to its end, output collected (never on the terminal, where the spinner is). */
export function exec(argv: string[], env: NodeJS.ProcessEnv = process.env, logFile?: string): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ["ignore", "pipe", "pipe"], env });
    let output = "";
    const log = logFile ? fs.createWriteStream(logFile, { flags: "a" }) : undefined;
    log?.write(`$ ${argv.join(" ")}\n`);
    const take = (d: Buffer) => {
      output += d.toString();
      if (output.length > 1 << 20) output = output.slice(-(1 << 19));
      log?.write(d);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", (e) => {
      log?.end();
      resolve({ code: 127, output: e.message });
    });
    child.on("close", (code) => {
      log?.end();
      resolve({ code: code ?? 128, output });
    });
  });
}

const kernelBuild = () => `/lib/modules/${os.release()}/build`;
const hasOwnHeaders = (env: NodeJS.ProcessEnv) => !!env.BCC_KERNEL_SOURCE || fs.existsSync(path.join(kernelBuild(), "include"));

/**
 * libbpfcc: libbcc; -dev: its headers; bpftool: leak checks; python3-bpfcc:
 * the benchmarks' and histogram tests' reference; systemtap-sdt-dev, gcc,
 * make: lesson 15's USDT server; tmux: the terminal end-to-end test.
 */
export function wantedPackages(env: NodeJS.ProcessEnv): string[] {
  const pkgs = ["libbpfcc", "libbpfcc-dev", "bpftool", "python3-bpfcc", "systemtap-sdt-dev", "gcc", "make", "tmux"];
  if (!hasOwnHeaders(env)) pkgs.push("linux-headers-amd64");
  return pkgs;
}

export async function missingPackages(pkgs: string[]): Promise<string[]> {
  const r = await exec(["dpkg-query", "-W", "-f=${Package}\\t${Status}\\n", ...pkgs]);
  const installed = new Set(
    r.output.split("\n").filter((l) => l.endsWith("install ok installed")).map((l) => l.split("\t")[0]),
  );
  return pkgs.filter((p) => !installed.has(p));
}

const packages: SetupStep = {
  id: "packages",
  async run(ctx, view) {
    const wanted = wantedPackages(ctx.env);
    const missing = await missingPackages(wanted);
    if (missing.length === 0) return { status: "ok", detail: t("setup.packages.present", { list: wanted.join(" ") }) };
    if (!ctx.root) return { status: "failed", detail: t("setup.needsRoot", { step: missing.join(" ") }) };
    if (ctx.ask) {
      view.pause();
      const yes = await ctx.ask(t("setup.packages.confirm", { list: missing.join(" ") }));
      view.resume();
      if (!yes) return { status: "failed", detail: t("setup.packages.declined", { list: missing.join(" ") }) };
    }
    const env = { ...ctx.env, DEBIAN_FRONTEND: "noninteractive" };
    const log = path.join(ctx.cache, "setup-apt.log");
    fs.mkdirSync(ctx.cache, { recursive: true });
    view.update("apt-get update");
    const up = await exec(["apt-get", "update", "-q"], env, log);
    if (up.code !== 0) return { status: "failed", detail: t("setup.packages.failed", { code: up.code, log }) };
    // The exact headers for the running kernel, when Debian has them.
    const exact = `linux-headers-${os.release()}`;
    if (!hasOwnHeaders(ctx.env) && (await exec(["apt-cache", "show", exact])).code === 0) missing.push(exact);
    view.update(t("setup.packages.installing", { list: missing.join(" ") }));
    const inst = await exec(["apt-get", "install", "-y", "-q", "--no-install-recommends", ...missing], env, log);
    if (inst.code !== 0) return { status: "failed", detail: t("setup.packages.failed", { code: inst.code, log }) };
    return { status: "changed", detail: t("setup.packages.installed", { list: missing.join(" ") }) };
  },
};

const tracefs: SetupStep = {
  id: "tracefs",
  async run(ctx, view) {
    const at = tracefsPath();
    if (at) return { status: "ok", detail: t("setup.tracefs.mounted", { path: at }) };
    if (!ctx.root) return { status: "failed", detail: t("setup.needsRoot", { step: "mount -t tracefs" }) };
    view.update(t("setup.tracefs.mounting"));
    const r = await exec(["mount", "-t", "tracefs", "tracefs", "/sys/kernel/tracing"]);
    if (r.code !== 0 || !tracefsPath()) return { status: "failed", detail: t("setup.tracefs.failed", { error: r.output.trim() || `exit ${r.code}` }) };
    return { status: "changed", detail: t("setup.tracefs.mounted", { path: tracefsPath()! }) };
  },
};

/** Debian's newest generic -amd64 header tree in /usr/src, and its version ("6.1.0-28"). */
function debianHeaders(): { arch: string; version: string } | undefined {
  let names: string[] = [];
  try {
    names = fs.readdirSync("/usr/src").filter((n) => /^linux-headers-.+-amd64$/.test(n));
  } catch {
    return undefined;
  }
  names.sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const last = names[names.length - 1];
  if (!last) return undefined;
  return { arch: path.join("/usr/src", last), version: last.slice("linux-headers-".length, -"-amd64".length) };
}

/**
 * No headers for the running kernel: merge Debian's -common and -amd64
 * trees into one tree of symlinks in the cache (the tutor points
 * BCC_KERNEL_SOURCE at it); no system folder changes.
 */
const headers: SetupStep = {
  id: "headers",
  async run(ctx, view) {
    if (ctx.env.BCC_KERNEL_SOURCE) return { status: "ok", detail: t("setup.headers.env", { path: ctx.env.BCC_KERNEL_SOURCE }) };
    if (fs.existsSync(path.join(kernelBuild(), "include"))) return { status: "ok", detail: t("setup.headers.exact", { path: kernelBuild() }) };
    const deb = debianHeaders();
    if (!deb) return { status: "failed", detail: t("setup.headers.none") };
    const common = `/usr/src/linux-headers-${deb.version}-common`;
    if (!fs.existsSync(common)) return { status: "failed", detail: t("setup.headers.noCommon", { dir: common, version: deb.version }) };
    const base = path.join(ctx.cache, "kernel-headers");
    const name = `${deb.version}-amd64`;
    const dest = path.join(base, name);
    let status: "ok" | "changed" = "ok";
    if (!fs.existsSync(path.join(dest, ".complete"))) {
      view.update(t("setup.headers.merging", { version: deb.version, path: dest }));
      fs.rmSync(dest, { recursive: true, force: true });
      fs.mkdirSync(dest, { recursive: true });
      for (const argv of [["cp", "-rs", `${common}/.`, `${dest}/`], ["cp", "-rsf", `${deb.arch}/.`, `${dest}/`]]) {
        const r = await exec(argv);
        if (r.code !== 0) return { status: "failed", detail: `${argv.join(" ")}: ${r.output.trim()}` };
      }
      fs.writeFileSync(path.join(dest, ".complete"), `${new Date().toISOString()}\n`);
      status = "changed";
    }
    // Repoint "current" in one rename, so a tutor starting meanwhile sees the old tree or the new.
    const current = path.join(base, "current");
    let target: string | undefined;
    try {
      target = fs.readlinkSync(current);
    } catch {}
    if (target !== name) {
      const tmp = `${current}.${process.pid}`;
      fs.rmSync(tmp, { force: true });
      fs.symlinkSync(name, tmp);
      fs.renameSync(tmp, current);
      status = "changed";
    }
    return { status, detail: t("setup.headers.merged", { version: deb.version, path: dest }) };
  },
};

/** The server's Makefile writes to OUT_DIR: the cache, as the package may be read-only. */
const usdt: SetupStep = {
  id: "usdt",
  async run(ctx, view) {
    const src = path.join(packageRoot, "fixtures", "usdt-http-server");
    const outDir = path.join(ctx.cache, "bin");
    const bin = path.join(outDir, "usdt-http-server");
    const make = ["make", "-s", "-C", src, `OUT_DIR=${outDir}`];
    if (fs.existsSync(bin) && (await exec([...make, "-q"])).code === 0) return { status: "ok", detail: t("setup.usdt.upToDate", { path: bin }) };
    view.update(t("setup.usdt.building", { path: bin }));
    const r = await exec(make);
    if (r.code !== 0) return { status: "failed", detail: t("setup.usdt.failed", { path: bin, code: r.code, output: r.output.trim().split("\n").slice(-3).join(" / ") }) };
    return { status: "changed", detail: t("setup.usdt.built", { path: bin }) };
  },
};

export const SETUP_STEPS: readonly SetupStep[] = [packages, tracefs, headers, usdt];
