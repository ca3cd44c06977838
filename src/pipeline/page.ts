// One saved page → the post and the Markdown file `migrate` would write for it: `mia-migrate extract`.
// Pure: bytes and a URL in. The page stands alone, so what needs the rest of the site stays as the page
// has it: links to other posts keep their old URLs (migrate points them at the new pages) and images
// are not copied (as with `migrate --no-assets`).
import { decodeBody } from "../crawl/charset.js";
import { postText } from "../extract/block-text.js";
import { extractPost, type Post } from "../extract/post.js";
import type { Document } from "../convert/document.js";
import { planSite } from "../convert/site.js";
import type { Finding } from "../config/findings.js";
import type { ConvertOptions } from "./convert.js";

export interface PageResult {
  post: Post;
  doc: Document;
  /** The body's running text, a blank line between blocks (image captions are in post.images). */
  text: string;
  findings: Finding[];
}

/** The page's own idea of its address: <link rel=canonical>, else og:url (absolute http(s) only). */
export function declaredUrl(html: string): string | undefined {
  const head = html.slice(0, 200_000);
  for (const re of [/<link\b[^>]*\brel=["']?canonical["']?[^>]*>/i, /<meta\b[^>]*\bproperty=["']og:url["'][^>]*>/i]) {
    const tag = re.exec(head)?.[0];
    const value = tag && /\b(?:href|content)=["']([^"']+)["']/i.exec(tag)?.[1];
    if (value && /^https?:\/\//i.test(value)) return value.replace(/&amp;/g, "&");
  }
  return undefined;
}

export function decodePage(bytes: Uint8Array): string {
  // A saved file has no Content-Type header: its BOM or <meta> names the charset, else it is UTF-8.
  return decodeBody(bytes, undefined, "utf-8").text;
}

export function extractPage(html: string, pageUrl: string, opts: ConvertOptions): PageResult | null {
  const post = extractPost(html, pageUrl, opts.profile, {
    leadMaxChars: opts.leadMaxChars,
    typography: opts.typography,
  });
  if (!post) return null;
  const plan = planSite([post], new Map(), new Map(), {
    profile: opts.profile,
    layout: opts.layout,
    figures: opts.figures,
    assets: false,
    slugMaxChars: opts.slugMaxChars,
    fields: opts.fields,
  });
  const doc = plan.docs[0];
  if (!doc) return null;
  return { post, doc, text: postText(post.bodyHtml), findings: plan.findings };
}
