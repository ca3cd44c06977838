// The proposed profile as the YAML file a user reviews and passes to --profile: every key with a
// comment saying what it is and what in the sample it rests on. Values go through the yaml library
// (escape/yaml.ts), never spliced in by hand. Pure.
import { defaults } from "../config/defaults.js";
import { isLang, type Lang } from "../config/lang.js";
import { yamlComment, yamlInline } from "../escape/yaml.js";
import type { Selectors } from "./selectors.js";
import type { SiteKinds } from "./site-kinds.js";

export interface ProfileYamlInput {
  name: string;
  origin: string;
  /** The site's language as its sampled pages declare it (`<html lang>`), if they do. */
  lang: { value: Lang; evidence: string };
  aliases: string[];
  kinds: SiteKinds;
  selectors: Selectors;
  sampled: number;
  posts: number;
  startUrl: string;
}

/** The language most sampled pages declare in `<html lang>` ("sv-SE" is sv), if the report has it. */
export function declaredLang(declared: readonly (string | undefined)[]): ProfileYamlInput["lang"] {
  const counts = new Map<string, number>();
  for (const d of declared) {
    const primary = d?.trim().toLowerCase().split(/[-_]/)[0];
    if (primary) counts.set(primary, (counts.get(primary) ?? 0) + 1);
  }
  const [top, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  if (n > 0 && isLang(top))
    return { value: top, evidence: `${n} of ${declared.length} sampled pages say lang="${top}"` };
  return {
    value: defaults.report.lang,
    evidence: n > 0 ? `the pages say lang="${top}", which the report is not written in` : "the pages do not say",
  };
}

/** A pattern no path matches, for a page kind the sample showed none of. */
const NONE = "(?!)";

export function profileYaml(p: ProfileYamlInput): string {
  const { kinds, selectors: s } = p;
  const line = (indent: string, key: string, value: string | readonly string[], why?: string) =>
    `${why ? `${indent}${yamlComment(why)}\n` : ""}${indent}${key}: ${yamlInline(value)}`;
  const kind = (k: keyof SiteKinds["patterns"], what: string) =>
    line(
      "  ",
      k,
      kinds.patterns[k] ?? NONE,
      kinds.evidence[k] ? `${what}: ${kinds.evidence[k]}` : `${what}: none in the sample`,
    );
  const out = [
    yamlComment(
      `Site profile proposed by \`mia-migrate probe ${p.startUrl}\` from ${p.sampled} sampled pages (${p.posts} posts).`,
    ),
    yamlComment(
      "Review it: each key says what it rests on. Then: mia-migrate migrate <start-url> --profile <this file>.",
    ),
    yamlComment("Selectors are CSS (cheerio); patterns are JavaScript regular expressions on the URL's decoded path."),
    line("", "name", p.name),
    line("", "origin", p.origin),
    line("", "lang", p.lang.value, `The site's language, and so of its QA report: ${p.lang.evidence}.`),
    line("", "aliases", p.aliases, "The same site under the other scheme and with or without www."),
    line(
      "",
      "keepQuery",
      kinds.keepQuery,
      "Query parameters that page through a list; all others are dropped from URLs.",
    ),
    "",
    "pages:",
    kind("post", "Posts (the id names the post whatever its slug)"),
    kind("archive", "Archives"),
    kind("tag", "Tag and category pages"),
    kind("index", "The blog's start page"),
    kind("page", "Other pages"),
    kind("asset", "Images and files"),
    "",
    line(
      "",
      "follow",
      ["index", "archive", "tag", "post", "page", "asset"],
      "Page kinds the crawl follows links from and to.",
    ),
    "",
    "post:",
    line("  ", "container", s.container.value, s.container.evidence),
    line("  ", "title", s.title.value, s.title.evidence),
    line("  ", "body", s.body.value, s.body.evidence),
    line("  ", "tags", s.tags.value, s.tags.evidence),
    line("  ", "image", s.image.value, s.image.evidence),
    line("  ", "imageCaption", s.imageCaption.value, s.imageCaption.evidence),
    ...(s.date
      ? [
          line(
            "  ",
            "date",
            s.date.value,
            `${s.date.evidence} (read as a Swedish date: "5 november 2019", "2019-11-05")`,
          ),
        ]
      : []),
    line("  ", "strip", s.strip.list, `Removed from the body before anything reads it: ${s.strip.evidence}.`),
    line("  ", "titleSuffix", s.titleSuffix.value, `What the site adds to <title>: ${s.titleSuffix.evidence}.`),
  ];
  return out.join("\n") + "\n";
}
