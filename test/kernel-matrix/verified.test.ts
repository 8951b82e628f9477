// The verified-kernel table, written by the runs themselves. On the host
// (in `vitest run`) and in each qemu guest (npm run test:kernel-matrix),
// every variant of every lesson runs live with its workload through the
// binding and the checker, and its result (passed, failed, cannot-attach) is
// compared with lessons/verified.json for this kernel's series. A variant
// the kernel can attach must pass; one it cannot must not. With
// BCC_TUTOR_UPDATE_VERIFIED=1 the run rewrites its kernel's part instead:
// in lessons/verified.json on the host, in $KERNEL_MATRIX_OUT in a guest
// (run-matrix.sh merges it back).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLessons, lessonStem } from "../../src/lesson/registry.ts";
import { runnable } from "../../src/lesson/variant.ts";
import { checkLesson } from "../../src/lesson/check-lesson.ts";
import { answerFile } from "../../src/lesson/workspace.ts";
import { hasCapability } from "../../src/bcc/capabilities.ts";
import {
  disagreements, emptyTable, kernelSeries, loadVerified, mergeTable, serializeTable, verifiedFile,
  type VerifiedResult, type VerifiedTable,
} from "../../src/lesson/verified.ts";
import { writeReadmeTable } from "../../src/lesson/verified-markdown.ts";
import { projectRoot } from "../helpers/fixtures.ts";

const inGuest = process.env.KERNEL_MATRIX_GUEST === "1";
const release = os.release();
const series = kernelSeries(release);
const update = process.env.BCC_TUTOR_UPDATE_VERIFIED === "1";
const table = loadVerified();
const known = table.kernels[series] !== undefined;
const { lessons } = await loadLessons();
const date = new Date().toISOString().slice(0, 10);
const run: VerifiedTable = emptyTable();
run.kernels[series] = {
  where: inGuest ? "qemu" : "host",
  ...(process.env.KERNEL_MATRIX_DISTRO ? { distro: process.env.KERNEL_MATRIX_DISTRO } : {}),
  release,
  date,
};
const started = Date.now();

/** What the kernel says the program's process has attached (bpftool perf), as "kprobe:vfs_read", "tracepoint:sched_switch". */
function kernelAttachments(pid: number): string[] {
  try {
    const rows = JSON.parse(execFileSync("bpftool", ["perf", "-j"], { encoding: "utf8", timeout: 30_000 })) as Array<Record<string, unknown>>;
    return rows.filter((r) => r.pid === pid).map((r) => `${String(r.fd_type)}:${String(r.func ?? r.tracepoint ?? r.filename ?? "")}`);
  } catch (err) {
    return [`bpftool failed: ${(err as Error).message.split("\n")[0]}`];
  }
}

function record(lesson: string, variant: string, result: VerifiedResult): void {
  ((run.results[lesson] ??= {})[variant] ??= {})[series] = { result, release, date };
}

describe(`lessons on kernel ${release} (series ${series}${inGuest ? ", qemu guest" : ""})`, () => {
  if (inGuest) {
    it("the guest is the kernel it was booted for, and the doctor reports it ready for kprobes", () => {
      expect(release).toBe(process.env.KERNEL_MATRIX_KERNEL);
      const report = JSON.parse(execFileSync(process.execPath, [path.join(projectRoot, "bin", "bcc-tutor.js"), "doctor", "--json"], { encoding: "utf8" }));
      expect(report.kprobes.ok).toBe(true);
      expect(report.summary).toBe("ready");
    }, 300_000);
  }

  for (const lesson of lessons.filter((l) => l.kind !== "reading")) {
    for (const v of lesson.variants) {
      const here = runnable(lesson, v.name);
      const name = here
        ? `${lessonStem(lesson)} ${v.name} (${v.probe}): the reference answer passes live`
        : `${lessonStem(lesson)} ${v.name} (${v.probe}): cannot attach here (needs ${v.needs.filter((c) => !hasCapability(c)).join(", ")}${v.gone ? `: ${v.gone}` : ""}), and does not pass`;
      it(name, async () => {
        const file = answerFile(lesson)!;
        let pid = 0;
        let attached: string[] = [];
        // Through the checker, as `bcc-tutor check` does: its own counter
        // probe is the truth for the sync lessons (the workload's clock is
        // far from the kernel's in a slow guest), and the reference runs beside.
        const res = await checkLesson(lesson, file, {
          variant: v.name,
          onEvent: (e) => {
            if (e.type === "spawned") pid = e.pid;
            // Probes are attached by now and the workload has not started: ask the kernel.
            if (e.type === "phase" && e.phase === "triggering" && pid) attached = kernelAttachments(pid);
          },
        });
        const failed = (res.expectations ?? []).filter((e) => !e.passed);
        record(lesson.id, v.name, res.status === "passed" ? "passed" : here ? "failed" : "cannot-attach");
        if (here) {
          expect(res.error ?? null, res.run?.stderr.slice(-2000)).toBeNull();
          expect(failed, res.run?.stderr.slice(-2000)).toEqual([]);
          expect(res.status).toBe("passed");
          // The variant ran, as the kernel sees it: kprobe variants hold kprobes, tracepoint ones tracepoints.
          if (v.needs.includes("kprobe")) expect(attached.filter((a) => /^k(ret)?probe:/.test(a)), attached.join(", ")).not.toEqual([]);
          else if (v.needs.some((c) => c.startsWith("tracepoint:"))) {
            expect(attached.filter((a) => /^tracepoint:/.test(a)), attached.join(", ")).not.toEqual([]);
            expect(attached.filter((a) => /^k(ret)?probe:/.test(a))).toEqual([]);
          }
          if (attached.length) process.stdout.write(`attached ${lessonStem(lesson)} ${v.name}: ${attached.join(", ")}\n`);
        } else {
          // The capability probe said no: the kernel must refuse it too.
          expect(res.status).not.toBe("passed");
          expect([res.error ?? "", ...failed.map((e) => e.reason ?? ""), res.run?.stderr ?? ""].join("\n")).toMatch(/Attach|Kprobes|Compile|tracepoint|kprobe/i);
        }
      }, 600_000);
    }
  }

  it.runIf(known || update)(`lessons/verified.json agrees with this run for ${series}${update ? " (BCC_TUTOR_UPDATE_VERIFIED=1: rewriting it)" : ""}`, async () => {
    if (update) {
      const out = process.env.KERNEL_MATRIX_OUT;
      if (inGuest) {
        expect(out, "KERNEL_MATRIX_OUT (set by run-in-guest.sh --out)").toBeTruthy();
        fs.writeFileSync(path.join(out!, `verified.${series}.json`), serializeTable(run));
      } else {
        const merged = mergeTable(loadVerified(), run);
        fs.writeFileSync(verifiedFile, serializeTable(merged));
        await writeReadmeTable(merged);
      }
      return;
    }
    expect(disagreements(table, run, series), "rerun with BCC_TUTOR_UPDATE_VERIFIED=1 to record this run").toEqual([]);
  });
  if (!known && !update) it.skip(`kernel series ${series} is not in lessons/verified.json: BCC_TUTOR_UPDATE_VERIFIED=1 adds it`, () => {});

  it("reports the run's time", () => {
    process.stdout.write(`\nverified: ${Object.keys(run.results).length} lessons on ${release} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });
});
