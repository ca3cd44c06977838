// Spelling (--spelling): a warning per unknown word per post, for the editor's list; nothing is changed.
import type { Rule } from "../finding.js";
import { base } from "./post-findings.js";

export const spelling: Rule = {
  id: "spelling",
  severity: "warning",
  description:
    "A word the Swedish dictionary does not know (a typo, or a name to add to the word list). Never changed.",
  forPosts: () => (pc) =>
    (pc.spelling ?? []).map((word) => ({ ...base(pc, word), message: `"${word}" is not in the dictionary` })),
};
