// What the link rules share: link occurrences with their checks, and a finding placed in its file.
import { canonicalUrl, isSiteUrl } from "../../crawl/url.js";
import { lineIn, stripFragment, type QaContext } from "../finding.js";

export function occurrencesWith(ctx: QaContext, pick: (verdict: string, internal: boolean, element: string) => boolean) {
  return ctx.occurrences.flatMap((o) => {
    const r = ctx.results.get(stripFragment(o.url));
    if (!r) return [];
    const u = canonicalUrl(o.url, ctx.profile);
    const internal = u !== null && isSiteUrl(u, ctx.profile);
    return pick(r.verdict, internal, o.element) ? [{ o, r }] : [];
  });
}

export const finding = (ctx: QaContext, o: { postId: string; postUrl: string; url: string; text: string }, message: string) => ({
  postId: o.postId,
  postUrl: o.postUrl,
  ...lineIn(ctx.docs.get(o.postId), o.text || o.url),
  text: o.text,
  url: o.url,
  message,
});
