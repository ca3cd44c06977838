// One archive run (`mia-migrate snapshot`): under the archive directory's lock, crawl the site (what did
// not change since the last complete run becomes a revisit: by payload digest, or with --conditional by
// the site's 304), write the run's WARC, CDXJ index, state, posts
// and diff into `.partial/out`, and rename that to `<run-id>/` only when all of it is on disk. Earlier
// runs are never written to. A run stopped by --time-limit or killed keeps `.partial/` (the crawl's
// journal), and the next run resumes it under the same run id.
//
// <archive>/
//   .lock                      while a run works
//   .partial/run.json          the run in progress (its id), and .partial/snapshot/ its crawl journal
//   20261201030000/            one complete run: mia-<id>.warc.gz, index.cdxj, run.json, state.json,
//                              posts.json, diff.json, diff.md (and mia-<id>.wacz with --wacz)
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { defaults, VERSION } from "../config/defaults.js";
import { extractPosts, postKey } from "../convert/from-snapshot.js";
import type { CrawlEvent, CrawlSettings, CrawlSummary, Revalidation } from "../crawl/crawler.js";
import type { OriginMap } from "../http/origin-map.js";
import { crawlToSnapshot } from "../crawl/to-snapshot.js";
import type { Profile } from "../profiles/profile.js";
import { writeFileAtomic } from "../store/atomic.js";
import { SnapshotStore, type PageKind } from "../store/snapshot.js";
import { decodeBody } from "../crawl/charset.js";
import { decodeHTML } from "entities";
import { archivedPost, diffRuns, renderDiffMarkdown, type ArchivedPost, type RunDiff } from "../archive/diff.js";
import { acquireLock, type LockInfo } from "../archive/lock.js";
import { waczFiles, writeZip } from "../archive/wacz.js";
import { listRunDirs, payloadAt } from "../archive/warc-read.js";
import { timestamp14, writeWarc, type RunState, type WarcCounts } from "../archive/warc-write.js";

export interface SnapshotRunOptions {
  archiveDir: string;
  startUrl: string;
  profile: Profile;
  originMap: OriginMap;
  settings: CrawlSettings;
  /** Keep the n newest runs (and the runs their revisits refer to); all when absent. */
  keep?: number;
  /** Least share of the last complete run's posts a run must capture to be complete (default in
   *  defaults.archive.minPostShare); 0 accepts any run that captured one post. */
  minPostShare?: number;
  wacz?: boolean;
  /** Conditional requests against the last run, 304s kept as server-not-modified revisits (default
   *  defaults.archive.conditional: off, because ReplayWeb.page does not replay such revisits). */
  conditional?: boolean;
  onEvent?: (e: CrawlEvent) => void;
  /** Things the user should hear of: a stale lock reclaimed, a run resumed, runs pruned. */
  onNote?: (message: string) => void;
  now?: () => Date;
}

export interface RunInfo {
  format: "mia-migrate-archive-run/1";
  runId: string;
  startedAt: string;
  finishedAt: string;
  startUrl: string;
  warc: string;
  bytes: number;
  counts: WarcCounts;
  previous: string | null;
  /** Earlier runs whose WARCs hold payloads this run's revisits refer to (kept by --keep). */
  refersTo: string[];
  crawl: { fetched: number; resumed: number; failed: number; notFound: number; posts: number };
  /** Set on a run kept apart in `incomplete/`: why it does not count as a capture of the site. */
  incomplete?: string;
  diff: RunDiff["summary"] | null;
}

export interface SnapshotRunResult {
  /** incomplete: the run finished but captured no post, or far fewer than the last complete run (the
   *  site is down, or answers errors): it is kept apart in `incomplete/<run-id>/` and prunes nothing. */
  status: "complete" | "incomplete" | "time-limit";
  runId: string;
  resumed: boolean;
  crawl: CrawlSummary;
  /** Set when complete. */
  run?: RunInfo;
  runDir?: string;
  diff?: RunDiff;
  pruned: string[];
}

/** The kinds of page the WACZ lists as pages (not files, stylesheets or robots.txt). */
const PAGE_KINDS: ReadonlySet<PageKind> = new Set(["post", "archive", "tag", "index", "page"]);

/** A page's <title>, its whitespace collapsed. */
function titleOf(html: string): string {
  const raw = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html)?.[1] ?? "";
  return decodeHTML(raw).replace(/\s+/g, " ").trim();
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, "utf8")) as T;

/** Run ids are UTC timestamps (YYYYMMDDhhmmss), later than the last run's even when the clock is not. */
export function nextRunId(now: Date, last: string | null): string {
  let id = timestamp14(now.toISOString());
  if (last !== null && id <= last) {
    const t =
      Date.UTC(
        +last.slice(0, 4),
        +last.slice(4, 6) - 1,
        +last.slice(6, 8),
        +last.slice(8, 10),
        +last.slice(10, 12),
        +last.slice(12, 14),
      ) + 1000;
    id = timestamp14(new Date(t).toISOString());
  }
  return id;
}

/** Where runs that did not capture the site are kept apart (only the newest such run is kept). */
export const INCOMPLETE_DIR = "incomplete";

/** Why a finished run does not count as a capture of the site, or null when it does. */
export function incompleteReason(
  posts: number,
  last: { runId: string; posts: number } | null,
  minShare: number,
): string | null {
  if (posts === 0) return "it captured no post (the site is down, forbids the crawl, or answers errors)";
  if (last && posts < last.posts * minShare)
    return `it captured ${posts} posts, fewer than ${Math.round(minShare * 100)}% of the ${last.posts} of run ${last.runId}`;
  return null;
}

/**
 * Deletes all but the `keep` newest runs, never one that a kept run's revisits refer to, and never the
 * newest run that holds full responses (a chain of revisits is worth nothing without it).
 */
export function pruneRuns(archiveDir: string, keep: number): string[] {
  const runs = listRunDirs(archiveDir);
  const kept = new Set(runs.slice(-keep));
  const newestFull = runs.findLast((id) => readJson<RunInfo>(join(archiveDir, id, "run.json")).counts.responses > 0);
  if (newestFull) kept.add(newestFull);
  for (const id of [...kept])
    for (const ref of readJson<RunInfo>(join(archiveDir, id, "run.json")).refersTo) kept.add(ref);
  const removed: string[] = [];
  for (const id of runs) {
    if (kept.has(id)) continue;
    // run.json first: a deletion cut short never leaves something that looks like a complete run.
    rmSync(join(archiveDir, id, "run.json"), { force: true });
    rmSync(join(archiveDir, id), { recursive: true, force: true });
    removed.push(id);
  }
  return removed;
}

export async function snapshotRun(opts: SnapshotRunOptions): Promise<SnapshotRunResult> {
  const dir = opts.archiveDir;
  const note = opts.onNote ?? (() => {});
  const now = opts.now ?? (() => new Date());
  mkdirSync(dir, { recursive: true });
  const release = acquireLock(dir, (stale: LockInfo | null) =>
    note(
      `reclaimed a stale lock${stale ? ` left by pid ${stale.pid} (started ${stale.startedAt}), which is no longer running` : ""}`,
    ),
  );
  try {
    const runs = listRunDirs(dir);
    const previousId = runs.at(-1) ?? null;
    const previous: RunState = previousId ? readJson<RunState>(join(dir, previousId, "state.json")) : {};
    const previousPosts = previousId ? readJson<ArchivedPost[]>(join(dir, previousId, "posts.json")) : null;
    const previousRun = previousId ? readJson<RunInfo>(join(dir, previousId, "run.json")) : null;

    const partial = join(dir, ".partial");
    let runId: string | null = null;
    let resumed = false;
    if (existsSync(join(partial, "run.json"))) {
      const pending = readJson<{ runId: string }>(join(partial, "run.json")).runId;
      if (!runs.includes(pending)) {
        runId = pending;
        resumed = true;
        note(`resuming run ${runId}, which was interrupted`);
      }
    }
    if (runId === null) {
      rmSync(partial, { recursive: true, force: true }); // left by a run that had finished, or never began
      runId = nextRunId(now(), previousId);
      mkdirSync(partial, { recursive: true });
      writeFileAtomic(join(partial, "run.json"), JSON.stringify({ runId, startedAt: now().toISOString() }) + "\n");
    }
    const startedAt = readJson<{ startedAt: string }>(join(partial, "run.json")).startedAt;

    const revalidate = (url: string): Revalidation | undefined => {
      const e = previous[url];
      if (!e) return undefined;
      const o = e.original;
      return {
        ...(e.headers.etag ? { etag: e.headers.etag } : {}),
        ...(e.headers["last-modified"] ? { lastModified: e.headers["last-modified"] } : {}),
        headers: e.headers,
        body: () => payloadAt(join(dir, o.runId, o.file), o.offset, o.length),
      };
    };
    const snapshotDir = join(partial, "snapshot");
    const crawl = await crawlToSnapshot({
      startUrl: opts.startUrl,
      snapshotDir,
      profile: opts.profile,
      settings: opts.settings,
      originMap: opts.originMap,
      ...((opts.conditional ?? defaults.archive.conditional) ? { revalidate } : {}),
      forArchive: true,
      ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
    });
    if (crawl.stoppedBy === "time-limit") return { status: "time-limit", runId, resumed, crawl, pruned: [] };

    // Everything of the run is written into .partial/out, then renamed into place in one step.
    const out = join(partial, "out");
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const store = new SnapshotStore(snapshotDir);
    const filename = `mia-${runId}.warc.gz`;
    const software = `mia-migrate/${VERSION}`;
    const warc = await writeWarc({
      store,
      runId,
      filename,
      path: join(out, filename),
      previous,
      userAgent: opts.settings.userAgent,
      software,
      settings: {
        startUrl: opts.startUrl,
        perHostConcurrency: opts.settings.perHostConcurrency,
        perHostGapMs: opts.settings.perHostGapMs,
        retries: opts.settings.retries,
      },
    });
    // Each post kept only as what the diff compares (its text, not its HTML), as it is extracted.
    const posts = extractPosts(
      store,
      opts.profile,
      { leadMaxChars: defaults.extract.leadMaxChars, typography: defaults.extract.typography },
      (p) => ({ ...postKey(p), archived: archivedPost(p) }),
    )
      .posts.map((p) => p.archived)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const diff = diffRuns(previousPosts, posts, previousId, runId);
    const refersTo = [...new Set(Object.values(warc.state).map((e) => e.original.runId))]
      .filter((id) => id !== runId)
      .sort();
    const run: RunInfo = {
      format: "mia-migrate-archive-run/1",
      runId,
      startedAt,
      finishedAt: now().toISOString(),
      startUrl: opts.startUrl,
      warc: filename,
      bytes: warc.bytes,
      counts: warc.counts,
      previous: previousId,
      refersTo,
      crawl: {
        fetched: crawl.fetched,
        resumed: crawl.resumed,
        failed: crawl.failed,
        notFound: crawl.notFound.length,
        posts: crawl.posts,
      },
      diff: previousId ? diff.summary : null,
    };
    // Runs before this field was recorded count their posts from posts.json.
    const lastPosts = previousRun ? (previousRun.crawl.posts ?? previousPosts?.length ?? 0) : 0;
    const incomplete = incompleteReason(
      crawl.posts,
      previousRun ? { runId: previousRun.runId, posts: lastPosts } : null,
      opts.minPostShare ?? defaults.archive.minPostShare,
    );
    if (incomplete) run.incomplete = incomplete;
    const json = (v: unknown) => JSON.stringify(v, null, 2) + "\n";
    writeFileAtomic(join(out, "index.cdxj"), warc.cdxj.join("\n") + "\n");
    writeFileAtomic(join(out, "state.json"), json(warc.state));
    writeFileAtomic(join(out, "posts.json"), json(posts));
    writeFileAtomic(join(out, "diff.json"), json(diff));
    writeFileAtomic(join(out, "diff.md"), renderDiffMarkdown(diff));
    if (opts.wacz) await writeRunWacz(dir, out, run, warc.cdxj, store);
    writeFileAtomic(join(out, "run.json"), json(run)); // last: a run directory with run.json is complete
    if (incomplete) {
      // Kept for what it shows (the errors the site gave), apart from the runs: the next run compares
      // with the last complete one, --keep does not count it, and nothing is pruned because of it.
      const apart = join(dir, INCOMPLETE_DIR);
      rmSync(apart, { recursive: true, force: true });
      mkdirSync(apart, { recursive: true });
      renameSync(out, join(apart, runId));
      rmSync(partial, { recursive: true, force: true });
      note(`run ${runId} is incomplete: ${incomplete}; kept apart in ${join(apart, runId)}, and no run was removed`);
      return { status: "incomplete", runId, resumed, crawl, run, runDir: join(apart, runId), diff, pruned: [] };
    }
    renameSync(out, join(dir, runId));
    rmSync(partial, { recursive: true, force: true });
    const pruned = opts.keep !== undefined ? pruneRuns(dir, opts.keep) : [];
    if (pruned.length) note(`removed ${pruned.length} older run(s) (keeping ${opts.keep ?? ""}): ${pruned.join(", ")}`);
    return { status: "complete", runId, resumed, crawl, run, runDir: join(dir, runId), diff, pruned };
  } finally {
    release();
  }
}

/** The WACZ holds this run's WARC and those its revisits refer to, so it replays on its own. */
async function writeRunWacz(
  dir: string,
  out: string,
  run: RunInfo,
  cdxj: string[],
  store: SnapshotStore,
): Promise<void> {
  const warcs = [
    { name: run.warc, file: join(out, run.warc) },
    ...run.refersTo.map((id) => ({ name: `mia-${id}.warc.gz`, file: join(dir, id, `mia-${id}.warc.gz`) })),
  ];
  const older = run.refersTo.flatMap((id) =>
    readFileSync(join(dir, id, "index.cdxj"), "utf8")
      .split("\n")
      .filter(Boolean),
  );
  // Each page with its <title>, as ReplayWeb.page lists and searches them; the main page's date is when
  // the start page was captured.
  const pages: { url: string; ts: string; title?: string }[] = [];
  let mainPageDate = run.startedAt;
  for (const r of store.records()) {
    if (r.type !== "fetch" || r.status !== 200 || !PAGE_KINDS.has(r.kind) || !r.sha256) continue;
    const title = titleOf(decodeBody(store.readBody(r.sha256), r.headers["content-type"]).text);
    pages.push({ url: r.finalUrl, ts: r.fetchedAt, ...(title ? { title } : {}) });
    if (r.url === run.startUrl || r.finalUrl === run.startUrl) mainPageDate = r.fetchedAt;
  }
  const files = waczFiles({
    title: `MIA blog archive, run ${run.runId}`,
    software: `mia-migrate/${VERSION}`,
    created: run.finishedAt,
    mainPageUrl: run.startUrl,
    mainPageDate,
    warcs,
    cdxj: [...cdxj, ...older].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
    pages,
  });
  await writeZip(join(out, `mia-${run.runId}.wacz`), files);
}
