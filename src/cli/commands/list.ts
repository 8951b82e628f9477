import type { Command } from "../command.ts";
import { lessonSet } from "../lessons.ts";
import { parseArgs } from "../args.ts";
import { runnable } from "../../lesson/variant.ts";
import { t } from "../../i18n/index.ts";
import { lessonTitle } from "../../lesson/text.ts";
import { verifiedOn } from "../../lesson/verified.ts";

export const listCommand: Command = {
  name: "list",
  summary: "cli.cmd.list",
  async run(args) {
    const a = parseArgs("list", args, { json: { type: "boolean" } }, 0);
    const lessons = await lessonSet();
    const rows = lessons.map((l) => ({
      number: l.number,
      id: l.id,
      kind: l.kind,
      title: lessonTitle(l),
      variants: Object.fromEntries(l.variants.map((v) => [v.name, { probe: v.probe, runsHere: runnable(l, v.name), verifiedOn: verifiedOn(l, v.name) }])),
    }));
    if (a.flags.has("json")) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    for (const r of rows) {
      process.stdout.write(`${String(r.number).padStart(2)}  ${r.id.padEnd(20)} ${t(`kind.${r.kind}`).padEnd(9)} ${r.title}\n`);
      for (const [name, v] of Object.entries(r.variants)) {
        const verified = v.verifiedOn.length ? v.verifiedOn.join("; ") : t("list.unverified");
        process.stdout.write(`      ${v.runsHere ? "▶" : " "} ${name.padEnd(9)} ${v.probe}${v.runsHere ? "" : ` ${t("list.notHere")}`} — ${t("list.verified", { kernels: verified })}\n`);
      }
    }
    return 0;
  },
};
