// Rule short-post: A post with no text, or under 200 characters of it.
import { base, textOf } from "./post-findings.js";
import type { Rule } from "../finding.js";

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
