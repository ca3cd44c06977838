// `mia-migrate crawl <start-url> --snapshot <dir>`
import { resolve } from "node:path";
import { crawlToSnapshot } from "../../crawl/to-snapshot.js";
import { commonInputs, startUrlOf, type CrawlFlags } from "../options.js";
import { CrawlProgress } from "../progress.js";
import { onStopSignal } from "../signals.js";
import { crawlExitCode, crawlLine, noPostsError, report, robotsLines, type OutputFlags } from "../summary.js";

export async function runCrawl(
  startUrl: string,
  flags: CrawlFlags & { snapshot: string },
  g: OutputFlags,
): Promise<number> {
  const { profile, originMap, settings } = commonInputs(flags);
  const progress = new CrawlProgress({ quiet: g.quiet === true || g.json === true });
  onStopSignal(`everything fetched is kept in ${resolve(flags.snapshot)}; run the same command again to resume`, () =>
    progress.stop(),
  );
  const start = startUrlOf(startUrl, profile);
  const summary = await crawlToSnapshot({
    startUrl: start,
    snapshotDir: resolve(flags.snapshot),
    profile,
    originMap,
    settings,
    onEvent: progress.onEvent,
  }).finally(() => progress.stop());
  report(g, summary, [crawlLine(summary), ...robotsLines(summary)]);
  if (summary.posts === 0 && summary.stoppedBy === null) throw noPostsError(summary, start);
  return crawlExitCode(summary);
}
