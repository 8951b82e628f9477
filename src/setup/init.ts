// `bcc-tutor init [DIR]`: a folder of the learner's own holding every
// exercise's starter, found again by its marker from there or below. It
// also makes `import { BPF } from "bcc-tutor"` and `npx tsx FILE` work
// there by hand: a package.json (type module, bcc-tutor as a file:
// dependency, so `npm install` there recreates the link) and the link
// itself in node_modules, plus tsx's command. Nothing is overwritten.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { packageRoot } from "../paths.ts";
import { starterFile, workspaceFile, WORKSPACE_MARKER, insidePackage, NoWorkspaceError } from "../lesson/workspace.ts";
import type { Lesson } from "../lesson/schema.ts";
import { t } from "../i18n/index.ts";

export interface InitReport {
  dir: string;
  created: string[];
  kept: string[];
}

function version(): string {
  return (JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version: string }).version;
}

/** Writes `text` to `file` unless something is there already (a file, a link, even a broken one). */
function writeNew(file: string, text: string, report: InitReport): void {
  try {
    fs.writeFileSync(file, text, { flag: "wx" });
    report.created.push(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    report.kept.push(file);
  }
}

function linkNew(link: string, target: string, report: InitReport): void {
  try {
    fs.lstatSync(link);
    report.kept.push(link);
  } catch {
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(target, link);
    report.created.push(link);
  }
}

export function initWorkspace(dirArg: string, lessons: Lesson[]): InitReport {
  const dir = path.resolve(dirArg);
  if (insidePackage(dir)) throw new NoWorkspaceError(t("workspace.inPackage", { dir }));
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new NoWorkspaceError(t("init.notDir", { dir }));
  fs.mkdirSync(dir, { recursive: true });
  const report: InitReport = { dir, created: [], kept: [] };
  writeNew(path.join(dir, WORKSPACE_MARKER), `${JSON.stringify({ workspace: "bcc-tutor", version: version() })}\n`, report);
  for (const lesson of lessons) {
    const starter = starterFile(lesson);
    if (!starter) continue;
    writeNew(workspaceFile(lesson, dir), fs.readFileSync(starter, "utf8"), report);
  }
  const pkg = {
    name: "bcc-tutor-workspace",
    private: true,
    type: "module",
    dependencies: { "bcc-tutor": `file:${packageRoot}` },
  };
  writeNew(path.join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`, report);
  // For the editor: the same module rules the runner uses; types from the package's sources.
  const tsconfig = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      types: ["node"],
    },
    include: ["*.ts"],
  };
  writeNew(path.join(dir, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`, report);
  writeNew(path.join(dir, ".gitignore"), "node_modules/\n", report);
  linkNew(path.join(dir, "node_modules", "bcc-tutor"), packageRoot, report);
  // tsx as installed with bcc-tutor, so `npx tsx` finds it here and never asks the registry.
  const tsxCli = createRequire(path.join(packageRoot, "package.json")).resolve("tsx/cli");
  linkNew(path.join(dir, "node_modules", ".bin", "tsx"), tsxCli, report);
  return report;
}
