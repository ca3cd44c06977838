// Rule duplicate-title: Two or more posts with the same title.
import { base } from "./post-findings.js";
import type { Rule } from "../finding.js";

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
