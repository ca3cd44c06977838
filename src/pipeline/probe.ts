// `probe`: learn a profile for a site the tool has never seen. A polite sample of the site (the same
// crawler, robots.txt and per-host limits as a migration), fetched in three steps: the start page; then
// a sample of what it links to, half of it posts (the links in its teasers' headings) and a few pages of
// every other kind of URL; then more posts found on those pages while the budget lasts. The sample is
// read (probe/site-kinds.ts, probe/selectors.ts), the proposed profile written as YAML, read back as any
// profile is, and tried on every sampled post against the generic extractor and the pages' metadata.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load, type CheerioAPI } from "cheerio";
import { HTMLPARSER2 } from "../extract/own-html.js";
import { parse } from "yaml";
import { decodeBody } from "../crawl/charset.js";
import type { CrawlEvent, CrawlSettings } from "../crawl/crawler.js";
import { crawlToSnapshot } from "../crawl/to-snapshot.js";
import { decodedPath } from "../extract/classify.js";
import { blockText, postText } from "../extract/block-text.js";
import { genericBody } from "../extract/generic.js";
import { pageMetadata, splitIsoDate } from "../extract/metadata.js";
import { extractPost } from "../extract/post.js";
import { shingleF1 } from "../extract/text-agreement.js";
import type { OriginMap } from "../http/origin-map.js";
import { genericProfile, validateProfile, type Profile } from "../profiles/profile.js";
import { canonicalUrl } from "../profiles/url.js";
import { SnapshotStore, type FetchRecord } from "../store/snapshot.js";
import { declaredLang, profileYaml } from "../probe/profile-yaml.js";
import { learnSelectors, type PostSample, type Selectors } from "../probe/selectors.js";
import { FILE_EXTENSION, siteKinds, type SampledPage, type SiteKinds } from "../probe/site-kinds.js";
import { groupByShape, shapeKey, shapeOf } from "../probe/url-shape.js";
import { defaults } from "../config/defaults.js";
import { NoPostsError } from "../config/errors.js";

export interface ProbeOptions {
  startUrl: string;
  /** How many pages to fetch in all. */
  pages: number;
  settings: CrawlSettings;
  originMap: OriginMap;
  onEvent?: (e: CrawlEvent) => void;
}

export interface FieldCheck {
  /** Sampled posts the proposed profile extracted with its own selectors (not the fallback). */
  extracted: number;
  titleAgrees: number;
  dateAgrees: number;
  /** Posts that had a date to compare with (metadata or URL). */
  datesCompared: number;
  tagsFound: number;
  bodyF1Mean: number;
  bodyF1Min: number;
}

export interface ProbeResult {
  fetched: number;
  kinds: SiteKinds;
  kindCounts: Record<string, number>;
  selectors: Selectors;
  yaml: string;
  profile: Profile;
  check: FieldCheck;
  posts: number;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const NEVER = /(?!)/;

/** The scheme and www. variants of an origin: the same site by every convention. */
export function originVariants(origin: string): { origin: string; aliases: string[] } {
  const u = new URL(origin);
  const bare = u.hostname.replace(/^www\./, "");
  const hosts = [...new Set([u.hostname, bare, `www.${bare}`])];
  const all = ["https:", "http:"].flatMap((scheme) => hosts.map((h) => `${scheme}//${h}${u.port ? `:${u.port}` : ""}`));
  return { origin: u.origin, aliases: all.filter((o) => o !== u.origin) };
}

/** The profile the sample is crawled with: every page of the site is a page, files are not fetched. */
function samplingProfile(startUrl: string): Profile {
  const base = genericProfile(startUrl);
  const { origin, aliases } = originVariants(startUrl);
  return {
    ...base,
    name: "probe",
    origin,
    aliases,
    pages: {
      post: NEVER,
      archive: NEVER,
      tag: NEVER,
      index: NEVER,
      page: new RegExp(`^(?!.*${FILE_EXTENSION.source})`, "i"),
      asset: FILE_EXTENSION,
    },
    follow: ["page"],
    source: "(probe)",
  };
}

function sampledPage(rec: FetchRecord, body: Buffer, profile: Profile): SampledPage | null {
  if (rec.status !== 200 || !/html/i.test(rec.headers["content-type"] ?? "")) return null;
  const url = canonicalUrl(rec.finalUrl, profile);
  if (!url) return null;
  const html = decodeBody(body, rec.headers["content-type"]).text;
  const $ = load(html, HTMLPARSER2);
  const links: SampledPage["links"] = [];
  $("a[href], img[src]").each((_, el) => {
    const raw = $(el).attr("href") ?? $(el).attr("src") ?? "";
    let abs: URL;
    try {
      abs = new URL(raw, url);
    } catch {
      return;
    }
    const canon = canonicalUrl(abs, profile);
    if (!canon || canon.origin !== profile.origin) return;
    links.push({
      path: decodedPath(canon),
      query: abs.search,
      inHeading: $(el).closest("h1, h2, h3, h4, h5, h6").length > 0,
    });
  });
  return { url: url.href, path: decodedPath(url), html, $, links };
}

/** The sample's pages, each read and parsed once: `known` holds those of the rounds before. */
function readSample(store: SnapshotStore, profile: Profile, known: Map<string, SampledPage>): SampledPage[] {
  for (const rec of store.records()) {
    if (rec.type !== "fetch" || !rec.sha256 || known.has(rec.url)) continue;
    const page = sampledPage(rec, store.readBody(rec.sha256), profile);
    if (page && ![...known.values()].some((p) => p.url === page.url)) known.set(rec.url, page);
  }
  return [...known.values()];
}

const exactPath = (path: string) => new RegExp(`^${escapeRegex(path)}$`);

/** What to fetch after the start page: posts (the group its headings link to) for half the budget, a
 *  couple of pages of every other group, then posts again. */
function planSample(pages: readonly SampledPage[], budget: number): string[] {
  const fetched = new Set(pages.map((p) => p.path));
  const links = pages.flatMap((p) => p.links).filter((l) => !FILE_EXTENSION.test(l.path) && !fetched.has(l.path));
  const groups = groupByShape(links.map((l) => l.path));
  const headings = new Map<string, number>();
  for (const l of links)
    if (l.inHeading) headings.set(shapeKey(shapeOf(l.path)), (headings.get(shapeKey(shapeOf(l.path))) ?? 0) + 1);
  const postKey = [...headings].sort((a, b) => b[1] - a[1])[0]?.[0];
  const posts = postKey ? (groups.get(postKey) ?? []) : [];
  const chosen = posts.slice(0, Math.ceil(budget / 2));
  for (const [key, paths] of groups) if (key !== postKey) chosen.push(...paths.slice(0, 2));
  chosen.push(...posts.slice(Math.ceil(budget / 2)));
  return chosen.slice(0, budget);
}

function checkProfile(
  profile: Profile,
  samples: readonly { url: string; html: string; $: CheerioAPI; urlDate?: string }[],
): FieldCheck {
  const f1s: number[] = [];
  const check: FieldCheck = {
    extracted: 0,
    titleAgrees: 0,
    dateAgrees: 0,
    datesCompared: 0,
    tagsFound: 0,
    bodyF1Mean: 0,
    bodyF1Min: 0,
  };
  for (const s of samples) {
    const post = extractPost(s.html, s.url, profile, {
      leadMaxChars: defaults.extract.leadMaxChars,
      typography: false,
    });
    if (!post || post.extractedBy !== "profile") continue;
    check.extracted++;
    const meta = pageMetadata(s.$);
    if (meta.title !== undefined && post.title === meta.title.replace(/[\s\u00a0]+/g, " ").trim()) check.titleAgrees++;
    const metaDate = meta.published ? splitIsoDate(meta.published)?.date : undefined;
    const other = metaDate ?? s.urlDate;
    if (other !== undefined) {
      check.datesCompared++;
      if (post.date === other) check.dateAgrees++;
    }
    if (post.tags.length) check.tagsFound++;
    const generic = genericBody(load(s.html, HTMLPARSER2), post.title);
    f1s.push(shingleF1(postText(post.bodyHtml, { captions: true }), generic ? blockText(generic) : ""));
  }
  if (f1s.length) {
    check.bodyF1Mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
    check.bodyF1Min = Math.min(...f1s);
  }
  return check;
}

export async function probe(opts: ProbeOptions): Promise<ProbeResult> {
  const sampling = samplingProfile(opts.startUrl);
  const dir = mkdtempSync(join(tmpdir(), "mia-probe-"));
  try {
    const crawlSample = (maxPages: number, include: RegExp[], maxDepth: number) =>
      crawlToSnapshot({
        startUrl: opts.startUrl,
        snapshotDir: dir,
        profile: sampling,
        settings: { ...opts.settings, maxPages, include, maxDepth },
        originMap: opts.originMap,
        ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
      });
    // A new reader each time: a store reads its manifest once.
    const known = new Map<string, SampledPage>();
    const read = () => readSample(new SnapshotStore(dir), sampling, known);
    const first = await crawlSample(1, [], 0);
    let sample = read();
    if (sample.length === 0) {
      const why =
        first.robotsBlocked[0]?.reason ??
        first.failures[0]?.reason ??
        (first.notFound[0]
          ? `it answered ${first.notFound[0].status}`
          : first.disallowedByRobots
            ? "robots.txt disallows it"
            : "it is not an HTML page");
      throw new NoPostsError(
        `probe: the start page ${opts.startUrl} could not be read: ${why}; give the blog's list of posts`,
      );
    }
    const startPath = decodedPath(new URL(opts.startUrl));
    for (let round = 0; round < 2 && sample.length < opts.pages; round++) {
      const next = planSample(sample, opts.pages - sample.length);
      if (next.length === 0) break;
      // Depth is counted from the start page; later rounds reach pages the sampled ones link to.
      await crawlSample(opts.pages, [exactPath(startPath), ...next.map(exactPath)], round + 2);
      sample = read();
    }
    const kinds = siteKinds(sample, startPath);
    const postRe = new RegExp(kinds.patterns.post);
    const tagRe = kinds.patterns.tag ? new RegExp(kinds.patterns.tag) : null;
    const samples: (PostSample & { url: string })[] = kinds.postPages.map((p) => {
      const g = postRe.exec(p.path)?.groups;
      const urlDate = g?.year && g.month && g.day ? `${g.year}-${g.month}-${g.day}` : undefined;
      return {
        url: p.url,
        path: p.path,
        html: p.html,
        $: p.$,
        ...(urlDate ? { urlDate } : {}),
        isTagLink: (href: string) => {
          const u = canonicalUrl(href, sampling, p.url);
          return tagRe !== null && u !== null && u.origin === sampling.origin && tagRe.test(decodedPath(u));
        },
      };
    });
    if (samples.length === 0)
      throw new NoPostsError(
        `probe: none of the ${sample.length} sampled pages of ${opts.startUrl} looks like a post (no page links to a group of pages from its headings); start from the blog's list of posts`,
      );
    const selectors = learnSelectors(samples);
    const { origin, aliases } = originVariants(opts.startUrl);
    const yaml = profileYaml({
      name: new URL(origin).hostname.replace(/^www\./, ""),
      origin,
      lang: declaredLang(sample.map((p) => p.$("html").attr("lang"))),
      aliases,
      kinds,
      selectors,
      sampled: sample.length,
      posts: samples.length,
      startUrl: opts.startUrl,
    });
    const profile = validateProfile(parse(yaml), "(proposed profile)");
    const check = checkProfile(profile, samples);
    const kindCounts: Record<string, number> = {};
    for (const p of sample) {
      const kind =
        (Object.entries(kinds.patterns) as [string, string][]).find(([, re]) => new RegExp(re).test(p.path))?.[0] ??
        "other";
      kindCounts[kind] = (kindCounts[kind] ?? 0) + 1;
    }
    return { fetched: sample.length, kinds, kindCounts, selectors, yaml, profile, check, posts: samples.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
