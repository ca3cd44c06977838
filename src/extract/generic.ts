// The generic extractor: a page's article body when no profile knows the page's markup. Pure: a parsed
// document in, a detached element holding the article's blocks out. Pure cheerio/domhandler, no browser.
//
// How it decides, learnt from the anchors (ANCHORS.md) and written for this code base:
// 1. Boilerplate goes first (trafilatura): scripts, forms, navigation, asides, hidden elements, and
//    elements whose class or id says menu, sidebar, comments, share bar or cookie notice (Readability's
//    "unlikely candidates", unless the same name also says article or content).
// 2. Every paragraph-like block of at least 25 characters scores 1 + its commas + one per 100 characters
//    (at most 3), given in full to its parent, half to its grandparent and a third per level above
//    (Readability). Containers start from a weight for their tag and their class/id names. A
//    container's score is then scaled by 1 - its link density, so link lists lose.
// 3. The best container wins, and takes along siblings that score nearly as well or are plain prose
//    (Readability's sibling join), so an article split into several wrappers comes out whole.
// 4. Inside the winner, blocks are kept or dropped one by one (jusText, trafilatura): link-heavy
//    lists, share bars, "related" boxes, bylines and short stubs with no sentence go; prose, headings,
//    lists, quotes, tables of text and figures with their captions stay.
import type { CheerioAPI } from "cheerio";
import { Element, Text, hasChildren, type AnyNode, type ChildNode, type ParentNode } from "domhandler";
import { appendAll, elements, isElement, relink, remove, removeAll, textOf } from "./dom.js";

/** Never a candidate, never kept: code, forms, embeds, navigation. */
const ALWAYS_DROP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "link",
  "meta",
  "input",
  "button",
  "select",
  "textarea",
  "nav",
  "aside",
  "footer",
  "iframe",
  "object",
  "embed",
  "svg",
  "canvas",
  "dialog",
  "label",
  "menu",
]);
const DROP_ROLES = /^(navigation|banner|contentinfo|complementary|dialog|alertdialog|search|menu|menubar|toolbar)$/i;

/** Class and id words that say "not the article" (Readability's unlikely candidates, extended with
 *  what the benchmark's pages use for cookie notices, newsletters and "read next"). */
const UNLIKELY =
  /-ad-|\bads?\b|advert|ai2html|banner|breadcrumb|combx|comment|community|cookie|consent|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|newsletter|related|recommend|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|subscri|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|share|sharing|toolbar|promo|paywall|signup|sign-up|outbrain|taboola|read-?next|more-?stories|most-?popular|popular|row-pop|recent|latest|trending|teaser|author-?bio|byline|tags?-?list|\btags\b/i;
/** …unless the same names also say this is the content. */
const MAYBE_CONTENT = /\band\b|article|body|column|content|main|shadow|story|entry|post-?text/i;

const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|byline|author|caption-?credit|newsletter|subscribe/i;
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;

const BLOCKS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "dd",
  "details",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "td",
  "th",
  "thead",
  "tr",
  "ul",
]);
const SCORED = new Set(["p", "pre", "td", "blockquote", "h2", "h3", "h4", "h5", "h6", "li", "dd"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

function names(el: Element): string {
  return `${el.attribs.class ?? ""} ${el.attribs.id ?? ""}`;
}

/** ±25 for each of class and id that names content or template; 0 in the passes that stop trusting names. */
function classWeight(el: Element, on: boolean): number {
  if (!on) return 0;
  let w = 0;
  for (const name of [el.attribs.class, el.attribs.id]) {
    if (!name) continue;
    if (NEGATIVE.test(name)) w -= 25;
    if (POSITIVE.test(name)) w += 25;
  }
  return w;
}

function tagWeight(name: string): number {
  switch (name) {
    case "div":
    case "article":
    case "main":
    case "section":
      return 5;
    case "pre":
    case "td":
    case "blockquote":
      return 3;
    case "address":
    case "ol":
    case "ul":
    case "dl":
    case "dd":
    case "dt":
    case "li":
    case "form":
      return -3;
    case "h1":
    case "h2":
    case "h3":
    case "h4":
    case "h5":
    case "h6":
    case "th":
      return -5;
    default:
      return 0;
  }
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if ("hidden" in a || a["aria-hidden"] === "true") return true;
  const style = a.style;
  return style !== undefined && /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Lengths of text and of link text under each element, computed once, bottom-up. */
class Measure {
  private text = new Map<AnyNode, number>();
  private link = new Map<AnyNode, number>();
  private commas = new Map<AnyNode, number>();

  textLength(n: AnyNode): number {
    this.fill(n);
    return this.text.get(n) ?? 0;
  }
  linkLength(n: AnyNode): number {
    this.fill(n);
    return this.link.get(n) ?? 0;
  }
  commaCount(n: AnyNode): number {
    this.fill(n);
    return this.commas.get(n) ?? 0;
  }
  linkDensity(n: AnyNode): number {
    const t = this.textLength(n);
    return t === 0 ? 0 : this.linkLength(n) / t;
  }
  /** Before `node` leaves the tree: its ancestors' sums no longer hold. */
  forgetAbove(node: AnyNode): void {
    for (let p = node.parent; p; p = p.parent) {
      this.text.delete(p);
      this.link.delete(p);
      this.commas.delete(p);
    }
  }
  forget(): void {
    this.text.clear();
    this.link.clear();
    this.commas.clear();
  }

  private fill(root: AnyNode): void {
    if (this.text.has(root)) return;
    // Iterative post-order walk: pages nest thousands of elements deep.
    const stack: [AnyNode, boolean][] = [[root, false]];
    while (stack.length) {
      const [n, done] = stack.pop() as [AnyNode, boolean];
      if (this.text.has(n)) continue;
      if (n instanceof Text) {
        const t = n.data.replace(/\s+/g, " ");
        this.text.set(n, t.trim() === "" ? (t === "" ? 0 : 1) : t.length);
        this.link.set(n, 0);
        this.commas.set(n, (n.data.match(/[,،、︐︑﹐﹑，､]/g) ?? []).length);
        continue;
      }
      if (!hasChildren(n)) {
        this.text.set(n, 0);
        this.link.set(n, 0);
        this.commas.set(n, 0);
        continue;
      }
      if (!done) {
        stack.push([n, true]);
        for (const c of n.children) if (!this.text.has(c)) stack.push([c, false]);
        continue;
      }
      let t = 0;
      let l = 0;
      let c = 0;
      for (const child of n.children) {
        t += this.text.get(child) ?? 0;
        l += this.link.get(child) ?? 0;
        c += this.commas.get(child) ?? 0;
      }
      if (isElement(n) && n.name === "a") l = t;
      this.text.set(n, t);
      this.link.set(n, l);
      this.commas.set(n, c);
    }
  }
}

function hasBlockChild(el: Element): boolean {
  return el.children.some((c) => isElement(c) && BLOCKS.has(c.name));
}

function hasAncestor(el: Element, tag: string, limit = 3): boolean {
  let p = el.parent;
  for (let i = 0; p && i < limit; i++, p = p.parent) if (isElement(p) && p.name === tag) return true;
  return false;
}

const CONTENT_MARK = (el: Element) =>
  el.name === "article" || el.name === "main" || /articleBody|text/i.test(el.attribs.itemprop ?? "");

/** Step 1: what is never the article. A name that says "sidebar" or "ad" on a wrapper that holds the
 *  article itself (an <article> or <main>) is a theme's name, not a verdict. */
function dropBoilerplate(root: ParentNode, m: Measure, stripUnlikely: boolean): void {
  const holdsArticle = new Set<Element>();
  for (const el of elements(root))
    if (CONTENT_MARK(el)) for (let p = el.parent; p && isElement(p); p = p.parent) holdsArticle.add(p);
  const doomed: Element[] = [];
  for (const el of elements(root)) {
    if (ALWAYS_DROP.has(el.name) || isHidden(el) || DROP_ROLES.test(el.attribs.role ?? "")) {
      doomed.push(el);
      continue;
    }
    if (!stripUnlikely || el.name === "body" || el.name === "html" || CONTENT_MARK(el) || holdsArticle.has(el))
      continue;
    const n = names(el);
    if (n.trim() && UNLIKELY.test(n) && !MAYBE_CONTENT.test(n) && !hasAncestor(el, "table") && !hasAncestor(el, "code"))
      doomed.push(el);
  }
  removeAll(doomed);
}

const PHRASING_HOLDERS = new Set(["div", "section", "article", "main", "td", "li"]);

/** Text written straight into a container that also holds blocks (`<div>text<br>text<table>…`) is
 *  paragraphs nobody marked: each run of inline content becomes a <p>, so it scores and converts as one. */
function wrapPhrasing(root: ParentNode): void {
  for (const el of [...elements(root)]) {
    if (!PHRASING_HOLDERS.has(el.name) || !hasBlockChild(el)) continue;
    // One pass over the children: runs of inline content become paragraphs, blocks stay as they are.
    const children: ChildNode[] = [];
    let run: ChildNode[] = [];
    const flush = () => {
      // Breaks at the edges of a run belong to no paragraph.
      while (run.length && isElement(run[run.length - 1]) && (run[run.length - 1] as Element).name === "br")
        children.push(run.pop() as ChildNode);
      if (run.some((n) => textOf(n).trim() !== "")) {
        const p = new Element("p", {});
        appendAll(p, run);
        p.parent = el;
        children.push(p);
      } else children.push(...run);
      run = [];
    };
    for (const n of el.children) {
      if (isElement(n) && BLOCKS.has(n.name)) {
        flush();
        children.push(n);
      } else run.push(n);
    }
    flush();
    el.children = children;
    relink(el);
  }
}

interface Scores {
  score: Map<Element, number>;
}

/** Step 2: paragraph text scores its ancestors. */
function scoreCandidates(root: ParentNode, m: Measure, weights: boolean): Scores {
  const score = new Map<Element, number>();
  const init = (el: Element) => {
    if (!score.has(el)) score.set(el, tagWeight(el.name) + classWeight(el, weights));
  };
  for (const el of elements(root)) {
    const paragraphLike = SCORED.has(el.name) || (el.name === "div" && !hasBlockChild(el));
    if (!paragraphLike) continue;
    const len = m.textLength(el);
    if (len < 25) continue;
    const points = 1 + m.commaCount(el) + Math.min(Math.floor(len / 100), 3);
    let level = 0;
    for (let p = el.parent; p && isElement(p) && level < 5; p = p.parent, level++) {
      init(p);
      const share = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      score.set(p, (score.get(p) ?? 0) + points / share);
    }
  }
  for (const [el, s] of score) score.set(el, s * (1 - m.linkDensity(el)));
  return { score };
}

/** Step 3: the best container, moved up while its parent holds the same article better. */
function topCandidate(root: ParentNode, { score }: Scores): Element | null {
  let top: Element | null = null;
  let best = -Infinity;
  for (const [el, s] of score)
    if (s > best) {
      top = el;
      best = s;
    }
  if (!top) return null;
  // An only child holds nothing its parent does not.
  while (top.parent && isElement(top.parent) && top.parent.name !== "body" && top.parent !== root) {
    const siblings = top.parent.children.filter((c) => isElement(c) || (c instanceof Text && c.data.trim() !== ""));
    if (siblings.length !== 1) break;
    top = top.parent;
  }
  return top;
}

function siblingsToKeep(top: Element, { score }: Scores, m: Measure): Element[] {
  const parent = top.parent;
  if (!parent || !isElement(parent)) return [top];
  const topScore = score.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const kept: Element[] = [];
  for (const sib of parent.children) {
    if (!isElement(sib)) continue;
    if (sib === top) {
      kept.push(sib);
      continue;
    }
    let bonus = 0;
    if (sib.attribs.class && sib.attribs.class === top.attribs.class) bonus += topScore * 0.2;
    const s = score.get(sib);
    if (s !== undefined && s + bonus >= threshold) {
      kept.push(sib);
      continue;
    }
    if (sib.name === "p") {
      const len = m.textLength(sib);
      const ld = m.linkDensity(sib);
      if ((len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld === 0 && /\.( |$)/.test(textOf(sib)))) kept.push(sib);
    }
  }
  return kept;
}

function count(el: Element, tags: Set<string>): number {
  let n = 0;
  for (const e of elements(el)) if (tags.has(e.name)) n++;
  return n;
}

const P = new Set(["p"]);
const IMG = new Set(["img"]);
const LI = new Set(["li"]);
const EMBED = new Set(["video", "audio", "embed", "object", "iframe"]);

/** Step 4: blocks inside the winner that are template, not text (Readability's conditional clean). */
function cleanConditionally(container: Element, m: Measure, weights: boolean): void {
  const span = articleSpan(container);
  const candidates = span.order.filter((e) =>
    ["div", "section", "ul", "ol", "table", "dl", "header", "figure", "p"].includes(e.name),
  );
  // Innermost first, so a removed inner block no longer counts for its container.
  const drop = (el: Element) => {
    m.forgetAbove(el);
    remove(el);
  };
  for (const el of candidates.reverse()) {
    if (!el.parent) continue;
    const weight = classWeight(el, weights);
    const text = m.textLength(el);
    const ld = m.linkDensity(el);
    if (el.name === "p") {
      // A paragraph that is a link, or a link list, below the article's text is navigation ("Read more",
      // "Related: …"); above it or within it, it is the author's ("Klicka här för att se filmen.").
      if (text > 0 && ld > 0.8 && text < 200 && span.at(el) > span.last) drop(el);
      continue;
    }
    if (el.name === "figure") continue;
    if (weight < 0 && NEGATIVE.test(names(el))) {
      drop(el);
      continue;
    }
    if (m.commaCount(el) >= 10) continue;
    const isList = el.name === "ul" || el.name === "ol" || el.name === "dl";
    const p = count(el, P);
    const img = count(el, IMG);
    const li = count(el, LI) - 100;
    const embeds = count(el, EMBED);
    const inFigure = hasAncestor(el, "figure", 3);
    const template =
      (img > 1 && p / img < 0.5 && !inFigure) ||
      (!isList && li > p) ||
      (!isList && text < 25 && (img === 0 || img > 2) && !inFigure && !headingOnly(el)) ||
      (!isList && weight < 25 && ld > 0.2) ||
      (weight >= 25 && ld > 0.5) ||
      (embeds === 1 && text < 75) ||
      embeds > 1 ||
      (isList && ld > 0.5);
    if (template) drop(el);
  }
}

/** Who wrote it and when, said in a line of its own: the page's metadata, not the article's text. */
const BYLINE_NAMES =
  /byline|author|dateline|timestamp|pubdate|published|updated|submitted|posted-?on|entry-?meta|post-?meta|article-?meta|meta-?info|article-?date|post-?date/i;
const BYLINE_TEXT = /^(by|av|von|par|por|door|di|af)\s+\S/i;
const DATE_WORDS =
  /\b(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}|\d{1,2}:\d{2} ?([ap]\.?m\.?)?|updated|published|posted)\b/i;
/** A paragraph this long is the article's text; page meta stands above the first or below the last. */
const LONG_PARAGRAPH = 100;
/** The elements under `container` in document order, an element's place in it, and the places of the
 *  first and last long paragraph (the article's text; ±Infinity when it has none). */
function articleSpan(container: Element): {
  order: Element[];
  at: (el: Element) => number;
  first: number;
  last: number;
} {
  const order = [...elements(container)];
  const position = new Map(order.map((el, i) => [el, i]));
  const long = order.filter((el) => el.name === "p" && textOf(el).trim().length >= LONG_PARAGRAPH);
  const at = (el: Element) => position.get(el) ?? 0;
  const first = long[0];
  const last = long[long.length - 1];
  return { order, at, first: first ? at(first) : Infinity, last: last ? at(last) : -Infinity };
}

const COPYRIGHT = /©|ⓒ|\(c\) ?\d{4}|copyright|all rights reserved|alle rechte vorbehalten|tous droits réservés/i;

/** A line of the page's metadata: by its name anywhere; by its words ("By …", a date, "© …") only at
 *  the article's edges (`atEdge`: above its first or below its last long paragraph), where bylines and
 *  copyright lines stand, so that a short line of the text itself ("Sista dag: 31 mars 2021") stays. */
function isMetaLine(el: Element, text: string, atEdge: boolean): boolean {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length === 0 || line.length > 200) return false;
  if (el.attribs.rel === "author" || /author|datePublished|dateModified/.test(el.attribs.itemprop ?? "")) return true;
  if (BYLINE_NAMES.test(names(el)) && line.length < 160) return true;
  if (!atEdge) return false;
  const words = line.split(" ").length;
  if (words <= 14 && BYLINE_TEXT.test(line) && !/[.!?]$/.test(line)) return true;
  if (words <= 10 && DATE_WORDS.test(line) && !/[.!?]["”’]?$/.test(line)) return true;
  return COPYRIGHT.test(line) && line.length < 300;
}

/** The title, bylines, datelines and copyright lines at the edges of the article. */
function dropPageMeta(container: Element, title: string | undefined): void {
  const norm = (t: string) =>
    t
      .replace(/[\s\p{P}]+/gu, " ")
      .trim()
      .toLowerCase();
  const t = title ? norm(title) : "";
  const doomed: Element[] = [];
  const span = articleSpan(container);
  for (const el of span.order) {
    if (doomed.some((d) => isInside(el, d))) continue;
    const text = textOf(el);
    if (HEADINGS.has(el.name)) {
      const h = norm(text);
      if (el.name === "h1" || (t !== "" && h !== "" && (h === t || (h.length > 20 && t.startsWith(h)))))
        doomed.push(el);
      continue;
    }
    if (
      el.name === "header" &&
      (el.children.some((c) => isElement(c) && c.name === "h1") || text.trim().length < 300)
    ) {
      doomed.push(el);
      continue;
    }
    if (el.name === "figure" || el.name === "figcaption") continue;
    // A caption or photo credit outside any figure: its image is gone (lazy-loaded, or a slideshow),
    // so it describes nothing the body shows.
    if (
      /caption|credit/i.test(names(el)) &&
      !hasAncestor(el, "figure", 6) &&
      !el.children.some((c) => isElement(c) && c.name === "img")
    ) {
      doomed.push(el);
      continue;
    }
    if (
      (el.name === "p" ||
        el.name === "div" ||
        el.name === "span" ||
        el.name === "time" ||
        el.name === "address" ||
        el.name === "a") &&
      isMetaLine(el, text, span.at(el) < span.first || span.at(el) > span.last)
    )
      doomed.push(el);
  }
  removeAll(doomed);
}

function isInside(el: AnyNode, ancestor: Element): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

function headingOnly(el: Element): boolean {
  return el.children.some((c) => isElement(c) && HEADINGS.has(c.name));
}

const CAPTION_MAX_CHARS = 300;

/** Images under each element, counted once bottom-up (markFigures asks for many elements). */
function imageCounts(root: Element): Map<Element, number> {
  const counts = new Map<Element, number>();
  const all = [...elements(root)];
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i] as Element;
    let n = el.name === "img" ? 1 : 0;
    for (const c of el.children) if (isElement(c)) n += counts.get(c) ?? 0;
    counts.set(el, n);
  }
  return counts;
}

/**
 * An image with its caption, however the theme wraps them (`<div class="bildruta"><img><span
 * class="bildtext">…</span></div>`, `<p><img><br><em>…</em></p>`), becomes a <figure> with a
 * <figcaption>, so that the caption travels with its image and is not read as a paragraph: a wrapper
 * (up to three levels above the image) holding the image and, besides it, one element of short text
 * and nothing else.
 */
function markFigures(container: Element): void {
  const images = imageCounts(container);
  for (const img of [...elements(container)].filter((e) => e.name === "img")) {
    let part: Element = img;
    for (let level = 0; level < 3; level++) {
      const el = part.parent;
      if (!el || !isElement(el) || el === container || el.name === "figure") break;
      if ((images.get(el) ?? 0) !== 1) break;
      const parts = el.children.filter(
        (c) => !(c instanceof Text && c.data.trim() === "") && !(isElement(c) && c.name === "br"),
      );
      const caption = parts.length === 2 ? parts.find((c) => c !== part) : undefined;
      if (["div", "p", "span"].includes(el.name) && caption && isElement(caption) && caption.name !== "img") {
        const text = textOf(caption).trim();
        if (text !== "" && text.length <= CAPTION_MAX_CHARS && (images.get(caption) ?? 0) === 0) {
          el.name = "figure";
          caption.name = "figcaption";
          break;
        }
      }
      if (parts.length !== 1) break;
      part = el;
    }
  }
}

interface Pass {
  stripUnlikely: boolean;
  weighClasses: boolean;
  cleanConditionally: boolean;
}
/** Readability's retries: when a pass finds too little text, the next one trusts class names less. */
const PASSES: Pass[] = [
  { stripUnlikely: true, weighClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: false, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: false, cleanConditionally: false },
];
/** A pass that finds this much text is believed (Readability's charThreshold). */
const ENOUGH_TEXT = 500;

interface Attempt {
  container: Element;
  length: number;
  /** The winner is, or is inside, an element the page itself calls the article. */
  marked: boolean;
}

function attempt(body: Element, pass: Pass, title: string | undefined): Attempt {
  const m = new Measure();
  dropBoilerplate(body, m, pass.stripUnlikely);
  wrapPhrasing(body);
  m.forget();
  const scores = scoreCandidates(body, m, pass.weighClasses);
  const top = topCandidate(body, scores);
  const container = new Element("div", {});
  const kept = top ? siblingsToKeep(top, scores, m) : [];
  removeAll(kept);
  appendAll(container, kept);
  if (pass.cleanConditionally) cleanConditionally(container, m, pass.weighClasses);
  dropPageMeta(container, title);
  markFigures(container);
  m.forget();
  let marked = false;
  for (let p: ParentNode | null = top; p && isElement(p); p = p.parent)
    if (p.name === "article" || /articleBody/i.test(p.attribs.itemprop ?? "")) marked = true;
  return { container, length: m.textLength(container), marked };
}

/** The article's blocks, moved into one new <div>; null when the page has no text worth the name. */
export function genericBody($: CheerioAPI, title?: string): Element | null {
  const body = ($("body").get(0) as Element | undefined) ?? ($("html").get(0) as Element | undefined);
  if (!body) return null;
  let best: Attempt | null = null;
  for (let i = 0; i < PASSES.length; i++) {
    const last = i === PASSES.length - 1;
    // Each pass but the last works on a copy: the next one needs the page as it was.
    const result = attempt(last ? body : body.cloneNode(true), PASSES[i] as Pass, title);
    // A short article the page marks as its article is still the article (an open thread of two
    // paragraphs under long comments): believed rather than traded for the comments.
    if (result.length >= ENOUGH_TEXT || (result.marked && result.length >= ENOUGH_TEXT / 4)) return result.container;
    if (!best || result.length > best.length) best = result;
  }
  return best && best.length > 0 ? best.container : null;
}
