#!/usr/bin/env node
// The mia-migrate command line: flags, progress and exit codes only; the work is in the library.
import { Command } from "commander";
import { resolve } from "node:path";
import { defaults, VERSION } from "../config/defaults.js";
import type { CrawlSummary } from "../crawl/crawler.js";
import { convertSnapshot, crawlToSnapshot, migrate, type ConvertResult } from "../migrate.js";
import { loadProfile, DEFAULT_PROFILE_PATH } from "../profiles/profile.js";
import { SnapshotStore } from "../store/snapshot.js";
import { EXIT, UsageError } from "./errors.js";
import { addCrawlOptions, commonInputs, startUrlOf, type CrawlFlags } from "./options.js";
import { CrawlProgress } from "./progress.js";
import { runCommand } from "./run.js";

interface OutputFlags {
  quiet?: boolean;
  json?: boolean;
  debug?: boolean;
}

function crawlLine(c: CrawlSummary): string {
  const parts = [`${c.fetched + c.resumed} pages (${c.posts} posts)`, `${c.failed} failed`, `${c.notFound.length} not found (dead links)`];
  if (c.resumed) parts.push(`${c.resumed} from an earlier run`);
  if (c.disallowedByRobots) parts.push(`${c.disallowedByRobots} not fetched (robots.txt)`);
  if (c.stoppedBy) parts.push(`stopped by ${c.stoppedBy}; rerun the same command to resume`);
  return `${parts.join(", ")} in ${(c.durationMs / 1000).toFixed(1)} s`;
}

function crawlExitCode(c: CrawlSummary): number {
  if (c.stoppedBy === "time-limit") return EXIT.timeLimit;
  return c.failed > 0 || c.robotsBlocked.length > 0 ? EXIT.partial : EXIT.ok;
}

function report(flags: OutputFlags, summary: object, lines: string[]): void {
  if (flags.json) process.stdout.write(JSON.stringify(summary) + "\n");
  else if (!flags.quiet) for (const l of lines) process.stderr.write(l + "\n");
}

function robotsLines(c: CrawlSummary): string[] {
  return c.robotsBlocked.map((r) => `robots.txt: nothing fetched from ${r.origin}: ${r.reason}`);
}

function convertLine(c: ConvertResult, out: string): string {
  return `converted ${c.posts} posts to ${out}${c.problems.length ? `, ${c.problems.length} problems (see ${out}/report/problems.json)` : ""}`;
}

const program = new Command();
program
  .name("mia-migrate")
  .description("Moves the MIA project's blog (www.miaprojektet.se) to Markdown: crawl, extract, normalise, convert, report.")
  .version(VERSION)
  .option("--debug", "show stack traces on errors")
  .option("--quiet", "no progress, only errors")
  .option("--json", "print the final summary as one JSON line on stdout")
  .showHelpAfterError("(run with --help for usage)")
  // Commander's own usage errors (unknown flag, missing argument) get our usage exit code. Set before the
  // subcommands are added, so they inherit it.
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT.usage));

addCrawlOptions(
  program
    .command("migrate")
    .description("crawl the blog and write one Markdown file per post (with the snapshot kept in <out>/snapshot)")
    .argument("<start-url>", "where the crawl starts, e.g. https://www.miaprojektet.se/aktuellt-39586750")
    .option("--out <dir>", "output directory", defaults.out),
)
  .addHelpText("after", "\nExample:\n  mia-migrate migrate https://www.miaprojektet.se/aktuellt-39586750 --out site \\\n    --map-origin https://www.miaprojektet.se=http://127.0.0.1:8080\n")
  .action(async (startUrl: string, flags: CrawlFlags & { out: string }) => {
    const g = program.opts<OutputFlags>();
    await runCommand(g.debug === true, async () => {
      const { profile, originMap, settings } = commonInputs(flags);
      const outDir = resolve(flags.out);
      const progress = new CrawlProgress({ quiet: g.quiet === true || g.json === true });
      const result = await migrate({
        startUrl: startUrlOf(startUrl, profile),
        outDir,
        profile,
        originMap,
        settings,
        leadMaxChars: defaults.extract.leadMaxChars,
        slugMaxChars: defaults.convert.slugMaxChars,
        onEvent: progress.onEvent,
      }).finally(() => progress.stop());
      report(g, { crawl: result.crawl, convert: { posts: result.convert.posts, problems: result.convert.problems.length, out: outDir } }, [
        `crawl: ${crawlLine(result.crawl)}`,
        ...robotsLines(result.crawl),
        convertLine(result.convert, outDir),
      ]);
      return crawlExitCode(result.crawl);
    });
  });

addCrawlOptions(
  program
    .command("crawl")
    .description("crawl the blog into a snapshot that later stages read offline (rerun to resume)")
    .argument("<start-url>", "where the crawl starts")
    .requiredOption("--snapshot <dir>", "snapshot directory"),
).action(async (startUrl: string, flags: CrawlFlags & { snapshot: string }) => {
  const g = program.opts<OutputFlags>();
  await runCommand(g.debug === true, async () => {
    const { profile, originMap, settings } = commonInputs(flags);
    const progress = new CrawlProgress({ quiet: g.quiet === true || g.json === true });
    const summary = await crawlToSnapshot({ startUrl: startUrlOf(startUrl, profile), snapshotDir: resolve(flags.snapshot), profile, originMap, settings, onEvent: progress.onEvent }).finally(() => progress.stop());
    report(g, summary, [`crawl: ${crawlLine(summary)}`, ...robotsLines(summary)]);
    return crawlExitCode(summary);
  });
});

program
  .command("convert")
  .description("convert a snapshot to Markdown, offline")
  .requiredOption("--from <snapshot-dir>", "a snapshot written by crawl or migrate")
  .option("--out <dir>", "output directory", defaults.out)
  .option("--profile <file>", "site profile (YAML)", DEFAULT_PROFILE_PATH)
  .action(async (flags: { from: string; out: string; profile: string }) => {
    const g = program.opts<OutputFlags>();
    await runCommand(g.debug === true, async () => {
      const profile = loadProfile(flags.profile);
      const from = resolve(flags.from);
      if (!new SnapshotStore(from).exists()) throw new UsageError(`--from ${from}: no snapshot there (no manifest.jsonl); run "mia-migrate crawl" first`);
      const result = convertSnapshot(from, resolve(flags.out), { profile, leadMaxChars: defaults.extract.leadMaxChars, slugMaxChars: defaults.convert.slugMaxChars });
      report(g, { posts: result.posts, problems: result.problems.length }, [convertLine(result, resolve(flags.out))]);
      return EXIT.ok;
    });
  });

await program.parseAsync(process.argv);
