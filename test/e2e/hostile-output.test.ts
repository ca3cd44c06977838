// Content never becomes code. Hostile strings (generated with fast-check from pieces that break out of
// Markdown, HTML, YAML and Liquid) are put in every field a post has: title, tag, image alt and
// caption, link text and address, an embed's address, body text, and raw markup in the body. The
// posts go through extract → normalise → convert, the Markdown is built by Eleventy (its defaults, raw
// HTML allowed) and by Hugo (with --figures html and raw HTML on), and every page is opened in Chromium:
// no script runs, no dialog opens, no request leaves for an address the post did not name, and no
// element appears that the source did not have. The frontmatter reads back, as YAML 1.1 (js-yaml, as
// Eleventy reads it) and through Hugo, as exactly the strings that were written.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { load } from "cheerio";
import fc from "fast-check";
import yaml from "js-yaml";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertOptions } from "../../src/pipeline/settings.js";
import { planSite } from "../../src/convert/site.js";
import { extractPost, type Post } from "../../src/extract/post.js";
import { loadProfile } from "../../src/profiles/profile.js";
import { CHROMIUM, launchChromium, listFiles, ROOT, tempDir } from "../helpers.js";

const hasChromium = existsSync(CHROMIUM);
const hasHugo = spawnSync("hugo", ["version"]).status === 0;
if ((!hasChromium || !hasHugo) && process.env.CI)
  throw new Error("hugo and chromium are needed: .ci/run installs them (apt-get install -y hugo chromium)");

const profile = loadProfile();
const POSTS = 24;

/** Pieces that break out of one output language or another. */
const PIECES = [
  "<script>window.__pwned=1</script>",
  "<img src=x onerror=window.__pwned=1>",
  '"><svg onload=window.__pwned=1>',
  "javascript:window.__pwned=1",
  "JaVaScRiPt:window.__pwned=1",
  " javascript:window.__pwned=1",
  "data:text/html,<script>window.__pwned=1</script>",
  ")![](https://tracker.example/pixel.gif",
  "](javascript:window.__pwned=1)",
  "[x]: javascript:window.__pwned=1",
  "<iframe src=javascript:window.__pwned=1>",
  "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
  "{{ 7*7 }}",
  "{% raw %}",
  "{%",
  "}}",
  "<!--",
  "-->",
  "---",
  "- ",
  "# ",
  "> ",
  "1.0",
  "2021-01-01",
  "yes",
  "no",
  "~",
  "`",
  "'",
  '"',
  "\\",
  "|",
  "*",
  "_",
  "<",
  ">",
  "&",
  "\u202e",
  "\u2028",
  "\t",
  "\u0000",
  "\u00a0",
  "å",
  "Ö",
];

const hostile = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(""));
const fields = fc.record({
  title: hostile,
  tag: hostile,
  alt: hostile,
  caption: hostile,
  text: hostile,
  linkText: hostile,
  href: hostile,
  embed: hostile,
  raw: fc.constantFrom(...PIECES.filter((p) => p.startsWith("<"))),
});
type Fields = typeof fields extends fc.Arbitrary<infer T> ? T : never;

// The test's own escaping, to put text into the source page as an author's editor would have.
const text = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const attr = (s: string) => text(s).replace(/"/g, "&quot;");

function sourcePage(f: Fields, id: number): { url: string; html: string } {
  const url = `https://www.miaprojektet.se/2021/11/16/fientlig-${id}`;
  const html = `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>x - MIA-projektet</title></head><body class="h-blogpost"><div id="h-content"><div class="h-blogpost" id="h-post-${id}">
<h1 class="h-blogpost-title">${text(f.title)}</h1>
<div class="h-blogpost-body">
<div class="h-image"><img src="/images/18.1/1/bild.jpg" alt="${attr(f.alt)}"><div class="h-image-caption">${text(f.caption)}</div></div>
<p>Inledning ${text(f.text)} och <a href="${attr(f.href)}">${text(f.linkText) || "länk"}</a>.</p>
<p>Rå markup: ${f.raw}</p>
<table><tr><th>${text(f.tag)}</th></tr><tr><td>${text(f.text)}</td></tr></table>
<iframe src="${attr(f.embed)}"></iframe>
<p>Slut.</p>
</div>
<div class="h-blogpost-tags">Etiketter: <a href="/i/t42007494/tagg/">${text(f.tag)}</a></div>
</div></div></body></html>`;
  return { url, html };
}

/** How many of each element the post's body holds: nothing in the output may outnumber it. */
function sourceCounts(html: string): { img: number; a: number } {
  const $ = load(html);
  const body = $(".h-blogpost-body");
  return { img: body.find("img").length, a: body.find("a").length + body.find("iframe, video, audio, embed").length };
}

interface Census {
  pwned: unknown;
  dangerous: string[];
  handlers: string[];
  badUrls: string[];
  img: number;
  a: number;
  h1: string;
}

let browser: Browser;
const samples = fc.sample(fields, { numRuns: POSTS, seed: 20261203 });
const sources = samples.map((f, i) => ({ f, ...sourcePage(f, 45900000 + i) }));
const posts: Post[] = sources
  .map((s) => extractPost(s.html, s.url, profile, { leadMaxChars: 300, typography: true }))
  .filter((p): p is Post => p !== null);

beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Opens a built page offline: any request off this machine's files is recorded and refused. */
async function census(file: string): Promise<{ census: Census; dialogs: string[]; requests: string[] }> {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  const requests: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    requests.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  await page.waitForTimeout(50);
  const c = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll("body *"));
    const urlAttrs = ["href", "src", "action", "formaction", "srcdoc", "xlink:href", "data"];
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      dangerous: Array.from(
        document.querySelectorAll(
          "script, iframe, object, embed, svg, style, form, input, textarea, button, base, link, meta",
        ),
      ).map((e) => e.outerHTML.slice(0, 80)),
      handlers: all.flatMap((e) =>
        Array.from(e.attributes)
          .filter((a) => /^on/i.test(a.name))
          .map((a) => `${e.tagName} ${a.name}`),
      ),
      badUrls: all.flatMap((e) =>
        urlAttrs
          .map((n) => e.getAttribute(n) ?? "")
          .filter((v) => /^\s*(javascript|vbscript|data):/i.test(v.replace(/[\t\n\r]/g, ""))),
      ),
      img: document.querySelectorAll("img").length,
      // A web address written as text is made a link by Hugo's linkify (GFM autolinks): not an element
      // the content smuggled in, so not counted (its scheme is checked with the others above).
      a: Array.from(document.querySelectorAll("a")).filter((a) => a.textContent !== a.getAttribute("href")).length,
      h1: document.querySelector("h1")?.textContent ?? "",
    };
  });
  await page.close();
  return { census: c, dialogs, requests };
}

/** The built page of each post: the Markdown file's path maps to the page's path. */
function expectSafe(result: Awaited<ReturnType<typeof census>>, post: Post, label: string): void {
  const source = sources.find((s) => s.url === post.sourceUrl);
  const counts = sourceCounts(source?.html ?? "");
  const { census: c, dialogs, requests } = result;
  expect(c.pwned, `${label}: a script ran`).toBeUndefined();
  expect(dialogs, `${label}: a dialog opened`).toEqual([]);
  expect(c.dangerous, `${label}: elements the source did not have`).toEqual([]);
  expect(c.handlers, `${label}: event handler attributes`).toEqual([]);
  expect(c.badUrls, `${label}: script URLs`).toEqual([]);
  expect(c.img, `${label}: images`).toBeLessThanOrEqual(counts.img);
  expect(c.a, `${label}: links`).toBeLessThanOrEqual(counts.a);
  // Only the post's own image and links may be asked for (the old site's image, the post's link).
  for (const r of requests) expect(r, `${label}: request`).not.toMatch(/tracker\.example/);
}

describe("hostile strings in every field", () => {
  it("extract every hostile post", () => {
    expect(posts).toHaveLength(POSTS);
  });

  it("give frontmatter that YAML 1.1 (js-yaml, as Eleventy reads it) reads back as the same strings", () => {
    const plan = planSite(posts, new Map(), new Map(), convertOptions(profile, { layout: "eleventy" }));
    for (const doc of plan.docs) {
      const fm = /^---\n([\s\S]*?)\n---\n/.exec(doc.text)?.[1] ?? "";
      const data = yaml.load(fm) as {
        title: unknown;
        tags: unknown[];
        source_id: unknown;
        images: { alt: unknown; caption: unknown }[];
      };
      const post = posts.find((p) => p.id === String(data.source_id));
      expect(post, doc.path).toBeDefined();
      expect(data.title).toBe(post?.title);
      expect(data.tags).toEqual(post?.tags);
      expect(data.images.map((i) => i.alt)).toEqual(post?.images.map((i) => i.alt));
      // No bidi override or line separator reaches a title or a file name.
      expect(post?.title).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u2028\u2029\u0000]/);
      expect(doc.path).toMatch(/^[a-z0-9/.-]+$/);
    }
  });

  describe.skipIf(!hasChromium)("built by Eleventy (defaults), opened in Chromium", () => {
    it("runs no script and shows no element the source did not have", async () => {
      const site = tempDir("hostile-eleventy-");
      const plan = planSite(posts, new Map(), new Map(), convertOptions(profile, { layout: "eleventy" }));
      for (const [path, data] of plan.files) {
        mkdirSync(dirname(join(site, path)), { recursive: true });
        writeFileSync(join(site, path), data);
      }
      const run = spawnSync(
        process.execPath,
        [join(ROOT, "node_modules/@11ty/eleventy/cmd.cjs"), "--input=.", "--output=_site", "--quiet"],
        { cwd: site, encoding: "utf8" },
      );
      expect(run.status, run.stderr + run.stdout).toBe(0);
      const pages = listFiles(join(site, "_site/posts"), "index.html");
      expect(pages).toHaveLength(POSTS);
      for (const doc of plan.docs) {
        const permalink = /^permalink: (\S+)$/m.exec(doc.text)?.[1] ?? "";
        const post = posts.find((p) => doc.text.includes(`source_id: "${p.id}"`));
        expect(post, doc.path).toBeDefined();
        if (post) expectSafe(await census(join(site, "_site", permalink, "index.html")), post, `eleventy ${doc.path}`);
      }
    }, 180_000);
  });

  describe.skipIf(!hasChromium || !hasHugo)(
    "built by Hugo with --figures html and raw HTML on, opened in Chromium",
    () => {
      it("runs no script, shows no element the source did not have, and shows each title as written", async () => {
        const site = tempDir("hostile-hugo-");
        const plan = planSite(
          posts,
          new Map(),
          new Map(),
          convertOptions(profile, { layout: "hugo", figures: "html" }),
        );
        for (const [path, data] of plan.files) {
          mkdirSync(dirname(join(site, path)), { recursive: true });
          writeFileSync(join(site, path), data);
        }
        writeFileSync(
          join(site, "hugo.toml"),
          'baseURL = "https://www.example.org/"\ntitle = "MIA"\n[markup.goldmark.renderer]\nunsafe = true\n',
        );
        mkdirSync(join(site, "layouts/_default"), { recursive: true });
        writeFileSync(
          join(site, "layouts/_default/single.html"),
          "<!DOCTYPE html><html><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n",
        );
        writeFileSync(join(site, "layouts/_default/list.html"), "<!DOCTYPE html><html><body></body></html>\n");
        const run = spawnSync("hugo", ["--source", site, "--destination", join(site, "public"), "--quiet"], {
          encoding: "utf8",
        });
        expect(run.status, run.stderr + run.stdout).toBe(0);
        for (const doc of plan.docs) {
          const post = posts.find((p) => doc.text.includes(`source_id: "${p.id}"`));
          expect(post, doc.path).toBeDefined();
          if (!post) continue;
          const page = join(site, "public", doc.path.replace(/^content\//, "").replace(/index\.md$/, "index.html"));
          const result = await census(page);
          expectSafe(result, post, `hugo ${doc.path}`);
          expect(result.census.h1, doc.path).toBe(post.title);
        }
      }, 180_000);
    },
  );
});
