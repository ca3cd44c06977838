// The fidelity check of one post: its Markdown against the post's source on the old page (conserve.ts:
// every word, or with --keep-typography every character, every link, image and caption accounted for),
// and the structure the converter made (headings, list items) against the extracted post. Every
// difference is a finding that names the file and, for a loss, the source block. Pure.
import type { Post } from "../extract/post.js";
import type { Profile } from "../profiles/profile.js";
import { isSiteUrl } from "../profiles/url.js";
import { checkConservation, renderMarkdown, type ConservationResult, type Loss } from "./conserve.js";
import { htmlFacts } from "./html-facts.js";

export interface Mismatch {
  what: Loss["what"] | "headings" | "list items";
  /** The source block a loss was found in. */
  block?: string;
  /** What the source has that the Markdown lacks. */
  expected: string;
  /** What the Markdown has instead (or in addition). */
  found: string;
}

export interface VerifyContext {
  profile: Profile;
  /** --keep-typography: every character must survive, not only every word. */
  strict: boolean;
}

/** The Markdown body of a post's document (without frontmatter) against the post it came from. */
export function verifyMarkdown(
  post: Pick<Post, "bodyHtml" | "sourceHtml" | "sourceUrl">,
  body: string,
  ctx: VerifyContext,
): { mismatches: Mismatch[]; conservation: ConservationResult } {
  const { profile } = ctx;
  // Rendered and read once: the conservation check and the structure read the same facts.
  const rendered = renderMarkdown(body);
  const conservation = checkConservation(post.sourceHtml, rendered, {
    pageUrl: post.sourceUrl,
    isSiteUrl: (u) => isSiteUrl(u, profile),
    image: profile.post.image,
    imageCaption: profile.post.imageCaption,
    strict: ctx.strict,
  });
  const out: Mismatch[] = conservation.losses.map((l) => ({
    what: l.what,
    ...(l.block ? { block: l.block } : {}),
    expected: l.lost.join(" | "),
    found: l.added.join(" | "),
  }));
  const want = htmlFacts(post.bodyHtml);
  if (want.headings !== rendered.headings)
    out.push({ what: "headings", expected: String(want.headings), found: String(rendered.headings) });
  if (want.listItems !== rendered.listItems)
    out.push({ what: "list items", expected: String(want.listItems), found: String(rendered.listItems) });
  return { mismatches: out, conservation };
}

export interface FidelitySummary {
  posts: number;
  /** Posts whose every word (with --keep-typography, every character) is in the Markdown, none added. */
  textEqual: number;
  linksKept: number;
  imagesKept: number;
  captionsKept: number;
  /** What the sources held, in all: words (or strict tokens), links, images, visible captions. */
  totals: { words: number; links: number; images: number; captions: number };
  /** Items removed by a named rule (conserve.ts), by rule. */
  accounted: Record<string, number>;
  mismatches: { postId: string; file: string; mismatch: Mismatch }[];
}

export const emptyFidelity = (): FidelitySummary => ({
  posts: 0,
  textEqual: 0,
  linksKept: 0,
  imagesKept: 0,
  captionsKept: 0,
  totals: { words: 0, links: 0, images: 0, captions: 0 },
  accounted: {},
  mismatches: [],
});

/** Checks one post's Markdown and counts it into `summary` (a migration checks each post as it is written). */
export function verifyInto(
  summary: FidelitySummary,
  post: Pick<Post, "id" | "bodyHtml" | "sourceHtml" | "sourceUrl">,
  file: string,
  body: string,
  ctx: VerifyContext,
): void {
  const { mismatches: found, conservation: c } = verifyMarkdown(post, body, ctx);
  const has = (...what: Mismatch["what"][]) => found.some((m) => what.includes(m.what));
  summary.posts++;
  if (!has("words", "characters")) summary.textEqual++;
  if (!has("links")) summary.linksKept++;
  if (!has("images")) summary.imagesKept++;
  if (!has("captions")) summary.captionsKept++;
  summary.totals.words += c.words;
  summary.totals.links += c.links;
  summary.totals.images += c.images;
  summary.totals.captions += c.captions;
  for (const [rule, n] of Object.entries(c.accounted)) summary.accounted[rule] = (summary.accounted[rule] ?? 0) + n;
  for (const mismatch of found) summary.mismatches.push({ postId: post.id, file, mismatch });
}
