// Checking the links of a migration and writing the QA report: the snapshot gives the posts and what
// the old site answered, the output folder gives the Markdown files the findings point into.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { postsFromSnapshot } from "../convert/from-snapshot.js";
import { outputFiles, readOutput } from "../convert/read-output.js";
import { postsFromMarkdown } from "../convert/posts-from-markdown.js";
import type { Post } from "../extract/post.js";
import type { OriginMap } from "../crawl/origin-map.js";
import type { Problem } from "../migrate.js";
import type { Profile } from "../profiles/profile.js";
import { buildReport, renderJunit, renderLinksCsv, renderMarkdown, type Report } from "../report/report.js";
import { renderHtml } from "../report/render-html.js";
import { SnapshotStore } from "../store/snapshot.js";
import { decodeBody } from "../crawl/charset.js";
import { canonicalUrl } from "../crawl/url.js";
import { writeTree } from "../write/output.js";
import { loadCache, saveCache } from "./cache.js";
import { checkLinks, type CheckSettings, type KnownPage, type LinkResult } from "./checker.js";
import { collectLinks } from "./collect.js";
import { load } from "cheerio";
import { loadSpellChecker } from "../report/spelling.js";

export interface CheckOptions {
  /** The crawl's snapshot; null checks the Markdown in outDir on its own (all links requested live). */
  snapshotDir: string | null;
  outDir: string;
  profile: Profile;
  originMap: OriginMap;
  settings: CheckSettings;
  typography: boolean;
  /** The success cache file, or null for --no-cache. */
  cacheFile: string | null;
  cacheAgeMs: number;
  onResult?: (r: LinkResult) => void;
  /** Posts already extracted from this snapshot (by the convert step of `migrate`). */
  posts?: readonly Post[];
  /** --spelling: the site's own words (names) that the dictionary cannot know; null leaves spelling out. */
  spellingWords?: ReadonlySet<string> | null;
}

function knownPages(store: SnapshotStore): Map<string, KnownPage> {
  const known = new Map<string, KnownPage>();
  for (const rec of store.records()) {
    if (rec.type !== "fetch") continue;
    const sha = rec.sha256;
    let ids: Set<string> | undefined;
    const page: KnownPage = {
      status: rec.status,
      finalUrl: rec.finalUrl,
      redirects: rec.redirects,
      ...(sha && rec.status === 200 && rec.kind !== "asset"
        ? { ids: () => (ids ??= new Set([...decodeBody(store.readBody(sha), rec.headers["content-type"]).text.matchAll(/\s(?:id|name)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1] ?? ""))) }
        : {}),
    };
    known.set(rec.url, page);
  }
  return known;
}

function problemsOf(outDir: string): Problem[] {
  try {
    return JSON.parse(readFileSync(join(outDir, "report/problems.json"), "utf8")) as Problem[];
  } catch {
    return [];
  }
}

export async function checkAndReport(opts: CheckOptions): Promise<Report> {
  const store = opts.snapshotDir ? new SnapshotStore(opts.snapshotDir) : null;
  const output = readOutput(opts.outDir);
  const posts = opts.posts ?? (store ? postsFromSnapshot(store, opts.profile, { leadMaxChars: 300, typography: opts.typography }).posts : postsFromMarkdown(output.values()));
  const occurrences = posts.flatMap((p) => collectLinks(p, store === null));
  const knownById = store ? knownPages(store) : new Map<string, KnownPage>();
  const cached = opts.cacheFile ? loadCache(opts.cacheFile, opts.cacheAgeMs) : new Map<string, LinkResult>();
  const results = await checkLinks({
    urls: occurrences.map((o) => o.url),
    profile: opts.profile,
    settings: opts.settings,
    originMap: opts.originMap,
    known: knownById,
    cached,
    ...(opts.onResult ? { onResult: opts.onResult } : {}),
  });
  if (opts.cacheFile) saveCache(opts.cacheFile, cached, results.values(), Date.now(), opts.cacheAgeMs);
  const docs = new Map([...output.values()].map((d) => [d.postId, { file: d.file, text: d.text, slug: d.slug }]));
  let spelling: Map<string, string[]> | undefined;
  if (opts.spellingWords) {
    const checker = await loadSpellChecker(opts.spellingWords);
    // A line break or a block ends a word; URLs and e-mail addresses are not prose.
    const prose = (html: string) =>
      load(html.replace(/<br\s*\/?>|<\/(p|h\d|li|figcaption|td|th)>/g, " "))
        .root()
        .text()
        .replace(/(?:https?:\/\/|www\.)\S+|[\p{L}\p{N}.+_-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|(?<![\p{L}\p{N}])[\p{L}\p{N}_-]+\.(?:se|nu|com|org)(?![\p{L}\p{N}])\S*/gu, " ");
    spelling = new Map(posts.map((p) => [p.id, checker.unknown(`${p.title} ${prose(p.bodyHtml)}`)]));
  }
  // Fragments into pages of the old site: the id must be on the target page (from the snapshot).
  const missingFragments = occurrences.flatMap((o) => {
    const hash = /#(.+)$/.exec(o.url)?.[1];
    const target = hash ? canonicalUrl(o.url, opts.profile) : null;
    const ids = target ? knownById.get(target.href)?.ids?.() : undefined;
    return hash && ids && !ids.has(decodeURIComponent(hash)) ? [o] : [];
  });
  const report = buildReport({ posts, docs, occurrences, results, problems: problemsOf(opts.outDir), profile: opts.profile, outputFiles: outputFiles(opts.outDir), missingFragments, ...(spelling ? { spelling } : {}) });
  writeTree(
    opts.outDir,
    new Map([
      ["report/report.json", JSON.stringify(report, null, 2) + "\n"],
      ["report/report.md", renderMarkdown(report)],
      ["report/links.csv", renderLinksCsv(occurrences, results, (id) => docs.get(id)?.file)],
      ["report/report.html", renderHtml(report)],
      ["report/junit.xml", renderJunit(report)],
    ]),
  );
  return report;
}

