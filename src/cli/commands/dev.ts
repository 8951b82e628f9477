import type { Command } from "../command.ts";
import { UsageError } from "../args.ts";
import { selfCheck } from "../../lesson/self-check.ts";

export const devCommand: Command = {
  name: "dev",
  summary: "cli.cmd.dev",
  async run(args) {
    if (args[0] !== "check") throw new UsageError("usage: bcc-tutor dev check");
    const findings = await selfCheck();
    for (const f of findings) process.stdout.write(`${f.lesson}: ${f.problem}\n`);
    process.stdout.write(findings.length === 0 ? "lesson set: all checks passed\n" : `lesson set: ${findings.length} problem(s)\n`);
    return findings.length === 0 ? 0 : 1;
  },
};
