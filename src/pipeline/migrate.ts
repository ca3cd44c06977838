// The two halves of a migration: crawl into a snapshot (network), then convert from the snapshot
// (offline, repeatable in seconds). This file does the I/O around the pure planning in convert/.
import type { Problem } from "../convert/problem.js";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../config/errors.js";
import type { CrawlEvent, CrawlSettings, CrawlSummary } from "../crawl/crawler.js";
import type { OriginMap } from "../http/origin-map.js";
import { crawlToSnapshot } from "../crawl/to-snapshot.js";
import { extractPosts, postKey, type PostKey, type SnapshotPosts } from "../convert/from-snapshot.js";
import type { FrontmatterFields } from "../convert/frontmatter.js";
import type { LayoutName } from "../convert/layout.js";
import { htaccess, netlifyRedirects, nginxMap } from "../convert/redirects.js";
import { planPlaces, planPost, planRedirects, type SiteFile } from "../convert/site.js";
import { emptyFidelity, verifyInto, type FidelitySummary } from "../convert/verify.js";
import { defaults } from "../config/defaults.js";
import type { Profile } from "../profiles/profile.js";
import type { ExtractOptions, Post } from "../extract/post.js";
import { PostSpool } from "../store/post-spool.js";
import { SnapshotStore } from "../store/snapshot.js";
import { OutputTree, writeFailure } from "../write/output.js";

export interface ConvertOptions {
  profile: Profile;
  leadMaxChars: number;
  slugMaxChars: number;
  /** Swedish typography rules on the text (default true; --keep-typography turns them off). */
  typography: boolean;
  layout: LayoutName;
  figures: "markdown" | "html" | "hugo";
  /** Copy the site's images and files into the output (default true; --no-assets keeps old URLs). */
  assets: boolean;
  fields: FrontmatterFields;
}

export type { Problem } from "../convert/problem.js";

export interface ConvertResult {
  posts: number;
  /** The posts as extracted, when the caller asked to keep them (`migrate` hands them to the link
   *  check: no second extraction). The caller removes the spool when done. */
  extracted: PostSpool<Post> | null;
  /** The fidelity check run on the written Markdown (null with --figures hugo: shortcodes do not render). */
  fidelity: FidelitySummary | null;
  written: string[];
  /** Files an earlier run wrote that this one no longer does: removed. */
  removed: string[];
  /** Files of an earlier run that the user changed since: left as they are (neither rewritten nor
   *  removed), and said so. */
  kept: string[];
  problems: Problem[];
}

function siteFilesOf(store: SnapshotStore): Map<string, SiteFile> {
  const files = new Map<string, SiteFile>();
  for (const rec of store.records()) {
    if (rec.type !== "fetch" || rec.kind !== "asset" || rec.status !== 200 || !rec.sha256) continue;
    const sha = rec.sha256;
    const file: SiteFile = { url: rec.url, sha256: sha, read: () => store.readBody(sha) };
    files.set(rec.url, file);
    files.set(rec.finalUrl, file);
  }
  return files;
}

/** The problems a post carries out of extraction, before it is converted. */
function extractionProblems(p: Post): Problem[] {
  return [
    ...(p.dateConflict
      ? [
          {
            kind: "date-conflict" as const,
            url: p.sourceUrl,
            postId: p.id,
            message: `the page shows ${p.dateConflict.visible}, the URL says ${p.dateConflict.url}; the visible date is used`,
          },
        ]
      : []),
    ...(p.extractedBy === "fallback"
      ? [
          {
            kind: "extracted-by-fallback" as const,
            url: p.sourceUrl,
            postId: p.id,
            message: "the profile's selectors did not match; extracted by the generic fallback",
          },
        ]
      : []),
  ];
}

/** Posts of the snapshot extracted once into a spool under `outDir`; their keys kept in memory. */
export function spoolPosts(
  store: SnapshotStore,
  outDir: string,
  profile: Profile,
  opts: ExtractOptions,
): { spool: PostSpool<Post> } & SnapshotPosts<PostKey> {
  const path = join(outDir, defaults.convert.postSpool);
  let spool: PostSpool<Post>;
  try {
    spool = new PostSpool<Post>(path);
  } catch (err) {
    throw writeFailure(path, err);
  }
  try {
    const keys = extractPosts(store, profile, opts, (post) => {
      try {
        spool.append(post);
      } catch (err) {
        throw writeFailure(spool.path, err);
      }
      return postKey(post);
    });
    spool.close();
    return { spool, ...keys };
  } catch (err) {
    spool.remove();
    throw err;
  }
}

/** What a snapshot folder holds (an interrupted crawl's too). */
const SNAPSHOT_NAMES = new Set(["manifest.jsonl", "snapshot.json", "bodies"]);

function readdirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The files every conversion writes besides posts and images. */
const CONVERT_FILES = [
  "redirects/redirects.json",
  "redirects/_redirects",
  "redirects/nginx-redirects.conf",
  "redirects/htaccess",
  "report/problems.json",
  "report/fidelity.json",
];

/**
 * Converts every post of a snapshot into `outDir`, one post at a time: extract all into a spool (pass
 * 1: titles and dates give every slug and place), then convert, write and verify each post (pass 2).
 * Memory stays flat with the number of posts; every file is written atomically as it is ready.
 */
export function convertSnapshot(
  snapshotDir: string,
  outDir: string,
  opts: ConvertOptions,
  keep: { extracted?: boolean } = {},
): ConvertResult {
  const store = new SnapshotStore(snapshotDir);
  const {
    spool,
    posts: keys,
    otherUrls,
    unreadable,
  } = spoolPosts(store, outDir, opts.profile, { leadMaxChars: opts.leadMaxChars, typography: opts.typography });
  try {
    const site = planPlaces(keys, opts);
    const siteFiles = siteFilesOf(store);
    const tree = new OutputTree(outDir);
    // Every post file and fixed file is checked before the first write: a file of the user's in the way
    // stops the run with nothing changed. (Images get content-hashed names; each is checked as written.)
    tree.claim([...[...site.values()].map((s) => s.place.file), ...CONVERT_FILES]);
    const write = (rel: string, data: string | Uint8Array) => tree.write(rel, data, "convert");

    const problems: Problem[] = [];
    for (const rec of store.records()) {
      if (rec.type !== "fetch" || !rec.error) continue;
      const notFound = rec.status >= 400 && rec.status < 500;
      problems.push({ kind: notFound ? "not-found" : "fetch-failed", url: rec.url, message: rec.error.message });
    }
    for (const u of unreadable) problems.push({ kind: "unreadable-post", url: u.url, message: u.reason });

    const fidelity = opts.figures === "hugo" ? null : emptyFidelity();
    let docs = 0;
    for (const post of spool) {
      problems.push(...extractionProblems(post));
      const planned = planPost(post, site, otherUrls.get(post.id) ?? [], siteFiles, opts);
      if (!planned) continue;
      const { doc, assets, findings } = planned;
      write(doc.path, doc.text);
      docs++;
      for (const [path, file] of assets) if (!tree.hasWritten(path)) write(path, file.read());
      if (fidelity) verifyInto(fidelity, post, doc.path, doc.markdown);
      for (const f of findings)
        problems.push({
          kind: f.rule,
          url: f.sourceUrl,
          postId: f.postId,
          file: f.file,
          ...(f.line ? { line: f.line } : {}),
          text: f.text,
          message: f.message,
        });
    }
    // Spooled in crawl order; reported oldest first, as the slugs were given.
    fidelity?.mismatches.sort((a, b) => Number(a.postId) - Number(b.postId));
    const urlOf = new Map(keys.map((k) => [k.id, k.sourceUrl]));
    for (const m of fidelity?.mismatches ?? []) {
      problems.push({
        kind: "fidelity",
        url: urlOf.get(m.postId) ?? "",
        postId: m.postId,
        file: m.file,
        text: `expected ${m.mismatch.expected} | found ${m.mismatch.found}`,
        message: `the Markdown renders with different ${m.mismatch.what} than the original post`,
      });
    }

    const redirects = planRedirects(keys, site, otherUrls);
    write("redirects/redirects.json", JSON.stringify(redirects, null, 2) + "\n");
    write("redirects/_redirects", netlifyRedirects(redirects));
    write("redirects/nginx-redirects.conf", nginxMap(redirects));
    write("redirects/htaccess", htaccess(redirects));

    // Sorted, so two crawls of the same site (whose fetch order varies with timing) give the same file.
    const key = (p: Problem) =>
      `${p.kind}\u0000${p.url}\u0000${p.file ?? ""}\u0000${String(p.line ?? 0).padStart(8, "0")}\u0000${p.message}`;
    problems.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    write("report/problems.json", JSON.stringify(problems, null, 2) + "\n");
    write("report/fidelity.json", JSON.stringify(fidelity, null, 2) + "\n");

    const stale = tree.removeStale("convert");
    const removed = stale.removed;
    // Files the user edited since an earlier run: neither rewritten nor removed.
    const kept = [...new Set([...stale.kept, ...tree.editedFiles()])].sort();
    if (!keep.extracted) spool.remove();
    return {
      posts: docs,
      extracted: keep.extracted ? spool : null,
      fidelity,
      written: tree.writtenFiles(),
      removed,
      kept,
      problems,
    };
  } catch (err) {
    spool.remove();
    throw err;
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
      `refusing to crawl into ${snapshotDir}: the folder holds files that are not a mia-migrate snapshot; move it away or choose another --out (nothing was changed)`,
    );
  const result = await crawlToSnapshot({ ...opts, snapshotDir });
  if (result.posts === 0 && result.stoppedBy === null) return { crawl: result, convert: null, snapshotDir };
  const convert = convertSnapshot(snapshotDir, opts.outDir, opts, keep);
  return { crawl: result, convert, snapshotDir };
}
