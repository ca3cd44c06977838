// Link rules: broken links and images, dead internal links, redirects to update, bot walls, http://.
import { canonicalUrl, isSiteUrl } from "../../crawl/url.js";
import { lineIn, stripFragment, type QaContext, type Rule } from "../finding.js";

function occurrencesWith(ctx: QaContext, pick: (verdict: string, internal: boolean, element: string) => boolean) {
  return ctx.occurrences.flatMap((o) => {
    const r = ctx.results.get(stripFragment(o.url));
    if (!r) return [];
    const u = canonicalUrl(o.url, ctx.profile);
    const internal = u !== null && isSiteUrl(u, ctx.profile);
    return pick(r.verdict, internal, o.element) ? [{ o, r }] : [];
  });
}

const finding = (ctx: QaContext, o: { postId: string; postUrl: string; url: string; text: string }, message: string) => ({
  postId: o.postId,
  postUrl: o.postUrl,
  ...lineIn(ctx.docs.get(o.postId), o.text || o.url),
  text: o.text,
  url: o.url,
  message,
});

export const brokenLink: Rule = {
  id: "broken-link",
  severity: "error",
  description: "A link to another site that does not answer well (404, 410, 5xx, timeout, DNS, refused …).",
  check: (ctx) => occurrencesWith(ctx, (v, internal, el) => v === "broken" && !internal && el !== "img").map(({ o, r }) => finding(ctx, o, `broken: ${r.reason ?? r.status}`)),
};

export const brokenImage: Rule = {
  id: "broken-image",
  severity: "error",
  description: "An image or embedded resource that cannot be loaded.",
  check: (ctx) => occurrencesWith(ctx, (v, _i, el) => v === "broken" && el !== "a").map(({ o, r }) => finding(ctx, o, `broken: ${r.reason ?? r.status}`)),
};

export const deadInternalLink: Rule = {
  id: "dead-internal-link",
  severity: "error",
  description: "A link to a page of the old site that does not exist (404) or could not be fetched.",
  check: (ctx) => occurrencesWith(ctx, (v, internal, el) => v === "broken" && internal && el === "a").map(({ o, r }) => finding(ctx, o, `dead internal link: ${r.status ?? r.reason}`)),
};

export const redirectedLink: Rule = {
  id: "redirected-link",
  severity: "warning",
  description: "A link that redirects permanently: update it to the final URL.",
  check: (ctx) =>
    occurrencesWith(ctx, (v, internal) => v === "redirected" && !internal)
      .filter(({ r }) => r.permanent)
      .map(({ o, r }) => finding(ctx, o, `moved permanently to ${r.finalUrl} (${r.chain.length} redirect${r.chain.length > 1 ? "s" : ""})`)),
};

export const unverifiableLink: Rule = {
  id: "unverifiable-link",
  severity: "info",
  description: "A link behind a bot wall (999, 403 challenge, 429): not checked, never fails a run.",
  check: (ctx) => occurrencesWith(ctx, (v) => v === "unverifiable").map(({ o, r }) => finding(ctx, o, `could not be verified: ${r.reason}`)),
};

export const httpLink: Rule = {
  id: "http-link",
  severity: "warning",
  description: "A link to another site over plain http://.",
  check: (ctx) =>
    ctx.occurrences
      .filter((o) => o.url.startsWith("http://"))
      .filter((o) => {
        const u = canonicalUrl(o.url, ctx.profile);
        return !(u && isSiteUrl(u, ctx.profile));
      })
      .map((o) => finding(ctx, o, "uses http://; use https:// if the site offers it")),
};

export const missingFragment: Rule = {
  id: "missing-fragment",
  severity: "warning",
  description: "A link to a #fragment that no element of the old site's page carries.",
  check: (ctx) => (ctx.missingFragments ?? []).map((o) => finding(ctx, o, `no element with id "${decodeURIComponent(o.url.split("#")[1] ?? "")}" on the page`)),
};
