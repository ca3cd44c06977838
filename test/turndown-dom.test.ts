// turndown is handed a copy of our htmlparser2 tree (src/convert/turndown-dom.ts) instead of parsing each
// body again with its bundled domino. Safe only if turndown and our rules write the same Markdown and
// findings either way: checked on every replica post's body, the bodies the generic extractor takes from
// real pages of other sites (fixtures/articles), and bodies made to hit each DOM call turndown makes.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import render from "dom-serializer";
import { parseDocument } from "htmlparser2";
import type TurndownService from "turndown";
import { describe, expect, it } from "vitest";
import { buildSite } from "../fixtures/site/render.js";
import type { ConvertContext } from "../src/convert/context.js";
import { markdownService } from "../src/convert/markdown.js";
import { turndownRoot } from "../src/convert/turndown-dom.js";
import { decodeBody } from "../src/crawl/charset.js";
import { HTMLPARSER2_OPTIONS } from "../src/extract/own-html.js";
import { extractPost } from "../src/extract/post.js";
import { genericProfile, loadProfile } from "../src/profiles/profile.js";
import { expectedPosts, ROOT } from "./helpers.js";

type Figures = ConvertContext["figures"];
const context = (figures: Figures): ConvertContext => ({
  rewriteUrl: (u) => (u.startsWith("/") ? `https://ny.example${u}` : u),
  figures,
  findings: [],
});

/** Markdown and findings with turndown's own parse (domino) and with our tree. */
function bothWays(html: string, figures: Figures = "markdown") {
  const viaDomino = context(figures);
  const viaOurs = context(figures);
  const ours = turndownRoot(parseDocument(html, HTMLPARSER2_OPTIONS).children) as unknown as TurndownService.Node;
  return {
    domino: { md: markdownService(viaDomino).turndown(html), findings: viaDomino.findings },
    ours: { md: markdownService(viaOurs).turndown(ours), findings: viaOurs.findings },
  };
}

const site = buildSite();
const profile = loadProfile();
const replicaBodies = expectedPosts().map((p) => {
  const res = site.resolve(new URL(p.url).pathname);
  const html = decodeBody(res.body, res.headers["content-type"]).text;
  const post = extractPost(html, p.url, profile, { leadMaxChars: 300, typography: true });
  return [p.id, post?.bodyHtml ?? ""] as const;
});

const ARTICLES = join(ROOT, "fixtures/articles");
const articleBodies = readdirSync(ARTICLES)
  .filter((f) => f.endsWith(".html.gz"))
  .map((f) => {
    const truth = JSON.parse(readFileSync(join(ARTICLES, "ground-truth.json"), "utf8")) as Record<
      string,
      { url: string }
    >;
    const key = f.replace(".html.gz", "");
    const url = truth[key]?.url ?? "https://example.org/a";
    const html = gunzipSync(readFileSync(join(ARTICLES, f))).toString("utf8");
    const post = extractPost(html, url, genericProfile(new URL(url).origin), { leadMaxChars: 300, typography: false });
    return [key.slice(0, 8), post?.bodyHtml ?? ""] as const;
  });

/** Each names the turndown code path it reaches. */
const MADE: [string, string][] = [
  ["comments are dropped", "<p>Ett<!-- dold --> två</p><!-- mellan --><p>tre</p>"],
  ["whitespace collapsed across inline elements", "<p>  Ett <b> två </b>  <i>tre</i>\n\t fyra </p><p> </p>"],
  ["flanking whitespace inside emphasis", "<p>a<strong> b </strong>c<em>d </em> e</p>"],
  ["a fenced code block keeps its spaces", '<pre><code class="language-js">const a  =  1;\n  b();\n</code></pre>'],
  ["inline code beside text", "<p>kör <code>npm  test</code> nu</p>"],
  ["an ordered list with a start", '<ol start="7"><li>sju</li><li>åtta</li></ol>'],
  [
    "nested lists, paragraphs in items",
    "<ul><li><p>Ett</p><ul><li>Ett a</li></ul></li><li><p>Två</p><p>mer</p></li></ul>",
  ],
  [
    "blank elements and void elements inside them",
    "<p><span> </span></p><p><a href='/x'></a></p><p><span><img src='/i.jpg' alt='a'></span></p>",
  ],
  ["line breaks", "<p>rad ett<br>rad två<br><br>rad tre</p><h2>Rubrik<br>på två rader</h2>"],
  ["entities and Markdown characters", "<p>&lt;b&gt; &amp; *stjärna* _under_ [hak] 1. inte lista # inte rubrik</p>"],
  ["no-break spaces", "<p>2&nbsp;000 personer&nbsp; &nbsp;här</p>"],
  ["a block quote with paragraphs", "<blockquote><p>Citat ett.</p><p>Citat två.</p></blockquote><hr><p>Efter.</p>"],
  [
    "a figure with a linked caption",
    "<figure><img src='/bild.jpg' alt='Alt &quot;text&quot;'><figcaption>Foto: <a href='/fotograf'>Anna</a><br>2021</figcaption></figure>",
  ],
  [
    "figures without an image",
    "<figure><figcaption>Bara text</figcaption></figure><figure class='wp-block-table'><table><tr><th>A</th></tr><tr><td>1</td></tr></table><figcaption>Tabell</figcaption></figure>",
  ],
  [
    "an image outside a figure, and a script URL",
    "<p><img src='/a.png' alt='A'> <a href='javascript:alert(1)'>klick</a></p>",
  ],
  [
    "a table with and without a header",
    "<table><thead><tr><th>Namn</th><th>Antal</th></tr></thead><tbody><tr><td>A | B</td><td>2</td></tr></tbody></table><table><tr><td>x</td></tr><tr><td>y</td><td>z</td></tr></table>",
  ],
  [
    "embeds",
    "<iframe src='https://www.youtube.com/embed/x'></iframe><video><source src='/film.mp4'></video><audio src='javascript:x'></audio>",
  ],
  [
    "unknown elements and divs",
    "<div><section><p>I en sektion</p></section><x-custom>egen</x-custom></div>text utanför",
  ],
  ["headings of every level", "<h1>1</h1><h3>3</h3><h6>6</h6>"],
  ["a link with a title", "<p><a href='/sida' title='Sidans titel'>länk</a> och <a href='#ankare'>ankare</a></p>"],
];

describe("turndown over our tree writes what turndown over domino writes", () => {
  it("has bodies to compare", () => {
    expect(replicaBodies.length).toBeGreaterThan(60);
    expect(articleBodies.length).toBe(4);
    for (const [, body] of [...replicaBodies, ...articleBodies]) expect(body.length).toBeGreaterThan(100);
  });

  it.each(replicaBodies)("replica post %s", (_id, body) => {
    for (const figures of ["markdown", "html", "hugo"] as const) {
      const { domino, ours } = bothWays(body, figures);
      expect(ours).toEqual(domino);
    }
  });

  it.each(articleBodies)("real article %s (generic extractor)", (_key, body) => {
    const { domino, ours } = bothWays(body);
    expect(ours).toEqual(domino);
  });

  it.each(MADE)("%s", (_name, body) => {
    for (const figures of ["markdown", "html", "hugo"] as const) {
      const { domino, ours } = bothWays(body, figures);
      expect(ours.md).not.toBe("");
      expect(ours).toEqual(domino);
    }
  });

  it("keeps sibling links whole when turndown removes a node", () => {
    const root = turndownRoot(parseDocument("<p>a</p>b<i>c</i>", HTMLPARSER2_OPTIONS).children).cloneNode(true);
    const [p, b, i] = Array.from(root.childNodes);
    root.removeChild(b as NonNullable<typeof b>);
    expect(root.childNodes).toEqual([p, i]);
    expect(p?.nextSibling).toBe(i);
    expect(i?.previousSibling).toBe(p);
    expect(b?.parentNode).toBeNull();
    expect(root.textContent).toBe("ac");
  });

  it("leaves the tree it was given as it was (turndown edits its copy)", () => {
    const body = MADE.map(([, html]) => html).join("");
    const doc = parseDocument(body, HTMLPARSER2_OPTIONS);
    const before = render(doc);
    markdownService(context("markdown")).turndown(turndownRoot(doc.children) as unknown as TurndownService.Node);
    expect(render(doc)).toBe(before);
  });
});
