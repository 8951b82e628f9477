import type { Command } from "../command.ts";
import { collectReport } from "../../doctor/report.ts";
import { renderReport } from "../../doctor/render.ts";

export const doctorCommand: Command = {
  name: "doctor",
  summary: "cli.cmd.doctor",
  async run(args) {
    const report = await collectReport();
    if (args.includes("--json")) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(`${renderReport(report)}\n`);
    return report.summary === "blocked" ? 1 : 0;
  },
};
