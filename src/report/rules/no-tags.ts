// Rule no-tags: A post without tags.
import { base } from "./post-findings.js";
import type { Rule } from "../finding.js";

export const noTags: Rule = {
  id: "no-tags",
  severity: "info",
  description: "A post without tags.",
  forPosts: () => (pc) =>
    pc.post.tags.length === 0 ? [{ ...base(pc, pc.post.title), message: "the post has no tags" }] : [],
};
