// What the content rules share: a post's plain text, and a finding placed in the post's file.
import { lineIn, type QaContext } from "../finding.js";

export const textOf = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&nbsp;|\s+/g, " ").trim();
export const base = (ctx: QaContext, postId: string, postUrl: string, text: string) => ({ postId, postUrl, ...lineIn(ctx.docs.get(postId), text), text });
