// The body as the converter gets it: sub-headings, line breaks, empty paragraphs, and the generic
// fallback for pages the profile does not match.
import { describe, expect, it } from "vitest";
import { buildSite } from "../fixtures/site/render.js";
import { decodeBody } from "../src/crawl/charset.js";
import { extractPost } from "../src/extract/post.js";
import { loadProfile } from "../src/profiles/profile.js";
import { expectedPosts } from "./helpers.js";

const site = buildSite();
const profile = loadProfile();
const opts = { leadMaxChars: 300, typography: true };
const byId = new Map(expectedPosts().map((p) => [p.id, p]));

function extract(id: string) {
  const url = byId.get(id)?.url ?? "";
  const res = site.resolve(new URL(url).pathname);
  const post = extractPost(decodeBody(res.body, res.headers["content-type"]).text, url, profile, opts);
  if (!post) throw new Error(`no post ${id}`);
  return post;
}

describe("the extracted body", () => {
  it("turns <p><strong> and <span style> sub-headings into headings, but not a bold lead paragraph", () => {
    const gita = extract("45881233");
    expect(gita.bodyHtml.match(/<h2>[^<]*<\/h2>/g)).toEqual([
      "<h2>Tydlig kopplingen mellan sexuella och psykisk ohälsa.</h2>",
    ]);
    expect(gita.bodyHtml).toContain("<p><strong>Gita Rajan utsattes själv");
    expect(extract("45281049").bodyHtml).toContain("<h2>Drömjobbet att stötta andra</h2>"); // the leading-space variant
  });

  it("drops a <br> that only wrapped a sentence, keeps real line breaks", () => {
    expect(extract("41098605").bodyHtml).toContain(
      "människor som arbetstränat i ett arbetsintegrerande socialt företag",
    );
    expect(extract("45902011").bodyHtml).toMatch(/13\.00–14\.00<br>Husdjur som gisslan<br>Medverkande/);
  });

  it("drops empty paragraphs and trailing breaks, repairs spacing after commas", () => {
    const gita = extract("45881233");
    expect(gita.bodyHtml).not.toMatch(/<p>\s*<\/p>|<br>\s*<\/p>/);
    expect(gita.bodyHtml).toContain("trygga under tiden, kommer de inte");
    expect(gita.changes["comma-space"]).toBe(1);
    expect(gita.changes.quotes).toBe(2); // the two straight quotes of the last quotation
  });

  it("gives each link the block it stands in", () => {
    const gita = extract("45881233");
    expect(gita.links.map((l) => l.block)).toEqual([13, 13, 15]);
  });
});

describe("the generic fallback", () => {
  const page = `<html><head><title>Ett nytt år - MIA-projektet</title><meta property="og:title" content="Ett nytt år"></head>
    <body><div id="top"><a href="/">Start</a></div><div class="article"><h1>Ett nytt år</h1>
    <p>Första stycket om det nya året, med tillräckligt mycket text för att vara störst.</p><p>Andra stycket.</p></div>
    <div class="side"><p>Kort.</p></div></body></html>`;
  const url = "https://www.miaprojektet.se/2022/01/03/ett-nytt-%C3%A5r-46000001";

  it("extracts a post page the profile does not match, and says so", () => {
    const post = extractPost(page, url, profile, opts);
    expect(post).toMatchObject({
      id: "46000001",
      title: "Ett nytt år",
      date: "2022-01-03",
      extractedBy: "fallback",
      lead: "Första stycket om det nya året, med tillräckligt mycket text för att vara störst.",
    });
    expect(post?.bodyHtml).toContain("Andra stycket.");
    expect(post?.bodyHtml).not.toContain("Kort.");
  });

  it("takes a visible date when the profile says where it stands, and notes a conflict with the URL", () => {
    const dated = { ...profile, post: { ...profile.post, date: ".datum" } };
    const html = page.replace("<h1>", '<p class="datum">tisdag 4 januari 2022 kl. 13.00</p><h1>');
    const post = extractPost(html, url, dated, opts);
    expect(post).toMatchObject({
      date: "2022-01-04",
      dateTime: "2022-01-04T13:00:00+01:00",
      dateSource: "visible",
      dateConflict: { visible: "2022-01-04", url: "2022-01-03" },
    });
  });
});
