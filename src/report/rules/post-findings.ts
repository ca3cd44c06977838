// What the content rules share: a post's plain text, and a finding placed in the post's file.
import { lineIn, type PostContext } from "../finding.js";

export const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;|\s+/g, " ")
    .trim();
export const base = (pc: PostContext, text: string) => ({
  postId: pc.post.id,
  postUrl: pc.post.sourceUrl,
  ...lineIn(pc.doc, text),
  text,
});
