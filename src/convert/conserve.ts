// The conservation check: a post's Markdown, rendered back to HTML (markdown-it, a parser independent of
// both cheerio and turndown), against the post's *source*: the profile's body element on the old page
// before any clean-up, minus only what the profile strips. Whatever extraction or conversion did, every
// word, link, image and caption of the source must be found in the result, or have been removed by a
// rule named here; and nothing may appear that the source does not hold. Pure.
//
// Named rules (what may differ without being a loss):
//   invisible     script, style, template and noscript contents, and comments: never shown
//   encoding      the Unicode and encoding repair every text goes through (normalize/text.ts)
//   typography    the documented typography rules change punctuation only, so words are compared; with
//                 --keep-typography (`strict`) every character is compared, whitespace aside
//   site-link     a link to the old site (a post, a file) gets the new site's address; its text stays
//   alt-caption   an image without a visible caption is captioned with its alt text (added words)
//   no-src        an image without a src is dropped (there is nothing to show)
//   empty-link    a link with no text and no image in it is dropped (there is nothing to click)
import { loadOwnHtml } from "../extract/own-html.js";
import type { AnyNode, Element } from "domhandler";
import MarkdownIt from "markdown-it";
import { BLOCK, htmlFacts, INVISIBLE, type HtmlFacts } from "./html-facts.js";
import { repairMojibake } from "../normalize/mojibake.js";
import { cleanUnicode } from "../normalize/unicode.js";

export interface ConservationOptions {
  /** The old page's URL (source links are resolved against it). */
  pageUrl: string;
  /** Whether an absolute URL is the old site's own (its links may be rewritten to the new site). */
  isSiteUrl(url: URL): boolean;
  /** The profile's selectors for an image block and its visible caption. */
  image: string;
  imageCaption: string;
  /** --keep-typography: every character of the text, not only its words, must survive. */
  strict: boolean;
}

export interface Loss {
  what: "words" | "characters" | "links" | "images" | "captions";
  /** Where: the source block it was in (its position and first words), when it is a loss. */
  block?: string;
  /** What the source has that the result lacks ("lost"), or the other way round ("added"). */
  lost: string[];
  added: string[];
}

/** The counts the report shows, and the losses not accounted for by a named rule. */
export interface ConservationResult {
  words: number;
  links: number;
  images: number;
  captions: number;
  /** Items removed by a named rule, by rule. */
  accounted: Record<string, number>;
  losses: Loss[];
}

const markdown = new MarkdownIt({ html: true, linkify: false });

/** The visible text of a node as a reader sees it: blocks and line breaks separate words. */
function visibleText(nodes: readonly AnyNode[]): string {
  let out = "";
  const walk = (n: AnyNode): void => {
    if (n.type === "text") out += (n as unknown as { data: string }).data;
    else if (n.type === "tag" || n.type === "script" || n.type === "style") {
      const el = n as Element;
      if (INVISIBLE.has(el.name)) return;
      const block = BLOCK.has(el.name);
      if (block) out += " ";
      for (const c of el.children) walk(c);
      if (block) out += " ";
    } else if ("children" in n) for (const c of (n as Element).children) walk(c);
  };
  for (const n of nodes) walk(n);
  return shown(out);
}

/** Text as the check compares it: through the repair every extracted text goes through. */
const shown = (text: string): string => repairMojibake(cleanUnicode(text));

const WORD = /[\p{L}\p{N}]+/gu;
const words = (text: string): string[] => text.match(WORD) ?? [];
const pieces = (text: string): string[] => text.split(/[\s\u00a0]+/).filter(Boolean);
const tokens = (text: string, strict: boolean) => (strict ? pieces(text) : words(text));
const key = (text: string) => words(repairMojibake(cleanUnicode(text))).join(" ");

/** Items of `a` not in `b`, as many times as `a` has more of them. */
function missing(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

function absolute(href: string, base: string): URL | undefined {
  try {
    return new URL(href.trim(), base);
  } catch {
    return undefined;
  }
}

/** Longest alignment the check computes (source × result tokens); a longer post is placed greedily. */
const MAX_ALIGNMENT = 4_000_000;

/**
 * The source tokens, block by block, that the result lacks: by a longest common subsequence of the two
 * token sequences, so that a word lost in one block is not blamed on an earlier block that holds the
 * same word. Only run when a loss is known (the multiset comparison is the cheap first test).
 */
function placeLosses(blocks: readonly string[][], result: readonly string[]): string[][] {
  const source = blocks.flatMap((b, i) => b.map((t) => ({ t, i })));
  const out = blocks.map((): string[] => []);
  const n = source.length;
  const m = result.length;
  if (n * m > MAX_ALIGNMENT) {
    const left = new Map<string, number>();
    for (const t of result) left.set(t, (left.get(t) ?? 0) + 1);
    for (const { t, i } of source) {
      const k = left.get(t) ?? 0;
      if (k > 0) left.set(t, k - 1);
      else out[i]?.push(t);
    }
    return out;
  }
  // lcs[i][j]: the longest common subsequence of source[i..] and result[j..], one row at a time.
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as Uint32Array;
    const below = lcs[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--)
      row[j] =
        source[i]?.t === result[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
  }
  // Walk one optimal alignment. A source token is counted lost wherever leaving it out costs nothing:
  // at its first possible place, which keeps a dropped run of words together in its own block.
  let i = 0;
  let j = 0;
  while (i < n) {
    const s = source[i] as { t: string; i: number };
    const here = lcs[i]?.[j] ?? 0;
    if ((lcs[i + 1]?.[j] ?? 0) === here) {
      out[s.i]?.push(s.t);
      i++;
    } else if (s.t === result[j]) {
      i++;
      j++;
    } else j++;
  }
  return out;
}

/** Hugo's figure shortcode as the figure it stands for, so the result can be read like the others. */
function shortcodesAsFigures(md: string): string {
  return md.replace(/\{\{< figure ((?:[a-z]+="[^"]*"\s*)+)>\}\}/g, (_m, attrs: string) => {
    const a = Object.fromEntries([...attrs.matchAll(/([a-z]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    // Hugo renders the caption as Markdown (markdownify): so is it read here.
    const cap = a.caption ? `<figcaption>${markdown.renderInline(a.caption)}</figcaption>` : "";
    return `<figure><img src="${a.src ?? ""}" alt="${a.alt ?? ""}">${cap}</figure>`;
  });
}

/** A Markdown body as a reader's browser gets it (Hugo's figure shortcode read as the figure it is), read
 *  in one pass (html-facts.ts). */
export function renderMarkdown(markdownBody: string): HtmlFacts {
  return htmlFacts(markdown.render(shortcodesAsFigures(markdownBody)));
}

/** The source (the body element's HTML) against the rendered Markdown (renderMarkdown). */
export function checkConservation(
  sourceHtml: string,
  result: HtmlFacts,
  opts: ConservationOptions,
): ConservationResult {
  const $s = loadOwnHtml(sourceHtml);
  const accounted: Record<string, number> = {};
  const account = (rule: string, n = 1) => {
    if (n > 0) accounted[rule] = (accounted[rule] ?? 0) + n;
  };
  const losses: Loss[] = [];

  // Images: every source image with a src is in the result; the captions the page shows are too.
  const sourceImages = $s("img").toArray();
  const withSrc = sourceImages.filter((img) => ($s(img).attr("src") ?? "").trim() !== "");
  account("no-src", sourceImages.length - withSrc.length);
  const resultImages = result.images;
  if (resultImages < withSrc.length)
    losses.push({
      what: "images",
      lost: withSrc.slice(resultImages).map((img) => $s(img).attr("src") ?? ""),
      added: [],
    });
  const blocks = $s(opts.image);
  const visibleCaptions = blocks
    .map((_, b) => $s(b).find(opts.imageCaption).text())
    .get()
    .map(key)
    .filter(Boolean);
  const resultCaptions = result.captions.map(key).filter(Boolean);
  const lostCaptions = missing(visibleCaptions, resultCaptions);
  if (lostCaptions.length) losses.push({ what: "captions", lost: lostCaptions, added: [] });
  // Images captioned from their alt text (no visible caption): those words are added on purpose.
  const altWords: string[] = [];
  for (const img of withSrc) {
    const block = $s(img).closest(opts.image);
    if (block.length && key(block.find(opts.imageCaption).text())) continue;
    const alt = $s(img).attr("alt") || $s(img).attr("title") || "";
    if (alt.trim()) {
      altWords.push(...tokens(shown(alt), opts.strict));
      account("alt-caption");
    }
  }

  // Links: each source link's text is a link's text in the result; a link off the old site keeps its
  // address exactly, one to the old site may point at its new place.
  const sourceLinks = $s("a[href]")
    .toArray()
    .map((a) => ({
      href: absolute($s(a).attr("href") ?? "", opts.pageUrl),
      text: key(visibleText([a])),
      hasImage: $s(a).find("img").length > 0,
    }));
  const resultLinks = result.links.map((l) => ({
    href: absolute(l.href, opts.pageUrl),
    text: key(shown(l.text)),
    hasImage: l.hasImage,
  }));
  const visibleLinks = sourceLinks.filter((l) => l.text !== "" || l.hasImage);
  account("empty-link", sourceLinks.length - visibleLinks.length);
  const script = (u: URL | undefined) => u !== undefined && /^(javascript|vbscript|data):/i.test(u.protocol);
  const wantLinks = visibleLinks.filter((l) => !script(l.href));
  account("script-link", visibleLinks.length - wantLinks.length);
  // First the links off the site, by text and address; then the site's, by text, among the rest.
  const exact = (l: { href: URL | undefined; text: string }) => `${l.text} → ${l.href?.href ?? "?"}`;
  const isSite = (l: { href: URL | undefined }) => l.href !== undefined && opts.isSiteUrl(l.href);
  const remaining = resultLinks.map(exact);
  const take = (by: (r: string) => boolean): boolean => {
    const i = remaining.findIndex(by);
    if (i >= 0) remaining.splice(i, 1);
    return i >= 0;
  };
  const lostLinks = [
    ...wantLinks.filter((l) => !isSite(l)).filter((l) => !take((r) => r === exact(l))),
    ...wantLinks.filter(isSite).filter((l) => !take((r) => r.startsWith(`${l.text} → `))),
  ].map(exact);
  if (lostLinks.length) losses.push({ what: "links", lost: lostLinks, added: remaining });

  // Words (or, strict, every character between spaces), block by block of the source.
  const sourceBlocks = $s.root().children().toArray();
  const blockTokens = sourceBlocks.map((b) => tokens(visibleText([b]), opts.strict));
  // Text directly in the container (not in a block element) forms blocks of its own in the same walk.
  const sourceTokens = blockTokens.flat();
  const resultTokens = tokens(shown(result.text), opts.strict);
  const lost = missing(sourceTokens, resultTokens);
  const added = missing(missing(resultTokens, sourceTokens), altWords);
  const what = opts.strict ? "characters" : "words";
  if (lost.length) {
    const blockOf = placeLosses(blockTokens, resultTokens);
    for (const [i, here] of blockOf.entries()) {
      if (!here.length) continue;
      const first = visibleText([sourceBlocks[i] as AnyNode])
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, 60);
      losses.push({ what, block: `block ${i + 1} ("${first}")`, lost: here, added: [] });
    }
  }
  if (added.length) losses.push({ what, lost: [], added });

  return {
    words: sourceTokens.length,
    links: wantLinks.length,
    images: withSrc.length,
    captions: visibleCaptions.length,
    accounted,
    losses,
  };
}
