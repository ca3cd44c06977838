// `mia-migrate crawl <start-url> --snapshot <dir>`
import { resolve } from "node:path";
import { crawlToSnapshot } from "../../crawl/to-snapshot.js";
import { commonInputs, startUrlOf, type CrawlFlags } from "../options.js";
import { CrawlProgress } from "../progress.js";
import { crawlExitCode, crawlLine, report, robotsLines, type OutputFlags } from "../summary.js";

export async function runCrawl(startUrl: string, flags: CrawlFlags & { snapshot: string }, g: OutputFlags): Promise<number> {
  const { profile, originMap, settings } = commonInputs(flags);
  const progress = new CrawlProgress({ quiet: g.quiet === true || g.json === true });
  const summary = await crawlToSnapshot({ startUrl: startUrlOf(startUrl, profile), snapshotDir: resolve(flags.snapshot), profile, originMap, settings, onEvent: progress.onEvent }).finally(() =>
    progress.stop(),
  );
  report(g, summary, [`crawl: ${crawlLine(summary)}`, ...robotsLines(summary)]);
  return crawlExitCode(summary);
}
