import { describe, expect, it } from "vitest";
import { parseArgs, splitGlobal, UsageError } from "../../src/cli/args.ts";
import { setLang } from "../../src/i18n/index.ts";

setLang("en");
const spec = { file: { type: "string" as const }, json: { type: "boolean" as const }, iface: { type: "string" as const, short: "i" } };

describe("splitGlobal", () => {
  it("takes the global options out wherever they are, keeping the rest in order", () => {
    const { global, rest } = splitGlobal(["check", "--lang", "ja", "2", "--file", "x.ts", "--verbose", "--workshop=w.yaml"]);
    expect(rest).toEqual(["check", "2", "--file", "x.ts"]);
    expect(global.values.get("lang")).toBe("ja");
    expect(global.values.get("workshop")).toBe("w.yaml");
    expect(global.flags.has("verbose")).toBe(true);
  });
  it("stops at --", () => {
    expect(splitGlobal(["run", "18", "--", "--lang", "x"]).rest).toEqual(["run", "18", "--", "--lang", "x"]);
  });
  it("refuses --lang without a value, or followed by an option", () => {
    expect(() => splitGlobal(["list", "--lang"])).toThrow(/--lang needs a value/);
    expect(() => splitGlobal(["--lang", "--json"])).toThrow(/--lang needs a value/);
    expect(() => splitGlobal(["--verbose=1"])).toThrow(/--verbose takes no value/);
  });
});

describe("parseArgs", () => {
  it("reads values, flags, short options and positionals", () => {
    const a = parseArgs("run", ["18", "-i", "lo", "--json", "--file=a.ts"], spec);
    expect(a.positionals).toEqual(["18"]);
    expect(a.values.get("iface")).toBe("lo");
    expect(a.values.get("file")).toBe("a.ts");
    expect(a.flags.has("json")).toBe(true);
  });
  it("says which options the command accepts", () => {
    expect(() => parseArgs("check", ["--fiel", "x"], spec)).toThrow(/check has no option --fiel; it accepts: --file X, --json, -i\/--iface X/);
  });
  it("refuses a missing value, a value on a flag, and extra positionals", () => {
    expect(() => parseArgs("check", ["--file"], spec)).toThrow(/--file needs a value/);
    expect(() => parseArgs("check", ["--file", "--json"], spec)).toThrow(/--file needs a value/);
    expect(() => parseArgs("check", ["--json=1"], spec)).toThrow(/--json takes no value/);
    expect(() => parseArgs("check", ["2", "3"], spec)).toThrow(/check takes at most 1 argument\(s\); remove 3/);
  });
  it("throws UsageError, never anything else", () => {
    try {
      parseArgs("list", ["--x"], {}, 0);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
    }
  });
});
