// `mia-migrate snapshot <start-url> --archive <dir>`: one archive run (WARC, CDXJ, diff), for cron.
// Exit codes: 0 done, 2 done but pages failed, 3 usage, 4 stopped by --time-limit (rerun resumes),
// 5 another run holds the archive's lock (this one did nothing), 6 the run captured no post or far
// fewer than the last (the site is down: kept apart, nothing pruned).
import { resolve } from "node:path";
import { diffLine } from "../../archive/diff.js";
import { LockedError } from "../../archive/lock.js";
import { snapshotRun } from "../../pipeline/snapshot.js";
import { PROBLEM_TEXT, storageProblem } from "../../store/storage-errors.js";
import { EXIT, RunError, UsageError } from "../../config/errors.js";
import { commonInputs, startUrlOf, type CrawlFlags } from "../options.js";
import { CrawlProgress } from "../progress.js";
import { onStopSignal } from "../signals.js";
import { crawlExitCode, crawlLine, robotsLines, type OutputFlags } from "../summary.js";

export interface SnapshotFlags extends CrawlFlags {
  archive: string;
  keep?: string;
  minShare?: string;
  wacz?: boolean;
  conditional?: boolean;
}

export async function runSnapshot(startUrl: string, flags: SnapshotFlags, g: OutputFlags): Promise<number> {
  const { profile, originMap, settings } = commonInputs(flags);
  const keep = flags.keep === undefined ? undefined : Number(flags.keep);
  if (keep !== undefined && (!Number.isInteger(keep) || keep < 1))
    throw new UsageError(`--keep "${flags.keep ?? ""}": expected a whole number ≥ 1`);
  const minShare = flags.minShare === undefined ? undefined : Number(flags.minShare);
  if (minShare !== undefined && (!Number.isFinite(minShare) || minShare < 0 || minShare > 1))
    throw new UsageError(`--min-share "${flags.minShare ?? ""}": expected a number from 0 to 1`);
  const quiet = g.quiet === true || g.json === true;
  const say = (line: string) => {
    if (!quiet) process.stderr.write(line + "\n");
  };
  const progress = new CrawlProgress({ quiet });
  // SIGTERM (systemd stopping the unit) or Ctrl-C: exit, which releases the lock; the journal resumes.
  onStopSignal(`the run is kept in ${resolve(flags.archive)}/.partial and the next run resumes it`, () =>
    progress.stop(),
  );
  let result;
  try {
    result = await snapshotRun({
      archiveDir: resolve(flags.archive),
      startUrl: startUrlOf(startUrl, profile),
      profile,
      originMap,
      settings,
      ...(keep !== undefined ? { keep } : {}),
      ...(minShare !== undefined ? { minPostShare: minShare } : {}),
      wacz: flags.wacz === true,
      conditional: flags.conditional === true,
      onEvent: progress.onEvent,
      onNote: (m) => say(`snapshot: ${m}`),
    });
  } catch (err) {
    if (err instanceof LockedError) {
      process.stderr.write(`mia-migrate: ${err.message}\n`);
      return EXIT.locked;
    }
    const problem = storageProblem(err);
    if (problem)
      throw new RunError(
        `cannot write the archive in ${resolve(flags.archive)}: ${(err as NodeJS.ErrnoException).code ?? ""}: ${PROBLEM_TEXT[problem]}; earlier runs are untouched, free space or fix permissions and rerun (it resumes)`,
      );
    throw err;
  } finally {
    progress.stop();
  }
  const { crawl, run, diff } = result;
  const summary = {
    status: result.status,
    runId: result.runId,
    resumed: result.resumed,
    archive: resolve(flags.archive),
    ...(run
      ? { warc: `${result.runDir ?? ""}/${run.warc}`, bytes: run.bytes, counts: run.counts, diff: run.diff }
      : {}),
    crawl: { fetched: crawl.fetched, resumed: crawl.resumed, failed: crawl.failed, notFound: crawl.notFound.length },
    pruned: result.pruned,
  };
  if (g.json === true) process.stdout.write(JSON.stringify(summary) + "\n");
  else {
    say(crawlLine(crawl));
    for (const l of robotsLines(crawl)) say(l);
    if (run)
      say(
        `snapshot: ${run.counts.fetches} fetches, ${run.counts.responses} responses and ${run.counts.revisits} revisits, ${(run.bytes / 1024).toFixed(1)} KiB → ${result.runDir ?? ""}/${run.warc}`,
      );
    if (result.status === "incomplete")
      process.stderr.write(
        `mia-migrate: snapshot ${result.runId} is incomplete: ${run?.incomplete ?? ""}; kept apart in ${result.runDir ?? ""}; the last complete run and every other run are untouched\n`,
      );
    else if (diff) process.stdout.write(`${result.runId}: ${diffLine(diff)}\n`);
    else say(`snapshot: stopped by --time-limit; run the same command again to resume run ${result.runId}`);
  }
  if (result.status === "incomplete") return EXIT.incomplete;
  return crawlExitCode(crawl);
}
