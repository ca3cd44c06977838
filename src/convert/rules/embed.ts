// <iframe>, <video>, <audio>: Markdown has no embed, and raw HTML is stripped by Hugo's defaults, so an
// embed becomes a link to what it showed (and a finding, so an editor can put a shortcode there).
import type TurndownService from "turndown";
import { safeHref } from "../../escape/html.js";
import { escapeMarkdown, markdownUrl } from "../../escape/markdown.js";
import { scriptLink, type ConvertContext } from "../context.js";
import { element } from "../turndown-dom.js";

export function embedRule(ctx: ConvertContext): TurndownService.Rule {
  return {
    filter: ["iframe", "video", "audio", "embed"],
    replacement(_content, node) {
      const el = element(node);
      const src = el.getAttribute("src") ?? el.querySelector("source")?.getAttribute("src") ?? "";
      if (!src) return "";
      if (safeHref(src) === undefined) {
        scriptLink(ctx, src);
        return "";
      }
      ctx.findings.push({
        rule: "embed-as-link",
        message: `an embedded ${el.nodeName.toLowerCase()} became a link`,
        text: src,
      });
      // The address is content: escaped as text in the link text, encoded as the destination.
      return `\n\n[${el.nodeName === "IFRAME" ? "Inbäddat innehåll" : "Media"}: ${escapeMarkdown(src)}](${markdownUrl(ctx.rewriteUrl(src))})\n\n`;
    },
  };
}
