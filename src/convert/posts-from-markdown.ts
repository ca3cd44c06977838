// Posts read back from a migration's Markdown alone (no snapshot at hand): each body rendered to HTML
// by markdown-it, the frontmatter giving id, title, date, tags and old URL. For checking the links of
// an output folder that was copied somewhere without its snapshot.
import MarkdownIt from "markdown-it";
import { parse } from "yaml";
import type { Post } from "../extract/post.js";
import type { OutputDoc } from "./read-output.js";

const markdown = new MarkdownIt({ html: true, linkify: false });

interface Fm {
  title?: unknown;
  date?: unknown;
  tags?: unknown;
  source_url?: unknown;
  description?: unknown;
  images?: { src?: unknown; alt?: unknown; caption?: unknown }[];
}

export function postsFromMarkdown(docs: Iterable<OutputDoc>): Post[] {
  const posts: Post[] = [];
  for (const d of docs) {
    const fm = (parse(/^---\n([\s\S]*?)\n---/.exec(d.text)?.[1] ?? "") ?? {}) as Fm;
    const date = fm.date instanceof Date ? fm.date.toISOString().slice(0, 10) : String(fm.date ?? "").slice(0, 10);
    const html = markdown.render(d.body);
    posts.push({
      id: d.postId,
      sourceUrl: String(fm.source_url ?? ""),
      title: String(fm.title ?? ""),
      date,
      dateSource: "url",
      tags: Array.isArray(fm.tags) ? fm.tags.map(String) : [],
      bodyHtml: html,
      // Read from Markdown: its own rendering is all the source there is.
      sourceHtml: html,
      images: (fm.images ?? []).map((i) => ({
        src: String(i.src ?? ""),
        alt: String(i.alt ?? ""),
        caption: i.caption === null || i.caption === undefined ? null : String(i.caption),
      })),
      links: [],
      lead: String(fm.description ?? ""),
      extractedBy: "profile",
      changes: {},
    });
  }
  return posts.sort((a, b) => a.id.localeCompare(b.id));
}
