// A post page → a Post: title, date, tags, clean body HTML, images with their one caption, links and
// lead. Pure: HTML and URL in, data out. What is specific to the MIA blog comes from the profile.
import { load, type Cheerio, type CheerioAPI } from "cheerio";
import { HTMLPARSER2 } from "./own-html.js";
import { hasChildren, type AnyNode, type ChildNode, type Element } from "domhandler";
import { selectAll } from "css-select";
import type { Profile } from "../profiles/profile.js";
import { canonicalUrl } from "../profiles/url.js";
import { decodedPath, postIdOf, urlDateOf } from "./classify.js";
import { removeAll } from "./dom.js";
import { genericBody } from "./generic.js";
import { pageMetadata, splitIsoDate } from "./metadata.js";
import { cleanText, cleanBodyText, normalizeInline, polish } from "../normalize/text.js";
import type { RuleCounts } from "../normalize/typography.js";
import { isoDate, parseSwedishDate } from "../normalize/date.js";
import { collapseSpaces, cutAtWord } from "../normalize/whitespace.js";

export interface PostImage {
  /** Absolute URL, the site's canonical origin. */
  src: string;
  alt: string;
  /** The one caption: the visible one, else alt/title; null when the image has none. */
  caption: string | null;
}

export interface PostLink {
  /** Absolute URL as written (origin not folded), so the report shows what the author wrote. */
  href: string;
  text: string;
  /** Which top-level block of the body (0-based) holds the link. */
  block: number;
}

export interface Post {
  id: string;
  /** Canonical URL of the post on the old site. */
  sourceUrl: string;
  title: string;
  /** YYYY-MM-DD: the visible date where the page shows one, else the URL's; with the generic profile
   *  the page's metadata, else a date in the URL, else "" (the page gives none). */
  date: string;
  /** ISO 8601 with the Europe/Stockholm offset, when the page gives a time too. */
  dateTime?: string;
  dateSource: "url" | "visible" | "metadata" | "none";
  /** A visible date that disagrees with the URL's (a finding for the report). */
  dateConflict?: { visible: string; url: string };
  tags: string[];
  /** The body as clean HTML for the converter: figures, h2 sub-headings, p, ul/ol, a, strong/em, br. */
  bodyHtml: string;
  /** The body element's content as the page has it, minus only what the profile strips: what the
   *  conservation check (convert/conserve.ts) holds the Markdown to. */
  sourceHtml: string;
  images: PostImage[];
  links: PostLink[];
  lead: string;
  /** profile: the profile's selectors; fallback: its body or title selector matched nothing and the
   *  generic extractor stood in; generic: the generic profile. */
  extractedBy: "profile" | "fallback" | "generic";
  /** How many times each normalisation rule changed the text (for the report). */
  changes: RuleCounts;
}

export interface ExtractOptions {
  leadMaxChars: number;
  /** Swedish typography rules; false keeps quotes, dashes and ellipses as written. */
  typography: boolean;
}

/** A `<p>` that only wraps bold text, short and one sentence long, stands as a sub-heading. */
const HEADING_MAX_CHARS = 100;

/** Chromium's HTML parser nests at most 512 elements deep (kMaximumHTMLParserDOMTreeDepth); deeper
 *  markup is only ever a broken or hostile page, and it would overflow the stack of every recursive
 *  walk after this one (text(), the serializer, turndown). */
export const MAX_DEPTH = 512;

/** Below MAX_DEPTH, elements that hold others are unwrapped: their text, images and breaks stay, in order. */
export function capDepth(root: AnyNode | undefined): void {
  if (!root) return;
  const stack: [AnyNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [AnyNode, number];
    if (!hasChildren(node)) continue;
    if (depth < MAX_DEPTH) {
      for (const child of node.children) stack.push([child, depth + 1]);
      continue;
    }
    const leaves: ChildNode[] = [];
    const pending = [...node.children].reverse();
    while (pending.length) {
      const n = pending.pop() as ChildNode;
      if (hasChildren(n) && n.children.length > 0) pending.push(...[...n.children].reverse());
      else leaves.push(n);
    }
    leaves.forEach((leaf, i) => {
      leaf.parent = node;
      leaf.prev = leaves[i - 1] ?? null;
      leaf.next = leaves[i + 1] ?? null;
    });
    node.children = leaves;
  }
}

/**
 * body.find(selector) without cheerio's cost on a wide body: cheerio passes the element's children to
 * css-select as an array, whose removeSubsets is quadratic in their number (a post of 8,000 paragraphs
 * took 4 s, of 40,000 two minutes). Given the element itself, css-select walks its children once.
 */
function within($: CheerioAPI, scope: Cheerio<AnyNode>, selector: string): Cheerio<Element> {
  const el = scope.get(0);
  return $(el ? selectAll<AnyNode, Element>(selector, el) : []);
}

function absoluteSrc(src: string, pageUrl: string, profile: Profile): string {
  return canonicalUrl(src, profile, pageUrl)?.href ?? src;
}

/** An element's text as one line: a <br> inside (a title set on two lines) is a space, not glued words. */
function lineText($: CheerioAPI, selector: string): string {
  return plainText($(selector).first());
}

function titleOf($: CheerioAPI, profile: Profile): { title: string; fallback: boolean } {
  const fromPage = cleanText(lineText($, profile.post.title));
  if (fromPage) return { title: fromPage, fallback: false };
  const og = cleanText($('meta[property="og:title"]').attr("content") ?? "");
  if (og) return { title: og, fallback: true };
  const h1 = cleanText(lineText($, "h1"));
  if (h1) return { title: h1, fallback: true };
  let t = cleanText($("title").first().text());
  if (profile.post.titleSuffix && t.endsWith(profile.post.titleSuffix.trim()))
    t = t.slice(0, -profile.post.titleSuffix.trim().length).trim();
  return { title: t, fallback: true };
}

/** Text of elements as a reader sees it: a line break separates words like a space. A walk, not a
 *  clone with its breaks replaced (one replace per <br> is quadratic in a paragraph of 25,000 breaks). */
function plainText(el: Cheerio<AnyNode>): string {
  let out = "";
  const stack: AnyNode[] = el.toArray().reverse();
  while (stack.length) {
    const n = stack.pop() as AnyNode;
    if (n.type === "text") out += (n as unknown as { data: string }).data;
    else if (n.type === "tag" && (n as Element).name === "br") out += " ";
    else if (hasChildren(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as AnyNode);
  }
  return out;
}

function isWhitespaceOnly(text: string): boolean {
  return /^[\s\u00a0]*$/.test(text);
}

/** Replaces each image block with a <figure>, collecting the image and its one caption. */
function extractImages(
  $: CheerioAPI,
  body: Cheerio<AnyNode>,
  profile: Profile,
  pageUrl: string,
  opts: ExtractOptions,
  counts: RuleCounts,
): PostImage[] {
  const images: PostImage[] = [];
  within($, body, profile.post.image).each((_, el) => {
    const block = $(el);
    const img = block.find("img").first();
    const src = img.attr("src");
    if (!src) return void block.remove();
    const alt = cleanText(img.attr("alt") ?? img.attr("title") ?? "");
    // The visible caption wins over the alt/title copy (they often differ in spacing or a full stop).
    const shown = block.find(profile.post.imageCaption);
    const visible = cleanText(shown.text());
    // A caption with links keeps them: its nodes go into the figcaption, where the body's clean-up
    // (cleanMarkup) normalises and counts their text like any other; the frontmatter gets its text.
    const linked = visible !== "" && shown.find("a[href]").length > 0;
    const caption = visible || alt ? normalizeInline(visible || alt, opts, linked ? {} : counts) : null;
    const image: PostImage = { src: absoluteSrc(src, pageUrl, profile), alt, caption };
    images.push(image);
    const figure = $("<figure></figure>");
    figure.append($("<img />").attr("src", image.src).attr("alt", alt));
    if (linked) figure.append($("<figcaption></figcaption>").append(shown.contents()));
    else if (caption) figure.append($("<figcaption></figcaption>").text(caption));
    block.replaceWith(figure);
  });
  // Images outside an image block: kept, with no caption.
  within($, body, "img").each((_, el) => {
    const img = $(el);
    if (img.parents("figure").length) return;
    const src = img.attr("src");
    if (!src) return void img.remove();
    const image: PostImage = {
      src: absoluteSrc(src, pageUrl, profile),
      alt: cleanText(img.attr("alt") ?? ""),
      caption: null,
    };
    images.push(image);
    img.attr("src", image.src);
  });
  return images;
}

/** <br> inside a wrapped sentence (a word before, a lower-case word after) is a space, not a line break. */
function dropWrappingBreaks($: CheerioAPI, body: Cheerio<AnyNode>): void {
  // Removed together at the end: one removal per break would be quadratic in a wide paragraph. Each
  // decision reads only the break's own neighbours, which a removal before it does not change.
  const doomed: AnyNode[] = [];
  within($, body, "br").each((_, el) => {
    const prev = el.prev;
    const next = el.next;
    const before = prev && prev.type === "text" ? (prev as unknown as { data: string }).data : "";
    const after = next && next.type === "text" ? (next as unknown as { data: string }).data : "";
    const afterTrim = after.replace(/^[\s\u00a0]+/, "");
    if (!next || (next.type === "text" && afterTrim === "" && !next.next)) return void doomed.push(el); // a trailing <br>
    if (/[\p{L}\p{N},]$/u.test(before.replace(/[\s\u00a0]+$/, "")) && /^\p{Ll}/u.test(afterTrim)) {
      // One space in place of the break and the old editor's newline and indent after it.
      (next as unknown as { data: string }).data = " " + afterTrim;
      doomed.push(el);
    } else if (next.type === "text") {
      // A real line break: the new line starts with its first word, not the old editor's indent.
      (next as unknown as { data: string }).data = afterTrim;
    }
  });
  removeAll(doomed);
}

/** A <p> that only wraps bold text, short and one sentence long, becomes an <h2> holding the same
 *  inline content (links, emphasis): only the bold goes, a heading is bold already. */
function promoteHeadings($: CheerioAPI, body: Cheerio<AnyNode>): void {
  within($, body, "p").each((_, el) => {
    const p = $(el);
    if (within($, p, "img, figure, iframe, table, ul, ol").length) return;
    const text = collapseSpaces(plainText(p));
    if (!text || text.length > HEADING_MAX_CHARS || /[.!?]\s+\S/.test(text)) return;
    // Everything in the paragraph is bold (possibly inside a styled span).
    const bold = within($, p, "strong, b");
    if (bold.length === 0 || collapseSpaces(plainText(bold)) !== text) return;
    bold.each((_, b) => void $(b).replaceWith($(b).contents()));
    // A heading is one line: a break in it is the space a reader sees.
    p.find("br").replaceWith(" ");
    const heading = $("<h2></h2>").append(p.contents());
    p.replaceWith(heading);
    const first = (heading.get(0) as Element | undefined)?.firstChild;
    if (first?.type === "text")
      (first as unknown as { data: string }).data = (first as unknown as { data: string }).data.replace(/^\s+/, "");
  });
}

/** The old editor separated paragraphs with a line holding only a space (`<br>&nbsp;<br>`): each such
 *  line splits its paragraph in two. A break at the very start of a paragraph separates nothing: it goes. */
function splitAtBlankLines($: CheerioAPI, body: Cheerio<AnyNode>): void {
  const blank = (n: AnyNode | null): boolean =>
    n?.type === "text" && isWhitespaceOnly((n as unknown as { data: string }).data);
  const isBr = (n: AnyNode | null): boolean => n?.type === "tag" && (n as Element).name === "br";
  within($, body, "p").each((_, el) => {
    const parts: AnyNode[][] = [[]];
    const kids = [...el.children];
    for (let i = 0; i < kids.length; i++) {
      const n = kids[i] as AnyNode;
      if (isBr(n)) {
        let j = i + 1;
        while (j < kids.length && blank(kids[j] as AnyNode)) j++;
        const current = parts[parts.length - 1] as AnyNode[];
        if (j < kids.length && isBr(kids[j] as AnyNode) && j > i + 1) {
          parts.push([]);
          i = j;
          continue;
        }
        // A break before any text of the paragraph.
        if (current.every(blank)) continue;
      }
      (parts[parts.length - 1] as AnyNode[]).push(n);
    }
    const kept = parts.filter((part) => !part.every(blank));
    if (kept.length <= 1 && kept[0]?.length === kids.length) return;
    const p = $(el);
    for (const part of kept) p.before($("<p></p>").append(part));
    p.remove();
  });
}

function cleanMarkup($: CheerioAPI, body: Cheerio<AnyNode>, opts: ExtractOptions, counts: RuleCounts): void {
  within($, body, "span, font").each((_, el) => void $(el).replaceWith($(el).contents()));
  // Old editors nest a list directly in a list; it belongs in the item before it (or a new item).
  within($, body, "ul > ul, ul > ol, ol > ul, ol > ol").each((_, el) => {
    const list = $(el);
    const prev = list.prev("li");
    if (prev.length) prev.append(list);
    else list.wrap("<li></li>");
  });
  within($, body, "*").each((_, el) => {
    for (const attr of ["style", "class", "id", "align", "target", "width", "height", "title", "border"])
      $(el).removeAttr(attr);
  });
  // Text: Unicode, encoding damage, and runs of spaces (NBSP included) in running text.
  const walk = (node: AnyNode) => {
    if (node.type === "text") {
      const t = node as unknown as { data: string };
      t.data = polish(cleanBodyText(t.data), opts, counts);
    } else if ("children" in node && !("name" in node && (node.name === "code" || node.name === "pre")))
      for (const c of node.children) walk(c);
  };
  for (const n of body.toArray()) walk(n);
  within($, body, "img").each((_, el) => void $(el).attr("alt", cleanText($(el).attr("alt") ?? "")));
  within($, body, "p").each((_, el) => {
    const p = $(el);
    if (isWhitespaceOnly(p.text()) && within($, p, "img, figure, iframe").length === 0) p.remove();
  });
  // Trim the spaces the old editor left at paragraph edges.
  within($, body, "p, h2, li, figcaption").each((_, el) => {
    const first = el.firstChild;
    const last = el.lastChild;
    if (first?.type === "text")
      (first as unknown as { data: string }).data = (first as unknown as { data: string }).data.replace(
        /^[ \u00a0]+/,
        "",
      );
    if (last?.type === "text")
      (last as unknown as { data: string }).data = (last as unknown as { data: string }).data.replace(
        /[ \u00a0]+$/,
        "",
      );
  });
}

/** A date written in a URL's path (/2019/11/05/ or 2019-11-05), as many blogs put it. */
function dateInPath(url: URL): string | undefined {
  const m = /\/(\d{4})[/-](\d{2})[/-](\d{2})(?:\/|-|$)/.exec(decodedPath(url));
  if (!m) return undefined;
  const d = `${m[1]}-${m[2]}-${m[3]}`;
  return splitIsoDate(d) && !Number.isNaN(Date.parse(d)) ? d : undefined;
}

interface Head {
  id: string;
  title: string;
  titleFallback: boolean;
  date: string;
  dateTime?: string;
  dateSource: Post["dateSource"];
  dateConflict?: { visible: string; url: string };
  tags: string[];
}

/** Title, date and tags as the profile finds them; read before the body is cleaned (cleaning drops the
 *  class attributes a selector may need, and the generic extractor removes tag lists as template). */
function headOf($: CheerioAPI, url: URL, profile: Profile, opts: ExtractOptions, changes: RuleCounts): Head | null {
  const id = postIdOf(url, profile);
  if (!id) return null;
  const tags: string[] = [];
  const addTag = (text: string) => {
    const t = cleanText(text);
    if (t && !tags.includes(t)) tags.push(t);
  };
  if (profile.generic) {
    const meta = pageMetadata($);
    const pathDate = dateInPath(url);
    const published = meta.published ? splitIsoDate(meta.published) : null;
    const title = meta.title ? cleanText(meta.title) : titleOf($, profile).title;
    for (const t of meta.tags) addTag(t);
    return {
      id,
      title: normalizeInline(title, opts, changes),
      titleFallback: false,
      date: published?.date ?? pathDate ?? "",
      ...(published?.dateTime ? { dateTime: published.dateTime } : {}),
      dateSource: published ? "metadata" : pathDate ? "url" : "none",
      tags,
    };
  }
  // The date: the visible one where the profile names it, else the URL's; a post needs one of them.
  const urlDate = urlDateOf(url, profile);
  const visible = profile.post.date ? parseSwedishDate($(profile.post.date).first().text()) : null;
  if (!urlDate && !visible) return null;
  const found = titleOf($, profile);
  $(profile.post.tags).each((_, el) => addTag($(el).text()));
  return {
    id,
    title: normalizeInline(found.title, opts, changes),
    titleFallback: found.fallback,
    date: visible?.date ?? urlDate ?? "",
    ...(visible?.time ? { dateTime: isoDate(visible) } : {}),
    dateSource: visible ? "visible" : "url",
    ...(visible && urlDate && visible.date !== urlDate
      ? { dateConflict: { visible: visible.date, url: urlDate } }
      : {}),
    tags,
  };
}

export function extractPost(html: string, pageUrl: string, profile: Profile, opts: ExtractOptions): Post | null {
  const url = new URL(pageUrl);
  if (!postIdOf(url, profile)) return null;
  const $ = load(html, HTMLPARSER2);
  capDepth($.root().get(0));
  const changes: RuleCounts = {};
  const head = headOf($, url, profile, opts, changes);
  if (!head) return null;
  let body = profile.generic ? $([]) : $(profile.post.body).first();
  const bodyFallback = body.length === 0;
  if (bodyFallback) {
    for (const sel of profile.post.strip) $(sel).remove();
    const found = genericBody($, head.title);
    body = found ? $(found) : $("<div></div>");
  }
  for (const sel of profile.post.strip) within($, body, sel).remove();
  const sourceHtml = body.html() ?? "";

  const images = extractImages($, body, profile, pageUrl, opts, changes);
  splitAtBlankLines($, body);
  dropWrappingBreaks($, body);
  cleanMarkup($, body, opts, changes);
  promoteHeadings($, body);

  const links: PostLink[] = [];
  const bodyEl = body.get(0);
  const blockIndex = new Map(
    body
      .children()
      .toArray()
      .map((b, i) => [b as AnyNode, i]),
  );
  // The top-level block a link sits in: up the parents, not a search through every block.
  const topBlock = (el: AnyNode): number => {
    let node: AnyNode = el;
    while (node.parent && node.parent !== bodyEl) node = node.parent;
    return blockIndex.get(node) ?? -1;
  };
  within($, body, "a[href]").each((_, el) => {
    const a = $(el);
    const top = topBlock(el);
    const raw = (a.attr("href") ?? "").trim();
    let href = raw;
    try {
      href = new URL(raw, pageUrl).href;
    } catch {
      /* kept as written; the link checker reports it */
    }
    a.attr("href", href);
    links.push({ href, text: collapseSpaces(a.text()), block: top });
  });

  const firstParagraph = within($, body, "p")
    .filter((_, el) => collapseSpaces($(el).text()) !== "")
    .first();
  const lead = cutAtWord(collapseSpaces(plainText(firstParagraph)), opts.leadMaxChars);

  return {
    id: head.id,
    sourceUrl: canonicalUrl(pageUrl, profile)?.href ?? pageUrl,
    title: head.title,
    date: head.date,
    ...(head.dateTime ? { dateTime: head.dateTime } : {}),
    dateSource: head.dateSource,
    ...(head.dateConflict ? { dateConflict: head.dateConflict } : {}),
    tags: head.tags,
    bodyHtml: (body.html() ?? "").trim(),
    sourceHtml,
    images,
    links,
    lead,
    extractedBy: profile.generic ? "generic" : head.titleFallback || bodyFallback ? "fallback" : "profile",
    changes,
  };
}
