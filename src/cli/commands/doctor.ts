import type { Command } from "../command.ts";
import { collectReport } from "../../doctor/report.ts";
import { renderReport } from "../../doctor/render.ts";
import { loadLessons } from "../../lesson/registry.ts";
import { chooseVariant, runnable } from "../../lesson/variant.ts";
import { verifiedOn } from "../../lesson/verified.ts";
import { t } from "../../i18n/index.ts";
import { parseArgs } from "../args.ts";

/** Per lesson: the variant this kernel runs, and where that variant is verified. */
async function lessonVariantsHere() {
  const { lessons } = await loadLessons();
  return lessons.filter((l) => l.variants.length > 0).map((l) => {
    const c = chooseVariant(l);
    const ok = runnable(l, c.variant);
    return { number: l.number, id: l.id, variant: ok ? c.variant : null, probe: ok ? c.probe : null, verifiedOn: ok ? verifiedOn(l, c.variant) : [] };
  });
}

export const doctorCommand: Command = {
  name: "doctor",
  summary: "cli.cmd.doctor",
  async run(args) {
    const a = parseArgs("doctor", args, { json: { type: "boolean" } }, 0);
    const report = await collectReport();
    const lessons = await lessonVariantsHere();
    if (a.flags.has("json")) process.stdout.write(`${JSON.stringify({ ...report, lessons }, null, 2)}\n`);
    else process.stdout.write(`${renderReport(report)}\n\n${t("doctor.lessons")}\n${lessons.map((l) => `  ${String(l.number).padStart(2)} ${l.id.padEnd(20)} ${l.variant ? `${l.variant.padEnd(9)} ${l.probe}` : t("doctor.lessonNone")}  (${t("list.verified", { kernels: l.verifiedOn.join("; ") || t("list.unverified") })})`).join("\n")}\n`);
    return report.summary === "blocked" ? 1 : 0;
  },
};
