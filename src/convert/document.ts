// A Post → a Document: where it goes in the output, its frontmatter and its Markdown. Pure.
import type { Post } from "../extract/post.js";
import { renderDocument, type Frontmatter } from "./frontmatter.js";
import { htmlToMarkdown } from "./markdown.js";

export interface Document {
  /** Path inside the output directory, always relative and inside it. */
  path: string;
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

export function toDocument(post: Post, slug: string, otherUrls: readonly string[]): Document {
  const [year, month] = post.date.split("-");
  const frontmatter: Frontmatter = {
    title: post.title,
    date: post.dateTime ?? post.date,
    slug,
    tags: post.tags,
    description: post.lead,
    draft: false,
    aliases: aliasPaths(post, otherUrls),
    images: post.images.map((i) => ({ src: i.src, alt: i.alt, caption: i.caption })),
    source_url: post.sourceUrl,
    source_id: post.id,
  };
  const markdown = htmlToMarkdown(post.bodyHtml);
  return { path: `posts/${year}/${month}/${slug}.md`, postId: post.id, frontmatter, markdown, text: renderDocument(frontmatter, markdown) };
}
