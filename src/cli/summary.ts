// The lines and exit codes a run ends with.
import type { CrawlSummary } from "../crawl/crawler.js";
import type { ConvertResult } from "../pipeline/convert.js";
import { EXIT, NoPostsError } from "../config/errors.js";
import type { Lang } from "../config/lang.js";
import { WORDS } from "../report/messages.js";

export interface OutputFlags {
  quiet?: boolean;
  json?: boolean;
  debug?: boolean;
}

/** The crawl's line, "crawl: …", in the run's language (English for the commands without a report). */
export function crawlLine(c: CrawlSummary, lang: Lang = "en"): string {
  return WORDS[lang].run.crawl({
    pages: c.fetched + c.resumed,
    posts: c.posts,
    failed: c.failed,
    notFound: c.notFound.length,
    resumed: c.resumed,
    disallowedByRobots: c.disallowedByRobots,
    stoppedBy: c.stoppedBy,
    seconds: c.durationMs / 1000,
  });
}

export function robotsLines(c: CrawlSummary, lang: Lang = "en"): string[] {
  return c.robotsBlocked.map((r) => WORDS[lang].run.robots(r.origin, r.reason));
}

export function crawlExitCode(c: CrawlSummary): number {
  if (c.stoppedBy === "time-limit") return EXIT.timeLimit;
  return c.failed > 0 || c.robotsBlocked.length > 0 ? EXIT.partial : EXIT.ok;
}

export function convertLine(c: ConvertResult, out: string, lang: Lang = "en"): string {
  return WORDS[lang].run.converted(c.posts, out, c.findings.length, c.kept);
}

/** --json: one JSON line on stdout; otherwise the lines on stderr (stdout stays for data). */
export function report(flags: OutputFlags, summary: object, lines: string[]): void {
  if (flags.json) process.stdout.write(JSON.stringify(summary) + "\n");
  else if (!flags.quiet) for (const l of lines) process.stderr.write(l + "\n");
}

/** A crawl that found no post: the one line that says what it found instead (exit 7). */
export function noPostsError(c: CrawlSummary, startUrl: string): NoPostsError {
  const start = c.notFound.find((n) => n.url === startUrl);
  const failed = c.failures.find((f) => f.url === startUrl);
  const found = start
    ? `it answered ${start.status}`
    : failed
      ? `it could not be fetched (${failed.reason})`
      : c.robotsBlocked.length
        ? (c.robotsBlocked[0]?.reason ?? "robots.txt forbids it")
        : c.disallowedByRobots
          ? "robots.txt disallows it"
          : `the crawl found ${c.fetched + c.resumed} page(s), none of them a post of this site profile`;
  return new NoPostsError(
    `no post found from ${startUrl}: ${found}; give the blog's start page (the MIA blog's is https://www.miaprojektet.se/aktuellt-39586750), or a site profile that fits the site (--profile)`,
  );
}
