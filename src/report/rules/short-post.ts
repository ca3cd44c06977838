// Rule short-post: A post with no text, or under 200 characters of it.
import { base, textOf } from "./post-findings.js";
import type { Rule } from "../finding.js";

export const shortPost: Rule = {
  id: "short-post",
  severity: "warning",
  description: "A post with no text, or under 200 characters of it.",
  forPosts: () => (pc) => {
    const n = textOf(pc.post.bodyHtml).length;
    return n < 200
      ? [
          {
            ...base(pc, pc.post.title),
            message: n === 0 ? "the post has no text" : `the post has only ${n} characters of text`,
            params: { chars: n },
          },
        ]
      : [];
  },
};
