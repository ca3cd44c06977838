// Crawl into a snapshot directory: opens the store (with a clear error when it cannot be written),
// crawls, and always closes the store so the manifest is flushed.
import { accessSync, constants, existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { VERSION } from "../config/defaults.js";
import { RunError, option } from "../config/errors.js";
import type { Profile } from "../profiles/profile.js";
import { SnapshotStore } from "../store/snapshot.js";
import { PROBLEM_TEXT, storageProblem } from "../store/storage-errors.js";
import { crawl, type CrawlEvent, type CrawlSettings, type CrawlSummary, type Revalidation } from "./crawler.js";
import type { OriginMap } from "../http/origin-map.js";

export interface CrawlToSnapshotOptions {
  startUrl: string;
  snapshotDir: string;
  profile: Profile;
  settings: CrawlSettings;
  originMap: OriginMap;
  onEvent?: (e: CrawlEvent) => void;
  revalidate?: (url: string) => Revalidation | undefined;
  /** An archive run (crawler.ts: robots.txt kept, page requisites fetched, the wire recorded). */
  forArchive?: boolean;
}

/** Why a directory cannot be made: asked of its nearest existing ancestor (a recursive mkdir on a
 *  read-only disk reports ENOENT, which would send the user looking for the wrong thing). */
function writeProblem(dir: string): string | undefined {
  let at = resolve(dir);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  try {
    accessSync(at, constants.W_OK);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code;
  }
}

export async function crawlToSnapshot(opts: CrawlToSnapshotOptions): Promise<CrawlSummary> {
  const store = new SnapshotStore(opts.snapshotDir);
  try {
    store.open({ startUrl: opts.startUrl, createdAt: new Date().toISOString(), tool: `mia-migrate ${VERSION}` });
  } catch (err) {
    const code = writeProblem(opts.snapshotDir) ?? (err as NodeJS.ErrnoException).code ?? "error";
    throw new RunError(
      `cannot write the snapshot in ${opts.snapshotDir}: ${code}; choose a writable ${option("snapshotDir")} directory`,
    );
  }
  try {
    return await crawl({
      startUrl: opts.startUrl,
      profile: opts.profile,
      store,
      settings: opts.settings,
      originMap: opts.originMap,
      ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
      ...(opts.revalidate ? { revalidate: opts.revalidate } : {}),
      ...(opts.forArchive ? { forArchive: true } : {}),
    });
  } catch (err) {
    const problem = storageProblem(err);
    if (!problem) throw err;
    const action =
      problem === "not-writable"
        ? `choose a writable ${option("snapshotDir")} directory`
        : "free space and run the same command again (it resumes; everything fetched so far is kept)";
    throw new RunError(
      `cannot write the snapshot in ${opts.snapshotDir}: ${(err as NodeJS.ErrnoException).code ?? ""}: ${PROBLEM_TEXT[problem]}; ${action}`,
    );
  } finally {
    try {
      store.close();
    } catch {
      /* closing after a failed write: the journal's complete lines are what counts */
    }
  }
}
