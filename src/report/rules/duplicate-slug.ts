// Rule duplicate-slug: A post whose slug needed a suffix because another post had it first.
import { base } from "./post-findings.js";
import type { Rule } from "../finding.js";

export const duplicateSlug: Rule = {
  id: "duplicate-slug",
  severity: "info",
  description: "A post whose slug needed a suffix because another post had it first.",
  check: (ctx) => ctx.posts.flatMap((p) => { const d = ctx.docs.get(p.id); return d && /-\d+$/.test(d.slug) && ctx.posts.some((q) => q.id !== p.id && ctx.docs.get(q.id)?.slug === d.slug.replace(/-\d+$/, "")) ? [{ ...base(ctx, p.id, p.sourceUrl, d.slug), message: `slug "${d.slug}": another post has "${d.slug.replace(/-\d+$/, "")}"` }] : []; }),
};
