import { defineConfig } from "vitest/config";

// Live tests share one kernel: trace_pipe is global and probes fire for
// every process, so test files run one at a time.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", "./test/helpers/summary-reporter.ts"],
  },
});
