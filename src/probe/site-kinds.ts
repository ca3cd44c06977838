// Which URLs of a sampled site are posts, archives, tags, the index and other pages, from link
// structure and URL shape: the posts are the group list pages link to from their headings (a teaser's
// title is a link to its post on nearly every blog theme), list pages are the pages that do so, archives
// are list pages with a year in the path, the index is the start page's group. Pure.
import type { CheerioAPI } from "cheerio";
import { anyOf, groupByShape, hasFullDate, patternOf, shapeKey, shapeOf } from "./url-shape.js";

export interface SampledPage {
  /** Canonical URL. */
  url: string;
  /** Decoded path. */
  path: string;
  html: string;
  $: CheerioAPI;
  /** Site-internal links on the page: decoded path and whether the link sits in a heading. */
  links: { path: string; query: string; inHeading: boolean }[];
}

export interface SiteKinds {
  /** Page kind → regular expression (as a profile holds it), with the evidence for each. */
  patterns: {
    post: string;
    archive?: string;
    tag?: string;
    index: string;
    page?: string;
    asset?: string;
  };
  evidence: Record<string, string>;
  /** The sampled pages that are posts by the proposed pattern. */
  postPages: SampledPage[];
  keepQuery: string[];
  /** Every post URL path seen in links (sampled or not). */
  postPathsSeen: number;
}

/** A link to something that is a file, not a page. */
export const FILE_EXTENSION =
  /\.(jpe?g|png|gif|webp|svg|ico|bmp|tiff?|pdf|docx?|xlsx?|pptx?|odt|ods|zip|mp3|mp4|m4a|mov|avi|css|js|json|xml|txt|csv)$/i;

const PAGINATION = /^(page|paged|p|pg|sida|start|offset)$/i;

export function siteKinds(pages: readonly SampledPage[], startPath: string): SiteKinds {
  const evidence: Record<string, string> = {};
  const linked = new Set<string>();
  const fileLinks = new Set<string>();
  for (const p of pages)
    for (const l of p.links) {
      if (FILE_EXTENSION.test(l.path)) fileLinks.add(l.path);
      else linked.add(l.path);
    }
  for (const p of pages) linked.add(p.path);
  const groups = groupByShape(linked);

  // Posts: the group most often linked from headings, across all sampled pages.
  const headingLinks = new Map<string, number>();
  for (const p of pages)
    for (const l of p.links)
      if (l.inHeading && !FILE_EXTENSION.test(l.path) && l.path !== p.path) {
        const k = shapeKey(shapeOf(l.path));
        headingLinks.set(k, (headingLinks.get(k) ?? 0) + 1);
      }
  const startKey = shapeKey(shapeOf(startPath));
  const ranked = [...groups.keys()]
    .filter((k) => k !== startKey)
    .sort(
      (a, b) =>
        (headingLinks.get(b) ?? 0) - (headingLinks.get(a) ?? 0) ||
        (groups.get(b)?.length ?? 0) - (groups.get(a)?.length ?? 0),
    );
  const postKey = ranked[0] ?? startKey;
  const postPaths = groups.get(postKey) ?? [];
  const post = patternOf(postPaths, { date: hasFullDate(postKey), id: true });
  evidence.post = `${postPaths.length} URLs of this shape seen, linked ${headingLinks.get(postKey) ?? 0} times from headings (teaser titles)`;
  const postRe = new RegExp(post);

  // List pages: sampled pages (not posts) that link to at least two posts from headings.
  const isList = (p: SampledPage) =>
    !postRe.test(p.path) &&
    new Set(p.links.filter((l) => l.inHeading && postRe.test(l.path)).map((l) => l.path)).size >= 2;
  const listKeys = new Map<string, string[]>();
  for (const p of pages) {
    if (!isList(p)) continue;
    const k = shapeKey(shapeOf(p.path));
    if (k === startKey) continue;
    listKeys.set(
      k,
      [...(listKeys.get(k) ?? []), ...(groups.get(k) ?? [])].filter((x, i, a) => a.indexOf(x) === i),
    );
  }
  const archives: string[] = [];
  const tags: string[] = [];
  for (const [k, paths] of listKeys) (k.split("/").includes("year") ? archives : tags).push(patternOf(paths));
  // The start page as written (its pages ?page=N are the same path).
  const index = `^${startPath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;
  evidence.index = "the start page";
  const patterns: SiteKinds["patterns"] = { post, index };
  if (archives.length) {
    patterns.archive = anyOf(archives);
    evidence.archive = `list pages (teasers linking to posts) with a year in the path: ${archives.length} shape(s)`;
  }
  if (tags.length) {
    patterns.tag = anyOf(tags);
    evidence.tag = `other list pages (teasers linking to posts): ${tags.length} shape(s)`;
  }
  // Other pages: every remaining group of HTML pages seen in links.
  const known = [
    postRe,
    ...[patterns.archive, patterns.tag, index].filter((x): x is string => !!x).map((x) => new RegExp(x)),
  ];
  const others = [...groups.entries()].filter(([, paths]) => paths.some((p) => !known.some((re) => re.test(p))));
  if (others.length) {
    patterns.page = anyOf(others.map(([, paths]) => patternOf(paths.filter((p) => !known.some((re) => re.test(p))))));
    evidence.page = `other pages of the site: ${others.length} shape(s)`;
  }
  // Files: the folders they are in, else their extensions.
  const folders = [...new Set([...fileLinks].map((p) => p.split("/").filter(Boolean)))]
    .filter((segs) => segs.length > 1)
    .map((segs) => segs[0] as string);
  const uniqueFolders = [...new Set(folders)].sort();
  if (fileLinks.size) {
    const rootFiles = [...fileLinks].some((p) => p.split("/").filter(Boolean).length === 1);
    const parts = [
      ...(uniqueFolders.length
        ? [`/(?:${uniqueFolders.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})/`]
        : []),
      ...(rootFiles ? [FILE_EXTENSION.source.replace(/^\\\./, "\\.").replace(/\$$/, "")] : []),
    ];
    patterns.asset = uniqueFolders.length && !rootFiles ? `^${parts[0]}` : `^(?:${parts.join("|")})`;
    evidence.asset = `${fileLinks.size} links to files${uniqueFolders.length ? ` under /${uniqueFolders.join("/, /")}/` : ""}`;
  }

  // Query parameters that page through a list.
  const keepQuery = new Set<string>();
  for (const p of pages)
    for (const l of p.links)
      for (const name of new URLSearchParams(l.query).keys()) if (PAGINATION.test(name)) keepQuery.add(name);

  return {
    patterns,
    evidence,
    postPages: pages.filter((p) => postRe.test(p.path)),
    keepQuery: [...keepQuery].sort(),
    postPathsSeen: postPaths.length,
  };
}
