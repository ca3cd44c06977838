// Rule image-without-alt: An image with neither alt text nor a caption (screen readers say nothing).
import { base } from "./post-findings.js";
import type { Rule } from "../finding.js";

export const imageWithoutText: Rule = {
  id: "image-without-alt",
  severity: "warning",
  description: "An image with neither alt text nor a caption (screen readers say nothing).",
  forPosts: () => (pc) =>
    pc.post.images
      .filter((i) => !i.alt && !i.caption)
      .map((i) => ({ ...base(pc, i.src), url: i.src, message: "image without alt text or caption" })),
};
