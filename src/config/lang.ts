// The languages the QA report is written in (report/messages.ts): a profile names its site's, `--lang`
// overrides it.
export const LANGS = ["sv", "en"] as const;
export type Lang = (typeof LANGS)[number];

export const isLang = (s: string): s is Lang => (LANGS as readonly string[]).includes(s);
