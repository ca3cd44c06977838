// Every link and embedded resource in the posts' bodies, one occurrence each, with where it stands.
import type { AnyNode, Element } from "domhandler";
import { loadOwnHtml } from "../extract/own-html.js";
import type { Post } from "../extract/post.js";

export interface LinkOccurrence {
  /** Absolute, as written (fragment kept: fragments into the old site are checked too). */
  url: string;
  text: string;
  element: "a" | "img" | "iframe" | "source" | "video" | "audio" | "meta";
  postId: string;
  /** The post's old URL. */
  postUrl: string;
  /** Top-level block of the body (0-based). */
  block: number;
}

/** With `absoluteOnly`, relative links are left out (in Markdown read back, they are the new site's). */
export function collectLinks(post: Post, absoluteOnly = false): LinkOccurrence[] {
  const $ = loadOwnHtml(post.bodyHtml);
  const root = $.root()[0];
  // The top-level block an element stands in: its ancestor whose parent is the root.
  const blockOf = (el: AnyNode): number => {
    let n = el;
    while (n.parent && n.parent !== root) n = n.parent;
    return root?.children.indexOf(n as (typeof root.children)[number]) ?? -1;
  };
  const out: LinkOccurrence[] = [];
  const add = (raw: string | undefined, el: Element, element: LinkOccurrence["element"], text: string) => {
    if (!raw?.trim()) return;
    if (absoluteOnly && !/^(https?:|mailto:|tel:)/i.test(raw.trim())) return;
    let url = raw.trim();
    try {
      url = new URL(url, post.sourceUrl).href;
    } catch {
      /* kept as written: the checker reports it */
    }
    out.push({ url, text, element, postId: post.id, postUrl: post.sourceUrl, block: blockOf(el) });
  };
  $("a[href]").each((_, el) => add($(el).attr("href"), el, "a", $(el).text().replace(/\s+/g, " ").trim()));
  $("img").each((_, el) => {
    const alt = $(el).attr("alt") ?? "";
    add($(el).attr("src"), el, "img", alt);
    for (const part of ($(el).attr("srcset") ?? "").split(",")) add(part.trim().split(/\s+/)[0], el, "img", alt);
  });
  for (const tag of ["iframe", "source", "video", "audio"] as const)
    $(`${tag}[src]`).each((_, el) => add($(el).attr("src"), el, tag, ""));
  $('meta[http-equiv="refresh" i]').each((_, el) =>
    add(/url=(.+)$/i.exec($(el).attr("content") ?? "")?.[1], el, "meta", ""),
  );
  return out;
}
