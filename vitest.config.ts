import { defineConfig } from "vitest/config";
import { timeScale } from "./src/lesson/time-scale.ts";

// Live tests share one kernel: trace_pipe is global and probes fire for
// every process, so test files run one at a time. BCC_TUTOR_TIME_SCALE
// stretches the per-test bounds as it stretches the runner's.
const scale = timeScale();
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    fileParallelism: false,
    testTimeout: 60_000 * scale,
    hookTimeout: 60_000 * scale,
    reporters: ["default", "./test/helpers/summary-reporter.ts"],
  },
});
