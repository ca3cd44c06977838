// Rule duplicate-slug: A post whose slug needed a suffix because another post had it first.
import { base } from "./post-findings.js";
import type { Rule } from "../finding.js";

export const duplicateSlug: Rule = {
  id: "duplicate-slug",
  severity: "info",
  description: "A post whose slug needed a suffix because another post had it first.",
  forPosts: (site) => {
    const slugs = new Map<string, string>();
    for (const [id, d] of site.docs) slugs.set(d.slug, id);
    return (pc) => {
      const slug = pc.doc?.slug ?? "";
      const first = slug.replace(/-\d+$/, "");
      const owner = slugs.get(first);
      return /-\d+$/.test(slug) && owner !== undefined && owner !== pc.post.id
        ? [{ ...base(pc, slug), message: `slug "${slug}": another post has "${first}"`, params: { first } }]
        : [];
    };
  },
};
