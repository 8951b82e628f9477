// Where the tutor's own files are: the package root (lessons, answers,
// locales, build/ and the cache of a clone). The binding knows no folder.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
