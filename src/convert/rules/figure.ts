// <figure><img><figcaption> → the image, then its caption once. turndown has no figure handling at all.
// markdown (default): an image and an emphasised caption line under it, which Hugo's default goldmark
//   (raw HTML stripped) and Eleventy both show once.
// html: a <figure> block, for sites that allow raw HTML.  hugo: Hugo's figure shortcode.
import type TurndownService from "turndown";
import type { ConvertContext } from "../context.js";
import { escapeMarkdown, markdownUrl } from "../escape.js";

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

export function figureRule(ctx: ConvertContext): TurndownService.Rule {
  return {
    filter: "figure",
    replacement(_content, node) {
      const el = node as HTMLElement;
      const img = el.querySelector("img");
      if (!img) return "";
      const src = ctx.rewriteUrl(img.getAttribute("src") ?? "");
      const alt = img.getAttribute("alt") ?? "";
      const caption = el.querySelector("figcaption")?.textContent?.trim() ?? "";
      if (ctx.figures === "html") {
        const cap = caption ? `<figcaption>${attr(caption)}</figcaption>` : "";
        return `\n\n<figure><img src="${attr(src)}" alt="${attr(alt)}">${cap}</figure>\n\n`;
      }
      if (ctx.figures === "hugo") {
        return `\n\n{{< figure src="${attr(src)}" alt="${attr(alt)}"${caption ? ` caption="${attr(caption)}"` : ""} >}}\n\n`;
      }
      const image = `![${escapeMarkdown(alt)}](${markdownUrl(src)})`;
      return `\n\n${image}${caption ? `\n\n*${escapeMarkdown(caption)}*` : ""}\n\n`;
    },
  };
}
