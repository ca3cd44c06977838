// Every default of mia-migrate, in one place (as Scrapy's default_settings.py). A flag or the config
// file overrides them; nothing else in the code should hard-code one of these numbers.
import { readFileSync } from "node:fs";
import type { Lang } from "./lang.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
  homepage: string;
};

export const VERSION: string = pkg.version;
export const HOMEPAGE: string = pkg.homepage;

export const defaults = {
  /** Honest and contactable, as RFC 9309 and site owners expect. */
  userAgent: `mia-migrate/${pkg.version} (+${pkg.homepage})`,
  crawl: {
    /** Requests in flight at once, over all hosts. */
    concurrency: 4,
    /** Requests in flight at once to one host (Scrapy's template uses 1; 2 is still polite). */
    perHostConcurrency: 2,
    /** Minimum gap between the starts of two requests to one host, in ms, randomised 0.5–1.5×. */
    perHostGapMs: 500,
    jitter: 0.5,
    retries: 3,
    /** First backoff in ms; doubles each try, with jitter. */
    backoffMs: 500,
    /** Longest Retry-After the crawler waits for; a longer one fails the page instead of stalling. */
    maxRetryAfterMs: 10 * 60_000,
    /** Longest robots.txt Crawl-delay obeyed (Heritrix's cap is 300 s); a host asking for more is not
     *  crawled at all, with a line saying why, rather than a crawl that idles for days. */
    maxCrawlDelayMs: 60_000,
    retryStatuses: [408, 429, 500, 502, 503, 504] as readonly number[],
    connectTimeoutMs: 10_000,
    headersTimeoutMs: 30_000,
    bodyTimeoutMs: 30_000,
    totalTimeoutMs: 120_000,
    maxBodyBytes: 25 * 1024 * 1024,
    maxRedirects: 10,
    /** RFC 9309: parse at least 500 KiB of robots.txt, follow at least 5 redirects. */
    robotsMaxBytes: 512 * 1024,
    robotsMaxRedirects: 5,
    maxPages: Infinity,
    maxDepth: Infinity,
    timeLimitMs: Infinity,
    include: [] as readonly RegExp[],
    exclude: [] as readonly RegExp[],
  },
  probe: {
    /** Pages `probe` fetches to learn a site's profile: enough posts and list pages to tell template
     *  from content, few enough to be a small visit (at the crawl's own politeness). */
    pages: 30,
  },
  extract: {
    leadMaxChars: 300,
    /** Swedish quotes, dashes, ranges and ellipses; every change is counted in the report. */
    typography: true,
  },
  convert: {
    slugMaxChars: 80,
    layout: "plain" as "plain" | "hugo" | "eleventy",
    /** markdown: an image and an emphasised caption line, shown once by Hugo's and Eleventy's defaults. */
    figures: "markdown" as "markdown" | "html" | "hugo",
    /** Copy the old site's images and files into the output. */
    assets: true,
    /** Under --out: the extracted posts, parked on disk while a run passes over them; removed after. */
    postSpool: ".mia-migrate/posts.jsonl",
    /** Under --out: every file mia-migrate wrote there, with its hash; only these are ever replaced or
     *  removed by a later run. */
    writtenManifest: ".mia-migrate/written.jsonl",
  },
  links: {
    /** lychee's default; linkinator has none and users hit hangs. */
    timeoutMs: 20_000,
    retries: 3,
    backoffMs: 500,
    /** A longer Retry-After is not waited for: the link is "unverifiable" (a 429 wall), not broken. */
    maxRetryAfterMs: 60_000,
    retryStatuses: [408, 429, 500, 502, 503, 504] as readonly number[],
    connectTimeoutMs: 10_000,
    /** A link's body is read only to see that it answers. */
    maxBodyBytes: 5 * 1024 * 1024,
    maxRedirects: 10,
    /** Links to loopback, private, link-local addresses are not requested (SSRF); --allow-private. */
    allowPrivate: false,
    /** In flight at once: to the old site, to each other host, and in all. */
    siteConcurrency: 4,
    hostConcurrency: 8,
    concurrency: 16,
    timeLimitMs: Infinity,
    /** Successes only; failures are always checked again. Relative to the output folder. */
    cacheFile: ".mia-migrate/link-cache.json",
    cacheAgeMs: 24 * 3600_000,
  },
  report: {
    /** The report's language when the profile names none (the MIA profile says sv). */
    lang: "en" as Lang,
  },
  archive: {
    /** A snapshot run is complete only if it captured at least one post and at least this share of the
     *  posts of the last complete run; else the site is down or broken, and the run is kept apart
     *  (`<archive>/incomplete/`), never counted by --keep, never a reason to prune. */
    minPostShare: 0.5,
    /** Ask the site conditionally (If-None-Match / If-Modified-Since) for what the last run stored, and
     *  record its 304s as server-not-modified revisits. Off: every page is asked for in full and an
     *  unchanged payload is stored as an identical-payload-digest revisit (as wget --warc-dedup and
     *  Browsertrix do), which ReplayWeb.page replays; it does not replay a 304 revisit (README). */
    conditional: false,
  },
  out: "output/migration",
  memory: {
    /** The command line's heap growing factor, 1 + n/100 (V8's own goes up to 4×). Measured on the
     *  10,000-post replica, `migrate`, peak RSS: V8's default 417–920 MB (51–73 s), 50 → 289–330 MB,
     *  30 → 279 MB twice (56–57 s): the rest is the report being rendered at the end. */
    heapGrowingPercent: 30,
  },
};

export type Defaults = typeof defaults;
