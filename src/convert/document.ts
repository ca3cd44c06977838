// A Post → a Document: its place in the output, frontmatter and Markdown. Pure.
import type { Post } from "../extract/post.js";
import type { ConvertContext } from "./context.js";
import { renderDocument, type Frontmatter, type FrontmatterFields } from "./frontmatter.js";
import type { Place } from "./layout.js";
import { htmlToMarkdown } from "./markdown.js";

export interface Document {
  /** Path inside the output directory, always relative and inside it. */
  path: string;
  /** The page's URL on the new site. */
  url: string;
  postId: string;
  frontmatter: Frontmatter;
  markdown: string;
  /** The whole file. */
  text: string;
}

/** Old paths of the post (the canonical one first), as Hugo's `aliases` expects them: site-relative. */
export function aliasPaths(post: Post, otherUrls: readonly string[]): string[] {
  const paths = [post.sourceUrl, ...otherUrls].map((u) => {
    const url = new URL(u);
    return url.pathname + url.search;
  });
  return [...new Set(paths)];
}

export function toDocument(
  post: Post,
  slug: string,
  place: Place,
  otherUrls: readonly string[],
  ctx: ConvertContext,
  fields: FrontmatterFields,
  permalink: boolean,
): Document {
  const frontmatter: Frontmatter = {
    title: post.title,
    date: post.dateTime ?? post.date,
    slug,
    tags: post.tags,
    description: post.lead,
    draft: false,
    aliases: aliasPaths(post, otherUrls),
    images: post.images.map((i) => ({ src: ctx.rewriteUrl(i.src), alt: i.alt, caption: i.caption })),
    source_url: post.sourceUrl,
    source_id: post.id,
    ...(permalink ? { permalink: place.url } : {}),
  };
  const markdown = htmlToMarkdown(post.bodyHtml, ctx);
  return {
    path: place.file,
    url: place.url,
    postId: post.id,
    frontmatter,
    markdown,
    text: renderDocument(frontmatter, markdown, fields),
  };
}
