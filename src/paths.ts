// Where bcc-tutor's own files are, and where the things it makes go.
// The package holds read-only data (lessons, locales, answers, starters,
// fixtures); what set-up builds goes to a cache folder, never into the
// package, so a global install works and an upgrade loses nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The folder of the running modules: the package itself, or its dist/ when compiled. */
export const codeRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** True when the tutor runs from tsc's output (dist/), not its TypeScript sources. */
export const compiled = path.basename(codeRoot) === "dist" && fs.existsSync(path.join(codeRoot, "..", "package.json"));
/** The folder with bcc-tutor's package.json: lessons, locales, answers, fixtures. */
export const packageRoot = compiled ? path.dirname(codeRoot) : codeRoot;

/** An installed package (under node_modules/) is read-only to the tutor: no learner file goes there. */
export function isInstalledPackage(root = packageRoot): boolean {
  return root.split(path.sep).includes("node_modules");
}

/** A module's extension in this build: .ts from the sources, .js from dist/. */
export const moduleExt = compiled ? ".js" : ".ts";
/** The lesson modules as this build has them: lessons/NN-id.ts, or dist/lessons/NN-id.js. */
export const lessonModulesDir = path.join(codeRoot, "lessons");
export const lessonModuleExt = moduleExt;

const systemCache = "/var/cache/bcc-tutor";

/** Where set-up puts what it builds: /var/cache/bcc-tutor as root, else $XDG_CACHE_HOME/bcc-tutor. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, uid = process.getuid?.() ?? -1): string {
  if (env.BCC_TUTOR_CACHE_DIR) return path.resolve(env.BCC_TUTOR_CACHE_DIR);
  if (uid === 0) return systemCache;
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), ".cache");
  return path.join(base, "bcc-tutor");
}

/**
 * The cache folders to look in, own first: set-up usually runs as root
 * (/var/cache) while a learner with capabilities may run as themselves.
 */
export function cacheDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...new Set([cacheDir(env), systemCache])];
}

/** Lesson 15's USDT HTTP server, built by set-up into the cache. */
export function usdtServerBinary(env: NodeJS.ProcessEnv = process.env): string {
  for (const d of cacheDirs(env)) {
    const p = path.join(d, "bin", "usdt-http-server");
    if (fs.existsSync(p)) return p;
  }
  return path.join(cacheDir(env), "bin", "usdt-http-server");
}

/** Scratch space for workloads (disk I/O): the cache, which is writable, unlike an installed package. */
export function scratchDir(env: NodeJS.ProcessEnv = process.env): string {
  return isInstalledPackage() ? path.join(cacheDir(env), "scratch") : path.join(packageRoot, ".cache");
}
