// The fidelity check: each Markdown body rendered back to HTML (markdown-it, a second and independent
// parser) and compared with the extracted post: the visible text, whitespace aside, and the counts of
// headings, list items, links, images and captions. Every difference is a finding. Pure.
import { load, type CheerioAPI } from "cheerio";
import MarkdownIt from "markdown-it";
import type { Post } from "../extract/post.js";

export interface Mismatch {
  what: "text" | "headings" | "list items" | "links" | "images" | "captions" | "paragraphs";
  expected: string;
  found: string;
}

const markdown = new MarkdownIt({ html: true, linkify: false });

interface Shape {
  text: string;
  headings: number;
  listItems: number;
  links: string[];
  images: number;
  captions: string[];
  paragraphs: number;
}

const squash = (s: string) => s.replace(/[\s\u00a0]+/g, "");

/** What both sides count the same way. */
function commonShape($: CheerioAPI): Omit<Shape, "captions" | "paragraphs"> {
  return {
    text: squash($.root().text()),
    headings: $("h1, h2, h3, h4, h5, h6").length,
    listItems: $("li").length,
    links: $("a[href]")
      .map((_, a) => $(a).text().trim())
      .get(),
    images: $("img").length,
  };
}

function shapeOfSource($: CheerioAPI): Shape {
  return {
    ...commonShape($),
    captions: $("figcaption")
      .map((_, c) => $(c).text().trim())
      .get(),
    paragraphs: $("p").length,
  };
}

function shapeOfRendered($: CheerioAPI): Shape {
  // A figure renders as a paragraph holding the image and a paragraph holding only the emphasised caption.
  const imageParas = $("p").filter((_, p) => $(p).children("img").length > 0 && squash($(p).text()) === "");
  const captionParas = imageParas
    .next("p")
    .filter(
      (_, p) =>
        $(p).children().length === 1 &&
        $(p).children("em").length === 1 &&
        squash($(p).children("em").text()) === squash($(p).text()),
    );
  return {
    ...commonShape($),
    captions: captionParas
      .map((_, p) => $(p).text().trim())
      .get()
      .concat(
        $("figcaption")
          .map((_, c) => $(c).text().trim())
          .get(),
      ),
    paragraphs: $("p").length - imageParas.length - captionParas.length,
  };
}

/** The Markdown body of a post's document (without frontmatter) against the post it came from. */
export function verifyMarkdown(post: Post, body: string): Mismatch[] {
  const want = shapeOfSource(load(post.bodyHtml));
  const got = shapeOfRendered(load(markdown.render(body)));
  const out: Mismatch[] = [];
  if (want.text !== got.text) {
    let i = 0;
    while (i < want.text.length && want.text[i] === got.text[i]) i++;
    out.push({
      what: "text",
      expected: want.text.slice(Math.max(0, i - 20), i + 40),
      found: got.text.slice(Math.max(0, i - 20), i + 40),
    });
  }
  const compare = (what: Mismatch["what"], a: number | string[], b: number | string[]) => {
    const x = Array.isArray(a) ? a.join(" | ") : String(a);
    const y = Array.isArray(b) ? b.join(" | ") : String(b);
    if (x !== y) out.push({ what, expected: x, found: y });
  };
  compare("headings", want.headings, got.headings);
  compare("list items", want.listItems, got.listItems);
  compare("links", want.links, got.links);
  compare("images", want.images, got.images);
  compare("captions", want.captions, got.captions);
  compare("paragraphs", want.paragraphs, got.paragraphs);
  return out;
}

export interface FidelitySummary {
  posts: number;
  /** Posts whose visible text is equal, whitespace aside. */
  textEqual: number;
  linksKept: number;
  imagesKept: number;
  captionsKept: number;
  mismatches: { postId: string; file: string; mismatch: Mismatch }[];
}

export const emptyFidelity = (): FidelitySummary => ({
  posts: 0,
  textEqual: 0,
  linksKept: 0,
  imagesKept: 0,
  captionsKept: 0,
  mismatches: [],
});

/** Checks one post's Markdown and counts it into `summary` (a migration checks each post as it is written). */
export function verifyInto(summary: FidelitySummary, post: Post, file: string, body: string): void {
  const found = verifyMarkdown(post, body);
  const has = (what: Mismatch["what"]) => found.some((m) => m.what === what);
  summary.posts++;
  if (!has("text")) summary.textEqual++;
  if (!has("links")) summary.linksKept++;
  if (!has("images")) summary.imagesKept++;
  if (!has("captions")) summary.captionsKept++;
  for (const mismatch of found) summary.mismatches.push({ postId: post.id, file, mismatch });
}
