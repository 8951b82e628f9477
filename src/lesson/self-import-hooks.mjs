// The resolve hook registered by self-import.mjs. The target is handed on
// to the next resolver (tsx's), so it is loaded as TypeScript from the
// sources, or as tsc's JavaScript when the tutor runs compiled (dist/):
// then the child transpiles only the learner's file.
import fs from "node:fs";

const js = new URL("../index.js", import.meta.url);
const target = (fs.existsSync(js) ? js : new URL("../index.ts", import.meta.url)).href;

export async function resolve(specifier, context, next) {
  return next(specifier === "bcc-tutor" ? target : specifier, context);
}
