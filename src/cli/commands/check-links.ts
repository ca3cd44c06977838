// `mia-migrate check-links --from <snapshot | archive> --out <dir>` (or `check-links <start-url> --out <dir>`, which
// crawls the live site into <dir>/snapshot first): every link of every post checked, and the QA report
// written to <dir>/report/. Exit codes as lychee's: 0 nothing broken, 2 broken links.
import { join, resolve } from "node:path";
import { crawlToSnapshot } from "../../crawl/to-snapshot.js";
import { eachOutputDoc } from "../../convert/read-output.js";
import { checkLinks } from "../../pipeline/check.js";
import type { Report } from "../../report/report.js";
import { summaryLine, WORDS } from "../../report/messages.js";
import type { Lang } from "../../config/lang.js";
import { SnapshotStore } from "../../store/snapshot.js";
import { EXIT, UsageError } from "../../config/errors.js";
import { isArchive } from "../../pipeline/source.js";
import {
  checkFlags,
  langFlag,
  commonInputs,
  convertFlags,
  startUrlOf,
  type ConvertFlags,
  type CrawlFlags,
  type LinkFlags,
} from "../options.js";
import { CrawlProgress, LinkProgress } from "../progress.js";
import { onStopSignal } from "../signals.js";
import { crawlLine, report, type OutputFlags } from "../summary.js";

/** The report's summary in its language (report/messages.ts). */
export function reportLine(r: Report, out: string, lang: Lang): string {
  return summaryLine(WORDS[lang], r.summary, `${out}/report/report.md`);
}

export async function runCheckLinks(
  startUrl: string | undefined,
  flags: CrawlFlags & ConvertFlags & LinkFlags & { from?: string; out: string },
  g: OutputFlags,
): Promise<number> {
  const { profile, originMap, settings: crawl } = commonInputs(flags);
  const { settings, cacheFile, cacheAgeMs, spellingWords } = checkFlags(flags, crawl); // bad flags fail before a crawl
  // The language of the report and of the lines the run ends with (--lang, else the profile's).
  const lang = langFlag(flags) ?? profile.lang;
  const out = resolve(flags.out);
  // Without --from or a start URL: the snapshot beside the Markdown if there is one, else the Markdown alone.
  const from = flags.from ? resolve(flags.from) : join(out, "snapshot");
  const markdownOnly = !startUrl && !flags.from && !new SnapshotStore(from).exists();
  if (markdownOnly && eachOutputDoc(out).next().done === true)
    throw new UsageError(`check-links: no snapshot (--from) or start URL given, and no Markdown posts in ${out}`);
  const quiet = g.quiet === true || g.json === true;
  onStopSignal("the report was not written (an earlier one is left as it was); run the same command again");
  if (startUrl && flags.from !== undefined && isArchive(from))
    throw new UsageError(
      `--from ${from} is an archive: a crawl (the start URL) writes a snapshot, so give it another directory, or drop the start URL to check the archive`,
    );
  if (startUrl) {
    const progress = new CrawlProgress({ quiet });
    const summary = await crawlToSnapshot({
      startUrl: startUrlOf(startUrl, profile),
      snapshotDir: from,
      profile,
      originMap,
      settings: crawl,
      onEvent: progress.onEvent,
    }).finally(() => progress.stop());
    if (!quiet) process.stderr.write(`${crawlLine(summary, lang)}\n`);
  }
  // A snapshot, or an archive written by `snapshot` (the site may be gone by now): its newest run, offline.
  const progress = new LinkProgress({ quiet });
  const r = await checkLinks({
    from: markdownOnly ? null : from,
    outDir: out,
    convert: convertFlags(flags, profile),
    originMap,
    settings,
    cacheFile,
    cacheAgeMs,
    spellingWords,
    lang,
    onResult: progress.onResult,
    onNote: (m) => process.stderr.write(`mia-migrate: warning: ${m}\n`),
  }).finally(() => progress.stop());
  report(g, r.summary, [reportLine(r, out, lang)]);
  return r.summary.links.broken > 0 ? EXIT.partial : EXIT.ok;
}
