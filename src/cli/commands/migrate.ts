// `mia-migrate migrate <start-url> --out <dir>`
import { resolve } from "node:path";
import { defaults } from "../../config/defaults.js";
import { migrate } from "../../migrate.js";
import { commonInputs, startUrlOf, type CrawlFlags } from "../options.js";
import { CrawlProgress } from "../progress.js";
import { convertLine, crawlExitCode, crawlLine, report, robotsLines, type OutputFlags } from "../summary.js";

export async function runMigrate(startUrl: string, flags: CrawlFlags & { out: string; keepTypography?: boolean }, g: OutputFlags): Promise<number> {
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
    typography: flags.keepTypography === true ? false : defaults.extract.typography,
    slugMaxChars: defaults.convert.slugMaxChars,
    onEvent: progress.onEvent,
  }).finally(() => progress.stop());
  report(g, { crawl: result.crawl, convert: { posts: result.convert.posts, problems: result.convert.problems.length, out: outDir } }, [
    `crawl: ${crawlLine(result.crawl)}`,
    ...robotsLines(result.crawl),
    convertLine(result.convert, outDir),
  ]);
  return crawlExitCode(result.crawl);
}
