// Rule encoding-damage: Encoding damage left in a title or body (Ã, â€, U+FFFD).
import { looksDamaged } from "../../normalize/mojibake.js";
import { base, textOf } from "./post-findings.js";
import type { Rule } from "../finding.js";

export const encodingDamage: Rule = {
  id: "encoding-damage",
  severity: "error",
  description: "Encoding damage left in a title or body (Ã, â€, U+FFFD).",
  forPosts: () => (pc) => {
    const { title } = pc.post;
    const body = textOf(pc.post.bodyHtml);
    if (!looksDamaged(title) && !looksDamaged(body)) return [];
    return [
      {
        ...base(pc, /\S*(Ã|â€|\ufffd)\S*/.exec(title + " " + body)?.[0] ?? title),
        message: "encoding damage the repair could not undo",
      },
    ];
  },
};
