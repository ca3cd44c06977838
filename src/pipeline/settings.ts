// Every stage's settings, built from the defaults (config/defaults.ts) and the caller's overrides: the
// one way options enter the library. The command line parses its flags into these overrides (and says
// which flag was wrong); a library user passes typed values and gets the same settings a CLI run gets.
import { defaults } from "../config/defaults.js";
import type { CrawlSettings } from "../crawl/crawler.js";
import type { CheckSettings } from "../links/checker.js";
import type { Profile } from "../profiles/profile.js";
import type { ConvertOptions } from "./convert.js";

/** The crawl's settings: the polite defaults, with `over` on top. */
export function crawlSettings(over: Partial<CrawlSettings> = {}): CrawlSettings {
  return { ...defaults.crawl, userAgent: defaults.userAgent, ...over };
}

/** The conversion's options for `profile`: the defaults, with `over` on top. */
export function convertOptions(profile: Profile, over: Partial<Omit<ConvertOptions, "profile">> = {}): ConvertOptions {
  return {
    profile,
    leadMaxChars: defaults.extract.leadMaxChars,
    slugMaxChars: defaults.convert.slugMaxChars,
    typography: defaults.extract.typography,
    layout: defaults.convert.layout,
    figures: defaults.convert.figures,
    assets: defaults.convert.assets,
    fields: { rename: {}, drop: [] },
    ...over,
  };
}

/** The link check's settings: the defaults, the crawl's User-Agent and politeness towards the old site
 *  (its gap between requests), with `over` on top. */
export function checkSettings(
  crawl: Pick<CrawlSettings, "userAgent" | "perHostGapMs"> = crawlSettings(),
  over: Partial<CheckSettings> = {},
): CheckSettings {
  const l = defaults.links;
  return {
    userAgent: crawl.userAgent,
    timeoutMs: l.timeoutMs,
    retries: l.retries,
    backoffMs: l.backoffMs,
    maxRetryAfterMs: l.maxRetryAfterMs,
    siteConcurrency: l.siteConcurrency,
    hostConcurrency: l.hostConcurrency,
    concurrency: l.concurrency,
    siteGapMs: crawl.perHostGapMs,
    timeLimitMs: l.timeLimitMs,
    statusVerdicts: new Map(),
    skip: [],
    retryStatuses: l.retryStatuses,
    allowPrivate: l.allowPrivate,
    ...over,
  };
}
