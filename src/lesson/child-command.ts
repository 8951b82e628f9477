// The command line that runs a lesson's program (a learner's file or a
// reference answer), for the runner and for bench/footprint.ts, so the
// bench measures exactly the runner's launch.
//
// Compiled (dist/), the program's TypeScript is transpiled here, before the
// child starts, with "bcc-tutor" and the lesson modules pointed at the
// tutor's own JavaScript and the learner's own modules bundled in: the
// child then runs with no loader hooks. Node 20 runs loader hooks in a
// worker thread with its own V8 isolate, and tsx in it: about 30 MiB of a
// lesson's 220 MiB peak (bench/README.md, footprint). A program esbuild
// cannot build (a syntax error, an import that resolves nowhere) runs
// through tsx as before, which reports the error the usual way.
import fs from "node:fs";
import { isBuiltin } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { codeRoot, compiled, moduleExt, packageRoot } from "../paths.ts";
import { runnableFile, type Runnable } from "./module-scope.ts";
import { supervisePreload } from "./supervise.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const selfImport = path.join(here, "self-import.mjs");
// The preload is tsc's .js beside this module when the tutor runs compiled.
const childPreload = path.join(here, `child-preload${moduleExt}`);
// tsx as installed with bcc-tutor: a bare "tsx" would resolve from the
// child's folder, which is the learner's when the tutor is installed.
// (Under a test runner without import.meta.resolve, the clone's own "tsx".)
const tsxLoader = (() => {
  try {
    return import.meta.resolve("tsx");
  } catch {
    return "tsx";
  }
})();

export interface ChildCommand {
  /** node's arguments before the program's own. */
  argv: string[];
  runnable: Runnable;
  /** How the program's TypeScript is run: transpiled before the start, or by tsx in the child. */
  mode: "transpiled" | "tsx";
}

/** How `file` is started: `node ...argv ...args`. */
export async function childCommand(file: string): Promise<ChildCommand> {
  const transpiled = compiled ? await transpiledRunnable(file) : undefined;
  if (transpiled) return { argv: ["--enable-source-maps", "--import", supervisePreload, "--import", childPreload, transpiled.path], runnable: transpiled, mode: "transpiled" };
  const runnable = runnableFile(file);
  return { argv: ["--import", supervisePreload, "--import", tsxLoader, "--import", selfImport, "--import", childPreload, runnable.path], runnable, mode: "tsx" };
}

/**
 * Where an import of the program points once transpiled (it stays an
 * import); undefined: the module is bundled into the program (the
 * learner's own modules, packages of the learner's folder).
 */
export function importTarget(specifier: string, resolveDir: string, root = packageRoot, code = codeRoot): string | undefined {
  if (specifier === "bcc-tutor") return pathToFileURL(path.join(code, "src", `index.js`)).href;
  if (isBuiltin(specifier)) return specifier;
  if (!specifier.startsWith(".") && !path.isAbsolute(specifier)) return undefined;
  // A module of the tutor's own (an answer imports its lesson): its compiled
  // twin, one copy of it for the program and the child's preload.
  const rel = path.relative(root, path.resolve(resolveDir, specifier));
  if (rel.startsWith("..") || path.isAbsolute(rel) || !/\.tsx?$/.test(rel)) return undefined;
  const twin = path.join(code, rel.replace(/\.tsx?$/, ".js"));
  return fs.existsSync(twin) ? pathToFileURL(twin).href : undefined;
}

let builds = 0;

async function transpiledRunnable(file: string): Promise<Runnable | undefined> {
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch {
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-run-"));
  const out = path.join(dir, `${path.basename(file).replace(/\.[cm]?[jt]sx?$/, "")}.mjs`);
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  builds++;
  try {
    await esbuild.build({
      entryPoints: [file],
      outfile: out,
      // The tutor's modules stay imports (the resolver below); the rest is bundled.
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      // Stack traces and error snippets name the learner's file and line.
      sourcemap: "inline",
      logLevel: "silent",
      // The program still sees where it lives, not the temporary copy (a
      // bundled module of the learner's sees the same: its entry's place).
      define: {
        "import.meta.url": JSON.stringify(pathToFileURL(file).href),
        "import.meta.filename": JSON.stringify(file),
        "import.meta.dirname": JSON.stringify(path.dirname(file)),
      },
      plugins: [{
        name: "bcc-tutor-imports",
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === "entry-point") return undefined;
            const target = importTarget(args.path, args.resolveDir);
            return target === undefined ? undefined : { path: target, external: true };
          });
        },
      }],
    });
  } catch {
    // A syntax error: tsx reports it in the child, the way the checker expects.
    dispose();
    return undefined;
  } finally {
    // esbuild's service process: nothing the tutor starts outlives its use
    // (stopped once no other program is being transpiled beside this one).
    if (--builds === 0) await esbuild.stop().catch(() => undefined);
  }
  const outUrl = pathToFileURL(out).href;
  return {
    path: out,
    unmap: (t) => t.split(outUrl).join(pathToFileURL(file).href).split(out).join(file),
    dispose,
  };
}
