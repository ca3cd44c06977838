// The links a crawler can follow from a page: every a[href], img[src] (and srcset) and iframe[src],
// made absolute against the page (honouring <base href>).
import { load } from "cheerio";

export function discoverLinks(html: string, pageUrl: string): string[] {
  const $ = load(html);
  const base = $("base[href]").attr("href");
  let baseUrl = pageUrl;
  if (base) {
    try {
      baseUrl = new URL(base, pageUrl).href;
    } catch {
      /* a broken <base> is ignored, as browsers do */
    }
  }
  const out: string[] = [];
  const add = (v: string | undefined) => {
    if (!v) return;
    try {
      out.push(new URL(v.trim(), baseUrl).href);
    } catch {
      /* not a URL */
    }
  };
  $("a[href], area[href]").each((_, el) => add($(el).attr("href")));
  $("img[src], iframe[src], source[src]").each((_, el) => add($(el).attr("src")));
  $("img[srcset], source[srcset]").each((_, el) => {
    for (const part of ($(el).attr("srcset") ?? "").split(",")) add(part.trim().split(/\s+/)[0]);
  });
  return out;
}
