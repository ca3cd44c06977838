// The links a crawler can follow from a page: a/area[href], img/iframe/source/video/audio/embed[src],
// srcset candidates, and <base href>. A scanner over the raw HTML, as wget's is: the crawl reads every
// page, and a DOM (cheerio) and then even a tokenizer (htmlparser2) were most of its CPU time. Comments,
// <script> and <style> are skipped; a test checks the result equals htmlparser2's on every replica page.
import { decodeHTML } from "entities";

const LINK_ATTRS: Record<string, readonly string[]> = {
  a: ["href"],
  area: ["href"],
  base: ["href"],
  img: ["src", "srcset"],
  iframe: ["src"],
  source: ["src", "srcset"],
  video: ["src"],
  audio: ["src"],
  embed: ["src"],
};

// A tag of interest with its attribute text (quoted values may contain ">").
const TAG = /<(a|area|base|img|iframe|source|video|audio|embed)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const ONE_ATTR = /^\s+([^\s"'>/=]+)="([^"&]*)"\s*\/?$/;
// Parts of a page whose contents are not markup.
const SKIP = /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|title)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;

/** A tag's attributes as the HTML parser reads them: names lower-cased, the first of a repeated attribute
 *  wins (even one without a value), values entity-decoded and trimmed; only `wanted` ones when given. */
export function tagAttributes(text: string, wanted?: readonly string[]): Map<string, string> {
  // Most link tags hold one attribute, double-quoted, with no entity: read without the general scan.
  const one = ONE_ATTR.exec(text);
  if (one) {
    const key = (one[1] as string).toLowerCase();
    return wanted && !wanted.includes(key) ? new Map() : new Map([[key, (one[2] as string).trim()]]);
  }
  const out = new Map<string, string>();
  const seen = new Set<string>();
  for (const attr of text.matchAll(ATTR)) {
    const key = (attr[1] ?? "").toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (wanted && !wanted.includes(key)) continue;
    const raw = attr[2] ?? attr[3] ?? attr[4];
    if (raw !== undefined) out.set(key, (raw.includes("&") ? decodeHTML(raw) : raw).trim());
  }
  return out;
}

/** Raw attribute values as written (entities decoded), in page order, without duplicates; `base` is <base href> if any. */
export function rawLinks(html: string): { links: string[]; base: string | undefined } {
  const found = new Set<string>();
  let base: string | undefined;
  const markup =
    html.includes("<!--") || /<(script|style|textarea|title)\b/i.test(html) ? html.replace(SKIP, " ") : html;
  for (const tag of markup.matchAll(TAG)) {
    const name = (tag[1] ?? "").toLowerCase();
    for (const [key, value] of tagAttributes(tag[2] ?? "", LINK_ATTRS[name] ?? [])) {
      if (!value) continue;
      if (name === "base") {
        base ??= value;
      } else if (key === "srcset") {
        for (const part of value.split(",")) {
          const url = part.trim().split(/\s+/)[0];
          if (url) found.add(url);
        }
      } else found.add(value);
    }
  }
  return { links: [...found], base };
}
