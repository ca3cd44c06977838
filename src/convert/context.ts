// What the Markdown rules need to know about the whole migration while converting one post: where other
// posts and the site's files went, and a place to note what could not be converted cleanly.

export interface ConvertFinding {
  rule: "raw-html" | "old-site-link" | "asset-missing" | "embed-as-link" | "table-without-header";
  message: string;
  /** The text concerned (a URL, an element). */
  text: string;
}

export interface ConvertContext {
  /** A URL in the body → the URL to write in the Markdown (rewritten internal links, local assets). */
  rewriteUrl(url: string): string;
  /** How figures are written: portable Markdown (default), an HTML <figure>, or Hugo's figure shortcode. */
  figures: "markdown" | "html" | "hugo";
  findings: ConvertFinding[];
}

export const identityContext = (): ConvertContext => ({ rewriteUrl: (u) => u, figures: "markdown", findings: [] });
