// The two halves of a migration: crawl into a snapshot (network), then convert from the snapshot
// (offline, repeatable in seconds).
import { join } from "node:path";
import type { CrawlEvent, CrawlSettings, CrawlSummary } from "./crawl/crawler.js";
import { crawlToSnapshot } from "./crawl/to-snapshot.js";
import type { OriginMap } from "./crawl/origin-map.js";
import { postsFromSnapshot } from "./convert/from-snapshot.js";
import { toDocument, type Document } from "./convert/document.js";
import type { Profile } from "./profiles/profile.js";
import { SnapshotStore } from "./store/snapshot.js";
import { slugify, uniqueSlugs } from "./normalize/slug.js";
import { removeStale, writeTree } from "./write/output.js";

export interface ConvertOptions {
  profile: Profile;
  leadMaxChars: number;
  slugMaxChars: number;
  /** Swedish typography rules on the text (default true; --keep-typography turns them off). */
  typography: boolean;
}

export interface Problem {
  kind: "fetch-failed" | "not-found" | "extracted-by-fallback" | "unreadable-post" | "date-conflict";
  url: string;
  message: string;
}

export interface ConvertResult {
  posts: number;
  written: string[];
  removed: string[];
  problems: Problem[];
}

/** Old URL → new path, for every URL that reached a post. */
export interface RedirectEntry {
  from: string;
  to: string;
  postId: string;
}

export function newPathOf(doc: Document): string {
  return "/" + doc.path.replace(/\.md$/, "/");
}

export function convertSnapshot(snapshotDir: string, outDir: string, opts: ConvertOptions): ConvertResult {
  const store = new SnapshotStore(snapshotDir);
  const { posts, otherUrls, unreadable } = postsFromSnapshot(store, opts.profile, { leadMaxChars: opts.leadMaxChars, typography: opts.typography });
  const slugs = uniqueSlugs(posts, (p) => slugify(p.title, opts.slugMaxChars));
  const docs = posts.map((p) => toDocument(p, slugs.get(p) ?? p.id, otherUrls.get(p.id) ?? []));

  const files = new Map<string, string>();
  for (const d of docs) files.set(d.path, d.text);
  const redirects: RedirectEntry[] = docs.flatMap((d) =>
    [d.frontmatter.source_url, ...(otherUrls.get(d.postId) ?? [])].map((from) => ({ from, to: newPathOf(d), postId: d.postId })),
  );
  files.set("redirects/redirects.json", JSON.stringify(redirects, null, 2) + "\n");

  const problems: Problem[] = [];
  for (const rec of store.records()) {
    if (rec.type !== "fetch" || !rec.error) continue;
    const notFound = rec.status >= 400 && rec.status < 500;
    problems.push({ kind: notFound ? "not-found" : "fetch-failed", url: rec.url, message: rec.error.message });
  }
  for (const u of unreadable) problems.push({ kind: "unreadable-post", url: u.url, message: u.reason });
  for (const p of posts) if (p.dateConflict) problems.push({ kind: "date-conflict", url: p.sourceUrl, message: `the page shows ${p.dateConflict.visible}, the URL says ${p.dateConflict.url}; the visible date is used` });
  for (const p of posts) if (p.extractedBy === "fallback") problems.push({ kind: "extracted-by-fallback", url: p.sourceUrl, message: "the profile's selectors did not match; extracted by the generic fallback" });
  files.set("report/problems.json", JSON.stringify(problems, null, 2) + "\n");

  writeTree(outDir, files);
  const removed = removeStale(outDir, "posts", new Set(files.keys()));
  return { posts: docs.length, written: [...files.keys()], removed, problems };
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
