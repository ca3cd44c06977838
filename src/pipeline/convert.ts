// Converting a snapshot: extract every post once into a spool (pass 1: titles and dates give every slug
// and place), then plan, write and verify each post (pass 2). The planning is pure (convert/); this file
// does the reading and writing around it. Memory stays flat with the number of posts.
import { join } from "node:path";
import { compareFindings, type Finding } from "../config/findings.js";
import { defaults } from "../config/defaults.js";
import { crawlFinding, extractionFindings, fidelityFinding, unreadableFinding } from "../convert/findings.js";
import { extractPosts, postKey, type PostKey, type SnapshotPosts } from "../convert/from-snapshot.js";
import type { FrontmatterFields } from "../convert/frontmatter.js";
import { layoutFiles, type LayoutName } from "../convert/layout.js";
import { writtenDoc, type WrittenDoc } from "../convert/read-output.js";
import { htaccess, netlifyRedirects, nginxMap } from "../convert/redirects.js";
import {
  planPlaces,
  planPost,
  planRedirects,
  type PlannedPost,
  type SiteFile,
  type SitePlaces,
} from "../convert/site.js";
import { emptyFidelity, verifyInto, type FidelitySummary } from "../convert/verify.js";
import type { ExtractOptions, Post } from "../extract/post.js";
import type { Profile } from "../profiles/profile.js";
import { PostSpool } from "../store/post-spool.js";
import { SnapshotStore } from "../store/snapshot.js";
import { OutputTree, writeFailure } from "../write/output.js";
import { withSource } from "./source.js";

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
  /** What the crawl, extraction, conversion and fidelity check found (also in report/problems.json). */
  findings: Finding[];
  /** The post documents written (not those left as the user changed them), by file: the report takes
   *  them from here instead of reading every file back. */
  docs: Map<string, WrittenDoc>;
}

/** A snapshot's posts, extracted once into a spool, with their keys in memory. */
export type SpooledPosts = { spool: PostSpool<Post> } & SnapshotPosts<PostKey>;

/** Posts of the snapshot extracted once into a spool under `outDir`; their keys kept in memory. */
export function spoolPosts(store: SnapshotStore, outDir: string, profile: Profile, opts: ExtractOptions): SpooledPosts {
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

export interface ConversionPlan {
  /** Every finding of the crawl, extraction, conversion and fidelity check, in a stable order. */
  findings: Finding[];
  fidelity: FidelitySummary | null;
  /** Posts planned (a post without a place is left out). */
  posts: number;
}

/**
 * Pass 2 over spooled posts: each planned (Markdown, files, findings) and checked for fidelity, handed
 * to `emit` (the conversion writes it; the link check wants only the findings), and let go.
 */
export function planConversion(
  store: SnapshotStore,
  spooled: SpooledPosts,
  site: SitePlaces,
  opts: ConvertOptions,
  emit: (planned: PlannedPost) => void = () => {},
): ConversionPlan {
  const findings: Finding[] = [];
  for (const rec of store.records()) {
    const f = rec.type === "fetch" ? crawlFinding(rec) : null;
    if (f) findings.push(f);
  }
  for (const u of spooled.unreadable) findings.push(unreadableFinding(u));
  const siteFiles = siteFilesOf(store);
  const fidelity = emptyFidelity();
  const verifyContext = { profile: opts.profile, strict: !opts.typography };
  let posts = 0;
  for (const post of spooled.spool) {
    findings.push(...extractionFindings(post));
    const planned = planPost(post, site, spooled.otherUrls.get(post.id) ?? [], siteFiles, opts);
    if (!planned) continue;
    posts++;
    emit(planned);
    findings.push(...planned.findings);
    verifyInto(fidelity, post, planned.doc.path, planned.doc.markdown, verifyContext);
  }
  // Spooled in crawl order; reported oldest first, as the slugs were given.
  fidelity?.mismatches.sort((a, b) => Number(a.postId) - Number(b.postId));
  const urlOf = new Map(spooled.posts.map((k) => [k.id, k.sourceUrl]));
  for (const m of fidelity?.mismatches ?? [])
    findings.push(fidelityFinding({ id: m.postId, sourceUrl: urlOf.get(m.postId) ?? "" }, m.file, m.mismatch));
  // Sorted, so two crawls of the same site (whose fetch order varies with timing) give the same files.
  findings.sort(compareFindings);
  return { findings, fidelity, posts };
}

/** The files every conversion writes besides posts and images. */
export const CONVERT_FILES = [
  "redirects/redirects.json",
  "redirects/_redirects",
  "redirects/nginx-redirects.conf",
  "redirects/htaccess",
  "report/problems.json",
  "report/fidelity.json",
];

/** Converts every post of a snapshot into `outDir`; every file is written atomically as it is ready. */
export function convertSnapshot(
  snapshotDir: string,
  outDir: string,
  opts: ConvertOptions,
  keep: { extracted?: boolean } = {},
): ConvertResult {
  const store = new SnapshotStore(snapshotDir);
  const spooled = spoolPosts(store, outDir, opts.profile, {
    leadMaxChars: opts.leadMaxChars,
    typography: opts.typography,
  });
  const { spool } = spooled;
  try {
    const site = planPlaces(spooled.posts, opts);
    const tree = new OutputTree(outDir);
    // Every post file and fixed file is checked before the first write: a file of the user's in the way
    // stops the run with nothing changed. (Images get content-hashed names; each is checked as written.)
    const generatorFiles = layoutFiles(opts.layout);
    tree.claim([...[...site.values()].map((s) => s.place.file), ...CONVERT_FILES, ...Object.keys(generatorFiles)]);
    const write = (rel: string, data: string | Uint8Array) => tree.write(rel, data, "convert");
    const docs = new Map<string, WrittenDoc>();
    const plan = planConversion(store, spooled, site, opts, ({ doc, assets }) => {
      write(doc.path, doc.text);
      docs.set(doc.path, writtenDoc(doc.postId, doc.path, doc.frontmatter.slug, doc.text));
      for (const [path, file] of assets) if (!tree.hasWritten(path)) write(path, file.read());
    });

    const redirects = planRedirects(spooled.posts, site, spooled.otherUrls);
    write("redirects/redirects.json", JSON.stringify(redirects, null, 2) + "\n");
    write("redirects/_redirects", netlifyRedirects(redirects));
    write("redirects/nginx-redirects.conf", nginxMap(redirects));
    write("redirects/htaccess", htaccess(redirects));
    write("report/problems.json", JSON.stringify(plan.findings, null, 2) + "\n");
    write("report/fidelity.json", JSON.stringify(plan.fidelity, null, 2) + "\n");
    for (const [path, text] of Object.entries(generatorFiles)) write(path, text);

    const stale = tree.removeStale("convert");
    // Files the user edited since an earlier run: neither rewritten nor removed.
    const kept = [...new Set([...stale.kept, ...tree.editedFiles()])].sort();
    for (const file of kept) docs.delete(file);
    if (!keep.extracted) spool.remove();
    return {
      posts: plan.posts,
      extracted: keep.extracted ? spool : null,
      fidelity: plan.fidelity,
      written: tree.writtenFiles(),
      removed: stale.removed,
      kept,
      findings: plan.findings,
      docs,
    };
  } catch (err) {
    spool.remove();
    throw err;
  }
}

/** `convert`: a snapshot or an archive (its newest run, or one run's .warc.gz) converted into `outDir`. */
export function convert(
  from: string,
  outDir: string,
  opts: ConvertOptions,
  keep: { extracted?: boolean } = {},
): Promise<ConvertResult> {
  return withSource(from, (snapshotDir) => convertSnapshot(snapshotDir, outDir, opts, keep));
}
