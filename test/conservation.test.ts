// Nothing the author wrote is lost: the replica's Markdown against its hand-written content (not against
// anything src/ computes), and generated post bodies in the site's markup through extraction, conversion
// and the conservation check.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent, type Block } from "../fixtures/site/content.js";
import { plainText } from "../fixtures/site/expected.js";
import { startReplica, type ReplicaServer } from "../fixtures/server.js";
import { checkConservation, renderMarkdown } from "../src/convert/conserve.js";
import { identityContext } from "../src/convert/context.js";
import { htmlToMarkdown } from "../src/convert/markdown.js";
import { extractPost } from "../src/extract/post.js";
import { convertSnapshot } from "../src/pipeline/convert.js";
import { convertOptions } from "../src/pipeline/settings.js";
import { loadProfile } from "../src/profiles/profile.js";
import { isSiteUrl } from "../src/profiles/url.js";
import { listFiles, replicaSnapshot, tempDir } from "./helpers.js";

const profile = loadProfile();
const markdown = new MarkdownIt({ html: true });
const pieces = (text: string) => text.split(/[\s\u00a0]+/).filter(Boolean);
const sorted = (xs: string[]) => [...xs].sort();

/** A Markdown body's visible text, as a reader sees it: blocks and breaks separate words. */
function renderedText(body: string): string {
  const $ = load(markdown.render(body));
  $("br, p, h1, h2, h3, li, figcaption").each((_, el) => void $(el).before(" ").after(" "));
  return $.root().text();
}

/** The text a post's content block shows (its caption for an image: the visible one, else the alt). */
function blockText(b: Block): string {
  switch (b.kind) {
    case "p":
    case "raw":
      return plainText(b.html);
    case "heading":
      return plainText(b.text);
    case "list":
      return b.items.map(plainText).join(" ");
    case "image":
      return plainText(b.caption);
    case "empty":
      return "";
  }
}

describe("the replica's Markdown against its content", () => {
  let server: ReplicaServer;
  let plainOut: string;
  let keptOut: string;
  beforeAll(async () => {
    server = await startReplica();
    const snapshot = await replicaSnapshot(server.url);
    plainOut = tempDir();
    keptOut = tempDir();
    convertSnapshot(snapshot, plainOut, convertOptions(profile));
    convertSnapshot(snapshot, keptOut, convertOptions(profile, { typography: false }));
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  const bodies = (out: string) =>
    new Map(
      listFiles(join(out, "posts"), ".md").map((f) => {
        const text = readFileSync(f, "utf8");
        const id = /^source_id: "(\d+)"$/m.exec(text)?.[1] ?? "";
        return [id, text.slice(text.indexOf("\n---\n", 4) + 5)];
      }),
    );

  it("with --keep-typography, every character of every post is the author's (whitespace aside)", () => {
    const got = bodies(keptOut);
    const posts = loadContent().posts;
    expect(got.size).toBe(posts.length);
    for (const post of posts) {
      const want = pieces(post.blocks.map(blockText).join(" "));
      expect(sorted(pieces(renderedText(got.get(post.id) ?? ""))), post.id).toEqual(sorted(want));
    }
  });

  it("every link the author wrote is a link in the Markdown, with its text", () => {
    const got = bodies(plainOut);
    let links = 0;
    for (const post of loadContent().posts) {
      const $ = load(markdown.render(got.get(post.id) ?? ""));
      const texts = $("a[href]")
        .map((_, a) => pieces($(a).text()).join(" "))
        .get();
      for (const b of post.blocks) {
        const html =
          "html" in b
            ? b.html
            : "text" in b
              ? b.text
              : "items" in b
                ? b.items.join(" ")
                : "visible" in b
                  ? b.visible
                  : "";
        for (const m of html.matchAll(/<a href="[^"]*"[^>]*>(.*?)<\/a>/g)) {
          links++;
          // Typography may change the text's punctuation, never its words.
          const words = (s: string) => s.match(/[\p{L}\p{N}]+/gu)?.join(" ") ?? "";
          expect(texts.map(words), `${post.id}: ${m[1] ?? ""}`).toContain(words(plainText(m[1] ?? "")));
        }
      }
    }
    expect(links).toBeGreaterThan(40);
  });

  it("the conservation check finds nothing to report on any post, in either mode", () => {
    for (const out of [plainOut, keptOut]) {
      const fidelity = JSON.parse(readFileSync(join(out, "report/fidelity.json"), "utf8")) as {
        posts: number;
        mismatches: unknown[];
        totals: { words: number; links: number };
      };
      expect(fidelity.mismatches).toEqual([]);
      expect(fidelity.posts).toBe(loadContent().posts.length);
      expect(fidelity.totals.links).toBeGreaterThan(40);
    }
  });
});

// --- Generated bodies in the site's markup -------------------------------------------------------

const WORD = fc.constantFrom("samverkan", "Stadsmissionen", "myndigheter", "stöd", "Åsa", "ärende", "13.00", "2021");
const PUNCT = fc.constantFrom(",", " ,", ".", ":", " -", "...", '"', "”", "!");
const SPACE = fc.constantFrom(" ", "  ", "&nbsp;", " &nbsp;", "\n        ");
const text = fc.array(fc.tuple(WORD, fc.option(PUNCT, { nil: "" }), SPACE), { minLength: 1, maxLength: 8 }).map((ws) =>
  ws
    .map(([w, p, s]) => w + p + s)
    .join("")
    .trim(),
);
const HREF = fc.constantFrom(
  "/2021/11/16/v%C3%A5rd-45881233",
  "http://www.jamstall.nu/",
  "mailto:info@miaprojektet.se",
  "/download/18.1/1/rapport.pdf",
);
const link = fc.tuple(HREF, text).map(([h, t]) => `<a href="${h}">${t}</a>`);
const inline: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    text,
    link,
    fc.tuple(fc.constantFrom("strong", "em", "b", "span"), tie("node")).map(([t, c]) => `<${t}>${c as string}</${t}>`),
  ),
})).node as fc.Arbitrary<string>;
const paragraph = fc.array(inline, { minLength: 1, maxLength: 4 }).map((xs) => xs.join(" "));
const block = fc.oneof(
  paragraph.map((p) => `<p>${p}</p>`),
  paragraph.map((p) => `<p><strong>${p}</strong></p>`),
  fc.tuple(paragraph, paragraph).map(([a, b]) => `<p>${a}<br />&nbsp;<br />${b}</p>`),
  paragraph.map((p) => `<p><br />${p}</p>`),
  fc
    .tuple(fc.constantFrom("a.jpg", "b.png"), text, fc.boolean())
    .map(
      ([f, cap, visible]) =>
        `<div class="h-image"><img src="/images/18.1/1/${f}" alt="${cap}" />${visible ? `<div class="h-image-caption">${cap}</div>` : ""}</div>`,
    ),
  fc
    .array(paragraph, { minLength: 1, maxLength: 3 })
    .map((items) => `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>`),
  fc.constant("<p>&nbsp;</p>"),
);
const PAGE_URL = "https://www.miaprojektet.se/2021/11/16/x-45881233";
const page = (body: string) =>
  `<html><head><title>X - MIA-projektet</title></head><body><h1 class="h-blogpost-title">X</h1><div class="h-blogpost-body">${body}</div></body></html>`;

describe("generated post bodies", () => {
  it("lose nothing: the conservation check passes in both modes, and --keep-typography keeps every character", () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 6 }), (blocks) => {
        const body = blocks.join("\n");
        for (const typography of [true, false]) {
          const post = extractPost(page(body), PAGE_URL, profile, { leadMaxChars: 300, typography });
          expect(post).not.toBeNull();
          if (!post) return;
          const md = htmlToMarkdown(post.bodyHtml, identityContext());
          const result = checkConservation(post.sourceHtml, renderMarkdown(md), {
            pageUrl: PAGE_URL,
            isSiteUrl: (u) => isSiteUrl(u, profile),
            image: profile.post.image,
            imageCaption: profile.post.imageCaption,
            strict: !typography,
          });
          expect(result.losses, `${typography ? "typography" : "kept"}\n${body}\n---\n${md}`).toEqual([]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
