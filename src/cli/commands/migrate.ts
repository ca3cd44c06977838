// `mia-migrate migrate <start-url> --out <dir>`
import { resolve } from "node:path";
import { migrate } from "../../pipeline/migrate.js";
import { checkAndReport } from "../../pipeline/check.js";
import { EXIT } from "../../config/errors.js";
import {
  checkFlags,
  commonInputs,
  convertFlags,
  langFlag,
  startUrlOf,
  type ConvertFlags,
  type CrawlFlags,
  type LinkFlags,
} from "../options.js";
import { reportLine } from "./check-links.js";
import { CrawlProgress } from "../progress.js";
import { onStopSignal } from "../signals.js";
import {
  convertLine,
  crawlExitCode,
  crawlLine,
  noPostsError,
  report,
  robotsLines,
  type OutputFlags,
} from "../summary.js";

export async function runMigrate(
  startUrl: string,
  flags: CrawlFlags & ConvertFlags & LinkFlags & { out: string; checkLinks?: boolean; strict?: boolean },
  g: OutputFlags,
): Promise<number> {
  const { profile, originMap, settings } = commonInputs(flags);
  const convert = convertFlags(flags, profile);
  const outDir = resolve(flags.out);
  const progress = new CrawlProgress({ quiet: g.quiet === true || g.json === true });
  onStopSignal(
    `everything fetched is kept in ${outDir}/snapshot and every file written is whole; run the same command again to resume`,
    () => progress.stop(),
  );
  const links = flags.checkLinks === false ? null : checkFlags(flags, settings);
  // The language of the report and of the lines the run ends with (--lang, else the profile's).
  const lang = langFlag(flags) ?? profile.lang;
  // The link check reads the posts the conversion extracted (kept in their spool): no second extraction.
  const start = startUrlOf(startUrl, profile);
  const result = await migrate(
    { ...convert, startUrl: start, outDir, originMap, settings, onEvent: progress.onEvent },
    { extracted: links !== null },
  ).finally(() => progress.stop());
  if (!result.convert) throw noPostsError(result.crawl, start);
  const converted = result.convert;
  const extracted = converted.extracted;
  const qa =
    links && extracted
      ? await checkAndReport({
          converted: { posts: extracted, findings: converted.findings, docs: converted.docs },
          snapshotDir: result.snapshotDir,
          outDir,
          convert,
          originMap,
          settings: links.settings,
          cacheFile: links.cacheFile,
          cacheAgeMs: links.cacheAgeMs,
          spellingWords: links.spellingWords,
          lang,
          onNote: (m) => process.stderr.write(`mia-migrate: warning: ${m}\n`),
        }).finally(() => extracted.remove())
      : null;
  report(
    g,
    {
      crawl: result.crawl,
      convert: { posts: converted.posts, problems: converted.findings.length, out: outDir },
      ...(qa ? { report: qa.summary } : {}),
    },
    [
      crawlLine(result.crawl, lang),
      ...robotsLines(result.crawl, lang),
      convertLine(converted, outDir, lang),
      ...(qa ? [reportLine(qa, outDir, lang)] : []),
    ],
  );
  const code = crawlExitCode(result.crawl);
  return code === EXIT.ok && flags.strict === true && (qa?.summary.links.broken ?? 0) > 0 ? EXIT.partial : code;
}
