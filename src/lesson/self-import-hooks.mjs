// The resolve hook registered by self-import.mjs. The target is handed on
// to the next resolver (tsx's), so it is loaded as TypeScript.
const target = new URL("../index.ts", import.meta.url).href;

export async function resolve(specifier, context, next) {
  return next(specifier === "bcc-tutor" ? target : specifier, context);
}
