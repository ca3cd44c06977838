// Checking the links of a migration and writing the QA report: the snapshot gives the posts and what
// the old site answered, the output folder gives the Markdown files the findings point into. What the
// crawl, extraction and conversion found comes in memory: from `migrate`, or planned again here from the
// snapshot with the conversion's options (report/problems.json is an output, never read back).
import { resolve } from "node:path";
import type { Finding } from "../config/findings.js";
import { postKey, type PostKey } from "../convert/from-snapshot.js";
import { eachOutputDoc, indexOutput, outputFiles, readIndexedDoc, type WrittenDoc } from "../convert/read-output.js";
import { planConversion, spoolPosts, type ConvertOptions } from "./convert.js";
import { planPlaces } from "../convert/site.js";
import { withSource } from "./source.js";
import type { PostContext, QaContext } from "../report/finding.js";
import { postsFromMarkdown } from "../convert/posts-from-markdown.js";
import type { Post } from "../extract/post.js";
import type { OriginMap } from "../http/origin-map.js";
import { buildReport, renderJunit, renderLinksCsv, reportJsonChunks, type Report } from "../report/report.js";
import { markdownChunks } from "../report/render-markdown.js";
import type { Lang } from "../config/lang.js";
import { htmlChunks } from "../report/render-html.js";
import { SnapshotStore } from "../store/snapshot.js";
import { decodeBody } from "../crawl/charset.js";
import { canonicalUrl } from "../profiles/url.js";
import { OutputTree } from "../write/output.js";
import { loadCache, saveCache } from "../links/cache.js";
import { checkLinks as checkUrls, type CheckSettings, type KnownPage, type LinkResult } from "../links/checker.js";
import { collectLinks, type LinkOccurrence } from "../links/collect.js";
import { loadSpellChecker } from "../report/spelling.js";
import { loadOwnHtml } from "../extract/own-html.js";

export interface CheckOptions {
  /** The crawl's snapshot; null checks the Markdown in outDir on its own (all links requested live). */
  snapshotDir: string | null;
  outDir: string;
  /** How the Markdown in outDir was converted (profile, typography, layout, figures …): the conversion's
   *  findings are planned again from the snapshot with these when `findings` is not given. */
  convert: ConvertOptions;
  originMap: OriginMap;
  settings: CheckSettings;
  /** The success cache file, or null for --no-cache. */
  cacheFile: string | null;
  cacheAgeMs: number;
  onResult?: (r: LinkResult) => void;
  /** Posts already extracted from this snapshot (by the convert step of `migrate`), re-iterable, and
   *  what the crawl, extraction and conversion found: handed over, not made again. */
  converted?: { posts: Iterable<Post>; findings: readonly Finding[]; docs?: ReadonlyMap<string, WrittenDoc> };
  /** --spelling: the site's own words (names) that the dictionary cannot know; null leaves spelling out. */
  spellingWords?: ReadonlySet<string> | null;
  /** Things the user should hear of (a cache that could not be written). */
  onNote?: (message: string) => void;
  /** The language of report.md and report.html (--lang); by default the profile's. */
  lang?: Lang;
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
        ? {
            ids: () =>
              (ids ??= new Set(
                [
                  ...decodeBody(store.readBody(sha), rec.headers["content-type"]).text.matchAll(
                    /\s(?:id|name)\s*=\s*["']([^"']+)["']/g,
                  ),
                ].map((m) => m[1] ?? ""),
              )),
          }
        : {}),
    };
    known.set(rec.url, page);
  }
  return known;
}

interface Source {
  posts: Iterable<Post>;
  findings: readonly Finding[];
  /** Removes what was made here. */
  done(): void;
}

/** The posts to report on and what was found before the report: handed over by `migrate`; else the
 *  posts extracted once into a spool and the conversion planned again in memory (nothing written); or,
 *  with no snapshot, the posts read back from the Markdown (no conversion findings: no source to compare). */
function sourceOf(opts: CheckOptions, store: SnapshotStore | null): Source {
  if (opts.converted) return { ...opts.converted, done: () => {} };
  if (!store) return { posts: postsFromMarkdown(eachOutputDoc(opts.outDir)), findings: [], done: () => {} };
  const c = opts.convert;
  const spooled = spoolPosts(store, opts.outDir, c.profile, { leadMaxChars: c.leadMaxChars, typography: c.typography });
  try {
    const { findings } = planConversion(store, spooled, planPlaces(spooled.posts, c), c);
    return { posts: spooled.spool, findings, done: () => spooled.spool.remove() };
  } catch (err) {
    spooled.spool.remove();
    throw err;
  }
}

export async function checkAndReport(opts: CheckOptions): Promise<Report> {
  const store = opts.snapshotDir ? new SnapshotStore(opts.snapshotDir) : null;
  const source = sourceOf(opts, store);
  try {
    return await reportOn(opts, store, source);
  } finally {
    source.done();
  }
}

/** `check-links`: every link of the posts of a snapshot or an archive (its newest run, or one run's
 *  .warc.gz) checked, and the QA report written into `outDir`; `from: null` checks the Markdown in
 *  `outDir` on its own. */
export function checkLinks(opts: Omit<CheckOptions, "snapshotDir"> & { from: string | null }): Promise<Report> {
  const { from, ...rest } = opts;
  if (from === null) return checkAndReport({ ...rest, snapshotDir: null });
  return withSource(from, (snapshotDir) => checkAndReport({ ...rest, snapshotDir }));
}

/** Oldest post first (the spool holds posts in crawl order, which varies with timing). */
const byPostId = (a: string, b: string) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);

async function reportOn(opts: CheckOptions, store: SnapshotStore | null, source: Source): Promise<Report> {
  const { posts } = source;
  const profile = opts.convert.profile;
  // One pass over the posts: their keys for the whole-site rules, their links for the check.
  const keys: PostKey[] = [];
  const occurrences: LinkOccurrence[] = [];
  for (const p of posts) {
    keys.push(postKey(p));
    occurrences.push(...collectLinks(p, store === null));
  }
  keys.sort((a, b) => byPostId(a.id, b.id));
  // Post by post; in each post, in the order they stand (the sort is stable).
  occurrences.sort((a, b) => byPostId(a.postId, b.postId));
  const knownById = store ? knownPages(store) : new Map<string, KnownPage>();
  // A relative cache path is under the output folder (ours to write), not the working directory.
  const cacheFile = opts.cacheFile === null ? null : resolve(opts.outDir, opts.cacheFile);
  const cached = cacheFile ? loadCache(cacheFile, opts.cacheAgeMs) : new Map<string, LinkResult>();
  const results = await checkUrls({
    urls: occurrences.map((o) => o.url),
    profile: profile,
    settings: opts.settings,
    originMap: opts.originMap,
    known: knownById,
    cached,
    ...(opts.onResult ? { onResult: opts.onResult } : {}),
  });
  if (cacheFile) {
    // The cache only saves time: a cache that cannot be written costs the next run requests, never
    // this run's report.
    try {
      saveCache(cacheFile, cached, results.values(), Date.now(), opts.cacheAgeMs);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      opts.onNote?.(
        `the link cache could not be written (${cacheFile}: ${e.code ?? e.message}); the next run checks every link again`,
      );
    }
  }
  const docs = indexOutput(opts.outDir, opts.converted?.docs);
  const checker = opts.spellingWords ? await loadSpellChecker(opts.spellingWords) : null;
  // Fragments into pages of the old site: the id must be on the target page (from the snapshot).
  const missingFragments = occurrences.filter((o) => {
    const hash = /#(.+)$/.exec(o.url)?.[1];
    const target = hash ? canonicalUrl(o.url, profile) : null;
    const ids = target ? knownById.get(target.href)?.ids?.() : undefined;
    return hash !== undefined && ids !== undefined && !ids.has(decodeURIComponent(hash));
  });
  const site: QaContext = {
    posts: keys,
    docs,
    occurrences,
    results,
    detected: source.findings,
    profile,
    outputFiles: outputFiles(opts.outDir),
  };
  const byPost = <T extends { postId: string }>(list: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const x of list) {
      const own = m.get(x.postId);
      if (own) own.push(x);
      else m.set(x.postId, [x]);
    }
    return m;
  };
  const occurrencesOf = byPost(occurrences);
  const fragmentsOf = byPost(missingFragments);
  // One post and its Markdown in memory at a time.
  function* postContexts(): Generator<PostContext> {
    for (const post of posts) {
      const ref = docs.get(post.id);
      const doc = ref ? (readIndexedDoc(opts.outDir, post.id, ref) ?? undefined) : undefined;
      yield {
        site,
        post,
        doc,
        occurrences: occurrencesOf.get(post.id) ?? [],
        missingFragments: fragmentsOf.get(post.id) ?? [],
        ...(checker ? { spelling: checker.unknown(`${post.title} ${prose(post.bodyHtml)}`) } : {}),
      };
    }
  }
  const report = buildReport(site, postContexts());
  const lang = opts.lang ?? profile.lang;
  // Each rendering written as soon as it is made: five renderings of 10,000 posts' findings at once
  // were the largest thing a migration held.
  // (report.json, report.md and report.html, the largest, a finding or a post at a time.)
  const renderings: [string, () => Iterable<string>][] = [
    ["report/report.json", () => reportJsonChunks(report)],
    ["report/report.md", () => markdownChunks(report, lang)],
    ["report/links.csv", () => [renderLinksCsv(occurrences, results, (id) => docs.get(id)?.file)]],
    ["report/report.html", () => htmlChunks(report, lang)],
    ["report/junit.xml", () => [renderJunit(report)]],
  ];
  const tree = new OutputTree(opts.outDir);
  tree.claim(renderings.map(([file]) => file));
  for (const [file, render] of renderings) tree.writeChunks(file, render(), "report");
  tree.save();
  const edited = tree.editedFiles();
  if (edited.length)
    opts.onNote?.(
      `left ${edited.join(", ")} as it is: changed since mia-migrate wrote it (remove it to have it written again)`,
    );
  return report;
}

/** A post's words for the spelling check: a line break or a block ends a word; URLs and e-mail
 *  addresses are not prose. */
function prose(html: string): string {
  return loadOwnHtml(html.replace(/<br\s*\/?>|<\/(p|h\d|li|figcaption|td|th)>/g, " "))
    .root()
    .text()
    .replace(
      /(?:https?:\/\/|www\.)\S+|[\p{L}\p{N}.+_-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|(?<![\p{L}\p{N}])[\p{L}\p{N}_-]+\.(?:se|nu|com|org)(?![\p{L}\p{N}])\S*/gu,
      " ",
    );
}
