// Rule manual-hyphenation: A word that may hold a left-over line-break hyphen ("Samordnings-förbundet"): never changed, only listed.
import { base, textOf } from "./post-findings.js";
import type { Rule } from "../finding.js";

export const manualHyphenation: Rule = {
  id: "manual-hyphenation",
  severity: "info",
  description:
    'A word that may hold a left-over line-break hyphen ("Samordnings-förbundet"): never changed, only listed.',
  forPosts: () => (pc) =>
    [
      ...new Set(
        [...textOf(pc.post.bodyHtml).matchAll(/(?<![\p{L}-])\p{L}{4,}-\p{Ll}{4,}(?![\p{L}-])/gu)].map((m) => m[0]),
      ),
    ]
      // "icke-diskriminering" and the like are written with a hyphen on purpose.
      .filter((w) => /^\p{L}+s-|^\p{L}+-\p{Ll}/u.test(w) && !/^\p{Lu}{2,}/u.test(w) && !/^icke-/iu.test(w))
      .map((w) => ({ ...base(pc, w), message: `"${w}": a left-over hyphenation? (would be "${w.replace("-", "")}")` })),
};
