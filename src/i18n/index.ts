// Message catalogs: locales/<lang>/ui.ts, every string of the CLI and the
// app (lesson text lives beside it in lessons/). English is the reference; the
// Japanese catalog is typed against it, so a missing key fails the type
// check rather than showing a blank.
import { en } from "../../locales/en/ui.ts";
import { ja } from "../../locales/ja/ui.ts";

export type Lang = "en" | "ja";
export type MessageKey = keyof typeof en;
export const LANGS: readonly Lang[] = ["en", "ja"];

const catalogs: Record<Lang, Record<MessageKey, string>> = { en, ja };
let current: Lang = detectLang();

/** --lang beats LC_ALL / LC_MESSAGES / LANG; anything not Japanese is English. */
export function detectLang(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): Lang {
  const i = argv.indexOf("--lang");
  const flag = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith("--lang="))?.slice(7);
  if (flag === "en" || flag === "ja") return flag;
  const loc = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return loc.startsWith("ja") ? "ja" : "en";
}

export function setLang(lang: Lang): void {
  current = lang;
}
export function getLang(): Lang {
  return current;
}

export type Params = Record<string, string | number | bigint>;

/** Fills {name} placeholders. */
export function fill(msg: string, params: Params = {}): string {
  return msg.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The message for key in the current (or given) language, placeholders filled. */
export function t(key: MessageKey, params: Params = {}, lang: Lang = current): string {
  return fill(catalogs[lang][key] ?? catalogs.en[key], params);
}

export function catalog(lang: Lang): Readonly<Record<MessageKey, string>> {
  return catalogs[lang];
}
