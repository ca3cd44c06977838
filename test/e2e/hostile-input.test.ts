// Malformed and hostile input to the pure core (extract → normalise → convert): truncated and unclosed
// markup, 10,000 levels of nesting, 50 MB pages, random bytes with Swedish letters, and titles made to
// break YAML or escape the output directory. Nothing throws, nothing hangs (each test has a time
// budget), every output path stays inside the output directory, and the frontmatter parses.
import { normalize, isAbsolute } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { buildSite } from "../../fixtures/site/render.js";
import { convertOptions } from "../../src/pipeline/settings.js";
import { decodeBody } from "../../src/crawl/charset.js";
import { planSite } from "../../src/convert/site.js";
import { extractPost, type Post } from "../../src/extract/post.js";
import { genericProfile, loadProfile, type Profile } from "../../src/profiles/profile.js";
import { expectedPosts } from "../helpers.js";

const profile = loadProfile();
const opts = { leadMaxChars: 300, typography: true };
const site = buildSite();
const sample = expectedPosts().find((p) => p.id === "45881233") ?? expectedPosts()[0]!;
const pageUrl = sample.url;
const res = site.resolve(new URL(pageUrl).pathname);
const page = decodeBody(res.body, res.headers["content-type"]).text;
const bodyStart = page.indexOf("<p");

/** Extract, then convert as the converter would; asserts what must hold for any input. */
function throughTheCore(html: string, url = pageUrl, use: Profile = profile): Post | null {
  const post = extractPost(html, url, use, opts);
  if (!post) return null;
  const plan = planSite([post], new Map(), new Map(), convertOptions(use));
  for (const path of plan.files.keys()) {
    expect(isAbsolute(path), path).toBe(false);
    expect(normalize(path).split(/[\\/]/)[0], path).not.toBe("..");
    expect(path, path).not.toMatch(/[\u0000-\u001f]/);
  }
  for (const doc of plan.docs) {
    const fm = /^---\n([\s\S]*?)\n---\n/.exec(doc.text)?.[1];
    const data = parseYaml(fm ?? "") as { title?: unknown };
    expect(data.title).toBe(post.title);
  }
  return post;
}

const SWEDISH = "åäöÅÄÖéüÃ¥Ã¤â€“\u00a0\u00ad\u200b\ufeff\ufffd";

describe("hostile input to extract, normalise and convert", () => {
  it("survives the page cut off at any point", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: page.length }), (n) => {
        throughTheCore(page.slice(0, n));
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it("survives closing tags removed and markup shuffled in", () => {
    const pieces = [
      "<p>",
      "</p>",
      "<div>",
      "</div>",
      "<figure>",
      "<figcaption>",
      "<img src=x>",
      "<br>",
      "<strong>",
      "<table><tr><td>",
      "<!--",
      "-->",
      "<script>",
      "</script>",
      "<![CDATA[",
      "&",
      "&#0;",
      "&#x110000;",
      "<a href='javascript:alert(1)'>",
      "<a href='../../../etc/passwd'>",
      "</body>",
      "<html>",
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: page.length }), fc.constantFrom(...pieces)), { maxLength: 20 }),
        fc.boolean(),
        (inserts, stripClosing) => {
          let html = stripClosing ? page.replace(/<\/(p|div|figure|span|strong)>/g, "") : page;
          for (const [at, piece] of inserts) html = html.slice(0, at) + piece + html.slice(at);
          throughTheCore(html);
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it("survives 10,000 levels of nesting in the body", () => {
    const deep = "<div><span>".repeat(10_000) + "djupt nere" + "</span></div>".repeat(10_000);
    const unclosed = "<div>".repeat(10_000) + "<p>aldrig stängd";
    for (const inner of [deep, unclosed, "<blockquote>".repeat(10_000), "<ul><li>".repeat(5_000)])
      throughTheCore(page.slice(0, bodyStart) + inner + page.slice(bodyStart));
  }, 60_000);

  it("survives the same with the generic profile, and markup no profile knows", () => {
    const generic = genericProfile(pageUrl);
    const deep = "<div><span>".repeat(10_000) + "djupt nere" + "</span></div>".repeat(10_000);
    const unclosed = "<div>".repeat(10_000) + "<p>aldrig stängd";
    for (const inner of [deep, unclosed, "<blockquote>".repeat(10_000), "<ul><li>".repeat(5_000)])
      throughTheCore(page.slice(0, bodyStart) + inner + page.slice(bodyStart), pageUrl, generic);
    // Wide where the generic extractor works hardest: 100,000 inline nodes in a <div> that also holds
    // blocks (each run becomes a paragraph), 20,000 doomed share boxes among 20,000 paragraphs.
    const wide = `<div>${"ord <b>fet</b> text<br>".repeat(25_000)}<table><tr><td>x</td></tr></table>${"mer text<br>".repeat(25_000)}</div>`;
    const boxes = `<div>${'<p>Ett stycke med text, kommatecken och lite mer text som räcker.</p><div class="share">Dela</div>'.repeat(20_000)}</div>`;
    for (const body of [wide, boxes]) {
      const post = throughTheCore(`<html><body>${body}</body></html>`, pageUrl, generic);
      expect(post?.bodyHtml.length ?? 0, body.slice(0, 40)).toBeGreaterThan(100_000);
    }
  }, 120_000);

  it("survives a 50 MB page", () => {
    const paragraph = `<p>Samordningsförbundet i Haninge stöttar människor som står långt från arbetsmarknaden – även de som ”hamnat mellan stolarna”.</p>\n`;
    const huge =
      page.slice(0, bodyStart) +
      paragraph.repeat(Math.ceil((50 * 1024 * 1024) / Buffer.byteLength(paragraph))) +
      page.slice(bodyStart);
    expect(Buffer.byteLength(huge)).toBeGreaterThan(50 * 1024 * 1024);
    const post = throughTheCore(huge);
    expect(post?.bodyHtml.length ?? 0).toBeGreaterThan(1_000_000);
  }, 180_000);

  it("survives random bytes and Swedish letters, decoded either way", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.string({ unit: fc.constantFrom(...SWEDISH, "<", ">", "&", "p", " ", "\n"), maxLength: 2000 }),
        (bytes, text) => {
          for (const charset of ["text/html; charset=utf-8", "text/html; charset=iso-8859-1", "text/html"])
            throughTheCore(decodeBody(Buffer.from(bytes), charset).text);
          throughTheCore(page.slice(0, bodyStart) + text + page.slice(bodyStart));
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);

  it("keeps hostile titles as text: YAML intact, paths inside the output", () => {
    const titles = [
      '"; rm -rf / #',
      "---\ntitle: pwned\n---",
      "../../../../etc/passwd",
      "..\\..\\windows",
      "/absolut/sökväg",
      "title: x\nslug: ../../x",
      "{{ site.title }} {% raw %}",
      "<script>alert(1)</script>",
      "\u202eevil\u202c",
      "NUL\u0000tecken",
      "a".repeat(5000),
      "🙂".repeat(300),
      "   ",
      ":",
      "- lista",
      "? nyckel",
      "*alias",
      "&ankare",
      "!!python/object",
      "@",
      "`kod`",
      "#",
    ];
    const titled = (t: string) =>
      page
        .replace(/(<h1[^>]*>)[\s\S]*?(<\/h1>)/, `$1${t.replace(/&/g, "&amp;").replace(/</g, "&lt;")}$2`)
        .replace(/<title>[\s\S]*?<\/title>/, `<title>${t.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</title>`);
    for (const t of titles) throughTheCore(titled(t));
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            ...SWEDISH,
            '"',
            "'",
            ":",
            "#",
            "\n",
            "/",
            ".",
            "\\",
            "-",
            "{",
            "}",
            "[",
            "]",
            "|",
            ">",
            "*",
            "&",
            "!",
            "%",
            "@",
            "`",
            " ",
          ),
          maxLength: 80,
        }),
        (t) => {
          throughTheCore(titled(t));
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
