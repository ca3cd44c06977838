// Crawl into a snapshot directory: opens the store (with a clear error when it cannot be written),
// crawls, and always closes the store so the manifest is flushed.
import { VERSION } from "../config/defaults.js";
import { RunError } from "../cli/errors.js";
import type { Profile } from "../profiles/profile.js";
import { SnapshotStore } from "../store/snapshot.js";
import { crawl, type CrawlEvent, type CrawlSettings, type CrawlSummary, type Revalidation } from "./crawler.js";
import type { OriginMap } from "./origin-map.js";

export interface CrawlToSnapshotOptions {
  startUrl: string;
  snapshotDir: string;
  profile: Profile;
  settings: CrawlSettings;
  originMap: OriginMap;
  onEvent?: (e: CrawlEvent) => void;
  revalidate?: (url: string) => Revalidation | undefined;
}

export async function crawlToSnapshot(opts: CrawlToSnapshotOptions): Promise<CrawlSummary> {
  const store = new SnapshotStore(opts.snapshotDir);
  try {
    store.open({ startUrl: opts.startUrl, createdAt: new Date().toISOString(), tool: `mia-migrate ${VERSION}` });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new RunError(`cannot write the snapshot in ${opts.snapshotDir}: ${code}; choose a writable --out or --snapshot directory`);
  }
  try {
    return await crawl({ startUrl: opts.startUrl, profile: opts.profile, store, settings: opts.settings, originMap: opts.originMap, ...(opts.onEvent ? { onEvent: opts.onEvent } : {}), ...(opts.revalidate ? { revalidate: opts.revalidate } : {}) });
  } finally {
    store.close();
  }
}
