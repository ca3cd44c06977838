// What the link rules share: a post's link occurrences with their checks, and a finding placed in its file.
import { canonicalUrl, isSiteUrl } from "../../profiles/url.js";
import type { LinkOccurrence } from "../../links/collect.js";
import { lineIn, stripFragment, type PostContext } from "../finding.js";

export function occurrencesWith(
  pc: PostContext,
  pick: (verdict: string, internal: boolean, element: string) => boolean,
) {
  const { results, profile } = pc.site;
  return pc.occurrences.flatMap((o) => {
    const r = results.get(stripFragment(o.url));
    if (!r) return [];
    const u = canonicalUrl(o.url, profile);
    const internal = u !== null && isSiteUrl(u, profile);
    return pick(r.verdict, internal, o.element) ? [{ o, r }] : [];
  });
}

export const finding = (pc: PostContext, o: LinkOccurrence, message: string) => ({
  postId: o.postId,
  postUrl: o.postUrl,
  ...lineIn(pc.doc, o.text || o.url),
  text: o.text,
  url: o.url,
  message,
});
