// Command-line parsing with node:util parseArgs, strict: an unknown option,
// a missing value or a stray argument is a UsageError that says what the
// command accepts (exit 2, no stack).
import { parseArgs as nodeParseArgs } from "node:util";
import { t } from "../i18n/index.ts";

export type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

export interface Parsed {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

/** Bad command-line input: shown as one line, exit code 2, no stack. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The options every command takes; main reads them, commands never see them. */
export const GLOBAL_OPTIONS: OptionSpec = {
  lang: { type: "string" },
  workshop: { type: "string" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

const describe = (spec: OptionSpec) =>
  Object.entries(spec).map(([name, o]) => `${o.short ? `-${o.short}/` : ""}--${name}${o.type === "string" ? " X" : ""}`).join(", ") || t("err.noOptions");

/**
 * Parses one command's arguments. maxPositionals bounds the plain
 * arguments (Infinity: the rest go to the program).
 */
export function parseArgs(command: string, args: string[], spec: OptionSpec, maxPositionals = 1): Parsed {
  let parsed: ReturnType<typeof nodeParseArgs>;
  try {
    parsed = nodeParseArgs({ args, options: spec, strict: true, allowPositionals: true });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const opt = /'(-[^' ]+)/.exec(e.message)?.[1] ?? "";
    if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(t("err.unknownOption", { option: opt, command, accepted: describe(spec) }));
    if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const name = /--(\w[\w-]*)/.exec(e.message)?.[1] ?? opt;
      const takesValue = spec[name]?.type === "string" || Object.values(spec).some((o) => o.short && opt === `-${o.short}` && o.type === "string");
      throw new UsageError(takesValue ? t("err.needsValue", { flag: opt || `--${name}` }) : t("err.noValue", { flag: `--${name}` }));
    }
    throw new UsageError(t("err.badArgs", { command, error: e.message }));
  }
  const out: Parsed = { positionals: parsed.positionals, flags: new Set(), values: new Map() };
  for (const [k, v] of Object.entries(parsed.values)) {
    if (typeof v === "string") {
      // `--file --json` would otherwise take "--json" as the file.
      if (v.startsWith("-") && v.length > 1 && spec[k]?.type === "string") throw new UsageError(t("err.needsValue", { flag: `--${k}` }));
      out.values.set(k, v);
    } else if (v === true) out.flags.add(k);
  }
  if (out.positionals.length > maxPositionals) {
    throw new UsageError(t("err.tooManyArgs", { command, extra: out.positionals.slice(maxPositionals).join(" "), max: maxPositionals }));
  }
  return out;
}

/**
 * Takes the global options out of argv (wherever they are) with parseArgs'
 * tokens, leaving the command's own arguments in order.
 */
export function splitGlobal(argv: string[]): { global: Parsed; rest: string[] } {
  const { tokens } = nodeParseArgs({ args: argv, options: GLOBAL_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const drop = new Set<number>();
  const global: Parsed = { positionals: [], flags: new Set(), values: new Map() };
  for (const tok of tokens) {
    if (tok.kind === "option-terminator") break;
    if (tok.kind !== "option" || !(tok.name in GLOBAL_OPTIONS)) continue;
    drop.add(tok.index);
    if (GLOBAL_OPTIONS[tok.name]!.type === "string") {
      if (tok.value === undefined || (!tok.inlineValue && tok.value.startsWith("-"))) throw new UsageError(t("err.needsValue", { flag: `--${tok.name}` }));
      if (!tok.inlineValue) drop.add(tok.index + 1);
      global.values.set(tok.name, tok.value);
    } else {
      if (tok.value !== undefined) throw new UsageError(t("err.noValue", { flag: `--${tok.name}` }));
      global.flags.add(tok.name);
    }
  }
  return { global, rest: argv.filter((_, i) => !drop.has(i)) };
}
