// The crawler's link scanner against a real HTML parser (htmlparser2) as the oracle: the same links on
// every page of the replica, and on the awkward markup a scanner can get wrong.
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { buildSite } from "../fixtures/site/render.js";
import { rawLinks } from "../src/extract/discover.js";
import { decodeBody } from "../src/crawl/charset.js";

const SRC_TAGS = new Set(["img", "iframe", "source", "video", "audio", "embed"]);

function oracle(html: string): { links: string[]; base: string | undefined } {
  const found = new Set<string>();
  let base: string | undefined;
  const parser = new Parser({
    onopentag(name, attrs) {
      const add = (v: string | undefined) => v !== undefined && v.trim() && found.add(v.trim());
      if (name === "a" || name === "area") add(attrs.href);
      else if (SRC_TAGS.has(name)) {
        add(attrs.src);
        for (const part of (attrs.srcset ?? "").split(",")) add(part.trim().split(/\s+/)[0]);
      } else if (name === "base" && attrs.href?.trim()) base ??= attrs.href.trim();
    },
  });
  parser.end(html);
  return { links: [...found], base };
}

describe("rawLinks", () => {
  it("finds what a real HTML parser finds, on every page of the replica", () => {
    const site = buildSite();
    let pages = 0;
    for (const [path, res] of site.resources) {
      if (!res.headers["content-type"]?.startsWith("text/html")) continue;
      const html = decodeBody(res.body, res.headers["content-type"]).text;
      expect(rawLinks(html), path).toEqual(oracle(html));
      pages++;
    }
    expect(pages).toBeGreaterThan(130);
  });

  it.each([
    ["single quotes, unquoted values and upper case", `<A HREF='/a'>x</A><img src=/b.jpg alt=x><IFRAME SRC="/c">`],
    ["entities in a value", `<a href="/sök?a=1&amp;b=2">x</a><a href="/x&#x2F;y">y</a>`],
    ["a > inside a quoted attribute", `<a title="1 > 0" href="/d">x</a>`],
    [
      "links in comments, scripts and styles are not links",
      `<!-- <a href="/no1"> --><script>var s='<a href="/no2">'</script><style>a[href="/no3"]{}</style><a href="/yes">`,
    ],
    ["srcset candidates", `<img src="/e.jpg" srcset="/e-2x.jpg 2x, /e-3x.jpg 3x">`],
    ["the first of a repeated attribute", `<a href="/first" href="/second">x</a>`],
    ["a <base href>", `<base href="https://www.miaprojektet.se/i/"><a href="rel">x</a>`],
    [
      "tags of one double-quoted attribute (the scanner's short path)",
      `<a HREF=" /spaced ">x</a><img src="/g.jpg"/><a  href="/h" >h</a><a data-href="/no">n</a><a href="/i&amp;j">i</a>`,
    ],
    ["empty and missing values", `<a href="">x</a><a href>y</a><a name="top">z</a><img>`],
    [
      "tags that only start like ours",
      `<abbr title="x">MIA</abbr><article><a href="/f">f</a></article><image src="/no">`,
    ],
  ])("agrees with the parser: %s", (_name, html) => {
    expect(rawLinks(html)).toEqual(oracle(html));
  });
});
