// JUnit XML, the format autograders (GitHub Classroom, CI systems) read:
// one testsuite, one testcase per lesson, a <failure> with the reasons.
import type { CheckOutcome } from "../lesson/check-lesson.ts";

const esc = (s: string) =>
  // XML 1.0 allows no control characters but tab, newline and CR.
  s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function toJUnit(outcomes: CheckOutcome[], suite = "bcc-tutor"): string {
  const failures = outcomes.filter((o) => o.status === "failed").length;
  const errors = outcomes.filter((o) => o.status === "error").length;
  const time = outcomes.reduce((s, o) => s + o.durationMs, 0) / 1000;
  const cases = outcomes.map((o) => {
    const head = `  <testcase classname="${esc(suite)}" name="${esc(o.lesson)}" time="${(o.durationMs / 1000).toFixed(3)}">`;
    if (o.status === "passed") return `${head}</testcase>`;
    if (o.status === "error") return `${head}\n    <error message="${esc(o.error ?? "could not run")}"/>\n  </testcase>`;
    const reasons = (o.expectations ?? []).filter((e) => !e.passed).map((e) => e.reason ?? e.id);
    return `${head}\n    <failure message="${esc(reasons[0] ?? "failed")}">${esc(reasons.join("\n"))}</failure>\n  </testcase>`;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites tests="${outcomes.length}" failures="${failures}" errors="${errors}" time="${time.toFixed(3)}">`,
    `<testsuite name="${esc(suite)}" tests="${outcomes.length}" failures="${failures}" errors="${errors}" time="${time.toFixed(3)}">`,
    ...cases,
    `</testsuite>`,
    `</testsuites>`,
    "",
  ].join("\n");
}
