// The doctor's report as plain lines: what is there, and for what is
// missing, what to do.
import { t, type MessageKey } from "../i18n/index.ts";
import { CHECK_KEYS, type Check, type CheckKey, type DoctorReport } from "./report.ts";

export function renderReport(r: DoctorReport): string {
  const lines = [t("doctor.title"), ""];
  for (const key of CHECK_KEYS) lines.push(...renderCheck(key, r[key]));
  lines.push("", t(`doctor.summary.${r.summary}`));
  return lines.join("\n");
}

function renderCheck(key: CheckKey, c: Check): string[] {
  if (c.status === "skipped") return [`  -  ${t("doctor.skipped", c.detail)}  [${key}]`];
  const mark = c.ok ? "✓" : "✗";
  const msg = t(messageKey(key, c), c.detail);
  const out = [`  ${mark}  ${msg}`];
  if (!c.ok) {
    const fix = `doctor.${key}.fix` as MessageKey;
    out.push(`       → ${t(fix, c.detail)}`);
  }
  return out;
}

function messageKey(key: CheckKey, c: Check): MessageKey {
  if (key === "root" && c.ok) return c.detail.how === "caps" ? "doctor.root.caps" : "doctor.root.ok";
  if (key === "headers" && c.ok) return `doctor.headers.${c.detail.kind as "exact" | "env" | "merged"}`;
  return `doctor.${key}.${c.ok ? "ok" : "missing"}` as MessageKey;
}
