// Packs src/bcc alone as an npm package of its own (libbcc-ts): its .ts
// compiled to JavaScript with declarations, nothing else of the project.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "./fixtures.ts";

const koffiVersion = (JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies.koffi!;

const PACKAGE = {
  name: "libbcc-ts",
  version: "0.0.0",
  description: "bcc (BPF Compiler Collection) for Node.js, through koffi",
  type: "module",
  exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
  files: ["dist"],
  engines: { node: ">=20" },
  dependencies: { koffi: koffiVersion },
};

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noUncheckedIndexedAccess: true,
    noImplicitOverride: true, rewriteRelativeImportExtensions: true, declaration: true, outDir: "dist", rootDir: "src",
    skipLibCheck: true, esModuleInterop: true, types: ["node"],
  },
  include: ["src"],
};

/** Builds and packs the binding in dir; returns the tarball's path. */
export function packBinding(dir: string): string {
  const src = path.join(projectRoot, "src", "bcc");
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  for (const f of fs.readdirSync(src)) fs.copyFileSync(path.join(src, f), path.join(dir, "src", f));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(PACKAGE, null, 2));
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  // The compiler and the types of node and koffi, for the build only (npm pack leaves node_modules out).
  const modules = fs.realpathSync(path.join(projectRoot, "node_modules"));
  fs.symlinkSync(modules, path.join(dir, "node_modules"));
  try {
    execFileSync(path.join(modules, ".bin", "tsc"), ["-p", dir], { stdio: "pipe" });
  } finally {
    fs.rmSync(path.join(dir, "node_modules"));
  }
  const name = execFileSync("npm", ["pack", "--silent"], { cwd: dir, encoding: "utf8" }).trim().split("\n").pop()!;
  return path.join(dir, name);
}
