// Spelling (--spelling): a warning per unknown word per post, for the editor's list; nothing is changed.
import { lineIn, type Rule } from "../finding.js";

export const spelling: Rule = {
  id: "spelling",
  severity: "warning",
  description: "A word the Swedish dictionary does not know (a typo, or a name to add to the word list). Never changed.",
  check: (ctx) =>
    ctx.posts.flatMap((p) =>
      (ctx.spelling?.get(p.id) ?? []).map((word) => ({ postId: p.id, postUrl: p.sourceUrl, ...lineIn(ctx.docs.get(p.id), word), text: word, message: `"${word}" is not in the dictionary` })),
    ),
};
