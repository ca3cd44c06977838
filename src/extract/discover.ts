// The links a crawler can follow from a page: every a[href] and area[href], img/iframe/source[src],
// srcset candidates, honouring <base href>. htmlparser2's streaming parser, not a DOM: a crawl reads
// every page, and building (then collecting) a tree for each was most of the crawl's CPU time and garbage.
import { Parser } from "htmlparser2";

const SRC_TAGS = new Set(["img", "iframe", "source", "video", "audio", "embed"]);

/** Raw attribute values as written, in page order, without duplicates; `base` is <base href> if any. */
export function rawLinks(html: string): { links: string[]; base: string | undefined } {
  const found = new Set<string>();
  let base: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if ((name === "a" || name === "area") && attrs.href) found.add(attrs.href.trim());
        else if (SRC_TAGS.has(name)) {
          if (attrs.src) found.add(attrs.src.trim());
          if (attrs.srcset) for (const part of attrs.srcset.split(",")) {
            const url = part.trim().split(/\s+/)[0];
            if (url) found.add(url);
          }
        } else if (name === "base" && attrs.href && base === undefined) base = attrs.href.trim();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return { links: [...found], base };
}

/** Absolute URLs of every link on the page. */
export function discoverLinks(html: string, pageUrl: string): string[] {
  const { links, base } = rawLinks(html);
  let baseUrl = pageUrl;
  if (base) {
    try {
      baseUrl = new URL(base, pageUrl).href;
    } catch {
      /* a broken <base> is ignored, as browsers do */
    }
  }
  const out: string[] = [];
  for (const v of links) {
    try {
      out.push(new URL(v, baseUrl).href);
    } catch {
      /* not a URL */
    }
  }
  return out;
}
