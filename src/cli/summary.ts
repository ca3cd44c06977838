// The lines and exit codes a run ends with.
import type { CrawlSummary } from "../crawl/crawler.js";
import type { ConvertResult } from "../pipeline/convert.js";
import { EXIT, NoPostsError } from "../config/errors.js";

export interface OutputFlags {
  quiet?: boolean;
  json?: boolean;
  debug?: boolean;
}

export function crawlLine(c: CrawlSummary): string {
  const parts = [
    `${c.fetched + c.resumed} pages (${c.posts} posts)`,
    `${c.failed} failed`,
    `${c.notFound.length} not found (dead links)`,
  ];
  if (c.resumed) parts.push(`${c.resumed} from an earlier run`);
  if (c.disallowedByRobots) parts.push(`${c.disallowedByRobots} not fetched (robots.txt)`);
  if (c.stoppedBy) parts.push(`stopped by ${c.stoppedBy}; rerun the same command to resume`);
  return `${parts.join(", ")} in ${(c.durationMs / 1000).toFixed(1)} s`;
}

export function robotsLines(c: CrawlSummary): string[] {
  return c.robotsBlocked.map((r) => `robots.txt: nothing fetched from ${r.origin}: ${r.reason}`);
}

export function crawlExitCode(c: CrawlSummary): number {
  if (c.stoppedBy === "time-limit") return EXIT.timeLimit;
  return c.failed > 0 || c.robotsBlocked.length > 0 ? EXIT.partial : EXIT.ok;
}

export function convertLine(c: ConvertResult, out: string): string {
  const kept = c.kept.length
    ? `; left ${c.kept.length} file(s) of an earlier run as they are, changed since mia-migrate wrote them (${c.kept.slice(0, 3).join(", ")}${c.kept.length > 3 ? ", …" : ""})`
    : "";
  return `converted ${c.posts} posts to ${out}${c.findings.length ? `, ${c.findings.length} problems (see ${out}/report/problems.json)` : ""}${kept}`;
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
