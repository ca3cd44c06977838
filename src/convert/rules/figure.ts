// <figure><img><figcaption> → the image, then its caption once. turndown has no figure handling at all.
// markdown (default): an image and an emphasised caption line under it, which Hugo's default goldmark
//   (raw HTML stripped) and Eleventy both show once.
// html: a <figure> block, for sites that allow raw HTML.  hugo: Hugo's figure shortcode.
import type TurndownService from "turndown";
import { htmlAttr, htmlText, safeImageSrc } from "../../escape/html.js";
import { escapeMarkdown, markdownUrl } from "../../escape/markdown.js";
import { scriptLink, type ConvertContext } from "../context.js";

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
      if (safeImageSrc(src) === undefined) {
        scriptLink(ctx, src);
        return caption ? `\n\n${escapeMarkdown(caption)}\n\n` : "";
      }
      if (ctx.figures === "html") {
        const cap = caption ? `<figcaption>${htmlText(caption)}</figcaption>` : "";
        return `\n\n<figure><img src="${htmlAttr(src)}" alt="${htmlAttr(alt)}">${cap}</figure>\n\n`;
      }
      if (ctx.figures === "hugo") {
        return `\n\n{{< figure src="${htmlAttr(src)}" alt="${htmlAttr(alt)}"${caption ? ` caption="${htmlAttr(caption)}"` : ""} >}}\n\n`;
      }
      const image = `![${escapeMarkdown(alt)}](${markdownUrl(src)})`;
      return `\n\n${image}${caption ? `\n\n*${escapeMarkdown(caption)}*` : ""}\n\n`;
    },
  };
}
