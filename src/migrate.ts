// The two halves of a migration: crawl into a snapshot (network), then convert from the snapshot
// (offline, repeatable in seconds). This file does the I/O around the pure planning in convert/.
import { join } from "node:path";
import type { CrawlEvent, CrawlSettings, CrawlSummary } from "./crawl/crawler.js";
import type { OriginMap } from "./crawl/origin-map.js";
import { crawlToSnapshot } from "./crawl/to-snapshot.js";
import { postsFromSnapshot } from "./convert/from-snapshot.js";
import type { FrontmatterFields } from "./convert/frontmatter.js";
import { ownedDirs, type LayoutName } from "./convert/layout.js";
import { htaccess, netlifyRedirects, nginxMap } from "./convert/redirects.js";
import { planSite, type PlanFinding, type SiteFile } from "./convert/site.js";
import { verifyAll, type FidelitySummary } from "./convert/verify.js";
import type { Profile } from "./profiles/profile.js";
import type { Post } from "./extract/post.js";
import { SnapshotStore } from "./store/snapshot.js";
import { removeStale, writeTree } from "./write/output.js";

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

export interface Problem {
  kind: "fetch-failed" | "not-found" | "extracted-by-fallback" | "unreadable-post" | "date-conflict" | "fidelity" | PlanFinding["rule"];
  url: string;
  message: string;
  /** For problems found while converting: the post, the Markdown file, its line, and the text concerned. */
  postId?: string;
  file?: string;
  line?: number;
  text?: string;
}

export interface ConvertResult {
  posts: number;
  /** The posts as extracted, for the link check that follows in `migrate` (no second extraction). */
  extracted: Post[];
  /** The fidelity check run on the written Markdown (null with --figures hugo: shortcodes do not render). */
  fidelity: FidelitySummary | null;
  written: string[];
  removed: string[];
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

export function convertSnapshot(snapshotDir: string, outDir: string, opts: ConvertOptions): ConvertResult {
  const store = new SnapshotStore(snapshotDir);
  const { posts, otherUrls, unreadable } = postsFromSnapshot(store, opts.profile, { leadMaxChars: opts.leadMaxChars, typography: opts.typography });
  const plan = planSite(posts, otherUrls, siteFilesOf(store), opts);

  const files = plan.files;
  files.set("redirects/redirects.json", JSON.stringify(plan.redirects, null, 2) + "\n");
  files.set("redirects/_redirects", netlifyRedirects(plan.redirects));
  files.set("redirects/nginx-redirects.conf", nginxMap(plan.redirects));
  files.set("redirects/htaccess", htaccess(plan.redirects));

  const problems: Problem[] = [];
  for (const rec of store.records()) {
    if (rec.type !== "fetch" || !rec.error) continue;
    const notFound = rec.status >= 400 && rec.status < 500;
    problems.push({ kind: notFound ? "not-found" : "fetch-failed", url: rec.url, message: rec.error.message });
  }
  for (const u of unreadable) problems.push({ kind: "unreadable-post", url: u.url, message: u.reason });
  for (const p of posts) if (p.dateConflict) problems.push({ kind: "date-conflict", url: p.sourceUrl, postId: p.id, message: `the page shows ${p.dateConflict.visible}, the URL says ${p.dateConflict.url}; the visible date is used` });
  for (const p of posts) if (p.extractedBy === "fallback") problems.push({ kind: "extracted-by-fallback", url: p.sourceUrl, postId: p.id, message: "the profile's selectors did not match; extracted by the generic fallback" });
  const byId = new Map(posts.map((p) => [p.id, p]));
  const pairs = plan.docs.flatMap((d) => {
    const post = byId.get(d.postId);
    return post ? [{ post, file: d.path, body: d.markdown }] : [];
  });
  const fidelity = opts.figures === "hugo" ? null : verifyAll(pairs);
  for (const m of fidelity?.mismatches ?? []) {
    const post = byId.get(m.postId);
    problems.push({ kind: "fidelity", url: post?.sourceUrl ?? "", postId: m.postId, file: m.file, text: `expected ${m.mismatch.expected} | found ${m.mismatch.found}`, message: `the Markdown renders with different ${m.mismatch.what} than the original post` });
  }
  for (const f of plan.findings) problems.push({ kind: f.rule, url: f.sourceUrl, postId: f.postId, file: f.file, ...(f.line ? { line: f.line } : {}), text: f.text, message: f.message });
  // Sorted, so two crawls of the same site (whose fetch order varies with timing) give the same file.
  const key = (p: Problem) => `${p.kind}\u0000${p.url}\u0000${p.file ?? ""}\u0000${String(p.line ?? 0).padStart(8, "0")}\u0000${p.message}`;
  problems.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  files.set("report/problems.json", JSON.stringify(problems, null, 2) + "\n");
  files.set("report/fidelity.json", JSON.stringify(fidelity, null, 2) + "\n");

  writeTree(outDir, files);
  const keep = new Set(files.keys());
  const removed = ownedDirs(opts.layout).flatMap((dir) => removeStale(outDir, dir, keep));
  return { posts: plan.docs.length, extracted: posts, fidelity, written: [...files.keys()], removed, problems };
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
  convert: ConvertResult;
  snapshotDir: string;
}

export async function migrate(opts: MigrateOptions): Promise<MigrateResult> {
  const snapshotDir = join(opts.outDir, "snapshot");
  const result = await crawlToSnapshot({ ...opts, snapshotDir });
  const convert = convertSnapshot(snapshotDir, opts.outDir, opts);
  return { crawl: result, convert, snapshotDir };
}
