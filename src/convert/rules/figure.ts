// <figure><img><figcaption> → the image, then its caption once. turndown has no figure handling at all.
// markdown (default): an image and an emphasised caption line under it, which Hugo's default goldmark
//   (raw HTML stripped) and Eleventy both show once.
// html: a <figure> block, for sites that allow raw HTML.  hugo: Hugo's figure shortcode.
import type TurndownService from "turndown";
import { htmlAttr, htmlText, safeHref, safeImageSrc } from "../../escape/html.js";
import { escapeMarkdown, markdownUrl } from "../../escape/markdown.js";
import { scriptLink, type ConvertContext } from "../context.js";
import { element, type ElementLike, type NodeLike } from "../turndown-dom.js";

export function figureRule(ctx: ConvertContext): TurndownService.Rule {
  return {
    filter: "figure",
    replacement(content, node) {
      const el = element(node);
      const img = el.querySelector("img");
      // A figure of something else (a table, a quote, a video: WordPress wraps its blocks so) is its content.
      if (!img) return `\n\n${content}\n\n`;
      const src = ctx.rewriteUrl(img.getAttribute("src") ?? "");
      const alt = img.getAttribute("alt") ?? "";
      const figcaption = el.querySelector("figcaption");
      // The caption's text, its links kept (Hugo's shortcode renders its caption as Markdown too).
      const caption = inline(figcaption, ctx, MARKDOWN);
      if (safeImageSrc(src) === undefined) {
        scriptLink(ctx, src);
        return caption ? `\n\n${caption}\n\n` : "";
      }
      if (ctx.figures === "html") {
        const cap = caption ? `<figcaption>${inline(figcaption, ctx, HTML)}</figcaption>` : "";
        return `\n\n<figure><img src="${htmlAttr(src)}" alt="${htmlAttr(alt)}">${cap}</figure>\n\n`;
      }
      if (ctx.figures === "hugo") {
        return `\n\n{{< figure src="${htmlAttr(src)}" alt="${htmlAttr(alt)}"${caption ? ` caption="${htmlAttr(caption)}"` : ""} >}}\n\n`;
      }
      const image = `![${escapeMarkdown(alt)}](${markdownUrl(src)})`;
      return `\n\n${image}${caption ? `\n\n*${caption}*` : ""}\n\n`;
    },
  };
}

interface Writer {
  text(t: string): string;
  link(text: string, href: string): string;
}
const MARKDOWN: Writer = { text: escapeMarkdown, link: (t, href) => `[${escapeMarkdown(t)}](${markdownUrl(href)})` };
const HTML: Writer = { text: htmlText, link: (t, href) => `<a href="${htmlAttr(href)}">${htmlText(t)}</a>` };

/** A caption's inline content in one line: its text escaped for the output, each link a link (its URL
 *  rewritten like any other; a script URL becomes its text and a finding), a break a space. */
function inline(el: ElementLike | null, ctx: ConvertContext, w: Writer): string {
  const walk = (node: NodeLike): string => {
    let out = "";
    for (const n of Array.from(node.childNodes)) {
      if (n.nodeType === 3) out += w.text(n.textContent ?? "");
      else if (n.nodeName === "BR") out += " ";
      else if (n.nodeName === "A" && n.getAttribute?.("href") != null) {
        const href = ctx.rewriteUrl(n.getAttribute?.("href") ?? "");
        const text = (n.textContent ?? "").replace(/\s+/g, " ").trim();
        if (safeHref(href) === undefined) {
          scriptLink(ctx, href);
          out += w.text(text);
        } else out += text ? w.link(text, href) : "";
      } else out += walk(n);
    }
    return out;
  };
  return el ? walk(el).replace(/\s+/g, " ").trim() : "";
}
