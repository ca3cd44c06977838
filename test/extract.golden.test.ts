// Golden tests: every post of the replica, extracted and normalised from its page, equals its entry in
// fixtures/expected/ field by field. Pure: the pages come from the renderer, no server.
import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { buildSite } from "../fixtures/site/render.js";
import { decodeBody } from "../src/crawl/charset.js";
import { extractPost } from "../src/extract/post.js";
import { loadProfile } from "../src/profiles/profile.js";
import { expectedPosts } from "./helpers.js";

const site = buildSite();
const profile = loadProfile();
const expected = expectedPosts();
/** The text of each figcaption of a body (a caption may hold links). */
const figcaptions = (html: string) => {
  const $ = load(html);
  return $("figcaption")
    .map((_, c) => $(c).text())
    .get();
};

function pageOf(url: string): string {
  const res = site.resolve(new URL(url).pathname);
  return decodeBody(res.body, res.headers["content-type"]).text;
}

describe.each(expected.map((p) => [p.id, p] as const))("post %s", (_id, want) => {
  const post = extractPost(pageOf(want.url), want.url, profile, { leadMaxChars: 300, typography: true });

  it("has the title, date, tags and lead", () => {
    expect(post).not.toBeNull();
    expect(post?.id).toBe(want.id);
    expect(post?.sourceUrl).toBe(want.url);
    expect(post?.title).toBe(want.title);
    expect(post?.date).toBe(want.date);
    expect(post?.tags).toEqual(want.tags);
    expect(post?.lead).toBe(want.lead);
    expect(post?.extractedBy).toBe("profile");
  });

  it("has each image once, with its one caption", () => {
    expect(post?.images.map((i) => ({ src: i.src, caption: i.caption }))).toEqual(
      want.images.map((i) => ({ src: i.src, caption: i.caption })),
    );
    // The caption stands once in the body, in its <figcaption>, whatever the alt text said.
    for (const img of want.images)
      if (img.caption)
        expect(
          figcaptions(post?.bodyHtml ?? "").filter((t) => t === img.caption),
          img.caption,
        ).toHaveLength(1);
  });

  it("has every link with its text", () => {
    expect(post?.links.map((l) => ({ href: l.href, text: l.text }))).toEqual(
      want.links.map((l) => ({ href: l.href, text: l.text })),
    );
  });

  it("keeps no trace of the template or encoding damage in the body", () => {
    const body = post?.bodyHtml ?? "";
    expect(body).not.toMatch(
      /Läs hela inlägget|Dela på Facebook|Etiketter:|style=|<span|<font|&nbsp;<\/p>|<p>\s*<\/p>|Ã|Â|\ufffd/,
    );
  });
});
