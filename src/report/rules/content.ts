// Content rules: what an editor should look at in the posts themselves.
import { looksDamaged } from "../../normalize/mojibake.js";
import { lineIn, type QaContext, type Rule } from "../finding.js";

const textOf = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&nbsp;|\s+/g, " ").trim();
const base = (ctx: QaContext, postId: string, postUrl: string, text: string) => ({ postId, postUrl, ...lineIn(ctx.docs.get(postId), text), text });

export const imageWithoutText: Rule = {
  id: "image-without-alt",
  severity: "warning",
  description: "An image with neither alt text nor a caption (screen readers say nothing).",
  check: (ctx) => ctx.posts.flatMap((p) => p.images.filter((i) => !i.alt && !i.caption).map((i) => ({ ...base(ctx, p.id, p.sourceUrl, i.src), url: i.src, message: "image without alt text or caption" }))),
};

export const doubledCaption: Rule = {
  id: "doubled-caption",
  severity: "warning",
  description: "A caption that still stands twice in the converted post.",
  check: (ctx) =>
    ctx.posts.flatMap((p) => {
      const doc = ctx.docs.get(p.id);
      return p.images.flatMap((i) => (i.caption && doc && doc.text.split(`*${i.caption}*`).length > 2 ? [{ ...base(ctx, p.id, p.sourceUrl, i.caption), message: "the caption stands twice" }] : []));
    }),
};

export const shortPost: Rule = {
  id: "short-post",
  severity: "warning",
  description: "A post with no text, or under 200 characters of it.",
  check: (ctx) =>
    ctx.posts.flatMap((p) => {
      const n = textOf(p.bodyHtml).length;
      return n < 200 ? [{ ...base(ctx, p.id, p.sourceUrl, p.title), message: n === 0 ? "the post has no text" : `the post has only ${n} characters of text` }] : [];
    }),
};

export const noTags: Rule = {
  id: "no-tags",
  severity: "info",
  description: "A post without tags.",
  check: (ctx) => ctx.posts.filter((p) => p.tags.length === 0).map((p) => ({ ...base(ctx, p.id, p.sourceUrl, p.title), message: "the post has no tags" })),
};

export const duplicateTitle: Rule = {
  id: "duplicate-title",
  severity: "warning",
  description: "Two or more posts with the same title.",
  check: (ctx) => {
    const byTitle = new Map<string, string[]>();
    for (const p of ctx.posts) byTitle.set(p.title.toLowerCase(), [...(byTitle.get(p.title.toLowerCase()) ?? []), p.id]);
    return ctx.posts.filter((p) => (byTitle.get(p.title.toLowerCase())?.length ?? 0) > 1).map((p) => ({ ...base(ctx, p.id, p.sourceUrl, p.title), message: `the same title as post ${byTitle.get(p.title.toLowerCase())?.filter((id) => id !== p.id).join(", ")}` }));
  },
};

export const duplicateSlug: Rule = {
  id: "duplicate-slug",
  severity: "info",
  description: "A post whose slug needed a suffix because another post had it first.",
  check: (ctx) => ctx.posts.flatMap((p) => { const d = ctx.docs.get(p.id); return d && /-\d+$/.test(d.slug) && ctx.posts.some((q) => q.id !== p.id && ctx.docs.get(q.id)?.slug === d.slug.replace(/-\d+$/, "")) ? [{ ...base(ctx, p.id, p.sourceUrl, d.slug), message: `slug "${d.slug}": another post has "${d.slug.replace(/-\d+$/, "")}"` }] : []; }),
};

export const encodingDamage: Rule = {
  id: "encoding-damage",
  severity: "error",
  description: "Encoding damage left in a title or body (Ã, â€, U+FFFD).",
  check: (ctx) => ctx.posts.filter((p) => looksDamaged(p.title) || looksDamaged(textOf(p.bodyHtml))).map((p) => ({ ...base(ctx, p.id, p.sourceUrl, /\S*(Ã|â€|\ufffd)\S*/.exec(p.title + " " + textOf(p.bodyHtml))?.[0] ?? p.title), message: "encoding damage the repair could not undo" })),
};

export const manualHyphenation: Rule = {
  id: "manual-hyphenation",
  severity: "info",
  description: "A word that may hold a left-over line-break hyphen (\"Samordnings-förbundet\"): never changed, only listed.",
  check: (ctx) =>
    ctx.posts.flatMap((p) =>
      [...new Set([...textOf(p.bodyHtml).matchAll(/(?<![\p{L}-])\p{L}{4,}-\p{Ll}{4,}(?![\p{L}-])/gu)].map((m) => m[0]))]
        // "icke-diskriminering" and the like are written with a hyphen on purpose.
        .filter((w) => /^\p{L}+s-|^\p{L}+-\p{Ll}/u.test(w) && !/^\p{Lu}{2,}/u.test(w) && !/^icke-/iu.test(w))
        .map((w) => ({ ...base(ctx, p.id, p.sourceUrl, w), message: `"${w}": a left-over hyphenation? (would be "${w.replace("-", "")}")` })),
    ),
};

export const templateText: Rule = {
  id: "template-text",
  severity: "error",
  description: "Text of the old site's template inside a post body (\"Läs hela inlägget\", share links, tag lists).",
  check: (ctx) =>
    ctx.posts.flatMap((p) => {
      const m = /Läs hela inlägget|Dela på Facebook|Twittra|Etiketter:|Äldre inlägg/.exec(textOf(p.bodyHtml));
      return m ? [{ ...base(ctx, p.id, p.sourceUrl, m[0]), message: `template text in the body: "${m[0]}"` }] : [];
    }),
};
