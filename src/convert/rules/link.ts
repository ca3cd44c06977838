// <a href> → [text](url), with the URL rewritten (another post → its new path, a file → the local copy).
import type TurndownService from "turndown";
import type { ConvertContext } from "../context.js";
import { markdownUrl } from "../escape.js";

export function linkRule(ctx: ConvertContext): TurndownService.Rule {
  return {
    filter: (node) => node.nodeName === "A" && node.getAttribute("href") !== null,
    replacement(content, node) {
      const href = ctx.rewriteUrl((node as HTMLElement).getAttribute("href") ?? "");
      const text = content.trim();
      if (!text) return "";
      return `[${text}](${markdownUrl(href)})`;
    },
  };
}

/** An image outside a figure (no caption). */
export function imageRule(ctx: ConvertContext): TurndownService.Rule {
  return {
    filter: "img",
    replacement(_content, node) {
      const el = node as HTMLElement;
      const src = el.getAttribute("src");
      if (!src) return "";
      return `![${(el.getAttribute("alt") ?? "").replace(/([[\]])/g, "\\$1")}](${markdownUrl(ctx.rewriteUrl(src))})`;
    },
  };
}
