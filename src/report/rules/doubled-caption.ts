// Rule doubled-caption: A caption that still stands twice in the converted post.
import { base } from "./post-findings.js";
import type { Rule } from "../finding.js";

export const doubledCaption: Rule = {
  id: "doubled-caption",
  severity: "warning",
  description: "A caption that still stands twice in the converted post.",
  forPosts: () => (pc) =>
    pc.post.images.flatMap((i) =>
      i.caption && pc.doc && pc.doc.text.split(`*${i.caption}*`).length > 2
        ? [{ ...base(pc, i.caption), message: "the caption stands twice" }]
        : [],
    ),
};
