// Rule doubled-caption: A caption that still stands twice in the converted post.
import { base } from "./post-findings.js";
import type { Rule } from "../finding.js";

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
