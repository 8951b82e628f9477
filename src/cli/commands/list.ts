import type { Command } from "../command.ts";
import { lessonSet } from "../lessons.ts";
import { runnable } from "../../lesson/variant.ts";
import { t } from "../../i18n/index.ts";
import { lessonTitle } from "../../lesson/text.ts";

export const listCommand: Command = {
  name: "list",
  summary: "cli.cmd.list",
  async run(args) {
    const lessons = await lessonSet();
    const rows = lessons.map((l) => ({
      number: l.number,
      id: l.id,
      kind: l.kind,
      title: lessonTitle(l),
      variants: Object.fromEntries(l.variants.map((v) => [v.name, { probe: v.probe, runsHere: runnable(l, v.name) }])),
    }));
    if (args.includes("--json")) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    for (const r of rows) {
      const marks = Object.entries(r.variants).map(([name, v]) => `${name}${v.runsHere ? "" : ` ${t("list.notHere")}`}`).join(", ");
      process.stdout.write(`${String(r.number).padStart(2)}  ${r.id.padEnd(20)} ${t(`kind.${r.kind}`).padEnd(9)} ${r.title}${marks ? `  [${marks}]` : ""}\n`);
    }
    return 0;
  },
};
