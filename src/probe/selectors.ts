// Selectors for a profile, learnt from sampled post pages: what varies from post to post is content,
// what repeats on every page is template. The title is the element whose text is the page's own title
// (its metadata) on every post; the body the element that agrees best with the generic extractor; the
// date an element whose text reads as a date; the tags the links to tag pages that differ from post to
// post (a tag cloud is the same on every page); images and captions the wrappers the body puts around
// its images. Pure: parsed pages in, selectors and the evidence for each out.
import { load, type CheerioAPI } from "cheerio";
import { HTMLPARSER2 } from "../extract/own-html.js";
import type { Element } from "domhandler";
import { blockText } from "../extract/block-text.js";
import { textOf } from "../extract/dom.js";
import { genericBody } from "../extract/generic.js";
import { pageMetadata } from "../extract/metadata.js";
import { parseSwedishDate } from "../normalize/date.js";
import { shingleF1 } from "../extract/text-agreement.js";

export interface PostSample {
  path: string;
  html: string;
  $: CheerioAPI;
  /** The date in the URL, when the post pattern has one. */
  urlDate?: string;
  /** Decoded paths of the links on the page to tag pages (by the proposed tag pattern). */
  isTagLink: (href: string) => boolean;
}

export interface Learnt {
  value: string;
  /** Why: how many sampled posts agree, in words for the profile's comment and the report. */
  evidence: string;
}

export interface Selectors {
  container: Learnt;
  title: Learnt;
  titleSuffix: Learnt;
  body: Learnt;
  date?: Learnt;
  tags: Learnt;
  image: Learnt;
  imageCaption: Learnt;
  strip: Learnt & { list: string[] };
}

const squash = (t: string) => t.replace(/[\s\u00a0]+/g, " ").trim();
const IDENT = /^-?[_a-zA-Z][_a-zA-Z0-9-]*$/;

/** Selectors an element can be found by: tag.class for each of its classes, and #id. */
function selectorsOf(el: Element): string[] {
  const out: string[] = [];
  for (const c of (el.attribs.class ?? "").split(/\s+/)) if (c && IDENT.test(c)) out.push(`${el.name}.${c}`);
  const id = el.attribs.id;
  // An id with digits in it names one post (h-post-45890500), not the template.
  if (id && IDENT.test(id) && !/\d{3,}/.test(id)) out.push(`#${id}`);
  return out;
}

function depth(el: Element): number {
  let d = 0;
  for (let p = el.parent; p; p = p.parent) d++;
  return d;
}

/** Selectors that match exactly one element on every page, with that element on each page. */
function uniqueOnEvery(samples: readonly PostSample[], accept: (el: Element) => boolean): Map<string, Element[]> {
  const counts = new Map<string, Element[]>();
  for (const s of samples) {
    const seen = new Map<string, Element[]>();
    s.$("[class], [id]").each((_, el) => {
      if (!accept(el)) return;
      for (const sel of selectorsOf(el)) seen.set(sel, [...(seen.get(sel) ?? []), el]);
    });
    for (const [sel, els] of seen)
      if (els.length === 1) counts.set(sel, [...(counts.get(sel) ?? []), els[0] as Element]);
  }
  return new Map([...counts].filter(([, els]) => els.length === samples.length));
}

const text = ($: CheerioAPI, el: Element) => squash($(el).text());
const of = (n: number, total: number) => `${n} of ${total} sampled posts`;

function learnTitle(samples: readonly PostSample[]): { title: Learnt; suffix: Learnt; el: Element[] } {
  const titles = samples.map((s) => squash(pageMetadata(s.$).title ?? ""));
  let best: { sel: string; hits: number; els: Element[] } = { sel: "h1", hits: 0, els: [] };
  for (const [sel, els] of uniqueOnEvery(samples, (el) => squash(textOf(el)).length < 400)) {
    const hits = els.filter((el, i) => {
      const t = text((samples[i] as PostSample).$, el);
      return t !== "" && t === titles[i];
    }).length;
    const better = hits > best.hits || (hits === best.hits && hits > 0 && /^h\d/.test(sel) && !/^h\d/.test(best.sel));
    if (better) best = { sel, hits, els };
  }
  // The site's suffix on <title>: what follows the title there, the same on every post.
  const suffixes = samples.map((s, i) => {
    const full = squash(s.$("title").first().text());
    const t = titles[i] ?? "";
    return t && full.startsWith(t) ? full.slice(t.length) : "";
  });
  const suffix = suffixes.every((x) => x === suffixes[0]) ? (suffixes[0] ?? "") : "";
  return {
    title: { value: best.sel, evidence: `${of(best.hits, samples.length)}: its text is the page's own title` },
    suffix: {
      value: suffix,
      evidence: suffix ? `every sampled <title> is the post's title and "${suffix}"` : "no common suffix on <title>",
    },
    el: best.els,
  };
}

function learnBody(samples: readonly PostSample[], title: string): { body: Learnt; els: Element[] } {
  const reference = samples.map((s) => {
    const body = genericBody(load(s.html, HTMLPARSER2), title === "" ? undefined : title);
    return body ? blockText(body) : "";
  });
  let best: { sel: string; score: number; min: number; depth: number; els: Element[] } = {
    sel: "body",
    score: -1,
    min: 0,
    depth: 0,
    els: [],
  };
  for (const [sel, els] of uniqueOnEvery(samples, () => true)) {
    const scores = els.map((el, i) => shingleF1(blockText(el), reference[i] ?? ""));
    const score = scores.reduce((a, b) => a + b, 0) / scores.length;
    const d = els.reduce((a, el) => a + depth(el), 0) / els.length;
    if (score > best.score + 1e-9 || (Math.abs(score - best.score) <= 1e-9 && d > best.depth))
      best = { sel, score, min: Math.min(...scores), depth: d, els };
  }
  return {
    body: {
      value: best.sel,
      evidence: `agrees with the generic extractor on ${of(samples.length, samples.length)}: text F1 mean ${best.score.toFixed(3)}, lowest ${best.min.toFixed(3)}`,
    },
    els: best.els,
  };
}

function learnDate(samples: readonly PostSample[], bodies: readonly Element[]): Learnt | undefined {
  // The tightest element: the shortest text around the date, then the deepest.
  let best: { sel: string; parsed: number; agree: number; length: number; depth: number } | undefined;
  for (const [sel, els] of uniqueOnEvery(samples, (el) => !bodies.includes(el))) {
    let parsed = 0;
    let agree = 0;
    let length = 0;
    els.forEach((el, i) => {
      const s = samples[i] as PostSample;
      const t = text(s.$, el);
      length += t.length;
      if (t.length > 80) return;
      const d = parseSwedishDate(t);
      if (!d) return;
      parsed++;
      if (s.urlDate === undefined || s.urlDate === d.date) agree++;
    });
    const d = els.reduce((a, el) => a + depth(el), 0);
    if (
      parsed === samples.length &&
      agree === samples.length &&
      (!best || length < best.length || (length === best.length && d > best.depth))
    )
      best = { sel, parsed, agree, length, depth: d };
  }
  if (!best) return undefined;
  const withUrl = samples.filter((s) => s.urlDate !== undefined).length;
  return {
    value: best.sel,
    evidence: `${of(best.parsed, samples.length)} show a date here${withUrl ? `, the same as the URL's on ${best.agree}` : ""}`,
  };
}

function learnTags(samples: readonly PostSample[]): Learnt {
  // Links to tag pages, by the selector of their nearest ancestor with a class.
  const sets = new Map<string, string[][]>();
  samples.forEach((s, i) => {
    s.$("a[href]").each((_, a) => {
      if (!s.isTagLink(s.$(a).attr("href") ?? "")) return;
      for (let p = a.parent; p && p.type === "tag"; p = p.parent) {
        const sel = selectorsOf(p as Element).find((x) => !x.startsWith("#"));
        if (!sel) continue;
        const key = `${sel} a`;
        const perPage = sets.get(key) ?? samples.map(() => []);
        perPage[i]?.push(text(s.$, a));
        sets.set(key, perPage);
        break;
      }
    });
  });
  let best: { sel: string; pages: number } | undefined;
  for (const [sel, perPage] of sets) {
    const withTags = perPage.filter((t) => t.length > 0).length;
    const same = perPage.every((t) => t.join("\n") === perPage[0]?.join("\n"));
    // The same links on every page are a tag cloud or a menu: template.
    if (same && samples.length > 1) continue;
    if (!best || withTags > best.pages) best = { sel, pages: withTags };
  }
  if (!best)
    return {
      value: 'a[rel~="tag"]',
      evidence: "no links to tag pages that differ from post to post; rel=tag as a default",
    };
  return {
    value: best.sel,
    evidence: `links to tag pages that differ from post to post, on ${of(best.pages, samples.length)}`,
  };
}

function learnImages(samples: readonly PostSample[], bodies: readonly Element[]): { image: Learnt; caption: Learnt } {
  const blocks = new Map<string, number>();
  const captions = new Map<string, number>();
  let images = 0;
  samples.forEach((s, i) => {
    const body = bodies[i];
    if (!body) return;
    s.$(body)
      .find("img")
      .each((_, img) => {
        images++;
        for (let p = img.parent; p && p !== body && p.type === "tag"; p = p.parent) {
          const sel = selectorsOf(p as Element).find((x) => !x.startsWith("#"));
          const tagName = (p as Element).name;
          const key = sel ?? (tagName === "figure" ? "figure" : undefined);
          if (!key) continue;
          blocks.set(key, (blocks.get(key) ?? 0) + 1);
          s.$(p)
            .find("*")
            .each((_, c) => {
              if (s.$(c).find("img").length || c.name === "img" || text(s.$, c) === "") return;
              const csel =
                selectorsOf(c).find((x) => !x.startsWith("#")) ?? (c.name === "figcaption" ? "figcaption" : undefined);
              if (csel) captions.set(csel, (captions.get(csel) ?? 0) + 1);
            });
          break;
        }
      });
  });
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1])[0];
  const block = top(blocks);
  const caption = top(captions);
  if (!block)
    return {
      image: {
        value: "figure",
        evidence: images
          ? `${images} images, none in a wrapper with a class; figure as a default`
          : "no image in the sampled posts; figure as a default",
      },
      caption: { value: "figcaption", evidence: "figcaption as a default" },
    };
  return {
    image: { value: block[0], evidence: `${block[1]} of ${images} images in the sampled posts are wrapped so` },
    caption: caption
      ? { value: caption[0], evidence: `the text beside ${caption[1]} of them` }
      : { value: "figcaption", evidence: "no caption beside the images; figcaption as a default" },
  };
}

/** Elements inside the body with the same text on every sampled post: template (a share box). */
function learnStrip(samples: readonly PostSample[], bodies: readonly Element[]): Learnt & { list: string[] } {
  const list = ["script", "style"];
  if (samples.length >= 2) {
    const texts = new Map<string, Set<string>>();
    const present = new Map<string, number>();
    samples.forEach((s, i) => {
      const body = bodies[i];
      if (!body) return;
      const seen = new Set<string>();
      s.$(body)
        .find("[class]")
        .each((_, el) => {
          for (const sel of selectorsOf(el).filter((x) => !x.startsWith("#"))) {
            if (seen.has(sel)) continue;
            seen.add(sel);
            texts.set(sel, (texts.get(sel) ?? new Set()).add(text(s.$, el)));
            present.set(sel, (present.get(sel) ?? 0) + 1);
          }
        });
    });
    for (const [sel, t] of texts)
      if (present.get(sel) === samples.length && t.size === 1 && [...t][0] !== "") list.push(sel);
  }
  return {
    value: list.join(", "),
    list,
    evidence:
      list.length > 2
        ? `the same text on every sampled post inside the body: ${list.slice(2).join(", ")}`
        : "nothing inside the body repeats on every post; scripts and styles only",
  };
}

/** The nearest ancestor of title and body with a selector of its own. */
function learnContainer(
  samples: readonly PostSample[],
  titles: readonly Element[],
  bodies: readonly Element[],
): Learnt {
  const candidates = new Map<string, number>();
  samples.forEach((s, i) => {
    const t = titles[i];
    const b = bodies[i];
    if (!t || !b) return;
    for (let p = t.parent; p && p.type === "tag"; p = p.parent) {
      if (!s.$(p).find(b).length && p !== b) continue;
      const sel = selectorsOf(p as Element).find((x) => !x.startsWith("#"));
      if (!sel) continue;
      candidates.set(sel, (candidates.get(sel) ?? 0) + 1);
      break;
    }
  });
  const best = [...candidates].sort((a, b) => b[1] - a[1])[0];
  return best
    ? { value: best[0], evidence: `holds the title and the body on ${of(best[1], samples.length)}` }
    : { value: "body", evidence: "no element with a class holds both title and body" };
}

export function learnSelectors(samples: readonly PostSample[]): Selectors {
  const t = learnTitle(samples);
  const firstTitle = samples[0] ? squash(pageMetadata(samples[0].$).title ?? "") : "";
  const b = learnBody(samples, firstTitle);
  const images = learnImages(samples, b.els);
  const date = learnDate(samples, b.els);
  return {
    container: learnContainer(samples, t.el, b.els),
    title: t.title,
    titleSuffix: t.suffix,
    body: b.body,
    ...(date ? { date } : {}),
    tags: learnTags(samples),
    image: images.image,
    imageCaption: images.caption,
    strip: learnStrip(samples, b.els),
  };
}
