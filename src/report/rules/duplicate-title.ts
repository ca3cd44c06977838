// Rule duplicate-title: Two or more posts with the same title.
import { base } from "./post-findings.js";
import type { Rule } from "../finding.js";

export const duplicateTitle: Rule = {
  id: "duplicate-title",
  severity: "warning",
  description: "Two or more posts with the same title.",
  forPosts: (site) => {
    const byTitle = new Map<string, string[]>();
    for (const p of site.posts)
      byTitle.set(p.title.toLowerCase(), [...(byTitle.get(p.title.toLowerCase()) ?? []), p.id]);
    return (pc) => {
      const others = (byTitle.get(pc.post.title.toLowerCase()) ?? []).filter((id) => id !== pc.post.id);
      return others.length > 0
        ? [
            {
              ...base(pc, pc.post.title),
              message: `the same title as post ${others.join(", ")}`,
              params: { others: others.join(", ") },
            },
          ]
        : [];
    };
  },
};
