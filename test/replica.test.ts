// The replica is the ground everything else stands on: it must hold what the issue and the site model
// ask for, and its ground truth must be what the content source says (not stale, not produced by src/).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../fixtures/site/content.js";
import { expectedAll, plainText } from "../fixtures/site/expected.js";
import { buildSite } from "../fixtures/site/render.js";
import { expectedPosts, ROOT } from "./helpers.js";

const content = loadContent();
const site = buildSite(content);
const pages = [...site.resources.entries()].filter(([, r]) => r.headers["content-type"]?.startsWith("text/html"));
const htmlOf = (path: string) => {
  const r = site.resources.get(path);
  if (!r) throw new Error(`no page at ${path}`);
  return r.body.toString("latin1").includes("charset=iso-8859-1") ? r.body.toString("latin1") : r.body.toString("utf8");
};
const allHtml = pages.map(([, r]) => r.body.toString("utf8")).join("\n");

describe("the replica's content", () => {
  it("has at least 60 posts over 2017–2021 and at least 3 in every archive month", () => {
    expect(content.posts.length).toBeGreaterThanOrEqual(60);
    const months = new Map<string, number>();
    for (const p of content.posts) months.set(p.date.slice(0, 7), (months.get(p.date.slice(0, 7)) ?? 0) + 1);
    for (const [month, n] of months) expect(n, month).toBeGreaterThanOrEqual(3);
    expect(new Set(content.posts.map((p) => p.date.slice(0, 4)))).toEqual(
      new Set(["2017", "2018", "2019", "2020", "2021"]),
    );
  });

  it("states each image's caption as its visible caption says it (the visible copy wins)", () => {
    for (const p of content.posts) {
      for (const b of p.blocks) if (b.kind === "image" && b.visible) expect(plainText(b.visible), p.id).toBe(b.caption);
    }
  });

  it("has post ids that rise with the date and are unique", () => {
    const sorted = [...content.posts].sort((a, b) => a.date.localeCompare(b.date) || Number(a.id) - Number(b.id));
    const ids = sorted.map((p) => Number(p.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("carries every teaser of the two seed documents word for word", () => {
    const seeds = ["000_e0f3cc2a6965f36b.txt", "001_4cabcbd08c3eccb6.txt"].map((f) =>
      readFileSync(join(ROOT, "fixtures/seeds", f), "utf8"),
    );
    const text = allHtml
      .replace(/&nbsp;/g, " ")
      .replace(/<br \/>\s*/g, " ")
      .replace(/<[^>]+>/g, "")
      .replace(/[\s\u00a0]+/g, " ");
    // Each teaser's first line must appear in the replica.
    const teasers = seeds.flatMap((s) => s.split("Läs hela inlägget »").slice(0, -1));
    expect(teasers.length).toBeGreaterThanOrEqual(35);
    for (const t of teasers) {
      const lines = t
        .split("\n")
        .map((l) => l.replace(/[\s\u00a0]+/g, " ").trim())
        .filter((l) => l.length > 40);
      const first = lines.find((l) => !/^(1logo|MIA Vidare|Vår vision|Ingen ska)/.test(l));
      if (!first) continue;
      // 45 characters: short enough that a seed's doubled caption line ("X. X.") matches its first copy.
      expect(text.includes(first.slice(0, 45)), first.slice(0, 45)).toBe(true);
    }
  });
});

describe("the replica's pages", () => {
  it("serve every page type of the site model", () => {
    for (const path of [
      "/aktuellt-39586750",
      "/aktuellt-39586750?page=7",
      "/i/a42007494/2021/",
      "/i/a42007494/2018/11/",
      "/i/a39586750/2018/11/",
      "/i/t42007494/asf/",
      "/mia-vidare-39488405",
      "/robots.txt",
    ]) {
      expect(site.resolve(path).status, path).toBe(200);
    }
    expect(htmlOf("/aktuellt-39586750")).toContain("Äldre inlägg »");
    expect(site.resolve("/aktuellt-39586750?page=99").status).toBe(404);
  });

  it("show the three header variants and the English placeholder", () => {
    expect(htmlOf("/i/a42007494/2021/")).toContain("Vår vision: Vi ger mod och möjligheter");
    expect(htmlOf("/i/a42007494/2020/")).toContain("Får vi lov att presentera MIA Vidare?");
    expect(htmlOf("/i/a42007494/2020/")).toContain("En liten rubrik.");
    expect(htmlOf("/i/a39586750/2021/")).not.toContain("h-site-name");
    expect(htmlOf("/aktuellt-39586750")).not.toContain("h-site-name");
    expect(htmlOf("/i/a39586750/2021/")).toContain("There are no entries for this period.");
  });

  it("carry every quirk of the site model at least once", () => {
    const post = (id: string) => {
      const p = content.posts.find((x) => x.id === id);
      if (!p) throw new Error(id);
      return [...site.resources.entries()].find(([k]) => k.endsWith(`-${id}`))?.[1];
    };
    expect(allHtml).toContain("sexualbrottsutsatta&nbsp;</h1>"); // trailing NBSP in a title
    expect([...site.resources.keys()].some((k) => k.includes("\u00a0-45881233"))).toBe(true); // …and in the slug
    expect([...site.resources.keys()].some((k) => k.endsWith("stockholms-stad--41614257"))).toBe(true); // ? gives --
    expect(allHtml).toMatch(
      /alt="Gita Rajan[^"]*Wonsa\." [^>]*>\s*<div class="h-image-caption">Gita Rajan[^<]*organsiationen {2}Wonsa\.<\/div>/,
    ); // doubled caption, whitespace differs
    expect(allHtml).toMatch(/alt="Maria Reed[^"]*=Sant" [^>]*>\s*<div class="h-image-caption">[^<]*=Sant\.<\/div>/); // …a final full stop differs
    expect(allHtml).toMatch(
      /<h2 class="h-blogpost-title"><a [^>]+>Ett nav för kreativitet i Jordbro<\/a><\/h2>\s*<div class="h-blogpost-body">\s*<div class="h-image"/,
    ); // caption opening a teaser
    expect(allHtml).toContain("arbetstränat<br />\n        i ett"); // <br> in mid-sentence
    expect(allHtml).toContain("<p>&nbsp;</p>");
    expect(allHtml).toContain("&nbsp;&nbsp;&nbsp;");
    expect(allHtml).toContain('<p><span style="font-size:16px;"><strong>');
    expect(allHtml).toContain("<p><strong>&nbsp;Drömjobbet att stötta andra</strong></p>");
    expect(allHtml).toMatch(/"[^"”]+”/); // straight and Swedish quotes mixed in one quote
    expect(allHtml).toContain("Samordnings-förbundet");
    for (const typo of ["organsiationen", "betydelefullt", "systematsikt", "remmiteras", "stäcker"])
      expect(allHtml).toContain(typo);
    expect(allHtml).toMatch(/<\/p>\s*<p>Deltagare<\/p>/);
    expect(
      content.posts.filter((p) => p.blocks.some((b) => b.kind === "heading" && b.text === "Guldkornen i MIA")).length,
    ).toBe(3);
    for (const o of [
      'href="http://www.miaprojektet.se/',
      'href="http://miaprojektet.se/',
      'href="https://miaprojektet.se/',
    ])
      expect(allHtml).toContain(o);
    expect(allHtml).toContain('href="mailto:');
    expect(allHtml).toContain("youtube.com/watch");
    expect(allHtml).toMatch(/href="\/download\/18\.[0-9a-f]+\/\d+\/[^"]+\.pdf"/);
    expect(post("39652118")?.headers["content-type"]).toBe("text/html; charset=iso-8859-1");
    expect(post("39630947")?.headers["content-type"]).toBe("text/html; charset=iso-8859-1");
    expect(post("40380212")?.body.toString("utf8")).toContain("semester. Tack fÃ¶r ett fantastiskt");
    expect(allHtml).toContain("Szabò");
  });

  it("serves real images and PDFs", () => {
    const jpeg = [...site.resources.entries()].find(([k]) => k.endsWith("gita-rajan.jpg"))?.[1];
    expect(jpeg?.body.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const pdf = [...site.resources.entries()].find(([k]) => k.endsWith(".pdf"))?.[1];
    expect(pdf?.body.subarray(0, 8).toString()).toBe("%PDF-1.4");
  });
});

describe("the ground truth in fixtures/expected/", () => {
  it("is exactly what the content source says (run `npm run fixtures:expected` after editing content)", () => {
    const fromContent = expectedAll(content).sort((a, b) => a.id.localeCompare(b.id));
    const committed = expectedPosts().sort((a, b) => a.id.localeCompare(b.id));
    expect(committed).toEqual(fromContent);
  });

  it("names the broken links: dead internal links and failing external ones", () => {
    const broken = expectedPosts().flatMap((p) =>
      p.links.filter((l) => l.verdict === "broken").map((l) => `${p.id} ${l.reason}`),
    );
    expect(broken.sort()).toEqual(
      [
        "39630947 404",
        "41580334 404",
        "41614257 404",
        "42390551 404",
        "43925630 timeout",
        "45160032 410",
        "45170583 410",
        "45361152 500",
        "45380418 404",
      ].sort(),
    );
  });
});
