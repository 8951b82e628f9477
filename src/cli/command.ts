// A CLI command as a declarative object (gemini-cli style): main.ts looks
// commands up by name and runs them; each returns its exit code.
import type { MessageKey } from "../i18n/index.ts";

export interface Command {
  name: string;
  /** Catalog key of the one-line description shown by --help. */
  summary: MessageKey;
  run(args: string[]): Promise<number>;
}
