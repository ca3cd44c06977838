// Flags shared by the commands that crawl, turned into settings over the defaults (config/defaults.ts).
import { Option, type Command } from "commander";
import { defaults } from "../config/defaults.js";
import type { CrawlSettings } from "../crawl/crawler.js";
import { parseOriginMap, type OriginMap } from "../http/origin-map.js";
import {
  loadProfile,
  DEFAULT_PROFILE_PATH,
  DEFAULT_WORDS_PATH,
  GENERIC_PROFILE,
  type Profile,
} from "../profiles/profile.js";
import { readWordList } from "../report/spelling.js";
import { isLang, LANGS, type Lang } from "../config/lang.js";
import { LAYOUTS, type LayoutName } from "../convert/layout.js";
import type { ConvertOptions } from "../pipeline/convert.js";
import type { CheckSettings } from "../links/checker.js";
import { UsageError } from "../config/errors.js";
import { checkSettings, convertOptions, crawlSettings } from "../pipeline/settings.js";

export interface CrawlFlags {
  mapOrigin: string[];
  profile?: string;
  userAgent?: string;
  concurrency?: string;
  hostConcurrency?: string;
  hostGap?: string;
  retries?: string;
  maxPages?: string;
  maxDepth?: string;
  timeLimit?: string;
  include: string[];
  exclude: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** --profile, its default named rather than shown as a path into the installed package. */
export function profileOption(): Option {
  return new Option("--profile <file>", "site profile (YAML)").default(
    DEFAULT_PROFILE_PATH,
    "the built-in MIA profile",
  );
}

export function addCrawlOptions(cmd: Command): Command {
  return cmd
    .option(
      "--map-origin <from=to>",
      "send requests for origin FROM to TO, keeping FROM's Host header and URLs (repeatable; * maps every origin)",
      collect,
      [],
    )
    .addOption(profileOption())
    .option("--user-agent <ua>", "User-Agent to send", defaults.userAgent)
    .option("--concurrency <n>", "requests in flight over all hosts", String(defaults.crawl.concurrency))
    .option(
      "--host-concurrency <n>",
      "requests in flight per host (politeness: loosen only for your own server)",
      String(defaults.crawl.perHostConcurrency),
    )
    .option(
      "--host-gap <ms>",
      "minimum gap between requests to one host, randomised ±50% (politeness: loosen only for your own server)",
      String(defaults.crawl.perHostGapMs),
    )
    .option("--retries <n>", "tries per URL for 408/429/5xx and network errors", String(defaults.crawl.retries))
    .option("--max-pages <n>", "stop after this many pages")
    .option("--max-depth <n>", "follow links at most this deep from the start page")
    .addOption(new Option("--time-limit <seconds>", "stop cleanly after this long; rerun to resume"))
    .option("--include <regex>", "follow only site paths matching this pattern (repeatable)", collect, [])
    .option("--exclude <regex>", "never fetch site paths matching this pattern (repeatable)", collect, []);
}

function intFlag(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} "${value}": expected a whole number ≥ ${min}`);
  return n;
}

function regexFlag(name: string, pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (err) {
    throw new UsageError(`--${name} "${pattern}": not a valid regular expression (${(err as Error).message})`);
  }
}

/** The crawl flags as the library's crawl settings (a bad value names its flag). */
export function crawlFlags(flags: CrawlFlags): CrawlSettings {
  const d = defaults.crawl;
  return crawlSettings({
    userAgent: flags.userAgent ?? defaults.userAgent,
    concurrency: intFlag("concurrency", flags.concurrency, d.concurrency, 1),
    perHostConcurrency: intFlag("host-concurrency", flags.hostConcurrency, d.perHostConcurrency, 1),
    perHostGapMs: intFlag("host-gap", flags.hostGap, d.perHostGapMs),
    retries: intFlag("retries", flags.retries, d.retries, 1),
    maxPages: intFlag("max-pages", flags.maxPages, d.maxPages, 1),
    maxDepth: intFlag("max-depth", flags.maxDepth, d.maxDepth),
    timeLimitMs: flags.timeLimit === undefined ? d.timeLimitMs : intFlag("time-limit", flags.timeLimit, 0, 1) * 1000,
    include: (flags.include ?? []).map((p) => regexFlag("include", p)),
    exclude: (flags.exclude ?? []).map((p) => regexFlag("exclude", p)),
  });
}

export function startUrlOf(value: string, profile: Profile): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `start URL "${value}" is not a URL; give a full one such as ${profile.origin}/aktuellt-39586750`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`start URL "${value}": only http and https are crawled`);
  return url.href;
}

/** The profile of a whole-site command: a file, or the built-in MIA one. The generic profile has no URL
 *  patterns to crawl or classify a site by; it is for `extract`, and `probe` writes a real one. */
export function siteProfile(file: string | undefined): Profile {
  if (file === GENERIC_PROFILE)
    throw new UsageError(
      `--profile generic reads one page at a time (mia-migrate extract); for a whole site, write a profile with mia-migrate probe <start-url> --write-profile <file> and pass that file`,
    );
  return loadProfile(file);
}

export function commonInputs(flags: CrawlFlags): { profile: Profile; originMap: OriginMap; settings: CrawlSettings } {
  return {
    profile: siteProfile(flags.profile),
    originMap: parseOriginMap(flags.mapOrigin),
    settings: crawlFlags(flags),
  };
}

export interface ConvertFlags {
  layout?: string;
  figures?: string;
  assets?: boolean;
  keepTypography?: boolean;
  frontmatterRename: string[];
  frontmatterDrop: string[];
}

const FIGURES = ["markdown", "html", "hugo"] as const;

export function addConvertOptions(cmd: Command): Command {
  return cmd
    .option("--layout <name>", `output layout: ${LAYOUTS.join(", ")}`, defaults.convert.layout)
    .option(
      "--figures <form>",
      "images with captions as: markdown (portable), html (<figure>), hugo (shortcode)",
      defaults.convert.figures,
    )
    .option("--no-assets", "keep the old site's image and file URLs instead of copying them into the output")
    .option("--keep-typography", "keep quotes, dashes and ellipses as written (no Swedish typography rules)")
    .option(
      "--frontmatter-rename <from=to>",
      "write a frontmatter field under another name, e.g. description=summary (repeatable)",
      collect,
      [],
    )
    .option("--frontmatter-drop <field>", "leave a frontmatter field out (repeatable)", collect, []);
}

/** The conversion flags as the library's convert options (a bad value names its flag). */
export function convertFlags(flags: ConvertFlags, profile: Profile): ConvertOptions {
  const layout = flags.layout ?? defaults.convert.layout;
  if (!(LAYOUTS as readonly string[]).includes(layout))
    throw new UsageError(`--layout "${layout}": expected one of ${LAYOUTS.join(", ")}`);
  const figures = flags.figures ?? defaults.convert.figures;
  if (!(FIGURES as readonly string[]).includes(figures))
    throw new UsageError(`--figures "${figures}": expected one of ${FIGURES.join(", ")}`);
  const rename: Record<string, string> = {};
  for (const spec of flags.frontmatterRename ?? []) {
    const [from, to] = spec.split("=");
    if (!from || !to)
      throw new UsageError(`--frontmatter-rename "${spec}": expected FIELD=NEWNAME, e.g. description=summary`);
    rename[from] = to;
  }
  return convertOptions(profile, {
    ...(flags.keepTypography === true ? { typography: false } : {}),
    layout: layout as LayoutName,
    figures: figures as (typeof FIGURES)[number],
    assets: flags.assets ?? defaults.convert.assets,
    fields: { rename, drop: flags.frontmatterDrop ?? [] },
  });
}

export interface LinkFlags {
  lang?: string;
  spelling?: boolean;
  spellingWords?: string;
  linkTimeout?: string;
  cache?: boolean;
  cacheAge?: string;
  linkTimeLimit?: string;
  statusVerdict: string[];
  skipLink?: string[];
  allowPrivate?: boolean;
}

export function addLinkOptions(cmd: Command): Command {
  return cmd
    .option("--link-timeout <seconds>", "timeout per link request", String(defaults.links.timeoutMs / 1000))
    .option("--no-cache", "check every link again, ignoring the cache of successes")
    .option(
      "--cache-age <hours>",
      "how long a successful check is trusted",
      String(defaults.links.cacheAgeMs / 3600_000),
    )
    .option("--link-time-limit <seconds>", "stop checking after this long; unchecked links are reported as skipped")
    .option(
      "--allow-private",
      "also check links to loopback, private and link-local addresses (by default they are reported as skipped: a page must not make the checker call into your network)",
    )
    .option(
      "--skip-link <regex>",
      "never check links matching this pattern: they are reported as skipped (lychee's --exclude; repeatable)",
      collect,
      [],
    )
    .option(
      "--status-verdict <code=verdict>",
      `re-classify a status code, e.g. 403=unverifiable or 999=ok; verdicts: ${STATUS_VERDICTS.join(", ")} (repeatable)`,
      collect,
      [],
    )
    .addOption(
      new Option(
        "--lang <language>",
        "language of report.md, report.html and the summary line (default: the profile's; sv for the MIA blog)",
      ).choices(LANGS),
    )
    .option(
      "--spelling",
      "list words the Swedish dictionary does not know (needs: npm install cspell-lib @cspell/dict-sv)",
    )
    .addOption(
      new Option(
        "--spelling-words <file>",
        "names and terms of the site, one a line, that are not misspellings",
      ).default(DEFAULT_WORDS_PATH, "the built-in MIA word list"),
    );
}

const STATUS_VERDICTS = ["ok", "broken", "unverifiable"] as const;

/** --status-verdict 403=unverifiable: what a status code means for this site's links (lychee's --accept, both ways). */
export function statusVerdicts(specs: readonly string[]): Map<number, (typeof STATUS_VERDICTS)[number]> {
  const out = new Map<number, (typeof STATUS_VERDICTS)[number]>();
  for (const spec of specs) {
    const m = /^\s*(\d{3})\s*=\s*(\w+)\s*$/.exec(spec);
    const verdict = STATUS_VERDICTS.find((v) => v === m?.[2]);
    if (!m || !verdict || Number(m[1]) < 100 || Number(m[1]) > 999)
      throw new UsageError(
        `--status-verdict "${spec}": expected CODE=VERDICT, e.g. 403=unverifiable (verdicts: ${STATUS_VERDICTS.join(", ")})`,
      );
    out.set(Number(m[1]), verdict);
  }
  return out;
}

/** --lang (commander has checked it is one of LANGS); undefined: the profile's language. */
export const langFlag = (flags: Pick<LinkFlags, "lang">): Lang | undefined =>
  flags.lang !== undefined && isLang(flags.lang) ? flags.lang : undefined;

/** The link flags as the library's check settings, and where the cache and the word list are. */
export function checkFlags(
  flags: LinkFlags,
  crawl: CrawlSettings,
): {
  settings: CheckSettings;
  cacheFile: string | null;
  cacheAgeMs: number;
  spellingWords: Set<string> | null;
} {
  const l = defaults.links;
  return {
    settings: checkSettings(crawl, {
      timeoutMs: intFlag("link-timeout", flags.linkTimeout, l.timeoutMs / 1000, 1) * 1000,
      timeLimitMs:
        flags.linkTimeLimit === undefined
          ? l.timeLimitMs
          : intFlag("link-time-limit", flags.linkTimeLimit, 0, 1) * 1000,
      statusVerdicts: statusVerdicts(flags.statusVerdict ?? []),
      skip: (flags.skipLink ?? []).map((p) => regexFlag("skip-link", p)),
      allowPrivate: flags.allowPrivate === true || l.allowPrivate,
    }),
    cacheFile: flags.cache === false ? null : l.cacheFile,
    cacheAgeMs: intFlag("cache-age", flags.cacheAge, l.cacheAgeMs / 3600_000) * 3600_000,
    spellingWords: flags.spelling === true ? readWordList(flags.spellingWords ?? DEFAULT_WORDS_PATH) : null,
  };
}
