// Conversion: turndown rules as input/expected pairs, escaping, frontmatter that round-trips, layouts
// whose paths stay inside the output, rewritten links, and redirects that land every old URL.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { load } from "cheerio";
import type { ConvertContext } from "../src/convert/context.js";
import { renderDocument, type Frontmatter } from "../src/convert/frontmatter.js";
import { htmlToMarkdown } from "../src/convert/markdown.js";
import { htaccess, netlifyRedirects, nginxMap, type RedirectEntry } from "../src/convert/redirects.js";
import { planSite, type PlanOptions } from "../src/convert/site.js";
import { extractPost, type Post } from "../src/extract/post.js";
import { loadProfile } from "../src/profiles/profile.js";
import { safeJoin } from "../src/write/output.js";
import { expectedPosts } from "./helpers.js";

const profile = loadProfile();
const ctx = (): ConvertContext => ({ rewriteUrl: (u) => u, figures: "markdown", findings: [] });
const md = (html: string, c = ctx()) => htmlToMarkdown(html, c).trim();

describe("Markdown rules", () => {
  it.each([
    ["paragraphs", "<p>Ett.</p><p>Två.</p>", "Ett.\n\nTvå."],
    ["a sub-heading", "<h2>Helheten i fokus</h2>", "## Helheten i fokus"],
    ["emphasis", "<p><strong>Viktigt</strong> och <em>betonat</em></p>", "**Viktigt** och *betonat*"],
    ["a list", "<ul><li>Ett</li><li>Två</li></ul>", "-   Ett\n-   Två"],
    ["a block quote", "<blockquote><p>Citat.</p></blockquote>", "> Citat."],
    ["a link", '<p>Se <a href="https://www.wonsa.se/">wonsa.se</a>.</p>', "Se [wonsa.se](https://www.wonsa.se/)."],
    ["a real line break", "<p>13.00–14.00<br>Husdjur som gisslan</p>", "13.00–14.00\\\nHusdjur som gisslan"],
    [
      "a table with a header row",
      "<table><tr><th>År</th><th>Deltagare</th></tr><tr><td>2018</td><td>412</td></tr></table>",
      "| År | Deltagare |\n| --- | --- |\n| 2018 | 412 |",
    ],
    [
      "a figure with its caption once",
      '<figure><img src="/a.jpg" alt="Alt"><figcaption>Bildtext.</figcaption></figure>',
      "![Alt](/a.jpg)\n\n*Bildtext.*",
    ],
    [
      "a figure of a table or a quote (as WordPress wraps its blocks): its content, nothing lost",
      "<figure><table><tr><th>År</th></tr><tr><td>2018</td></tr></table><figcaption>Tabell 1</figcaption></figure><figure><blockquote><p>Citat.</p></blockquote></figure>",
      "| År |\n| --- |\n| 2018 |\n\nTabell 1\n\n> Citat.",
    ],
  ])("%s", (_name, html, want) => {
    expect(md(html)).toBe(want);
  });

  it("writes a table without a header row under an empty header, and says so", () => {
    const c = ctx();
    expect(md("<table><tr><td>a</td><td>b</td></tr></table>", c)).toBe("|  |  |\n| --- | --- |\n| a | b |");
    expect(c.findings.map((f) => f.rule)).toEqual(["table-without-header"]);
  });

  it("nests a list that the old editor put straight into a list", () => {
    const page = `<div class="h-blogpost"><h1 class="h-blogpost-title">T</h1><div class="h-blogpost-body"><ul><li>Ett</li><ul><li>Ett a</li></ul><li>Två</li></ul></div></div>`;
    const post = extractPost(page, "https://www.miaprojektet.se/2021/01/01/t-45000001", profile, {
      leadMaxChars: 300,
      typography: true,
    });
    expect(md(post?.bodyHtml ?? "")).toBe("-   Ett\n    -   Ett a\n-   Två");
  });

  it("escapes only what Markdown would misread: no backslashes in ordinary Swedish prose", () => {
    const prose = "MIA-projektet (2017–2022) gav 2 000 personer hopp. Fler kvinnor än män, 57 procent. Se s. 12.";
    expect(md(`<p>${prose}</p>`)).toBe(prose);
    expect(md("<p>2021. Året då allt hände</p>")).toBe("2021\\. Året då allt hände");
    // Alone on its line a marker is an empty list item: "2021." would vanish into a list's start number.
    expect(md("<p>2021.</p>")).toBe("2021\\.");
    expect(md("<p>Rubrik<br>-</p>")).toBe("Rubrik\\\n\\-");
    expect(md("<p># inte en rubrik</p>")).toBe("\\# inte en rubrik");
    expect(md("<p>- inte en lista</p>")).toBe("\\- inte en lista");
    expect(md("<p>a*b*c och [klamrar]</p>")).toBe("a\\*b\\*c och \\[klamrar\\]");
    expect(md("<p>variabel_namn och _kursiv_</p>")).toBe("variabel_namn och \\_kursiv\\_");
    expect(md("<p>&lt;script&gt; är text</p>")).toBe("\\<script> är text");
  });

  it("makes Liquid tags harmless for Eleventy, in text and in links", () => {
    expect(md("<p>Mallen {{ titel }} och {% if %}</p>")).toBe("Mallen &#123;{ titel }&#125; och &#123;% if %&#125;");
    expect(md('<p><a href="https://x.se/?q={{a}}">{{länk}}</a></p>')).not.toMatch(/\{\{|\{%/);
  });

  it("turns an embedded video into a link, and notes it", () => {
    const c = ctx();
    expect(md('<iframe src="https://www.youtube.com/embed/x"></iframe>', c)).toBe(
      "[Inbäddat innehåll: https://www.youtube.com/embed/x](https://www.youtube.com/embed/x)",
    );
    expect(c.findings.map((f) => f.rule)).toEqual(["embed-as-link"]);
  });

  it("offers <figure> HTML and Hugo's figure shortcode on request", () => {
    const fig = '<figure><img src="/a.jpg" alt="A"><figcaption>Text "citat"</figcaption></figure>';
    expect(md(fig, { ...ctx(), figures: "html" })).toBe(
      '<figure><img src="/a.jpg" alt="A"><figcaption>Text "citat"</figcaption></figure>',
    );
    expect(md(fig, { ...ctx(), figures: "hugo" })).toBe(
      '{{< figure src="/a.jpg" alt="A" caption="Text &quot;citat&quot;" >}}',
    );
  });
});

describe("frontmatter", () => {
  it.each([
    'Titel med "citat"',
    "Titel med 'apostrof'",
    "Fråga: svar",
    "# inte en kommentar",
    "---",
    "- ledande streck",
    "[klammer] först",
    "Räksmörgås åt Östra Södertörn",
    "yes",
    "2021-11-16",
    "{{ liquid }}",
  ])("round-trips the title %j exactly", (title) => {
    const fm: Frontmatter = {
      title,
      date: "2021-11-16",
      slug: "s",
      tags: ["Våld i nära relationer"],
      description: title,
      draft: false,
      aliases: ["/a"],
      images: [],
      source_url: "https://www.miaprojektet.se/x",
      source_id: "45881233",
    };
    const text = renderDocument(fm, "Text.\n");
    const m = /^---\n([\s\S]*?)\n---\n\nText\.\n$/.exec(text);
    const back = parse(m?.[1] ?? "") as Frontmatter;
    expect(back.title).toBe(title);
    expect(back.description).toBe(title);
    expect(back.draft).toBe(false);
    expect(back.source_id).toBe("45881233");
  });

  it("renames and drops fields on request", () => {
    const fm: Frontmatter = {
      title: "T",
      date: "2021-11-16",
      slug: "t",
      tags: [],
      description: "D",
      draft: false,
      aliases: [],
      images: [],
      source_url: "u",
      source_id: "1",
    };
    const back = parse(
      renderDocument(fm, "", { rename: { description: "summary" }, drop: ["aliases", "images"] }).split("---")[1] ?? "",
    ) as Record<string, unknown>;
    expect(Object.keys(back)).toEqual(["title", "date", "slug", "tags", "summary", "draft", "source_url", "source_id"]);
  });
});

function fakePost(id: string, title: string, date = "2021-11-16", bodyHtml = "<p>Text.</p>"): Post {
  return {
    id,
    sourceUrl: `https://www.miaprojektet.se/${date.replace(/-/g, "/")}/x-${id}`,
    title,
    date,
    dateSource: "url",
    tags: [],
    bodyHtml,
    sourceHtml: bodyHtml,
    images: [],
    links: [],
    lead: "Text.",
    extractedBy: "profile",
    changes: {},
  };
}
const planOpts = (layout: PlanOptions["layout"]): PlanOptions => ({
  profile,
  layout,
  figures: "markdown",
  assets: true,
  slugMaxChars: 80,
  fields: { rename: {}, drop: [] },
});

describe("layouts", () => {
  it("put posts where each generator expects them", () => {
    const posts = [fakePost("45881233", "Vård för sexualbrottsutsatta")];
    expect(planSite(posts, new Map(), new Map(), planOpts("plain")).docs[0]).toMatchObject({
      path: "posts/2021/11/vard-for-sexualbrottsutsatta.md",
      url: "/posts/2021/11/vard-for-sexualbrottsutsatta/",
    });
    expect(planSite(posts, new Map(), new Map(), planOpts("hugo")).docs[0]).toMatchObject({
      path: "content/posts/2021/vard-for-sexualbrottsutsatta/index.md",
      url: "/posts/2021/vard-for-sexualbrottsutsatta/",
    });
    const eleventy = planSite(posts, new Map(), new Map(), planOpts("eleventy")).docs[0];
    expect(eleventy).toMatchObject({ path: "posts/2021-11-16-vard-for-sexualbrottsutsatta.md" });
    expect(eleventy?.frontmatter.permalink).toBe("/posts/2021/11/vard-for-sexualbrottsutsatta/");
  });

  it("keep every path inside the output directory, whatever the title holds", () => {
    const hostile = [
      "../../../etc/passwd",
      "/absolut/väg",
      "nul\u0000byte",
      "a".repeat(5000),
      "..",
      "ÅÄÖ/../..",
      "CON",
      "   ",
    ];
    for (const layout of ["plain", "hugo", "eleventy"] as const) {
      const plan = planSite(
        hostile.map((t, i) => fakePost(String(45000000 + i), t)),
        new Map(),
        new Map(),
        planOpts(layout),
      );
      for (const path of plan.files.keys()) {
        expect(path).toMatch(/^[a-z0-9/._-]+$/);
        expect(() => safeJoin("/tmp/out", path)).not.toThrow();
        expect(path.split("/").every((seg) => seg !== ".." && seg.length <= 100)).toBe(true);
      }
      expect(new Set(plan.docs.map((d) => d.path)).size).toBe(hostile.length);
    }
    expect(() => safeJoin("/tmp/out", "../x")).toThrow(/outside the output directory/);
  });
});

describe("links and redirects", () => {
  it("rewrites links between posts, whatever origin or encoding, and reports old-site links left", () => {
    const body =
      '<p><a href="http://miaprojektet.se/2021/11/11/ring-innan-v%c3%a5ldet-eskalerar-45850120#x">Ring</a> och <a href="https://www.miaprojektet.se/2019/02/14/mia-p%C3%A5-konferens-41700000">borta</a></p>';
    const plan = planSite(
      [
        fakePost("45881233", "Vård", "2021-11-16", body),
        fakePost("45850120", "Ring innan våldet eskalerar", "2021-11-11"),
      ],
      new Map(),
      new Map(),
      planOpts("plain"),
    );
    const text = plan.docs[0]?.markdown ?? "";
    expect(text).toContain("[Ring](/posts/2021/11/ring-innan-valdet-eskalerar/#x)");
    expect(text).toContain("[borta](https://www.miaprojektet.se/2019/02/14/mia-p%C3%A5-konferens-41700000)");
    const line = (plan.docs[0]?.text ?? "").split("\n").findIndex((l) => l.includes("[borta](")) + 1;
    expect(line).toBeGreaterThan(10);
    expect(plan.findings).toEqual([
      {
        rule: "old-site-link",
        severity: "warning",
        message: "a link to a post of the old site that was not migrated",
        text: "https://www.miaprojektet.se/2019/02/14/mia-p%C3%A5-konferens-41700000",
        postId: "45881233",
        file: "posts/2021/11/vard.md",
        postUrl: "https://www.miaprojektet.se/2021/11/16/x-45881233",
        line,
      },
    ]);
  });

  const expected = expectedPosts();
  const entries: RedirectEntry[] = expected.flatMap((p) => [
    { from: p.url, to: `/new/${p.id}/`, postId: p.id },
    ...(p.urlVariants.includes(p.url) ? [] : []),
  ]);
  // The old slug URLs that redirect (as the crawler records them).
  const withOld = [
    ...entries,
    {
      from: "https://www.miaprojektet.se/2019/01/30/vad-h%C3%A4nder-i-stockholms-stad--41614257",
      to: "/new/41614257/",
      postId: "41614257",
    },
  ];

  it("land every old URL variant of every post on its new page: _redirects, nginx map, .htaccess", () => {
    const netlify = new Map(
      netlifyRedirects(withOld)
        .split("\n")
        .filter((l) => l.startsWith("/"))
        .map((l) => l.split(" ") as [string, string, string])
        .map(([from, to]) => [from, to]),
    );
    const nginx = new Map(
      [...nginxMap(withOld).matchAll(/^\s+"((?:[^"\\]|\\.)*)" "([^"]*)";$/gm)].map((m) => [
        (m[1] ?? "").replace(/\\(.)/g, "$1"),
        m[2],
      ]),
    );
    const apache = [...htaccess(withOld).matchAll(/^RewriteRule \^(.*)\$ (\S+) \[R=301,L\]$/gm)].map((m) => ({
      re: new RegExp(
        "^" +
          (m[1] ?? "").replace(/(?:\\x[0-9a-f]{2})+/gi, (bytes) =>
            Buffer.from(
              bytes
                .split("\\x")
                .slice(1)
                .map((h) => parseInt(h, 16)),
            ).toString("utf8"),
          ) +
          "$",
      ),
      to: m[2],
    }));
    let checked = 0;
    for (const post of expected) {
      for (const variant of post.urlVariants) {
        const u = new URL(variant);
        const sent = u.pathname.replace(/%[0-9a-f]{2}/gi, (h) => h.toUpperCase()); // what a browser sends, normalised
        const decoded = decodeURIComponent(u.pathname);
        const want = `/new/${post.id}/`;
        expect(netlify.get(sent), `_redirects ${variant}`).toBe(want);
        expect(nginx.get(decoded), `nginx ${variant}`).toBe(want);
        expect(apache.find((r) => r.re.test(decoded.slice(1)))?.to, `htaccess ${variant}`).toBe(want);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(expected.length * 5);
  });
});

describe("the body's text survives conversion", () => {
  it("keeps every word of a post, in order", () => {
    const html =
      "<p>Ofta har personer som utsatts för sexuella övergrepp långa sjukskrivningar – 80 procent.</p><h2>Tydlig kopplingen</h2><ul><li>Ett</li></ul>";
    const words = (s: string) => s.split(/[\s#*-]+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    const $ = load(html);
    expect(words(md(html))).toEqual(
      words(
        $("p, h2, li")
          .map((_, e) => $(e).text())
          .get()
          .join(" "),
      ),
    );
  });
});
