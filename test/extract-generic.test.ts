// The generic profile (issue 19): `extract --profile generic --json` on real pages from the article-
// extraction benchmark (fixtures/articles: four pages with their hand-made ground truth, MIT), and the
// generic extractor on a page built to hold every kind of template text around every kind of content.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { scorePage } from "../bench/article-set.js";
import { extractPost } from "../src/extract/post.js";
import { genericProfile, loadProfile } from "../src/profiles/profile.js";
import { cli, ROOT, tempDir } from "./helpers.js";

const ARTICLES = join(ROOT, "fixtures/articles");
const truth = JSON.parse(readFileSync(join(ARTICLES, "ground-truth.json"), "utf8")) as Record<
  string,
  { url: string; articleBody: string }
>;

/** Read off each page by a person: the headline and date it shows, and text of its template (menus,
 *  notices, comments, footers) that must never be in the body. */
const PAGES = [
  {
    key: "04a6711c",
    title: "Republicans Are Following Trump to Nowhere",
    date: "2019-11-19",
    template: ["Site Index", "Log In", "Advertisement"],
  },
  {
    key: "0e014df6",
    title: "Hiking the Boulder Flat Irons",
    date: "2014-09-15",
    template: ["This website uses cookies", "Leave a Reply"],
  },
  {
    // No date in the page's metadata or URL: the visible one is only in Korean running text.
    key: "9da36ae4",
    title: "악녀의 덫에 걸린 이유리, 의외로 막장극 어울리는 남상미",
    date: "",
    template: ["광고제휴문의", "무단 전재 복사 배포", "많이 본 칼럼"],
  },
  {
    // A two-paragraph post above long comments: the post, not the comments.
    key: "ac3c0355",
    title: "September 2018 open thread",
    date: "2018-09-10",
    template: ["Milan Griffes", "Recent Comments", "Leave a Reply"],
  },
];

function pageFile(key: string): { file: string; full: string } {
  const full = Object.keys(truth).find((k) => k.startsWith(key));
  if (!full) throw new Error(`no fixture page ${key}`);
  const file = join(tempDir("mia-article-"), `${key}.html`);
  writeFileSync(file, gunzipSync(readFileSync(join(ARTICLES, `${full}.html.gz`))));
  return { file, full };
}

describe("extract --profile generic --json on real article pages", () => {
  it.each(PAGES)("$key: title, date, body text against the hand-made ground truth", async (page) => {
    const { file, full } = pageFile(page.key);
    const t = truth[full] as { url: string; articleBody: string };
    const run = await cli(["extract", file, "--profile", "generic", "--url", t.url, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      title: string;
      date: string;
      tags: string[];
      markdown: string;
      text: string;
      extractedBy: string;
    };
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(["title", "date", "tags", "markdown", "text", "extractedBy"]),
    );
    expect(out.extractedBy).toBe("generic");
    expect(out.title).toBe(page.title);
    expect(out.date.slice(0, 10)).toBe(page.date);
    // The benchmark's own score for one page (bench/article-set.ts): F1 of 4-word shingles.
    const { precision: p, recall: r } = scorePage(out.text, t.articleBody);
    expect((2 * p * r) / (p + r)).toBeGreaterThan(0.9);
    for (const s of page.template) {
      expect(out.text).not.toContain(s);
      expect(out.markdown).not.toContain(s);
    }
  });

  it("reads standard input, and without --url takes the page's canonical address", async () => {
    const { file } = pageFile("0e014df6");
    const run = await cli(["extract", "-", "--profile", "generic", "--json"], ROOT, readFileSync(file));
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { url: string }).url).toMatch(/^https:\/\/theantijunecleaver\.com\//);
  });

  it("prints Markdown with frontmatter by default", async () => {
    const { file, full } = pageFile("ac3c0355");
    const run = await cli(["extract", file, "--profile", "generic", "--url", (truth[full] as { url: string }).url]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^---\ntitle: September 2018 open thread\ndate: "?2018-09-10T16:25:36-05:00"?\n/);
    expect(run.stdout).toContain("Our goal with hosting quarterly open threads");
  });

  it("says in one line what to do with a page that is not a post of the profile, or a file that is not there", async () => {
    const { file } = pageFile("ac3c0355");
    const notPost = await cli(["extract", file]);
    expect(notPost.code).toBe(3);
    expect(notPost.stderr.trim().split("\n")).toHaveLength(1);
    expect(notPost.stderr).toContain("not a post of the mia profile");
    expect(notPost.stderr).toContain("--profile generic");
    const missing = await cli(["extract", join(tempDir(), "nope.html"), "--profile", "generic"]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/nope\.html cannot be read \(ENOENT\)/);
  });
});

/** A blog post page with every kind of template around every kind of content the conservation check
 *  needs (links, an image with a linked caption, headings, lists, a quote). */
const TEMPLATED = `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>Ny vägledning för handläggare | Exempelbloggen</title>
<meta property="og:title" content="Ny vägledning för handläggare">
<meta property="article:published_time" content="2021-03-04T09:30:00+01:00">
<meta property="article:tag" content="Vägledning"><meta property="article:tag" content="Samverkan">
</head><body>
<div id="cookie-notice">Vi använder kakor för att webbplatsen ska fungera. <button>Godkänn</button> <a href="/kakor">Läs mer om kakor</a></div>
<header class="site-header"><a href="/">Exempelbloggen</a><nav><ul><li><a href="/">Start</a></li><li><a href="/om">Om oss</a></li><li><a href="/kontakt">Kontakt</a></li></ul></nav></header>
<div class="wrap"><main>
<article class="post">
<h1 class="entry-title">Ny vägledning för handläggare</h1>
<p class="byline">Av Anna Svensson, 4 mars 2021</p>
<div class="share-bar"><a href="https://facebook.com/share">Dela på Facebook</a> <a href="https://twitter.com/share">Dela på Twitter</a></div>
<div class="entry-content">
<p>Försäkringskassan och Arbetsförmedlingen har tagit fram en gemensam vägledning, som beskriver hur handläggare ska samarbeta när en person riskerar att hamna mellan stolarna.</p>
<h2>Vad är nytt?</h2>
<p>Vägledningen bygger på erfarenheter från <a href="https://www.miaprojektet.se/">MIA-projektet</a> och från tre kommuner, där handläggare under två år har prövat nya sätt att arbeta tillsammans.</p>
<figure><img src="/bilder/traff.jpg" alt="Handläggare vid ett bord"><figcaption>Handläggare från tre myndigheter, <a href="https://example.org/foto">foto: Kim Berg</a></figcaption></figure>
<ul><li>Ett gemensamt första möte med personen, där alla myndigheter är med.</li><li>En kontaktperson som följer ärendet hela vägen, också när det byter handläggare.</li></ul>
<blockquote><p>Ingen ska behöva berätta sin historia fem gånger, sa en av deltagarna på den första träffen i Haninge.</p></blockquote>
<p>Läs hela vägledningen på <a href="https://example.org/vagledning.pdf">myndighetens webbplats</a>, eller hör av dig till oss om du har frågor om hur den kan användas.</p>
</div>
<div class="tags-list">Etiketter: <a rel="tag" href="/tagg/vagledning">Vägledning</a>, <a rel="tag" href="/tagg/samverkan">Samverkan</a></div>
</article>
<section class="related-posts"><h3>Relaterade inlägg</h3><ul><li><a href="/a">Samverkan i praktiken: erfarenheter från tre kommuner under ett år</a></li><li><a href="/b">Så fungerar det gemensamma första mötet mellan myndigheterna</a></li><li><a href="/c">Kontaktpersonen som följer ärendet hela vägen</a></li></ul></section>
<div id="comments"><h3>2 kommentarer</h3><div class="comment"><p>Mycket bra initiativ, det här har vi väntat på länge här i kommunen, tack för att ni delar med er!</p></div><div class="comment"><p>Finns vägledningen också på lätt svenska, så att fler kan läsa den och förstå vad den betyder?</p></div></div>
</main>
<aside class="sidebar"><h3>Senaste inläggen</h3><ul><li><a href="/x">Ett inlägg från förra veckan om något helt annat</a></li></ul><div class="newsletter">Prenumerera på vårt nyhetsbrev så missar du inget nytt från oss.</div></aside>
</div>
<footer><p>© 2021 Exempelbloggen. Alla rättigheter förbehållna.</p></footer>
</body></html>`;

describe("the generic extractor", () => {
  const post = extractPost(
    TEMPLATED,
    "https://blogg.example.org/2021/03/04/ny-vagledning",
    genericProfile("https://blogg.example.org"),
    { leadMaxChars: 300, typography: false },
  );

  it("reads title, date and tags from the page's metadata", () => {
    expect(post?.title).toBe("Ny vägledning för handläggare");
    expect(post?.date).toBe("2021-03-04");
    expect(post?.dateTime).toBe("2021-03-04T09:30:00+01:00");
    expect(post?.tags).toEqual(["Vägledning", "Samverkan"]);
    expect(post?.extractedBy).toBe("generic");
  });

  it("keeps every block of the article: headings, links, the image with its linked caption, lists, the quote", () => {
    const html = post?.bodyHtml ?? "";
    expect(html).toContain("<h2>Vad är nytt?</h2>");
    expect(post?.links.map((l) => l.href)).toEqual([
      "https://www.miaprojektet.se/",
      "https://example.org/foto",
      "https://example.org/vagledning.pdf",
    ]);
    expect(post?.images).toEqual([
      {
        src: "https://blogg.example.org/bilder/traff.jpg",
        alt: "Handläggare vid ett bord",
        caption: "Handläggare från tre myndigheter, foto: Kim Berg",
      },
    ]);
    expect(html).toMatch(
      /<figcaption>Handläggare från tre myndigheter, <a href="https:\/\/example.org\/foto">foto: Kim Berg<\/a><\/figcaption>/,
    );
    expect(html).toContain("<li>En kontaktperson som följer ärendet hela vägen");
    expect(html).toMatch(/<blockquote><p>Ingen ska behöva berätta/);
    expect(html).toContain("Läs hela vägledningen på");
  });

  it("never returns template text: cookie notice, menu, title, byline, share bar, tags, related posts, comments, sidebar, footer", () => {
    const html = post?.bodyHtml ?? "";
    for (const s of [
      "kakor",
      "Om oss",
      "<h1",
      "Anna Svensson",
      "Dela på",
      "Etiketter",
      "Relaterade",
      "Samverkan i praktiken",
      "kommentarer",
      "lätt svenska",
      "Senaste",
      "nyhetsbrev",
      "rättigheter",
    ])
      expect(html).not.toContain(s);
  });

  it("stands in when a profile's body selector matches nothing (extractedBy: fallback)", () => {
    const mia = loadProfile();
    const page = TEMPLATED.replace('<div class="wrap">', '<div class="wrap">');
    const p = extractPost(page, "https://www.miaprojektet.se/2021/03/04/ny-vagledning-12345678", mia, {
      leadMaxChars: 300,
      typography: false,
    });
    expect(p?.extractedBy).toBe("fallback");
    expect(p?.bodyHtml).toContain("Vad är nytt?");
    expect(p?.bodyHtml).not.toContain("Relaterade");
  });
});
