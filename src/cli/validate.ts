// Checks of option values that name things on this machine: files,
// folders, network interfaces. Each failure says what to give instead.
import fs from "node:fs";
import path from "node:path";
import { t } from "../i18n/index.ts";
import { UsageError } from "./args.ts";

/** A file to read: it exists, and is a file (not a folder). */
export function readableFile(file: string, flag: string): string {
  const abs = path.resolve(file);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new UsageError(t("err.noSuchFile", { file, flag }));
  }
  if (!st.isFile()) throw new UsageError(t("err.notAFile", { file, flag }));
  try {
    fs.accessSync(abs, fs.constants.R_OK);
  } catch {
    throw new UsageError(t("err.unreadable", { file, flag }));
  }
  return abs;
}

/** A file to write: its folder exists, and the path is not a folder. */
export function writableTarget(file: string, flag: string): string {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(t("err.noFolder", { file, dir, flag }));
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) throw new UsageError(t("err.notAFile", { file, flag }));
  return abs;
}

export function networkInterfaces(): string[] {
  try {
    return fs.readdirSync("/sys/class/net").sort();
  } catch {
    return [];
  }
}

/** A network interface of this machine. */
export function networkInterface(name: string): string {
  const have = networkInterfaces();
  if (!have.includes(name)) throw new UsageError(t("err.iface", { iface: name, list: have.join(", ") || "-" }));
  return name;
}
