// <figure><img><figcaption> → an image, then its caption as an emphasised line of its own. Hugo's
// default Markdown (goldmark, raw HTML stripped) and Eleventy both show it once, under the image.
// turndown has no figure handling at all.
import type TurndownService from "turndown";

function escapeBrackets(text: string): string {
  return text.replace(/([[\]])/g, "\\$1");
}

export const figureRule: TurndownService.Rule = {
  filter: "figure",
  replacement(_content, node) {
    const el = node as HTMLElement;
    const img = el.querySelector("img");
    if (!img) return "";
    const src = img.getAttribute("src") ?? "";
    const alt = escapeBrackets(img.getAttribute("alt") ?? "");
    const caption = el.querySelector("figcaption")?.textContent?.trim();
    const image = `![${alt}](${src.replace(/[()\s]/g, encodeURIComponent)})`;
    return `\n\n${image}${caption ? `\n\n*${caption.replace(/([*_])/g, "\\$1")}*` : ""}\n\n`;
  },
};
