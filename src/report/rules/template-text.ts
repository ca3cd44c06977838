// Rule template-text: Text of the old site's template inside a post body ("Läs hela inlägget", share links, tag lists).
import { base, textOf } from "./post-findings.js";
import type { Rule } from "../finding.js";

export const templateText: Rule = {
  id: "template-text",
  severity: "error",
  description: 'Text of the old site\'s template inside a post body ("Läs hela inlägget", share links, tag lists).',
  forPosts: () => (pc) => {
    const m = /Läs hela inlägget|Dela på Facebook|Twittra|Etiketter:|Äldre inlägg/.exec(textOf(pc.post.bodyHtml));
    return m ? [{ ...base(pc, m[0]), message: `template text in the body: "${m[0]}"` }] : [];
  },
};
