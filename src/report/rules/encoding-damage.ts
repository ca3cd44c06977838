// Rule encoding-damage: Encoding damage left in a title or body (Ã, â€, U+FFFD).
import { looksDamaged } from "../../normalize/mojibake.js";
import { base, textOf } from "./post-findings.js";
import type { Rule } from "../finding.js";

export const encodingDamage: Rule = {
  id: "encoding-damage",
  severity: "error",
  description: "Encoding damage left in a title or body (Ã, â€, U+FFFD).",
  check: (ctx) => ctx.posts.filter((p) => looksDamaged(p.title) || looksDamaged(textOf(p.bodyHtml))).map((p) => ({ ...base(ctx, p.id, p.sourceUrl, /\S*(Ã|â€|\ufffd)\S*/.exec(p.title + " " + textOf(p.bodyHtml))?.[0] ?? p.title), message: "encoding damage the repair could not undo" })),
};
