// What the Markdown rules need to know about the whole migration while converting one post: where other
// posts and the site's files went, and a place to note what could not be converted cleanly.

import type { PostNote } from "../config/findings.js";

export interface ConvertContext {
  /** A URL in the body → the URL to write in the Markdown (rewritten internal links, local assets). */
  rewriteUrl(url: string): string;
  /** How figures are written: portable Markdown (default), an HTML <figure>, or Hugo's figure shortcode. */
  figures: "markdown" | "html" | "hugo";
  /** What could not be converted cleanly; the post, file and line are added after (convert/findings.ts). */
  findings: PostNote[];
}

export const identityContext = (): ConvertContext => ({ rewriteUrl: (u) => u, figures: "markdown", findings: [] });

/** A link, image or embed whose address would run code when followed: its text is kept, the address
 *  is not written (Hugo with raw HTML on, and other renderers, would make it a live link). */
export function scriptLink(ctx: ConvertContext, url: string): void {
  ctx.findings.push({
    rule: "script-link",
    message: "an address that would run code (javascript:, vbscript:, data:) was left out; the text is kept",
    text: url,
  });
}
