// Rule http-link: A link to another site over plain http://.
import { canonicalUrl, isSiteUrl } from "../../profiles/url.js";
import { finding } from "./link-findings.js";
import type { Rule } from "../finding.js";

export const httpLink: Rule = {
  id: "http-link",
  severity: "warning",
  description: "A link to another site over plain http://.",
  forPosts: () => (pc) =>
    pc.occurrences
      .filter((o) => o.url.startsWith("http://"))
      .filter((o) => {
        const u = canonicalUrl(o.url, pc.site.profile);
        return !(u && isSiteUrl(u, pc.site.profile));
      })
      .map((o) => finding(pc, o, "uses http://; use https:// if the site offers it")),
};
