// Rule no-tags: A post without tags.
import { base } from "./post-findings.js";
import type { Rule } from "../finding.js";

export const noTags: Rule = {
  id: "no-tags",
  severity: "info",
  description: "A post without tags.",
  check: (ctx) => ctx.posts.filter((p) => p.tags.length === 0).map((p) => ({ ...base(ctx, p.id, p.sourceUrl, p.title), message: "the post has no tags" })),
};
