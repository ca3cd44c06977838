// <a href> → [text](url), with the URL rewritten (another post → its new path, a file → the local copy).
import type TurndownService from "turndown";
import { safeHref, safeImageSrc } from "../../escape/html.js";
import { escapeMarkdown, markdownUrl } from "../../escape/markdown.js";
import { scriptLink, type ConvertContext } from "../context.js";
import { element } from "../turndown-dom.js";

export function linkRule(ctx: ConvertContext): TurndownService.Rule {
  return {
    filter: (node) => node.nodeName === "A" && element(node).getAttribute("href") !== null,
    replacement(content, node) {
      const href = ctx.rewriteUrl(element(node).getAttribute("href") ?? "");
      const text = content.trim();
      if (!text) return "";
      if (safeHref(href) === undefined) {
        scriptLink(ctx, href);
        return text;
      }
      return `[${text}](${markdownUrl(href)})`;
    },
  };
}

/** An image outside a figure (no caption). */
export function imageRule(ctx: ConvertContext): TurndownService.Rule {
  return {
    filter: "img",
    replacement(_content, node) {
      const el = element(node);
      const src = el.getAttribute("src");
      if (!src) return "";
      const alt = escapeMarkdown(el.getAttribute("alt") ?? "");
      if (safeImageSrc(src) === undefined) {
        scriptLink(ctx, src);
        return alt;
      }
      return `![${alt}](${markdownUrl(ctx.rewriteUrl(src))})`;
    },
  };
}
