// A tiny argv reader: positionals, --flag, --key value / --key=value.
import { t } from "../i18n/index.ts";

export interface Parsed {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

export function parseArgs(args: string[], valued: string[] = []): Parsed {
  const out: Parsed = { positionals: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (eq >= 0) out.values.set(name, a.slice(eq + 1));
      else if (valued.includes(name)) {
        const v = args[++i];
        if (v === undefined) throw new UsageError(t("err.needsValue", { flag: `--${name}` }));
        out.values.set(name, v);
      } else out.flags.add(name);
    } else if (a.startsWith("-") && a.length === 2 && valued.includes(a.slice(1))) {
      const v = args[++i];
      if (v === undefined) throw new UsageError(t("err.needsValue", { flag: a }));
      out.values.set(a.slice(1), v);
    } else out.positionals.push(a);
  }
  return out;
}

/** Bad command-line input: shown as one line, exit code 2, no stack. */
export class UsageError extends Error {
  override name = "UsageError";
}
