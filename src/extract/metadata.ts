// What a page says about itself, for the generic profile: title, publication date and tags from the
// page's own metadata (schema.org JSON-LD, Open Graph / article: meta, <time datetime>, rel=tag), in
// that order of trust. Pure: a parsed page in, plain values out.
import type { CheerioAPI } from "cheerio";

export interface PageMetadata {
  title?: string;
  /** As the page gives it: an ISO 8601 date or date-time. */
  published?: string;
  tags: string[];
  /** Which source gave the date, for `probe`'s comparison. */
  publishedFrom?: "json-ld" | "meta" | "time";
}

const ARTICLE_TYPES =
  /^(Article|BlogPosting|NewsArticle|Report|ScholarlyArticle|TechArticle|LiveBlogPosting|OpinionNewsArticle|AnalysisNewsArticle|ReportageNewsArticle|SocialMediaPosting|WebPage)$/;

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Every object in the page's JSON-LD blocks, @graph arrays flattened. Broken blocks are skipped. */
function jsonLdObjects($: CheerioAPI): { [k: string]: Json }[] {
  const out: { [k: string]: Json }[] = [];
  $('script[type="application/ld+json"]').each((_, el) => {
    let data: Json;
    try {
      data = JSON.parse($(el).text()) as Json;
    } catch {
      return;
    }
    const stack: Json[] = [data];
    while (stack.length) {
      const v = stack.pop() as Json;
      if (Array.isArray(v)) stack.push(...v);
      else if (isObject(v)) {
        out.push(v);
        if (v["@graph"] !== undefined) stack.push(v["@graph"]);
      }
    }
  });
  return out;
}

function typesOf(o: { [k: string]: Json }): string[] {
  const t = o["@type"];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === "string");
}

function str(v: Json | undefined): string | undefined {
  if (typeof v === "string" && v.trim()) return v.trim();
  if (Array.isArray(v)) return str(v[0]);
  return undefined;
}

function keywords(v: Json | undefined): string[] {
  if (typeof v === "string")
    return v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === "string" ? [x.trim()] : [])).filter(Boolean);
  return [];
}

const meta = ($: CheerioAPI, key: string): string | undefined =>
  $(`meta[property="${key}"], meta[name="${key}"]`).first().attr("content")?.trim() || undefined;

export function pageMetadata($: CheerioAPI): PageMetadata {
  const articles = jsonLdObjects($).filter((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t)));
  // An Article beats the WebPage around it.
  articles.sort((a, b) => Number(typesOf(a).includes("WebPage")) - Number(typesOf(b).includes("WebPage")));
  const ld = articles[0];
  const title = articleTitle($, [
    str(ld?.headline),
    meta($, "og:title"),
    meta($, "twitter:title"),
    $("title").first().text(),
  ]);
  let published: string | undefined;
  let publishedFrom: PageMetadata["publishedFrom"];
  const fromLd = str(ld?.datePublished) ?? str(ld?.dateCreated);
  const fromMeta =
    meta($, "article:published_time") ?? meta($, "datePublished") ?? meta($, "date") ?? meta($, "DC.date");
  const fromTime =
    $("article time[datetime], time[pubdate][datetime], time[itemprop=datePublished][datetime]")
      .first()
      .attr("datetime") ?? $("time[datetime]").first().attr("datetime");
  if (fromLd) [published, publishedFrom] = [fromLd, "json-ld"];
  else if (fromMeta) [published, publishedFrom] = [fromMeta, "meta"];
  else if (fromTime?.trim()) [published, publishedFrom] = [fromTime.trim(), "time"];
  const tags: string[] = [];
  const add = (t: string) => {
    const clean = t.replace(/\s+/g, " ").trim();
    if (clean && !tags.includes(clean)) tags.push(clean);
  };
  $('meta[property="article:tag"]').each((_, el) => add($(el).attr("content") ?? ""));
  if (tags.length === 0) for (const k of keywords(ld?.keywords)) add(k);
  if (tags.length === 0) $('a[rel~="tag"]').each((_, el) => add($(el).text()));
  return {
    ...(title ? { title } : {}),
    ...(published ? { published, publishedFrom } : {}),
    tags,
  };
}

const squash = (t: string) => t.replace(/\s+/g, " ").trim();
const key = (t: string) => squash(t).toLowerCase();
/** " | ", " - ", " – ", " — ", " :: ", " · " between a title and the site's name. */
const SEPARATOR = / (?:[|\-–—·»]|::) /;

/**
 * The article's title. Metadata titles often carry the site's name ("Opinion | …", "… – The GiveWell
 * Blog") and the page's <h1> is sometimes the site's name: the <h1> that a metadata title contains is
 * the title as shown; without one, the first metadata title with the site's part cut off (the longer
 * side of a separator, as Readability's title rule does).
 */
function articleTitle($: CheerioAPI, candidates: (string | undefined)[]): string | undefined {
  const metas = candidates.filter((c): c is string => c !== undefined && squash(c) !== "").map(squash);
  const h1s = $("h1")
    .toArray()
    .map((el) => squash($(el).text()))
    .filter((t) => t.length >= 4);
  const shown = h1s.filter((h) => metas.some((m) => key(m).includes(key(h)))).sort((a, b) => b.length - a.length)[0];
  if (shown) return shown;
  const first = metas[0];
  if (first === undefined) return h1s[0];
  const parts = first.split(SEPARATOR);
  if (parts.length < 2) return first;
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
  // A title that is mostly separators ("A - B - C") is kept whole.
  return longest.split(" ").length >= 3 ? longest : first;
}

/** YYYY-MM-DD and, when there is a time, the ISO date-time as given. */
export function splitIsoDate(value: string): { date: string; dateTime?: string } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?/.exec(
    value.trim(),
  );
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (!m[4]) return { date };
  const zone = m[7] ? (m[7] === "Z" ? "Z" : m[7].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")) : "";
  return { date, dateTime: `${date}T${m[4]}:${m[5]}:${m[6] ?? "00"}${zone}` };
}
