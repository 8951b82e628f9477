// The binding opens libbcc and libc on first use, not at import: the whole
// package index imports here, and libbcc is not in this process's memory
// map. (`npm run test:unit` runs this unprivileged, with BCC_LIBBCC_PATH
// pointing nowhere, so a load would fail loudly too.)
import fs from "node:fs";
import { describe, expect, it } from "vitest";

const mapped = (re: RegExp) => fs.readFileSync("/proc/self/maps", "utf8").split("\n").some((l) => re.test(l));

describe("lazy libraries", () => {
  it("importing the package and the binding's pure modules loads no libbcc", async () => {
    const pkg = await import("../../src/index.ts");
    await import("../../src/bcc/type-desc.ts");
    await import("../../src/bcc/hist.ts");
    expect(typeof pkg.BPF).toBe("function");
    expect(pkg.formatLog2Hist([0, 3, 1], "x")).toContain("|");
    expect(mapped(/libbcc\.so/)).toBe(false);
  });
});
