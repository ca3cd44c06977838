// robots.txt per RFC 9309: a 4xx means no rules (allow all); a 5xx or a network error means the
// site is unreachable, so disallow all (§2.3.1.4) — where Scrapy and Crawlee allow all. Cached for
// the run; Crawl-delay, where given, is a floor for the host's gap.
import { createRequire } from "node:module";

interface RobotsRules {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS with a declaration file that does not fit NodeNext's default import.
const robotsParser = createRequire(import.meta.url)("robots-parser") as (url: string, text: string) => RobotsRules;

export type RobotsVerdict =
  | { kind: "rules"; isAllowed(url: string): boolean; crawlDelayMs: number | undefined }
  | { kind: "allow-all"; reason: string }
  | { kind: "disallow-all"; reason: string };

export interface RobotsFetchResult {
  status: number; // 0 for a network error
  body: string;
  error?: string;
}

export function robotsVerdict(
  robotsUrl: string,
  res: RobotsFetchResult,
  userAgent: string,
  maxCrawlDelayMs = Infinity,
): RobotsVerdict {
  if (res.status === 0)
    return {
      kind: "disallow-all",
      reason: `robots.txt unreachable (${res.error ?? "network error"}): RFC 9309 says crawl nothing`,
    };
  if (res.status >= 500)
    return {
      kind: "disallow-all",
      reason: `robots.txt answered ${res.status}: RFC 9309 says crawl nothing until it answers`,
    };
  if (res.status >= 400) return { kind: "allow-all", reason: `robots.txt answered ${res.status}: no rules` };
  if (res.status < 200 || res.status >= 300) return { kind: "allow-all", reason: `robots.txt answered ${res.status}` };
  const parsed = robotsParser(robotsUrl, res.body);
  const delay = parsed.getCrawlDelay(userAgent);
  // A Crawl-delay past the cap would hold the crawl for hours on end (3600 s a page): the host is not
  // crawled, and the user hears why, rather than a crawl that idles until someone kills it.
  if (delay !== undefined && delay * 1000 > maxCrawlDelayMs)
    return {
      kind: "disallow-all",
      reason: `robots.txt asks for Crawl-delay ${delay} s, more than the ${maxCrawlDelayMs / 1000} s mia-migrate waits between requests: nothing fetched from this host`,
    };
  return {
    kind: "rules",
    // robots-parser answers undefined for URLs of another origin; those are not this file's business.
    isAllowed: (url) => parsed.isAllowed(url, userAgent) !== false,
    crawlDelayMs: delay === undefined ? undefined : delay * 1000,
  };
}
