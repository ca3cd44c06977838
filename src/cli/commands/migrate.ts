// `mia-migrate migrate <start-url> --out <dir>`
import { resolve } from "node:path";
import { migrate } from "../../migrate.js";
import { commonInputs, convertOptions, startUrlOf, type ConvertFlags, type CrawlFlags } from "../options.js";
import { CrawlProgress } from "../progress.js";
import { convertLine, crawlExitCode, crawlLine, report, robotsLines, type OutputFlags } from "../summary.js";

export async function runMigrate(startUrl: string, flags: CrawlFlags & ConvertFlags & { out: string }, g: OutputFlags): Promise<number> {
  const { profile, originMap, settings } = commonInputs(flags);
  const convert = convertOptions(flags, profile);
  const outDir = resolve(flags.out);
  const progress = new CrawlProgress({ quiet: g.quiet === true || g.json === true });
  const result = await migrate({ ...convert, startUrl: startUrlOf(startUrl, profile), outDir, originMap, settings, onEvent: progress.onEvent }).finally(() => progress.stop());
  report(g, { crawl: result.crawl, convert: { posts: result.convert.posts, problems: result.convert.problems.length, out: outDir } }, [
    `crawl: ${crawlLine(result.crawl)}`,
    ...robotsLines(result.crawl),
    convertLine(result.convert, outDir),
  ]);
  return crawlExitCode(result.crawl);
}
