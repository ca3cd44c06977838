// A migration: crawl into a snapshot (network), then convert from the snapshot (offline, repeatable in
// seconds; see convert.ts).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { UsageError, option } from "../config/errors.js";
import type { CrawlEvent, CrawlSettings, CrawlSummary } from "../crawl/crawler.js";
import type { OriginMap } from "../http/origin-map.js";
import { crawlToSnapshot } from "../crawl/to-snapshot.js";
import { OutputTree } from "../write/output.js";
import { CONVERT_FILES, convertSnapshot, type ConvertOptions, type ConvertResult } from "./convert.js";

/** What a snapshot folder holds (an interrupted crawl's too). */
const SNAPSHOT_NAMES = new Set(["manifest.jsonl", "snapshot.json", "bodies", "bodies.pack"]);

function readdirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export interface MigrateOptions extends ConvertOptions {
  startUrl: string;
  outDir: string;
  settings: CrawlSettings;
  originMap: OriginMap;
  onEvent?: (e: CrawlEvent) => void;
}

export interface MigrateResult {
  crawl: CrawlSummary;
  /** null when the crawl found no post (and was not stopped early): nothing was converted or written. */
  convert: ConvertResult | null;
  snapshotDir: string;
}

/** Crawl, then convert. With `keep.extracted` the extracted posts stay in their spool for the caller
 *  (the CLI's link check), who removes it. */
export async function migrate(opts: MigrateOptions, keep: { extracted?: boolean } = {}): Promise<MigrateResult> {
  const snapshotDir = join(opts.outDir, "snapshot");
  // Before the crawl: a file of the user's where ours go, or a folder named snapshot that is not one of
  // our snapshots, stops the run before anything is written.
  new OutputTree(opts.outDir).claim(CONVERT_FILES);
  if (readdirOrEmpty(snapshotDir).some((name) => !SNAPSHOT_NAMES.has(name.replace(/\.tmp-\d+-\d+$/, ""))))
    throw new UsageError(
      `refusing to crawl into ${snapshotDir}: the folder holds files that are not a mia-migrate snapshot; move it away or choose another ${option("outDir")} (nothing was changed)`,
    );
  const result = await crawlToSnapshot({ ...opts, snapshotDir });
  if (result.posts === 0 && result.stoppedBy === null) return { crawl: result, convert: null, snapshotDir };
  const convert = convertSnapshot(snapshotDir, opts.outDir, opts, keep);
  return { crawl: result, convert, snapshotDir };
}
